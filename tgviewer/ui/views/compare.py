"""The compare view: period A against period B, one dumbbell row per selected country.

Contract: rebuilt from :func:`compare_periods` whenever the countries, measure,
normalisation, service, ``compare_a``/``compare_b`` or ``compare_order`` change. When the
state names no periods, the like-for-like pair covering the most selected countries is used
(the first suggestion). Each row joins A (hollow) to B (filled) and ends with the change
and the percentage change; countries unknown in A or B are listed below the chart with the
reason, never drawn. Unequal periods are compared as per-quarter averages, and a note above
the chart says so.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.comparison import CompareRow, Comparison, Side, compare_periods
from tgviewer.core.figures.series import measure_label
from tgviewer.core.figures.suggestions import Suggestion, suggest_comparisons
from tgviewer.core.periods.spans import QuarterSpan, parse_span, period_choices
from tgviewer.core.state.view_state import USERS_PER_REQUEST, CompareOrder, Normalisation, ViewState
from tgviewer.core.views.data_table import COMPARE_COLUMNS, DataTable, comparison_table
from tgviewer.core.views.formatting import NO_COUNTRY_MESSAGE, STATUS_WORDS, format_value
from tgviewer.core.views.value_scale import FOOT_NOTE, LOG_NOTE, ZERO_SYMBOL, ValueScale
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.chart_style import style_axes
from tgviewer.ui.style.palette import muted_text_colour, text_colour
from tgviewer.ui.views.chart_rows import country_at, hover_row, label_rows, row_y
from tgviewer.ui.views.left_out_list import LeftOutList, chart_over_list

#: Okabe-Ito blue for A and vermillion for B: apart for every common colour-vision deficiency,
#: and told apart by shape too (A hollow, B filled).
COLOUR_A, COLOUR_B = "#0072B2", "#D55E00"
SYMBOL_SIZE = 13
ORDER_LABELS = (
    (CompareOrder.PERCENT, "% change"), (CompareOrder.CHANGE, "change"),
    (CompareOrder.B, "B"), (CompareOrder.A, "A"), (CompareOrder.NAME, "name"),
)
MAX_SUGGESTIONS = 4


def describe_side(side: Side, unit: str) -> str:
    """One line per period for a tooltip: the figure, how it is known, how it is scaled."""
    text = (f"{side.span.label}: {format_value(side.value)} {unit} · "
            f"{STATUS_WORDS.get(side.status.value, side.status.value)} — {side.explanation}")
    if side.scaling != "absolute":
        text += f"\n    {side.scaling}; the records give {format_value(side.raw)}"
    return text


def change_text(row: CompareRow) -> str:
    """``+9,330% (115 → 10,844)``: the percentage change, then A and B."""
    if row.percent is not None:
        percent = f"{row.percent:+,.1f}%".replace("-", "−")
    else:
        percent = "unchanged" if row.b.value == 0 else "from 0"
    flag = " ⚠" if row.inconsistent else ""
    return f" {percent} ({format_value(row.a.value)} → {format_value(row.b.value)}){flag}"


class CompareView(QWidget):
    """Dumbbells for two periods; see the module docstring."""

    #: The country under the mouse or picked in the list (empty when none), for the details.
    hovered = Signal(str)

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.a_period = self._combo("Period A")
        self.b_period = self._combo("Period B")
        self.a_period.activated.connect(lambda _: self._periods_chosen())
        self.b_period.activated.connect(lambda _: self._periods_chosen())
        self.sort = self._combo("Sort by")
        for order, label in ORDER_LABELS:
            self.sort.addItem(label, order.value)
        self.sort.activated.connect(
            lambda i: self.store.update(compare_order=CompareOrder(self.sort.itemData(i))))
        top = QHBoxLayout()
        for text, widget in (("A", self.a_period), ("against B", self.b_period),
                             ("Sort by", self.sort)):
            top.addWidget(QLabel(text))
            top.addWidget(widget)
        top.addStretch(1)
        self.suggestion_row = QHBoxLayout()
        self.suggestion_row.addWidget(QLabel("Like-for-like:"))
        self.suggestion_buttons: list[QPushButton] = []
        self.suggestions: list[Suggestion] = []
        self.suggestion_row.addStretch(1)
        self.caption = QLabel(wordWrap=True)
        self.caption.setObjectName("compareCaption")
        self.note = QLabel(wordWrap=True)
        self.note.setObjectName("compareNote")

        self.plot = pg.PlotWidget(background=None)
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        style_axes(self.plot)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setObjectName("emptyMessage")
        self.chart = QStackedWidget()
        self.chart.addWidget(self.plot)
        self.chart.addWidget(self.message)
        self.left_out_list = LeftOutList("Countries not compared")
        self.left_out_list.picked.connect(self.hovered)
        #: The list's parts, for tests and for the window.
        self.left_out, self.left_out_title = self.left_out_list.items, self.left_out_list.title
        self.splitter = chart_over_list(self.chart, self.left_out_list)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.suggestion_row)
        layout.addWidget(self.caption)
        layout.addWidget(self.note)
        layout.addWidget(self.splitter, 1)

        self.comparison: Comparison | None = None
        self.scale = ValueScale()
        #: Country codes of the dumbbells from the top down.
        self.order: list[str] = []
        self.rows: list[CompareRow] = []
        self.a_points = pg.ScatterPlotItem(size=SYMBOL_SIZE, symbol="o",
                                           pen=pg.mkPen(COLOUR_A, width=2.5),
                                           brush=pg.mkBrush(0, 0, 0, 0), name="A")
        self.b_points = pg.ScatterPlotItem(size=SYMBOL_SIZE, symbol="o",
                                           pen=pg.mkPen(COLOUR_B, width=1),
                                           brush=pg.mkBrush(COLOUR_B), name="B")
        self.segments = pg.PlotCurveItem(connect="pairs")
        self.value_labels: dict[str, pg.TextItem] = {}
        self.tooltips: dict[str, str] = {}
        self.legend = pg.LegendItem(offset=(-10, 10), labelTextSize="10pt",
                                    labelTextColor=text_colour(),
                                    brush=pg.mkBrush(128, 128, 128, 40))
        self.legend.setParentItem(self.plot.getPlotItem().vb)
        for item in (self.segments, self.a_points, self.b_points):
            self.plot.addItem(item)

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def show_message(self, text: str) -> None:
        """Replace the chart by a sentence saying what to do."""
        self.message.setText(text)
        self.chart.setCurrentWidget(self.message)

    # Choosing ------------------------------------------------------------------------------

    def _periods_chosen(self) -> None:
        self.store.update(compare_a=self.a_period.currentData(),
                          compare_b=self.b_period.currentData())

    def apply_suggestion(self, index: int) -> None:
        """Compare the periods of the ``index``-th suggestion (one click on its button)."""
        chosen = self.suggestions[index]
        self.store.update(compare_a=chosen.a.code, compare_b=chosen.b.code)

    def _fill_periods(self, bundle: Bundle, a: QuarterSpan | None,
                      b: QuarterSpan | None) -> None:
        choices = period_choices(bundle.quarter_span)
        for combo, shown in ((self.a_period, a), (self.b_period, b)):
            blocker = QSignalBlocker(combo)
            combo.clear()
            spans = choices + [s for s in (shown,) if s is not None and s not in choices]
            for span in spans:
                combo.addItem(span.label, span.code)
            if shown is not None:
                combo.setCurrentIndex(combo.findData(shown.code))
            del blocker

    def _fill_suggestions(self, suggestions: list[Suggestion], a: QuarterSpan | None,
                          b: QuarterSpan | None) -> None:
        self.suggestions = suggestions[:MAX_SUGGESTIONS]
        for button in self.suggestion_buttons:
            self.suggestion_row.removeWidget(button)
            button.deleteLater()
        self.suggestion_buttons = []
        for index, suggestion in enumerate(self.suggestions):
            count = len(suggestion.covered)
            button = QPushButton(f"{suggestion.a.label} vs {suggestion.b.label} ({count})")
            button.setToolTip(f"Compare {suggestion.describe()} can be compared")
            button.setCheckable(True)
            button.setChecked((suggestion.a, suggestion.b) == (a, b))
            button.clicked.connect(lambda _=False, i=index: self.apply_suggestion(i))
            self.suggestion_row.insertWidget(1 + index, button)
            self.suggestion_buttons.append(button)

    # Drawing -------------------------------------------------------------------------------

    def draw(self, bundle: Bundle, state: ViewState) -> None:
        """Rebuild the comparison from ``bundle`` and ``state``."""
        self.comparison, self.order, self.rows = None, [], []
        self.tooltips = {}
        blocker = QSignalBlocker(self.sort)
        self.sort.setCurrentIndex(max(0, self.sort.findData(state.compare_order.value)))
        del blocker
        suggestions = suggest_comparisons(bundle, state.countries, state.measure,
                                          state.service) if state.countries else []
        a, b = self._periods(state, suggestions)
        self._fill_periods(bundle, a, b)
        self._fill_suggestions(suggestions, a, b)
        self.left_out_list.clear()
        if not state.countries:
            self.caption.setText("")
            self.note.setText("")
            self.show_message(NO_COUNTRY_MESSAGE)
            return
        if a is None or b is None:
            self.caption.setText("")
            self.note.setText("")
            self.show_message("No two like periods have figures for the selected countries.\n"
                              "Select more countries (for example All with data), or pick "
                              "periods A and B above.")
            return
        per_capita = state.normalisation is Normalisation.PER_MILLION
        notes = []
        if per_capita and state.measure == USERS_PER_REQUEST:
            per_capita = False
            notes.append("Users per request is a ratio: it is compared as it is, not per "
                         "inhabitant.")
        if state.normalisation is Normalisation.SHARE:
            notes.append("Shares of the selected countries' total are not compared here (they "
                         "change with the selection): the figures are absolute.")
        if state.normalisation is Normalisation.INDEX:
            notes.append("An index is not applied here: B against A is already the change, "
                         "in figures and in %. The figures are absolute.")
        comparison = compare_periods(bundle, state.countries, a, b, state.measure,
                                     state.service, per_capita)
        self.comparison = comparison
        if comparison.length_note():
            notes.insert(0, "⚠ " + comparison.length_note())
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        label = measure_label(bundle, state.measure)
        unit = f" ({comparison.unit})" if comparison.unit else ""
        self.caption.setText(f"<b>{label}{unit}: {a.label} (A, hollow) against {b.label} "
                             f"(B, filled)</b> — {len(comparison.rows)} of "
                             f"{len(state.countries)} selected countries compared")
        count = len(comparison.not_comparable)
        self.left_out_list.show_countries(
            f"<b>Not comparable ({count})</b>: unknown in A or in B" if count else
            "Every selected country is compared.", comparison.not_comparable)
        if not comparison.rows:
            self.show_message(f"None of the selected countries has a figure for both "
                              f"{a.label} and {b.label}.\nTry a like-for-like suggestion "
                              "above; the list below says what is missing.")
            return
        self.chart.setCurrentWidget(self.plot)
        self._draw_rows(comparison, state.compare_order, label.lower() + unit, state.log_scale)

    def data_table(self, bundle: Bundle, state: ViewState) -> DataTable:
        """The rows compared, in the order drawn, then the countries left out."""
        if self.comparison is None:
            return DataTable(COMPARE_COLUMNS, ())
        return comparison_table(self.comparison, self.rows)

    def _periods(self, state: ViewState, suggestions: list[Suggestion]) -> tuple[
            QuarterSpan | None, QuarterSpan | None]:
        if state.compare_a is not None and state.compare_b is not None:
            return parse_span(state.compare_a), parse_span(state.compare_b)
        if suggestions:
            return suggestions[0].a, suggestions[0].b
        return None, None

    def _draw_rows(self, comparison: Comparison, order: CompareOrder, unit: str,
                   log: bool) -> None:
        for label in self.value_labels.values():
            self.plot.removeItem(label)
        self.value_labels = {}
        self.rows = comparison.ordered(order)
        self.order = [r.country for r in self.rows]
        count = len(self.rows)
        ys = [row_y(self.order, i) for i in range(count)]
        values = [x for r in self.rows for x in (r.a.value, r.b.value)]
        self.scale = scale = ValueScale.fit(values, log)
        for item, side in ((self.a_points, "a"), (self.b_points, "b")):
            figures = [getattr(r, side).value for r in self.rows]
            item.setData(x=[scale.at(v) for v in figures], y=ys,
                         symbol=[ZERO_SYMBOL if scale.at_foot(v) else "o" for v in figures])
        xs = [scale.at(v) for v in values]
        self.segments.setData(x=xs, y=[y for y in ys for _ in (0, 1)], connect="pairs",
                              pen=pg.mkPen(muted_text_colour(), width=3))
        for y, row in zip(ys, self.rows, strict=True):
            label = pg.TextItem(change_text(row), color=text_colour(), anchor=(0, 0.5))
            label.setPos(scale.at(max(row.a.value, row.b.value)), y)
            self.plot.addItem(label)
            self.value_labels[row.country] = label
            self.tooltips[row.country] = "\n".join([
                f"{row.name} ({row.country})",
                describe_side(row.a, unit), describe_side(row.b, unit),
                f"Change: {format_value(row.change)} ({change_text(row).strip()})",
                *(["⚠ the records for a figure disagree (see Details)"]
                  if row.inconsistent else []),
                *([FOOT_NOTE] if scale.at_foot(row.a.value) or scale.at_foot(row.b.value)
                  else []),
            ])
        self.legend.clear()
        self.legend.addItem(self.a_points, f"A: {comparison.a.label}")
        self.legend.addItem(self.b_points, f"B: {comparison.b.label}")
        label_rows(self.plot, [f"{r.name} ({r.country})" for r in self.rows])
        self.plot.setLabel("bottom", LOG_NOTE if log else "")
        low, high = scale.span(values, headroom=1.0)
        self.plot.getAxis("bottom").setTicks(scale.ticks(low, high))
        # Room at the right for the change labels.
        self.plot.setXRange(low, high + 0.35 * (high - low), padding=0)

    # Hover ---------------------------------------------------------------------------------

    def country_at(self, y: float) -> str | None:
        """The country of the dumbbell at plot coordinate ``y``."""
        return country_at(self.order, y)

    def _mouse_moved(self, position: QPointF) -> None:
        # Moving off the rows keeps the details shown (a country picked in the list below).
        country = hover_row(self.plot, self.order, self.tooltips, position)
        if country:
            self.hovered.emit(country)
