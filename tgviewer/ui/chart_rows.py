"""Charts with one horizontal row per country (ranking bars, compare dumbbells): the first
country is drawn on top, at ``y = len(order) - 1``, the last at ``y = 0``."""

from __future__ import annotations

from collections.abc import Sequence


def row_y(order: Sequence[str], index: int) -> float:
    """Plot ``y`` of the ``index``-th row from the top."""
    return float(len(order) - 1 - index)


def country_at(order: Sequence[str], y: float) -> str | None:
    """The country of the row at plot coordinate ``y`` (``None`` between or beyond rows)."""
    index = round(len(order) - 1 - y)
    if 0 <= index < len(order) and abs(row_y(order, index) - y) <= 0.5:
        return order[index]
    return None
