"""Per-bundle memo of computed answers (series, totals, comparisons).

Answers are pure functions of a bundle and a question, so they are kept with the bundle
(``bundle.cache``) and forgotten with it; each kind keeps only its last few questions.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from tgviewer.core.bundle.model import Bundle

#: How many answers of each kind a bundle keeps: enough for undo-like back-and-forth between
#: filters, small enough that a long session of dragging through ranges does not grow memory.
CACHE_SIZE = 32

_T = TypeVar("_T")


def cached(bundle: Bundle, name: str, key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()``, remembered in ``bundle.cache[name]`` for the last CACHE_SIZE keys."""
    entries = bundle.cache.setdefault(name, OrderedDict())
    assert isinstance(entries, OrderedDict)
    if key in entries:
        entries.move_to_end(key)
        found: _T = entries[key]
        return found
    value = compute()
    entries[key] = value
    if len(entries) > CACHE_SIZE:
        entries.popitem(last=False)
    return value
