"""Pausing Python's cyclic garbage collector while a big, long-lived structure is built.

Reading a bundle makes an object per record, field and date. Each of the collector's full
passes walks every object alive, so while a million records are being made the passes cost
more the further the reading has got: half the time of a load went to them. Nothing made
while reading is garbage in a cycle, so the collector is paused meanwhile and resumes after
(reference counting still frees everything as usual).

Once resumed, the collector would soon make one full pass over all that was read (Python
runs one when the objects that outlived the last full pass grow by a quarter): a pause of a
third of a second at 100,000 records, landing on whatever the user does next, the first
chart most often. After a big read, :func:`settle` makes that pass at once, while the
reading is still under way (in the background, for a big bundle opened from the window).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Objects made by a read above this many are settled at once (see :func:`settle`).
SETTLE_ABOVE = 200_000


def settle(objects_made: int) -> None:
    """After a read that made ``objects_made`` objects, make the collector's next full pass
    now rather than at the next allocation (nothing when the read was small, or while the
    collector is paused, as during start-up)."""
    if objects_made > SETTLE_ABOVE and gc.isenabled():
        gc.collect()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block; it resumes as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
