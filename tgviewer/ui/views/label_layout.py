"""Where labels go on a chart: spread apart along one axis, the room they need at the right,
and how many axis labels fit. Plain arithmetic on pixel sizes (no Qt), so tested alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tgviewer.core.figures.label_placement import Box


def spread(wanted: Sequence[float], height: float, low: float, high: float) -> list[float] | None:
    """Positions for labels ``height`` tall, each as near its ``wanted`` centre as the others
    allow, none overlapping and all between ``low`` and ``high``; in the order given.

    A greedy pass upwards pushes each label above the one below it, then a pass downwards
    pulls them under ``high``. ``None`` when they cannot all fit.
    """
    if not wanted:
        return []
    if len(wanted) * height > high - low:
        return None
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [min(max(wanted[i], low + height / 2), high - height / 2) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + height)
    placed[-1] = min(placed[-1], high - height / 2)
    for k in range(len(placed) - 2, -1, -1):
        placed[k] = min(placed[k], placed[k + 1] - height)
    result = [0.0] * len(wanted)
    for k, i in enumerate(order):
        result[i] = placed[k]
    return result


def right_margin(label_width: float, plot_width: float, count: int, share: float) -> float | None:
    """How many period widths to add at the right of ``count`` periods so that a label
    ``label_width`` pixels wide fits beside the last one, on a plot ``plot_width`` pixels
    wide; ``None`` when the labels would take more than ``share`` of the plot's width."""
    if plot_width <= 0 or label_width > share * plot_width:
        return None
    return label_width * count / (plot_width - label_width)


def label_step(label_width: float, period_width: float) -> int:
    """Label every n-th period so that labels ``label_width`` pixels wide (gap included)
    do not overlap, periods being ``period_width`` pixels apart."""
    if period_width <= 0:
        return 1
    return max(1, math.ceil(label_width / period_width))


def labelled(count: int, step: int) -> list[int]:
    """The periods labelled when every ``step``-th is: counted back from the last, the
    latest figures being those a reader looks for first."""
    return sorted(range(count - 1, -1, -step))


def legend_rows(budget: float, row_height: float) -> int:
    """How many rows ``row_height`` pixels tall fit in ``budget`` pixels."""
    if row_height <= 0:
        return 0
    return max(0, math.floor(budget / row_height))


def crosses(
    rect: tuple[float, float, float, float], start: tuple[float, float], end: tuple[float, float]
) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``rect`` (left, top,
    right, bottom)."""
    left, top, right, bottom = rect
    return Box(left, top, right - left, bottom - top).crossed_by(start, end)
