"""The scatter view: requests fulfilled against users affected, one point per country.

Contract: rebuilt from :func:`scatter_points` whenever the countries, normalisation, log
scale, service or ``scatter_period`` change. When the state names no period, the period that
puts the most selected countries on the chart is used. Points whose two figures were both
reported are filled, points with a derived figure hollow; each carries its country code, and
hovering one shows both figures, how they are known and how they are scaled. A dashed line
marks the median users per request of the countries drawn. Countries unknown on either axis
are listed below the chart with the reason, never drawn at zero. On log axes zeros sit at
the foot of their axis, marked ▼.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.scatter import (
    Figure,
    Scatter,
    ScatterPoint,
    best_scatter_span,
    scatter_points,
)
from tgviewer.core.figures.series import measure_label
from tgviewer.core.periods.spans import QuarterSpan, parse_span, period_choices
from tgviewer.core.state.view_state import Normalisation, ViewState
from tgviewer.core.views.data_table import SCATTER_COLUMNS, DataTable, scatter_table
from tgviewer.core.views.formatting import NO_COUNTRY_MESSAGE, format_value
from tgviewer.core.views.value_scale import FOOT_NOTE, LOG_NOTE, ZERO_SYMBOL, ValueScale
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.chart_style import style_axes
from tgviewer.ui.style.palette import country_colours, muted_text_colour, text_colour
from tgviewer.ui.views.left_out_list import LeftOutList, chart_over_list

SYMBOL_SIZE = 11
#: How close, in pixels, the mouse must be to a point for its tooltip.
HOVER_DISTANCE = 14


def describe_figure(label: str, figure: Figure, per_capita: bool) -> str:
    """One tooltip line: ``Users affected: 4,534 — reported (records.csv line 12)``; the
    explanation starts with how the figure is known (reported, derived...)."""
    text = f"{label}: {format_value(figure.value)} — {figure.explanation}"
    if per_capita:
        text += f" (the records give {format_value(figure.raw)})"
    return text


def group_label(codes: list[str], shown: int = 4) -> str:
    """The label of countries drawn at one place: their codes, the first few when many."""
    if len(codes) <= shown:
        return ", ".join(codes)
    return f"{', '.join(codes[:shown - 1])} +{len(codes) - shown + 1} more"


class ScatterView(QWidget):
    """Requests against users for one period; see the module docstring."""

    #: The country under the mouse, for the details panel.
    hovered = Signal(str)

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.activated.connect(
            lambda i: self.store.update(scatter_period=self.period.itemData(i)))
        top = QHBoxLayout()
        top.addWidget(QLabel("Period"))
        top.addWidget(self.period)
        top.addStretch(1)
        self.caption = QLabel(wordWrap=True)
        self.caption.setObjectName("scatterCaption")
        self.note = QLabel(wordWrap=True)
        self.note.setObjectName("scatterNote")

        self.plot = pg.PlotWidget(background=None)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        style_axes(self.plot)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.points = pg.ScatterPlotItem(size=SYMBOL_SIZE)
        self.median_line = pg.PlotCurveItem(
            pen=pg.mkPen(muted_text_colour(), width=1.5, style=Qt.PenStyle.DashLine))
        self.median_label = pg.TextItem("", color=muted_text_colour(), anchor=(1, 1))
        for item in (self.median_line, self.points, self.median_label):
            self.plot.addItem(item)
        self.code_labels: dict[str, pg.TextItem] = {}
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setObjectName("emptyMessage")
        self.chart = QStackedWidget()
        self.chart.addWidget(self.plot)
        self.chart.addWidget(self.message)
        self.left_out_list = LeftOutList("Countries not drawn")
        self.left_out_list.picked.connect(self.hovered)
        #: The list's parts, for tests and for the window.
        self.left_out, self.left_out_title = self.left_out_list.items, self.left_out_list.title
        splitter = chart_over_list(self.chart, self.left_out_list)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.caption)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)

        self.scatter: Scatter | None = None
        self.x_scale = ValueScale()
        self.y_scale = ValueScale()
        self.tooltips: dict[str, str] = {}

    def show_message(self, text: str) -> None:
        """Replace the chart by a sentence saying what to do."""
        self.message.setText(text)
        self.chart.setCurrentWidget(self.message)

    def _fill_periods(self, bundle: Bundle, shown: QuarterSpan | None) -> None:
        blocker = QSignalBlocker(self.period)
        self.period.clear()
        choices = period_choices(bundle.quarter_span)
        for span in choices + [s for s in (shown,) if s is not None and s not in choices]:
            self.period.addItem(span.label, span.code)
        if shown is not None:
            self.period.setCurrentIndex(self.period.findData(shown.code))
        del blocker

    # Drawing -------------------------------------------------------------------------------

    def draw(self, bundle: Bundle, state: ViewState) -> None:
        """Rebuild the points from ``bundle`` and ``state``."""
        self.scatter, self.tooltips = None, {}
        for label in self.code_labels.values():
            self.plot.removeItem(label)
        self.code_labels = {}
        self.left_out_list.clear()
        span = (parse_span(state.scatter_period) if state.scatter_period is not None
                else best_scatter_span(bundle, state.countries, state.service))
        self._fill_periods(bundle, span)
        if not state.countries:
            self.caption.setText("")
            self.note.setText("")
            self.show_message(NO_COUNTRY_MESSAGE)
            return
        if span is None or not {"requests", "users"} <= set(bundle.manifest.measure_keys):
            self.caption.setText("")
            self.note.setText("")
            self.show_message("No period has both requests and users for the selected "
                              "countries.\nSelect more countries, for example All with data.")
            return
        per_capita = state.normalisation is Normalisation.PER_MILLION
        notes = []
        if state.normalisation in (Normalisation.SHARE, Normalisation.INDEX):
            notes.append("Shares and indexes are not applied here (each axis would have its "
                         "own): the figures are absolute.")
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        scatter = scatter_points(bundle, state.countries, span, state.service, per_capita)
        self.scatter = scatter
        count = len(scatter.left_out)
        self.left_out_list.show_countries(
            f"<b>Not drawn ({count})</b>: a figure unknown for {scatter.span.label}" if count
            else "Every selected country is drawn.", scatter.left_out)
        unit = ", per million inhabitants" if per_capita else ""
        median = scatter.median_ratio
        self.caption.setText(
            f"<b>Requests fulfilled against users affected{unit}, {span.label}</b> — "
            f"{len(scatter.points)} of {len(state.countries)} selected countries drawn"
            + (f"; median {format_value(median)} users per request (dashed line)"
               if median is not None else ""))
        if not scatter.points:
            self.show_message(f"None of the selected countries has both figures for "
                              f"{span.label}.\nPick another period above; the list below "
                              "says what is missing.")
            return
        self.chart.setCurrentWidget(self.plot)
        self._draw_points(bundle, state, scatter, unit)

    def _draw_points(self, bundle: Bundle, state: ViewState, scatter: Scatter,
                     unit: str) -> None:
        points = scatter.points
        xs_raw = [p.requests.value for p in points]
        ys_raw = [p.users.value for p in points]
        self.x_scale = x_scale = ValueScale.fit(xs_raw, state.log_scale)
        self.y_scale = y_scale = ValueScale.fit(ys_raw, state.log_scale)
        colours = country_colours(state.countries)
        reported = [p.requests.status.value == p.users.status.value == "reported"
                    for p in points]
        at_foot = [x_scale.at_foot(p.requests.value) or y_scale.at_foot(p.users.value)
                   for p in points]
        self.points.setData(
            x=[x_scale.at(v) for v in xs_raw], y=[y_scale.at(v) for v in ys_raw],
            data=[p.country for p in points],
            symbol=[ZERO_SYMBOL if foot else "o" for foot in at_foot],
            pen=[pg.mkPen(colours[p.country], width=2) for p in points],
            brush=[pg.mkBrush(colours[p.country] if filled else (0, 0, 0, 0))
                   for p, filled in zip(points, reported, strict=True)])
        requests_label = measure_label(bundle, "requests")
        users_label = measure_label(bundle, "users")
        places: dict[tuple[float, float], list[str]] = {}
        for point, foot in zip(points, at_foot, strict=True):
            place = (x_scale.at(point.requests.value), y_scale.at(point.users.value))
            places.setdefault(place, []).append(point.country)
            self.tooltips[point.country] = self._tooltip(point, foot, requests_label,
                                                         users_label, scatter.per_capita)
        for (x, y), codes in places.items():
            # Countries with the same figures share one label (and say so when hovered).
            label = pg.TextItem(group_label(codes), color=text_colour(), anchor=(-0.15, 1.0))
            label.setPos(x, y)
            self.plot.addItem(label)
            for code in codes:
                self.code_labels[code] = label
                others = [c for c in codes if c != code]
                if others:
                    self.tooltips[code] += (f"\nSame figures: {len(others)} other "
                                            f"{'country' if len(others) == 1 else 'countries'}"
                                            f" ({', '.join(others)})")
        log = LOG_NOTE if state.log_scale else ""
        self.plot.setLabel("bottom", "; ".join(filter(None, [requests_label + unit, log])))
        self.plot.setLabel("left", "; ".join(filter(None, [users_label + unit, log])))
        x_low, x_high = x_scale.span(xs_raw, headroom=1.12)
        y_low, y_high = y_scale.span(ys_raw, headroom=1.12)
        self.plot.getAxis("bottom").setTicks(x_scale.ticks(x_low, x_high))
        self.plot.getAxis("left").setTicks(y_scale.ticks(y_low, y_high))
        self.plot.getViewBox().disableAutoRange()
        self.plot.setRange(xRange=(x_low, x_high), yRange=(y_low, y_high), padding=0.02)
        self._draw_median(scatter.median_ratio, xs_raw)

    def _draw_median(self, median: float | None, requests: list[float]) -> None:
        """The line users = median x requests across the points (straight on linear and on
        log-log axes alike)."""
        positive = [r for r in requests if r > 0]
        if median is None or not positive:
            self.median_line.setData([], [])
            self.median_label.setText("")
            return
        start = 0.0
        if self.x_scale.log:
            # From the first real decade of both axes: never through the feet, where zeros sit.
            start = max(min(positive), self.y_scale.foot * 10 / median)
        ends = [start, max(start, max(positive) * 1.1)]
        xs = [self.x_scale.at(r) for r in ends]
        ys = [self.y_scale.at(median * r) for r in ends]
        self.median_line.setData(xs, ys)
        self.median_label.setText(f"median: {format_value(median)} users per request")
        self.median_label.setPos(xs[1], ys[1])

    @staticmethod
    def _tooltip(point: ScatterPoint, foot: bool, requests_label: str, users_label: str,
                 per_capita: bool) -> str:
        ratio = point.ratio
        lines = [f"{point.name} ({point.country})",
                 describe_figure(requests_label, point.requests, per_capita),
                 describe_figure(users_label, point.users, per_capita),
                 "Users per request: " + ("undefined (no request fulfilled)" if ratio is None
                                          else format_value(ratio))]
        if point.scaling != "absolute":
            lines.append(point.scaling)
        if point.inconsistent:
            lines.append("⚠ the records for a figure disagree (see Details)")
        if foot:
            lines.append(FOOT_NOTE)
        return "\n".join(lines)

    # Hover ---------------------------------------------------------------------------------

    def data_table(self, bundle: Bundle, state: ViewState) -> DataTable:
        """The points drawn, then the countries left out."""
        if self.scatter is None:
            return DataTable(SCATTER_COLUMNS, ())
        return scatter_table(self.scatter)

    def point_near(self, scene_position: QPointF) -> str | None:
        """The country of the drawn point nearest ``scene_position``, if close enough."""
        if self.scatter is None or self.chart.currentIndex() != 0:  # 0: the plot
            return None
        view = self.plot.getViewBox()
        best: tuple[float, str] | None = None
        for point in self.scatter.points:
            where = view.mapViewToScene(QPointF(self.x_scale.at(point.requests.value),
                                                self.y_scale.at(point.users.value)))
            distance = math.hypot(where.x() - scene_position.x(),
                                  where.y() - scene_position.y())
            if distance <= HOVER_DISTANCE and (best is None or distance < best[0]):
                best = (distance, point.country)
        return None if best is None else best[1]

    def _mouse_moved(self, scene_position: QPointF) -> None:
        country = self.point_near(scene_position)
        if country is None:
            QToolTip.hideText()
            return
        QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_position)),
                          self.tooltips[country], self.plot)
        self.hovered.emit(country)
