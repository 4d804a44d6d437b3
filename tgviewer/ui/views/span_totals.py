"""The trend's totals over longer spans: a flat dashed segment across the periods a total
covers, labelled with the country, the span and the total.

Labels sit just above their own segment, so their dashes never strike them through, and are
lifted above one another where they would overlap (:func:`~.label_layout.spread`). Segments
over the same span are dashed in turn (each country's dashes fill the others' gaps), so
totals of close value stay told apart where they lie over each other.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt

from tgviewer.core.views.formatting import format_value
from tgviewer.core.views.trend import TrendModel
from tgviewer.core.views.value_scale import ValueScale
from tgviewer.ui.style.palette import background_colour, readable_on
from tgviewer.ui.views.label_layout import spread

#: A dash's length, in line widths.
DASH = 4.0
#: How many segments over the same span take turns in the dash pattern (then it repeats).
MAX_TURNS = 4


class SpanTotalMarks:
    """The dashed segments and their labels on ``plot``, pooled from draw to draw.

    Attributes
    ----------
    drawn
        What the last draw shows: (country, segment, label).
    """

    def __init__(self, plot: pg.PlotWidget) -> None:
        self.plot = plot
        self.drawn: list[tuple[str, pg.PlotDataItem, pg.TextItem]] = []
        self._pool: list[tuple[pg.PlotDataItem, pg.TextItem]] = []
        self._heights: list[float] = []

    def _items(self, index: int) -> tuple[pg.PlotDataItem, pg.TextItem]:
        """The ``index``-th dashed segment and its label, made on first use."""
        while len(self._pool) <= index:
            segment = pg.PlotDataItem([], [])
            label = pg.TextItem("", anchor=(0, 0.5))
            self.plot.addItem(segment)
            self.plot.addItem(label, ignoreBounds=True)
            self._pool.append((segment, label))
        return self._pool[index]

    def draw(
        self, model: TrendModel, colours: dict[str, str], scale: ValueScale, width: float
    ) -> None:
        """Draw ``model``'s totals in the countries' ``colours``, lines ``width`` wide."""
        self.drawn = []
        self._heights = []
        periods = model.periods
        background = background_colour()
        spans: list[tuple[float, float]] = []
        for total in model.totals:
            covered = total.record.span
            assert covered is not None
            inside = [i for i, p in enumerate(periods) if covered.overlaps(p)]
            if not inside or math.isnan(total.value):
                continue
            xs = (inside[0] - 0.4, inside[-1] + 0.4)
            spans.append(xs)
            segment, label = self._items(len(self.drawn))
            colour = colours[total.country]
            y = scale.at(total.value)
            segment.setData(list(xs), [y, y])
            scaling = "" if total.scaling == "absolute" else f" ({total.scaling})"
            segment.setToolTip(
                f"{total.country}: {total.record.period_label} total "
                f"{format_value(total.value)}{scaling}, reported in "
                f"{total.record.reference()}; not split into its periods"
            )
            rows = model.rows_of(total.country)
            name = rows[0].name if rows else total.country
            label.setText(
                f"{name}, {total.record.period_label} total: {format_value(total.value)}",
                color=readable_on(colour, background),
            )
            label.setPos(xs[0], y)
            segment.setVisible(True)
            label.setVisible(True)
            self.drawn.append((total.country, segment, label))
            self._heights.append(y)
        for index, (_, segment, _) in enumerate(self.drawn):
            same = [i for i, xs in enumerate(spans) if xs == spans[index]]
            turns, turn = min(len(same), MAX_TURNS), same.index(index) % MAX_TURNS
            pen = pg.mkPen(colours[self.drawn[index][0]], width=width * 2)
            pen.setStyle(Qt.PenStyle.CustomDashLine)
            pen.setDashPattern([DASH, DASH * (turns - 1)] if turns > 1 else [DASH, DASH * 0.75])
            pen.setDashOffset(DASH * turn)
            segment.setPen(pen)
        for segment, label in self._pool[len(self.drawn) :]:
            segment.setData([], [])
            segment.setVisible(False)
            label.setVisible(False)

    def lay_out(self) -> None:
        """Put each label just above its segment, lifting labels that would overlap; labels
        starting at the same period are spread together (others do not meet)."""
        view = self.plot.getViewBox()
        y0, y1 = view.viewRange()[1]
        height = view.height()
        if height <= 0 or not self.drawn:
            return
        per_y = height / ((y1 - y0) or 1.0)
        by_start: dict[float, list[int]] = {}
        for index, (_, _, label) in enumerate(self.drawn):
            by_start.setdefault(label.pos().x(), []).append(index)
        for group in by_start.values():
            labels = [self.drawn[i][2] for i in group]
            tall = max(label.textItem.boundingRect().height() for label in labels)
            lines = [(self._heights[i] - y0) * per_y for i in group]
            placed = _above_lines(lines, tall, max(height, tall * (len(group) + 1)))
            for label, at in zip(labels, placed, strict=True):
                label.setPos(label.pos().x(), y0 + at / per_y)


def _above_lines(lines: list[float], tall: float, top: float) -> list[float]:
    """Centres for labels ``tall`` high, each above its own line (pixels up from the plot's
    foot), none overlapping another, and none crossed by another label's line."""
    wanted = [y + tall / 2 + 1 for y in lines]
    placed = list(wanted)
    for _ in range(len(lines) + 1):
        placed = spread(wanted, tall, 0.0, top) or placed
        crossed = False
        for i, centre in enumerate(placed):
            for y in lines:
                if centre - tall / 2 < y < centre + tall / 2:
                    wanted[i] = max(wanted[i], y + tall / 2 + 1)
                    crossed = True
        if not crossed:
            break
    # The same places, the lowest total's label lowest: each label stays above its own line
    # (every label was above its own, so the k-th lowest place is above the k-th lowest line).
    places = sorted(placed)
    result = [0.0] * len(lines)
    for place, i in zip(places, sorted(range(len(lines)), key=lambda i: lines[i]), strict=True):
        result[i] = place
    return result
