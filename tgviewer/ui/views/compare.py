"""The compare view: period A against period B, one dumbbell row per selected country.

Contract: rebuilt from the :class:`~tgviewer.core.views.compare.CompareModel` whenever a
field the compare view is drawn from changes (``INPUTS[ViewKind.COMPARE]``). When the state
names no periods, the like-for-like pair covering the most selected countries is used (the
first suggestion). Each row joins A (hollow) to B (filled) and ends with the change and the
percentage change; countries unknown in A or B are listed below the chart with the reason,
never drawn. Unequal periods are compared as per-quarter averages, and a note above the
chart says so.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSignalBlocker
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from tgviewer.core.figures.comparison import CompareRow, Side
from tgviewer.core.plurals import quantity
from tgviewer.core.state.view_state import CompareOrder, ViewKind
from tgviewer.core.views.compare import CompareModel
from tgviewer.core.views.formatting import STATUS_WORDS, format_value, how_known
from tgviewer.core.views.value_scale import FOOT_NOTE, LOG_NOTE, ZERO_SYMBOL, ValueScale
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.palette import (
    MARK_CONTRAST,
    background_colour,
    muted_text_colour,
    readable_on,
    text_colour,
)
from tgviewer.ui.views.chart_rows import (
    country_at,
    fit_value_labels,
    hover_row,
    label_rows,
    row_y,
)
from tgviewer.ui.views.flow_layout import FlowLayout
from tgviewer.ui.views.plot import PlotView

#: Okabe-Ito blue for A and vermillion for B: apart for every common colour-vision deficiency,
#: and told apart by shape too (A hollow, B filled).
COLOUR_A, COLOUR_B = "#0072B2", "#D55E00"
SYMBOL_SIZE = 13
ORDER_LABELS = (
    (CompareOrder.PERCENT, "% change"),
    (CompareOrder.CHANGE, "change"),
    (CompareOrder.B, "B"),
    (CompareOrder.A, "A"),
    (CompareOrder.NAME, "name"),
)


def describe_side(side: Side, unit: str) -> str:
    """One line per period for a tooltip: the figure, how it is known, how it is scaled."""
    text = (
        f"{side.span.label}: {quantity(side.value, unit, format_value(side.value))} · "
        f"{STATUS_WORDS.get(side.status.value, side.status.value)} — "
        f"{how_known(side.status.value, side.explanation)}"
    )
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


class CompareView(PlotView[CompareModel]):
    """Dumbbells for two periods; see the module docstring."""

    kind = ViewKind.COMPARE

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(store, "Countries not compared", parent, grid_x=True)
        self.a_period = self._combo("Period A")
        self.b_period = self._combo("Period B")
        self.a_period.activated.connect(lambda _: self._periods_chosen())
        self.b_period.activated.connect(lambda _: self._periods_chosen())
        self.sort = self._combo("Sort by")
        for order, label in ORDER_LABELS:
            self.sort.addItem(label, order.value)
        self.sort.activated.connect(
            lambda i: self.store.update(compare_order=CompareOrder(self.sort.itemData(i)))
        )
        for text, widget in (
            ("A", self.a_period),
            ("against B", self.b_period),
            ("Sort by", self.sort),
        ):
            self.add_choice(text, widget)
        self.controls.addStretch(1)
        #: The like-for-like buttons' row, one of the view's choices.
        self.suggestion_bar = QWidget()
        self.suggestion_row = FlowLayout(self.suggestion_bar)  # wraps: no button cut
        self.suggestion_row.setContentsMargins(0, 0, 0, 0)
        self.suggestion_row.addWidget(QLabel("Like-for-like:"))
        self.suggestion_buttons: list[QPushButton] = []
        self.suggestion_row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.suggestion_bar)
        self.choices.append(self.suggestion_bar)
        #: The list's parts, for tests and for the window.
        listed = self.list_left_out()  # always shown here, if only to say none is left out
        self.left_out, self.left_out_title = listed.items, listed.title
        self.scale = ValueScale()
        #: Country codes of the dumbbells from the top down.
        self.order: list[str] = []
        self.a_points = pg.ScatterPlotItem(
            size=SYMBOL_SIZE,
            symbol="o",
            pen=pg.mkPen(COLOUR_A, width=2.5),
            brush=pg.mkBrush(0, 0, 0, 0),
            name="A",
        )
        self.b_points = pg.ScatterPlotItem(
            size=SYMBOL_SIZE,
            symbol="o",
            pen=pg.mkPen(COLOUR_B, width=1),
            brush=pg.mkBrush(COLOUR_B),
            name="B",
        )
        # What the legend shows (never drawn): the legend is enlarged as a whole, so its
        # markers keep their size.
        self.a_sample = pg.ScatterPlotItem(size=SYMBOL_SIZE, symbol="o")
        self.b_sample = pg.ScatterPlotItem(size=SYMBOL_SIZE, symbol="o")
        self.segments = pg.PlotCurveItem(connect="pairs")
        self.value_labels: dict[str, pg.TextItem] = {}
        self.tooltips: dict[str, str] = {}
        #: The values' span along the axis, before room is made for the labels.
        self.value_range: tuple[float, float] | None = None
        self.plot.getViewBox().sigResized.connect(self.fit_labels)
        # Below the plot, in its layout: never over the dumbbells or their labels.
        self.legend = self.add_legend(
            pg.LegendItem(labelTextSize="10pt", labelTextColor=text_colour())
        )
        self.legend_below(self.legend)
        for item in (self.segments, self.a_points, self.b_points):
            self.plot.addItem(item)

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    # Choosing ------------------------------------------------------------------------------

    def _periods_chosen(self) -> None:
        self.store.update(
            compare_a=self.a_period.currentData(), compare_b=self.b_period.currentData()
        )

    def apply_suggestion(self, index: int) -> None:
        """Compare the periods of the ``index``-th suggestion (one click on its button)."""
        assert self.model is not None
        chosen = self.model.suggestions[index]
        self.store.update(compare_a=chosen.a.code, compare_b=chosen.b.code)

    def draw_controls(self, model: CompareModel) -> None:
        with QSignalBlocker(self.sort):
            self.sort.setCurrentIndex(max(0, self.sort.findData(model.state.compare_order.value)))
        for combo, shown in ((self.a_period, model.a), (self.b_period, model.b)):
            with QSignalBlocker(combo):
                combo.clear()
                for span in model.choices:
                    combo.addItem(span.label, span.code)
                if shown is not None:
                    combo.setCurrentIndex(combo.findData(shown.code))
        for button in self.suggestion_buttons:
            self.suggestion_row.removeWidget(button)
            button.deleteLater()
        self.suggestion_buttons = []
        for index, suggestion in enumerate(model.suggestions):
            count = len(suggestion.covered)
            button = QPushButton(f"{suggestion.a.label} vs {suggestion.b.label} ({count})")
            button.setToolTip(f"Compare {suggestion.describe()} can be compared")
            button.setCheckable(True)
            button.setChecked((suggestion.a, suggestion.b) == (model.a, model.b))
            button.clicked.connect(lambda _=False, i=index: self.apply_suggestion(i))
            self.suggestion_row.insertWidget(1 + index, button)
            self.suggestion_buttons.append(button)

    # Drawing -------------------------------------------------------------------------------

    def clear_chart(self) -> None:
        for label in self.value_labels.values():
            self.plot.removeItem(label)
        self.value_labels, self.tooltips, self.order = {}, {}, []
        self.value_range = None
        for item in (self.a_points, self.b_points):
            item.setData(x=[], y=[])
        self.segments.setData([], [])
        self.legend.clear()

    def draw_chart(self, model: CompareModel) -> None:
        """Rebuild the dumbbells from ``model``."""
        self.clear_chart()
        assert model.comparison is not None
        rows, unit, log = model.rows, model.unit, model.state.log_scale
        self.order = [r.country for r in rows]
        ys = [row_y(self.order, i) for i in range(len(rows))]
        values = [x for r in rows for x in (r.a.value, r.b.value)]
        self.scale = scale = ValueScale.fit(values, log)
        background = background_colour()
        for item, side, colour, width in (
            (self.a_points, "a", COLOUR_A, 2.5),
            (self.b_points, "b", COLOUR_B, 1.0),
        ):
            colour = readable_on(colour, background, MARK_CONTRAST)  # 3:1 on dark grey too
            sample = self.a_sample if side == "a" else self.b_sample
            sample.setPen(pg.mkPen(colour, width=self.sized(width)))
            sample.setBrush(pg.mkBrush(colour if side == "b" else (0, 0, 0, 0)))
            figures = [getattr(r, side).value for r in rows]
            item.setData(
                x=[scale.at(v) for v in figures],
                y=ys,
                symbol=[ZERO_SYMBOL if scale.at_foot(v) else "o" for v in figures],
                size=self.sized(SYMBOL_SIZE),
                pen=pg.mkPen(colour, width=self.sized(width)),
                brush=pg.mkBrush(colour if side == "b" else (0, 0, 0, 0)),
            )
        xs = [scale.at(v) for v in values]
        self.segments.setData(
            x=xs,
            y=[y for y in ys for _ in (0, 1)],
            connect="pairs",
            pen=pg.mkPen(muted_text_colour(), width=self.sized(3)),
        )
        for y, row in zip(ys, rows, strict=True):
            label = pg.TextItem(change_text(row), color=text_colour(), anchor=(0, 0.5))
            label.setPos(scale.at(max(row.a.value, row.b.value)), y)
            self.plot.addItem(label)
            self.value_labels[row.country] = label
            self.tooltips[row.country] = "\n".join(
                [
                    f"{row.name} ({row.country})",
                    describe_side(row.a, unit),
                    describe_side(row.b, unit),
                    f"Change: {format_value(row.change)} ({change_text(row).strip()})",
                    *(
                        ["⚠ the records for a figure disagree (see Details)"]
                        if row.inconsistent
                        else []
                    ),
                    *(
                        [FOOT_NOTE]
                        if scale.at_foot(row.a.value) or scale.at_foot(row.b.value)
                        else []
                    ),
                ]
            )
        self.legend.addItem(self.a_sample, f"A: {model.comparison.a.label}")
        self.legend.addItem(self.b_sample, f"B: {model.comparison.b.label}")
        self.wrap_legends()
        label_rows(self.plot, [f"{r.name} ({r.country})" for r in rows])
        self.plot.setLabel("bottom", LOG_NOTE if log else "")
        low, high = scale.span(values, headroom=1.0)
        self.plot.getAxis("bottom").setTicks(scale.ticks(low, high))
        self.value_range = (low, high)
        self.fit_labels()

    def fit_labels(self) -> None:
        """Widen the value axis just enough for every change label to end inside the plot
        (counted in pixels, so again whenever the plot is resized or zoomed)."""
        if self.value_range is not None:
            fit_value_labels(self.plot, *self.value_range, self.value_labels.values())

    def zoom(self, factor: float) -> None:
        super().zoom(factor)
        self.fit_labels()  # the labels' text grew or shrank

    # Hover ---------------------------------------------------------------------------------

    def country_at(self, y: float) -> str | None:
        """The country of the dumbbell at plot coordinate ``y``."""
        return country_at(self.order, y)

    def mouse_moved(self, position: QPointF) -> None:
        # Moving off the rows keeps the details shown (a country picked in the list below).
        country = hover_row(self.plot, self.order, self.tooltips, position)
        if country:
            self.details_wanted.emit(country, "")
