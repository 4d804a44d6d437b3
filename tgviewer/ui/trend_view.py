"""The trend view: a line per selected country over the periods of the range.

Contract: the whole plot is rebuilt from ``series_frame`` and ``span_totals`` whenever the
state changes (countries, periods, measure, normalisation, service); a change of ``view`` or
``ranking_period`` does not touch it. Reported points are filled, derived points hollow,
unknown periods are gaps, totals that cannot be split are flat dashed segments labelled
with their span, and the bundle's events are vertical lines.
"""

from __future__ import annotations

import math

import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedLayout, QToolTip, QWidget

from tgviewer.core.model import Bundle
from tgviewer.core.periods import QuarterSpan
from tgviewer.core.series import SCALE_LABELS, series_frame, span_totals
from tgviewer.core.view_state import ViewState
from tgviewer.ui.formatting import describe_row, format_value, measure_label
from tgviewer.ui.palette import country_colours, muted_text_colour, text_colour
from tgviewer.ui.theme import style_axes

SYMBOL_SIZE = 10


#: How close, in pixels, the mouse must be to a point for its tooltip.
HOVER_DISTANCE = 14


class TrendView(QWidget):
    """Plot of the selected countries' figures per period; see the module docstring."""

    #: The country under the mouse (empty string when none), for the details panel.
    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(background=None)
        self.plot.hideButtons()
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        style_axes(self.plot)
        self.legend = self.plot.addLegend(offset=(10, 10), brush=pg.mkBrush(128, 128, 128, 40),
                                          labelTextSize="10pt",
                                          labelTextColor=text_colour())
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setObjectName("emptyMessage")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.plot)
        self._stack.addWidget(self.message)
        #: Per country: the line item and the reported and derived point items.
        self.lines: dict[str, pg.PlotDataItem] = {}
        self.reported_points: dict[str, pg.ScatterPlotItem] = {}
        self.derived_points: dict[str, pg.ScatterPlotItem] = {}
        self.span_segments: list[tuple[str, pg.PlotDataItem, pg.TextItem]] = []
        self.event_lines: list[pg.InfiniteLine] = []
        #: Marks over points whose records disagree: (country, period code, item).
        self.inconsistent_marks: list[tuple[str, str, pg.TextItem]] = []
        self._frame = pd.DataFrame()
        self._positions: dict[str, int] = {}
        self._unit = ""

    def show_message(self, text: str) -> None:
        """Replace the plot by a sentence saying what to do."""
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)

    def draw(self, bundle: Bundle, state: ViewState) -> None:
        """Rebuild the plot from ``bundle`` and ``state``."""
        self.plot.clear()
        self.legend.clear()
        self.lines.clear()
        self.reported_points.clear()
        self.derived_points.clear()
        self.span_segments.clear()
        self.event_lines.clear()
        self.inconsistent_marks.clear()
        self._frame = pd.DataFrame()
        periods = state.periods()
        if not state.countries:
            self.show_message("No country selected.\nTick countries in the filter panel, or "
                              "pick a group such as EU-27.")
            return
        if not periods:
            self.show_message("The period range holds no whole period of this length.\n"
                              "Widen the range or choose a shorter granularity.")
            return
        if len(periods) == 1:
            self.show_message(f"The range holds only one period ({periods[0].label}), and a "
                              "trend needs two.\nWiden the range or choose a shorter "
                              "granularity, or compare countries in the Ranking view (Ctrl+2).")
            return
        frame = series_frame(bundle, state)
        if frame["value"].isna().all():
            self.show_message("No figure is known for these countries in this range.\n"
                              "Try another range, or the coverage of other countries.")
            return
        self._stack.setCurrentWidget(self.plot)
        position = {p.code: i for i, p in enumerate(periods)}
        self._frame, self._positions = frame, position
        self._unit = measure_label(bundle, state.measure).lower()
        colours = country_colours(state.countries)
        for country in state.countries:
            rows = frame[frame["country"] == country]
            xs = [float(position[p]) for p in rows["period"]]
            ys = [float(v) for v in rows["value"]]
            colour = colours[country]
            name = rows["name"].iloc[0] if len(rows) else country
            line = pg.PlotDataItem(xs, ys, pen=pg.mkPen(colour, width=2.5), connect="finite",
                                   name=f"{name} ({country})")
            self.plot.addItem(line)
            self.lines[country] = line
            for status, store, brush in (("reported", self.reported_points, colour),
                                         ("derived", self.derived_points, None)):
                chosen = rows["status"] == status
                points = pg.ScatterPlotItem(
                    [x for x, keep in zip(xs, chosen, strict=True) if keep],
                    [y for y, keep in zip(ys, chosen, strict=True) if keep],
                    size=SYMBOL_SIZE, pen=pg.mkPen(colour, width=2),
                    brush=pg.mkBrush(brush) if brush else pg.mkBrush(0, 0, 0, 0))
                self.plot.addItem(points)
                store[country] = points
            for _, row in rows[rows["inconsistent"] & rows["value"].notna()].iterrows():
                mark = pg.TextItem("⚠", color=text_colour(), anchor=(0.5, 1.2))
                mark.setPos(float(position[row["period"]]), float(row["value"]))
                self.plot.addItem(mark)
                self.inconsistent_marks.append((country, str(row["period"]), mark))
        self._draw_span_totals(bundle, state, periods, colours)
        self._draw_events(bundle, periods)
        axis = self.plot.getAxis("bottom")
        axis.setTicks([[(i, p.label) for i, p in enumerate(periods)]])
        self.plot.setLabel("left", SCALE_LABELS[state.normalisation])
        self.plot.enableAutoRange()

    def _draw_span_totals(self, bundle: Bundle, state: ViewState,
                          periods: list[QuarterSpan], colours: dict[str, str]) -> None:
        drawn: list[tuple[float, float, pg.TextItem]] = []
        for total in span_totals(bundle, state):
            covered = total.record.span
            assert covered is not None
            inside = [i for i, p in enumerate(periods) if covered.overlaps(p)]
            if not inside or math.isnan(total.value):
                continue
            xs = [inside[0] - 0.4, inside[-1] + 0.4]
            segment = pg.PlotDataItem(xs, [total.value, total.value], pen=pg.mkPen(
                colours[total.country], width=2, style=Qt.PenStyle.DashLine))
            segment.setToolTip(f"{total.country}: {total.record.period_label} total "
                               f"{format_value(total.value)}, {total.record.reference()}; "
                               "not split into its periods")
            label = pg.TextItem(f"{total.record.period_label} total: {format_value(total.value)}",
                                color=colours[total.country], anchor=(0, 1))
            label.setPos(xs[0], total.value)
            self.plot.addItem(segment)
            self.plot.addItem(label)
            self.span_segments.append((total.country, segment, label))
            drawn.append((xs[0], total.value, label))
        self._stack_labels(drawn)

    def _stack_labels(self, labels: list[tuple[float, float, pg.TextItem]]) -> None:
        """Lift labels of totals close in value so they do not print over each other.

        Labels starting at the same place whose values lie within a few percent of the
        plot's height are stacked, one text line each, lowest value at the bottom.
        """
        values = [float(v) for v in self._frame["value"].dropna()] + [v for _, v, _ in labels]
        height = (max(values) - min(0.0, min(values))) if values else 1.0
        close = 0.05 * height
        by_start: dict[float, list[tuple[float, pg.TextItem]]] = {}
        for start, value, label in labels:
            by_start.setdefault(start, []).append((value, label))
        for group in by_start.values():
            group.sort(key=lambda item: item[0])
            level, previous = 0, None
            for value, label in group:
                level = level + 1 if previous is not None and value - previous < close else 0
                label.setAnchor((0, 1 + level))
                previous = value if level == 0 else previous

    def _draw_events(self, bundle: Bundle, periods: list[QuarterSpan]) -> None:
        for event in bundle.events:
            for index, period in enumerate(periods):
                if period.start_date <= event.date <= period.end_date:
                    days = (period.end_date - period.start_date).days + 1
                    offset = (event.date - period.start_date).days / days
                    line = pg.InfiniteLine(
                        pos=index - 0.5 + offset, angle=90, movable=False,
                        pen=pg.mkPen("#888888", width=1, style=Qt.PenStyle.DotLine),
                        label=event.title, labelOpts={
                            "position": 0.98, "color": muted_text_colour(),
                            "rotateAxis": (1, 0), "anchors": [(1, 1), (1, 1)]})
                    line.setToolTip(f"{event.date}: {event.title}\n{event.description}")
                    self.plot.addItem(line)
                    self.event_lines.append(line)


    def point_near(self, scene_position: QPointF) -> pd.Series | None:
        """The series row of the drawn point nearest ``scene_position``, if close enough."""
        view = self.plot.getViewBox()
        if self._frame.empty or self._stack.currentIndex() != 0:
            return None
        best: tuple[float, pd.Series] | None = None
        for _, row in self._frame[self._frame["value"].notna()].iterrows():
            point = view.mapViewToScene(QPointF(self._positions[row["period"]], row["value"]))
            distance = math.hypot(point.x() - scene_position.x(),
                                  point.y() - scene_position.y())
            if distance <= HOVER_DISTANCE and (best is None or distance < best[0]):
                best = (distance, row)
        return None if best is None else best[1]

    def tooltip_for(self, row: pd.Series) -> str:
        """What hovering the point of ``row`` shows."""
        return describe_row(row, self._unit)

    def _mouse_moved(self, scene_position: QPointF) -> None:
        row = self.point_near(scene_position)
        if row is None:
            QToolTip.hideText()
            return
        QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_position)),
                          self.tooltip_for(row), self.plot)
        self.hovered.emit(str(row["country"]))
