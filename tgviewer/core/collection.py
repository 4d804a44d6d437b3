"""Pausing Python's cyclic garbage collector while a big, long-lived structure is built.

Reading a bundle makes an object per record, field and date. Each of the collector's full
passes walks every object alive, so while a million records are being made the passes cost
more the further the reading has got: half the time of a load went to them. Nothing made
while reading is garbage in a cycle, so the collector is paused meanwhile and resumes after
(reference counting still frees everything as usual).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
