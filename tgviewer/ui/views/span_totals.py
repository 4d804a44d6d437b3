"""The trend's totals over longer spans: a flat dashed segment across the periods a total
covers, labelled with the country, the span and the total.

Labels sit just above their own segment, so their dashes never strike them through. A label
is printed only where it has room: with more than :data:`MAX_LABELS` totals none is, and a
label that would cover a point, a line, another label or a mark, or reach past the plot, is
left off. Every segment says its total when hovered (:meth:`SpanTotalMarks.near`), labelled
or not. Segments over the same span are dashed in turn (each country's dashes fill the
others' gaps), so totals of close value stay told apart where they lie over each other.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt

from tgviewer.core.views.formatting import format_value
from tgviewer.core.views.trend import TrendModel
from tgviewer.core.views.value_scale import ValueScale
from tgviewer.ui.style.palette import background_colour, readable_on
from tgviewer.ui.views.label_layout import crosses
from tgviewer.ui.views.scene_geometry import scene_box

#: A dash's length, in line widths.
DASH = 4.0
#: How many segments over the same span take turns in the dash pattern (then it repeats).
MAX_TURNS = 4
#: The most totals labelled on the chart; with more, none is (their tooltips say them).
MAX_LABELS = 6
#: How close, in pixels, the mouse must be to a segment for its tooltip.
HOVER_DISTANCE = 6.0


class SpanTotalMarks:
    """The dashed segments and their labels on ``plot``, pooled from draw to draw.

    Attributes
    ----------
    drawn
        What the last draw shows: (country, segment, label); a label left off is hidden.
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

    @property
    def may_label(self) -> bool:
        """Whether any total may be labelled (there are some, and not too many)."""
        return 0 < len(self.drawn) <= MAX_LABELS

    @property
    def unlabelled(self) -> int:
        """How many totals drawn are not labelled (their tooltips say them)."""
        return sum(not label.isVisible() for _, _, label in self.drawn)

    def lay_out(
        self, taken: Sequence[QRectF] = (), lines: Sequence[Sequence[QPointF]] = ()
    ) -> None:
        """Put each label just above its own segment, or leave it off where it would cover
        one of the ``taken`` places, cross one of the ``lines`` (points in the scene's
        coordinates), another total's segment or label, or reach past the plot. A label is
        never lifted away from its segment: one far above it would name the wrong line."""
        for _, _, label in self.drawn:
            label.setVisible(False)
        view = self.plot.getViewBox()
        y0, y1 = view.viewRange()[1]
        height = view.height()
        if height <= 0 or not self.drawn or len(self.drawn) > MAX_LABELS:
            return
        per_y = height / ((y1 - y0) or 1.0)
        segments = [self._scene_line(segment) for _, segment, _ in self.drawn]
        plot_area = view.sceneBoundingRect()
        kept: list[QRectF] = []
        # The highest totals first: those near the foot meet the crowd of small figures.
        for index in sorted(range(len(self.drawn)), key=lambda i: -self._heights[i]):
            label = self.drawn[index][2]
            tall = label.textItem.boundingRect().height()
            centre = (self._heights[index] - y0) * per_y + tall / 2 + 1
            label.setPos(label.pos().x(), y0 + centre / per_y)
            box = scene_box(label)
            others = [line for i, line in enumerate(segments) if i != index]
            if (
                plot_area.contains(box)
                and not any(box.intersects(other) for other in (*taken, *kept))
                and not _crossed(box, [*lines, *others])
            ):
                label.setVisible(True)
                kept.append(box)

    def _scene_line(self, segment: pg.PlotDataItem) -> list[QPointF]:
        """The ends of ``segment`` in the scene's coordinates."""
        view = self.plot.getViewBox()
        xs, ys = segment.getData()
        return [
            view.mapViewToScene(QPointF(float(x), float(y))) for x, y in zip(xs, ys, strict=True)
        ]

    def near(self, scene_position: QPointF) -> str | None:
        """The tooltip of the segment under ``scene_position`` (within a few pixels)."""
        view = self.plot.getViewBox()
        for _, segment, _ in self.drawn:
            xs, ys = segment.getData()
            if xs is None or len(xs) < 2:
                continue
            start = view.mapViewToScene(QPointF(float(xs[0]), float(ys[0])))
            end = view.mapViewToScene(QPointF(float(xs[-1]), float(ys[-1])))
            if (
                start.x() - HOVER_DISTANCE <= scene_position.x() <= end.x() + HOVER_DISTANCE
                and abs(scene_position.y() - start.y()) <= HOVER_DISTANCE
            ):
                return str(segment.toolTip())
        return None


def _crossed(box: QRectF, lines: Sequence[Sequence[QPointF]]) -> bool:
    """Whether one of ``lines`` (polylines of scene points) passes through ``box``."""
    rect = (box.left(), box.top(), box.right(), box.bottom())
    for points in lines:
        for a, b in itertools.pairwise(points):
            if crosses(rect, (a.x(), a.y()), (b.x(), b.y())):
                return True
    return False
