"""The ranking view: horizontal bars for the selected countries in one period.

Contract: the bars are rebuilt from ``series_rows`` for the ranking period whenever the
state changes countries, periods, measure, normalisation, service or ``ranking_period``.
The period is the end of the range unless the user picks another in the view's own
selector, which writes ``ranking_period`` into the store. Bars are sorted, largest on top,
with the value at the bar end. A country without a figure for the period is listed below
the bars as "no figure", never drawn as a zero-length bar.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.series import SeriesRow, measure_label, scale_label, series_rows
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.state.view_state import ViewState
from tgviewer.core.views.data_table import DataTable, series_table
from tgviewer.core.views.formatting import (
    NO_COUNTRY_MESSAGE,
    NO_PERIOD_MESSAGE,
    describe_row,
    format_value,
    unscalable_message,
)
from tgviewer.core.views.value_scale import FOOT_NOTE, LOG_NOTE, ZERO_MARK, ZERO_SYMBOL, ValueScale
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.chart_style import style_axes
from tgviewer.ui.style.palette import country_colours, muted_text_colour, text_colour
from tgviewer.ui.views.chart_rows import country_at, hover_row, label_rows, row_y

BAR_HEIGHT = 0.7


class RankingView(QWidget):
    """Bars for one period; see the module docstring."""

    #: The country under the mouse (empty string when none), for the details panel.
    hovered = Signal(str)

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.period = QComboBox()
        self.period.setAccessibleName("Ranking period")
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.activated.connect(self._period_chosen)
        self.caption = QLabel()
        self.caption.setObjectName("rankingCaption")
        top = QHBoxLayout()
        top.addWidget(QLabel("Period"))
        top.addWidget(self.period)
        top.addWidget(self.caption, 1)

        self.plot = pg.PlotWidget(background=None)
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        style_axes(self.plot)
        self.plot.hideButtons()
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setObjectName("emptyMessage")
        self._stack = QStackedLayout()
        self._stack.addWidget(self.plot)
        self._stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._stack, 1)

        #: Country codes from the top bar down: bars first, then those without a figure.
        self.order: list[str] = []
        #: Countries with no figure for the period, in selection order.
        self.missing: list[str] = []
        self.bars: pg.BarGraphItem | None = None
        #: Zeros at the foot of a log axis, marked (empty on a linear axis).
        self.zero_marks = pg.ScatterPlotItem()
        self.scale = ValueScale()
        self.value_labels: dict[str, pg.TextItem] = {}
        self.tooltips: dict[str, str] = {}
        self.shown_period: QuarterSpan | None = None

    def show_message(self, text: str) -> None:
        """Replace the chart by a sentence saying what to do."""
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)

    def _period_chosen(self, index: int) -> None:
        periods = self.store.state.periods()
        chosen = self.period.itemData(index)
        # The end of the range is the default; storing it would pin the ranking when the
        # range later moves.
        last = periods[-1].code if periods else None
        self.store.update(ranking_period=None if chosen == last else chosen)

    def _fill_periods(self, periods: list[QuarterSpan], shown: QuarterSpan | None) -> None:
        blocker = QSignalBlocker(self.period)
        self.period.clear()
        for span in periods:
            self.period.addItem(span.label, span.code)
        if shown is not None:
            self.period.setCurrentIndex(max(0, self.period.findData(shown.code)))
        del blocker

    def draw(self, bundle: Bundle, state: ViewState) -> None:
        """Rebuild the bars from ``bundle`` and ``state``."""
        self.plot.clear()
        self.order, self.missing, self.value_labels, self.tooltips = [], [], {}, {}
        #: The rows of the period shown, in bar order, then those without a figure.
        self.rows: list[SeriesRow] = []
        self.bars = None
        self.scale = ValueScale()
        periods = state.periods()
        shown = state.ranking_span()
        if shown not in periods:
            shown = periods[-1] if periods else None
        self.shown_period = shown
        self._fill_periods(periods, shown)
        if not state.countries:
            self.caption.setText("")
            self.show_message(NO_COUNTRY_MESSAGE)
            return
        if shown is None:
            self.caption.setText("")
            self.show_message(NO_PERIOD_MESSAGE)
            return
        found = series_rows(bundle, state, [shown])
        known = sorted((r for r in found if r.known), key=lambda r: (-r.value, r.country))
        unknown = [r for r in found if not r.known]
        self.missing = [r.country for r in unknown]
        self.rows = known + unknown
        words = scale_label(state)
        measure = measure_label(bundle, state.measure)
        self.caption.setText(f"{measure}{', ' + words if words else ''}, {shown.label}")
        if not known:
            self.show_message(unscalable_message(found) or (
                f"No figure is known for the selected countries in {shown.label}."
                "\nPick another period above, or widen the range."))
            return
        self._stack.setCurrentWidget(self.plot)
        colours = country_colours(state.countries)
        self.order = [r.country for r in known] + self.missing
        ys = [row_y(self.order, i) for i in range(len(known))]
        values = [r.value for r in known]
        scale = ValueScale.fit(values, state.log_scale)
        self.scale = scale
        self.bars = pg.BarGraphItem(
            x0=scale.origin, y=ys, height=BAR_HEIGHT,
            width=[scale.at(v) - scale.origin for v in values],
            brushes=[pg.mkBrush(colours[r.country]) for r in known],
            pens=[pg.mkPen(None)] * len(values))
        self.plot.addItem(self.bars)
        at_foot = [(y, r) for y, r in zip(ys, known, strict=True) if scale.at_foot(r.value)]
        self.zero_marks = pg.ScatterPlotItem(
            x=[scale.origin] * len(at_foot), y=[y for y, _ in at_foot], symbol=ZERO_SYMBOL,
            size=12, brush=[pg.mkBrush(colours[r.country]) for _, r in at_foot],
            pen=pg.mkPen(text_colour()))
        self.plot.addItem(self.zero_marks)
        for y, value, row in zip(ys, values, known, strict=True):
            marker = "" if row.status == "reported" else " (derived)"
            marker += " ⚠" if row.inconsistent else ""
            marker += f" {ZERO_MARK} at the foot of the log axis" if scale.at_foot(value) else ""
            label = pg.TextItem(f" {format_value(value)}{marker}", color=text_colour(),
                                anchor=(0, 0.5))
            label.setPos(scale.at(value), y)
            self.plot.addItem(label)
            self.value_labels[row.country] = label
        for offset, row in enumerate(unknown):
            y = row_y(self.order, len(known) + offset)
            why = (f" not drawn: {row.scaling}" if row.raw == row.raw
                   else " no figure for this period")
            label = pg.TextItem(why, color=muted_text_colour(), anchor=(0, 0.5))
            label.setPos(scale.origin, y)
            self.plot.addItem(label)
            self.value_labels[row.country] = label
        unit = measure.lower()
        for row in found:
            self.tooltips[row.country] = describe_row(row, unit) + (
                "\n" + FOOT_NOTE
                if scale.at_foot(row.value) else "")
        names = {row.country: row.name for row in found}
        label_rows(self.plot, [f"{names[c]} ({c})" for c in self.order])
        self.plot.setLabel("bottom", "; ".join(filter(None, [words, LOG_NOTE * scale.log])))
        # Room at the right for the value labels.
        low, high = scale.span(values, headroom=1.0)
        low = scale.origin if not scale.log else low
        self.plot.getAxis("bottom").setTicks(scale.ticks(low, high))
        self.plot.setXRange(low, high + 0.18 * (high - low), padding=0)

    def data_table(self, bundle: Bundle, state: ViewState) -> DataTable:
        """The figures drawn, largest first, then the countries listed without one."""
        return series_table(bundle, state, self.rows)

    def country_at(self, y: float) -> str | None:
        """The country of the bar at plot coordinate ``y``."""
        return country_at(self.order, y)

    def _mouse_moved(self, position: QPointF) -> None:
        if self.order:
            self.hovered.emit(hover_row(self.plot, self.order, self.tooltips, position) or "")
