"""How much of the trend's legend is shown: never more than :data:`LEGEND_SHARE` of the
plot's height, so the chart keeps most of its area however many countries are drawn.

Beyond that share the legend lists the lines with the highest latest figures, as many as
fit, and the note below the plot counts the others (``+34 more — hover a line for its
name``), as Our World in Data's grapher does. Plain arithmetic on the legend's names and the
room given (the font's sizes measured once), so the trend lays it out on every resize.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication

from tgviewer.ui.views.label_layout import legend_rows

#: The most of the plot's height (legend and note included) the legend may take.
LEGEND_SHARE = 0.25
#: The legend's text size, in points (as the trend makes it).
LEGEND_POINTS = 10.0
#: An entry's width beyond its words: the line sample (20) and the gap between columns.
ENTRY_EXTRA = 20 + 8 + 24
#: The legend's own margins, top and bottom, in pixels.
LEGEND_MARGINS = 10.0


@dataclass(frozen=True)
class LegendFit:
    """Which entries the legend shows, in order (indices into all the entries), and how
    many it leaves out."""

    shown: tuple[int, ...]
    more: int


def legend_font() -> QFont:
    """The font of the legend's names."""
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(LEGEND_POINTS)
    return font


def fit_legend(
    names: Sequence[str],
    ranks: Sequence[float],
    width: float,
    height: float,
    note_lines: int = 0,
) -> LegendFit:
    """The entries of a legend of ``names`` that fit in :data:`LEGEND_SHARE` of ``height``
    across ``width`` (both in the plot's scene pixels): all of them, in order, where they
    fit; else those of the highest ``ranks`` (a line's latest figure), highest first, the
    room of a line left for the note counting the others. The note's other ``note_lines``
    are counted in the share."""
    if not names:
        return LegendFit((), 0)
    metrics = QFontMetricsF(legend_font())
    row = metrics.height() + 6
    widest = max(metrics.horizontalAdvance(name) for name in names) + ENTRY_EXTRA
    columns = max(1, min(len(names), int(width // widest)))
    budget = LEGEND_SHARE * height - LEGEND_MARGINS - note_lines * row
    if math.ceil(len(names) / columns) <= legend_rows(budget, row):
        return LegendFit(tuple(range(len(names))), 0)
    room = legend_rows(budget - row, row) * columns  # a row kept for the note
    order = sorted(range(len(names)), key=lambda i: -ranks[i])
    return LegendFit(tuple(order[:room]), len(names) - min(room, len(names)))


def more_note(more: int, hovered: bool = True) -> str:
    """What the note says of the countries the legend leaves out: on screen, where to find
    their names; in an exported image, which no one can hover, only how many."""
    if not more:
        return ""
    return f"+{more} more — hover a line for its name" if hovered else f"+{more} more not named"
