"""The ranking view: horizontal bars for the selected countries in one period.

Contract: the bars are rebuilt from the :class:`~tgviewer.core.views.ranking.RankingModel`
whenever a field the ranking is drawn from changes (``INPUTS[ViewKind.RANKING]``). The
period is the latest of the range where the most selected countries have a figure, unless
the user picks another in the view's own selector, which writes ``ranking_period`` into the
store; the selector lists the range's periods, then the years, halves and quarters of other
lengths inside the range, so a year is ranked in a quarterly view without changing the
period length. Bars are sorted, largest on top, all in one colour, with the value at the
bar end (then ⚠ when records disagree, † when a record has more requests than users); the
grid runs behind them. A country without a figure for the period is never drawn as a
zero-length bar: a few are rows of their own under the bars ("no figure for this period"),
more are listed below the chart (the model's ``left_out``).

Every row is at least a line of text high, at any zoom: when the rows do not fit in the
window the plot grows taller than it and scrolls (an export, laid out at its own size,
draws the plot as it is given).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QSignalBlocker, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QComboBox, QFrame, QScrollArea, QWidget

from tgviewer.core.bundle.cautions import CAUTION_MARK
from tgviewer.core.periods.spans import parse_span
from tgviewer.core.state.view_state import ViewKind
from tgviewer.core.views.formatting import describe_row, format_value
from tgviewer.core.views.ranking import RankingModel, unranked_reason
from tgviewer.core.views.rules import ranking_choice
from tgviewer.core.views.value_scale import FOOT_NOTE, ZERO_MARK, ZERO_SYMBOL, ValueScale
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.chart_style import zoom_of
from tgviewer.ui.style.palette import muted_text_colour, text_colour, theme_colours
from tgviewer.ui.views.chart_rows import (
    country_at,
    fit_value_labels,
    hover_row,
    label_rows,
    row_y,
)
from tgviewer.ui.views.plot import PlotView

BAR_HEIGHT = 0.7
#: A row's height, in lines of the axis's text: names on neighbouring rows never touch.
ROW_LINES = 1.3
#: The plot's height beyond its rows (the bottom axis, its label, the margins), in lines.
FRAME_LINES = 4.0
#: Qt's "no maximum" for a widget's size (an export fixes the plot's size instead).
UNLIMITED = 16777215


def log_note(scale: ValueScale, values: list[float]) -> str:
    """What the axis adds on a log scale, short enough to be read whole at 1024 pixels: the
    zero mark is explained only when a zero is drawn (its bar's label says more)."""
    if not scale.log:
        return ""
    return f"log scale; {ZERO_MARK} = 0" if any(scale.at_foot(v) for v in values) else "log scale"


def bar_colour() -> str:
    """The one colour of the bars: they all show the same measure, so they are not told
    apart by a palette that would repeat past sixteen countries (a country's name is on its
    row). The theme's first colour, blue, readable on its background."""
    return theme_colours()[0]


class RankingView(PlotView[RankingModel]):
    """Bars for one period; see the module docstring."""

    kind = ViewKind.RANKING

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(store, "Countries without a figure", parent=parent, grid_x=True)
        #: The plot in a scroll area: as tall as its rows need, scrolled when taller than
        #: the window.
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart.removeWidget(self.plot)
        self.scroller.setWidget(self.plot)
        self.chart.insertWidget(0, self.scroller)
        self.chart.setCurrentWidget(self.scroller)
        self.body = self.scroller
        # The wheel over the plot scrolls it (the plot itself neither zooms nor pans).
        self.plot.viewport().installEventFilter(self)
        # No tick marks by the names: pyqtgraph draws them inwards, across the bars.
        self.plot.getAxis("left").setStyle(tickLength=0)
        self.period = QComboBox()
        self.period.setAccessibleName("Ranking period")
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.activated.connect(self._period_chosen)
        self.add_choice("Period", self.period)
        self.controls.addStretch(1)
        #: Country codes from the top bar down: bars first, then those without a figure.
        self.order: list[str] = []
        self.bars: pg.BarGraphItem | None = None
        #: Zeros at the foot of a log axis, marked (empty on a linear axis).
        self.zero_marks = pg.ScatterPlotItem()
        self.scale = ValueScale()
        self.value_labels: dict[str, pg.TextItem] = {}
        self.tooltips: dict[str, str] = {}
        #: The values' span along the axis, before room is made for the labels.
        self.value_range: tuple[float, float] | None = None
        self.plot.getViewBox().sigResized.connect(self.fit_labels)

    def _period_chosen(self, index: int) -> None:
        if self.model is None or self.period.itemData(index) is None:
            return
        chosen = parse_span(self.period.itemData(index))
        self.store.update(
            ranking_period=ranking_choice(self.model.bundle, self.store.state, chosen)
        )

    def draw_controls(self, model: RankingModel) -> None:
        blocker = QSignalBlocker(self.period)
        self.period.clear()
        length = None
        for index, span in enumerate(model.choices):
            # The range's periods, then years, halves, quarters: a line between kinds.
            if index and span.length != length and index >= len(model.state.periods()):
                self.period.insertSeparator(self.period.count())
            length = span.length
            self.period.addItem(span.label, span.code)
        if model.period is not None:
            self.period.setCurrentIndex(max(0, self.period.findData(model.period.code)))
        del blocker

    def clear_chart(self) -> None:
        self.plot.clear()
        if self.plot.maximumHeight() >= UNLIMITED:
            self.plot.setMinimumHeight(0)
        self.order, self.value_labels, self.tooltips = [], {}, {}
        self.bars = None
        self.scale = ValueScale()
        self.value_range = None

    def draw_chart(self, model: RankingModel) -> None:
        """Rebuild the bars from ``model``."""
        self.clear_chart()
        known = model.ranked
        unknown = model.unranked if model.unranked_drawn else ()
        colour = bar_colour()
        self.order = [r.country for r in model.drawn_rows]
        ys = [row_y(self.order, i) for i in range(len(known))]
        values = [r.value for r in known]
        scale = self.scale = ValueScale.fit(values, model.state.log_scale)
        self.bars = pg.BarGraphItem(
            x0=scale.origin,
            y=ys,
            height=BAR_HEIGHT,
            width=[scale.at(v) - scale.origin for v in values],
            brushes=[pg.mkBrush(colour)] * len(values),
            pens=[pg.mkPen(None)] * len(values),
        )
        self.plot.addItem(self.bars)
        # The grid is drawn by the axis: behind the plot's items, so never across a bar.
        self.plot.getAxis("bottom").setZValue(-1)
        at_foot = [(y, r) for y, r in zip(ys, known, strict=True) if scale.at_foot(r.value)]
        self.zero_marks = pg.ScatterPlotItem(
            x=[scale.origin] * len(at_foot),
            y=[y for y, _ in at_foot],
            symbol=ZERO_SYMBOL,
            size=12,
            brush=pg.mkBrush(colour),
            pen=pg.mkPen(text_colour()),
        )
        self.plot.addItem(self.zero_marks)
        for y, value, row in zip(ys, values, known, strict=True):
            marker = "" if row.status == "reported" else " (derived)"
            marker += " ⚠" if row.inconsistent else ""
            marker += f" {CAUTION_MARK}" if row.caution else ""
            marker += f" {ZERO_MARK} at the foot of the log axis" if scale.at_foot(value) else ""
            label = pg.TextItem(
                f" {format_value(value)}{marker}", color=text_colour(), anchor=(0, 0.5)
            )
            label.setPos(scale.at(value), y)
            self.plot.addItem(label)
            self.value_labels[row.country] = label
        for offset, row in enumerate(unknown):
            y = row_y(self.order, len(known) + offset)
            label = pg.TextItem(
                " " + unranked_reason(row), color=muted_text_colour(), anchor=(0, 0.5)
            )
            label.setPos(scale.origin, y)
            self.plot.addItem(label)
            self.value_labels[row.country] = label
        for row in model.drawn_rows:
            self.tooltips[row.country] = describe_row(row, model.unit) + (
                "\n" + FOOT_NOTE if scale.at_foot(row.value) else ""
            )
        label_rows(self.plot, [f"{r.name} ({r.country})" for r in model.drawn_rows])
        self.fit_rows()
        self.plot.setLabel(
            "bottom", "; ".join(filter(None, [model.axis_label, log_note(scale, values)]))
        )
        low, high = scale.span(values, headroom=1.0)
        positive = [v for v in values if v > 0]
        if not scale.log:
            low = scale.origin
        elif positive and low > scale.origin:
            # No zero: from a power of ten below the smallest bar, so it is not a sliver.
            low = min(low, math.floor(math.log10(min(positive))))
        self.plot.getAxis("bottom").setTicks(scale.ticks(low, high))
        self.value_range = (low, high)
        self.fit_labels()

    def row_pixels(self) -> float:
        """The least height of a row, in pixels at the zoom: a line of the axis's text, and
        no less than the value labels (whose text has a margin around it)."""
        font = self.plot.getAxis("left").style.get("tickFont") or self.plot.font()
        line = QFontMetricsF(font).height() * ROW_LINES
        labels = (label.boundingRect().height() + 1 for label in self.value_labels.values())
        return float(max([line, *labels])) * zoom_of(self.plot)

    def fit_rows(self) -> None:
        """Make the plot tall enough for every row to be a line of text high; the scroll
        area scrolls it when the window is shorter. An export fixes the plot's size: then
        it is drawn at that size."""
        if self.plot.maximumHeight() < UNLIMITED:
            return
        font = self.plot.getAxis("left").style.get("tickFont") or self.plot.font()
        frame = QFontMetricsF(font).height() * FRAME_LINES * zoom_of(self.plot)
        self.plot.setMinimumHeight(round(len(self.order) * self.row_pixels() + frame))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hand the wheel over the plot to the scroll area's bar."""
        if event.type() == QEvent.Type.Wheel and watched is self.plot.viewport():
            QApplication.sendEvent(self.scroller.verticalScrollBar(), event)
            return True
        return super().eventFilter(watched, event)

    def exported_widget(self) -> QWidget:
        """The plot itself, not its scroll area: an export lays it out at its own size."""
        return self.plot if self.showing_chart else self.message

    def fit_labels(self) -> None:
        """Widen the value axis just enough for every value label to end inside the plot
        (counted in pixels, so again whenever the plot is resized)."""
        if self.value_range is None:
            return
        low, high = self.value_range
        fit_value_labels(self.plot, low, high, self.value_labels.values())

    def zoom(self, factor: float) -> None:
        super().zoom(factor)
        self.fit_labels()  # the labels' text grew or shrank

    def country_at(self, y: float) -> str | None:
        """The country of the bar at plot coordinate ``y``."""
        return country_at(self.order, y)

    def mouse_moved(self, position: QPointF) -> None:
        if self.order:
            country = hover_row(self.plot, self.order, self.tooltips, position)
            self.details_wanted.emit(country or "", "")
