"""The trend view: a line per selected country over the periods of the range.

Contract: whenever a field the trend is drawn from changes (``INPUTS[ViewKind.TREND]``),
the plot is brought up to date from its :class:`~tgviewer.core.views.trend.TrendModel`:
the line and point items of each country slot are kept and only their data, pens and
visibility change (cheap); span totals, disagreement and caution marks are replaced; the legend is
rebuilt only when the countries change, the event lines and period ticks only when the
periods change. Reported points are filled, derived points hollow, unknown periods are gaps,
totals that cannot be split are flat dashed segments labelled with their span, and the
bundle's events are vertical lines. A point whose records disagree is marked ⚠ above it; one
whose records include one with more requests than users, † at its upper right. Countries with
nothing to draw are listed below the chart with the reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QToolTip, QWidget

from tgviewer.core.bundle.cautions import CAUTION_MARK
from tgviewer.core.figures.series import SeriesRow, SpanTotal
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.state.view_state import ViewKind
from tgviewer.core.views.formatting import describe_row, format_value
from tgviewer.core.views.trend import EventMark, TrendModel
from tgviewer.core.views.value_scale import FOOT_NOTE, LOG_NOTE, ZERO_SYMBOL, ValueScale
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.palette import country_colours, muted_text_colour, text_colour
from tgviewer.ui.views.plot import PlotView, nearest_point

SYMBOL_SIZE = 10


@dataclass
class _CountrySlot:
    """The items drawing one country; reused from draw to draw, only their data changes."""

    line: pg.PlotDataItem
    reported: pg.ScatterPlotItem
    derived: pg.ScatterPlotItem


class TrendView(PlotView[TrendModel]):
    """Plot of the selected countries' figures per period; see the module docstring."""

    kind = ViewKind.TREND

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(store, "Countries not drawn", parent)
        self.legend = self.plot.addLegend(
            offset=(10, 10),
            brush=pg.mkBrush(128, 128, 128, 40),
            labelTextSize="10pt",
            labelTextColor=text_colour(),
        )
        #: Per country: the line item and the reported and derived point items.
        self.lines: dict[str, pg.PlotDataItem] = {}
        self.reported_points: dict[str, pg.ScatterPlotItem] = {}
        self.derived_points: dict[str, pg.ScatterPlotItem] = {}
        self.span_segments: list[tuple[str, pg.PlotDataItem, pg.TextItem]] = []
        self.event_lines: list[pg.InfiniteLine] = []
        #: Marks over points whose records disagree: (country, period code, item).
        self.inconsistent_marks: list[tuple[str, str, pg.TextItem]] = []
        #: Marks under points with a caution (more requests than users): (country, period, item).
        self.caution_marks: list[tuple[str, str, pg.TextItem]] = []
        self._positions: dict[str, int] = {}
        #: Where values go along the y axis (linear, or log with zeros at the foot).
        self.scale = ValueScale()
        self._slots: list[_CountrySlot] = []
        self._legend_entries: list[tuple[str, pg.PlotDataItem]] = []
        self._span_pool: list[tuple[pg.PlotDataItem, pg.TextItem]] = []
        self._events_for: tuple[tuple[EventMark, ...], tuple[QuarterSpan, ...]] | None = None
        #: The index's base level (100), shown only when the scale is an index.
        self.base_line = pg.InfiniteLine(
            angle=0, movable=False, pen=pg.mkPen("#888888", width=1.5, style=Qt.PenStyle.DashLine)
        )
        self.base_line.setVisible(False)
        self.plot.addItem(self.base_line, ignoreBounds=True)
        self.grid = pg.PlotCurveItem(pen=pg.mkPen(128, 128, 128, 50), connect="pairs")
        self.grid.setZValue(-100)
        self.plot.addItem(self.grid, ignoreBounds=True)
        self.plot.getViewBox().sigRangeChanged.connect(lambda *_: self._update_grid())

    def _slot(self, index: int) -> _CountrySlot:
        """The line and point items of the ``index``-th country, made on first use."""
        while len(self._slots) <= index:
            slot = _CountrySlot(
                line=pg.PlotDataItem([], [], connect="finite"),
                reported=pg.ScatterPlotItem(size=SYMBOL_SIZE),
                derived=pg.ScatterPlotItem(size=SYMBOL_SIZE, brush=pg.mkBrush(0, 0, 0, 0)),
            )
            for item in (slot.line, slot.reported, slot.derived):
                self.plot.addItem(item)
            self._slots.append(slot)
        return self._slots[index]

    def _remove(self, items: list[pg.GraphicsObject]) -> None:
        for item in items:
            self.plot.removeItem(item)

    def clear_chart(self) -> None:
        self._forget_drawn()
        self._hide_slots(0)

    def _forget_drawn(self) -> None:
        """Drop the marks and the record of what was drawn; the slots stay for reuse."""
        self._remove([mark for _, _, mark in self.inconsistent_marks])
        self.inconsistent_marks.clear()
        self._remove([mark for _, _, mark in self.caution_marks])
        self.caution_marks.clear()
        self.lines.clear()
        self.reported_points.clear()
        self.derived_points.clear()
        self.span_segments.clear()

    def draw_chart(self, model: TrendModel) -> None:
        """Bring the plot up to date with ``model`` (see the module docstring)."""
        self._forget_drawn()
        periods = model.periods
        scale = self.scale = ValueScale.fit(model.values(), model.state.log_scale)
        position = self._positions = {p.code: i for i, p in enumerate(periods)}
        colours = country_colours(model.countries)
        legend: list[tuple[str, pg.PlotDataItem]] = []
        left_out = {left.country for left in model.left_out}
        for index, country in enumerate(model.countries):
            rows = model.rows_of(country)
            xs = [float(position[r.period]) for r in rows]
            ys = [scale.at(r.value) for r in rows]
            colour = colours[country]
            slot = self._slot(index)
            if country in left_out:  # listed below the chart, with the reason, instead
                self._hide(slot)
                continue
            slot.line.setData(xs, ys, connect="finite")
            slot.line.setPen(pg.mkPen(colour, width=2.5))
            for status, item, store in (
                ("reported", slot.reported, self.reported_points),
                ("derived", slot.derived, self.derived_points),
            ):
                chosen = [r for r in rows if r.status == status and r.known]
                item.setData(
                    x=[float(position[r.period]) for r in chosen],
                    y=[scale.at(r.value) for r in chosen],
                    symbol=[ZERO_SYMBOL if scale.at_foot(r.value) else "o" for r in chosen],
                    pen=pg.mkPen(colour, width=2),
                    brush=pg.mkBrush(colour if status == "reported" else (0, 0, 0, 0)),
                )
                store[country] = item
            for item in (slot.line, slot.reported, slot.derived):
                item.setVisible(True)
            self.lines[country] = slot.line
            legend.append((f"{rows[0].name if rows else country} ({country})", slot.line))
            for row in rows:
                if row.inconsistent and row.known:
                    mark = pg.TextItem("⚠", color=text_colour(), anchor=(0.5, 1.2))
                    mark.setPos(float(position[row.period]), scale.at(row.value))
                    self.plot.addItem(mark)
                    self.inconsistent_marks.append((country, row.period, mark))
                if row.caution and row.known:
                    # Up and to the right: clear of the line and of a ⚠ above the point.
                    mark = pg.TextItem(CAUTION_MARK, color=text_colour(), anchor=(-0.4, 1.0))
                    mark.setPos(float(position[row.period]), scale.at(row.value))
                    self.plot.addItem(mark)
                    self.caution_marks.append((country, row.period, mark))
        self._hide_slots(len(model.countries))
        self._update_legend(legend)
        self._draw_span_totals(model.totals, periods, colours)
        if (model.events, periods) != self._events_for:
            self._remove(list(self.event_lines))
            self.event_lines.clear()
            self._draw_events(model.events)
            self._events_for = (model.events, periods)
            axis = self.plot.getAxis("bottom")
            axis.setTicks([[(i, p.label) for i, p in enumerate(periods)]])
        self.base_line.setVisible(model.index_level is not None)
        self.base_line.setPos(scale.at(model.index_level or 100.0))
        self.plot.setLabel(
            "left", "; ".join(filter(None, [model.axis_label, LOG_NOTE * scale.log]))
        )
        self._set_range(model.values(), len(periods))

    def _set_range(self, values: list[float], count: int) -> None:
        """Fit the axes to what is drawn. Set here, once per draw: pyqtgraph's auto-range
        would measure every item again on every paint."""
        low, high = self.scale.span(values)
        self.plot.getViewBox().disableAutoRange()
        self.plot.getAxis("left").setTicks(self.scale.ticks(low, high))
        self.plot.setRange(xRange=(-0.5, count - 0.5), yRange=(low, high), padding=0.02)

    def _hide_slots(self, first: int) -> None:
        for slot in self._slots[first:]:
            self._hide(slot)
        if first == 0:
            self._update_legend([])

    @staticmethod
    def _hide(slot: _CountrySlot) -> None:
        for item in (slot.line, slot.reported, slot.derived):
            item.setVisible(False)
        slot.line.setData([], [])
        slot.reported.setData(x=[], y=[])
        slot.derived.setData(x=[], y=[])

    def _update_legend(self, entries: list[tuple[str, pg.PlotDataItem]]) -> None:
        """Rename rows in place while they keep their lines (the same slots drawn); add or
        remove rows only when that changes (rebuilding the legend costs more than the rest
        of a redraw)."""
        if entries == self._legend_entries:
            return
        old = self._legend_entries
        kept = 0
        while kept < min(len(old), len(entries)) and old[kept][1] is entries[kept][1]:
            kept += 1
        for _, line in old[kept:]:
            self.legend.removeItem(line)
        for index, (name, line) in enumerate(entries):
            if index < kept:
                if old[index][0] != name:
                    self.legend.items[index][1].setText(name)
            else:
                self.legend.addItem(line, name)
        self._legend_entries = entries

    def _update_grid(self) -> None:
        """Faint horizontal lines at the left axis's ticks: far cheaper to paint than the
        axis's own grid, which repaints across the whole plot."""
        view = self.plot.getViewBox()
        (x0, x1), (y0, y1) = view.viewRange()
        log_ticks = self.scale.ticks(y0, y1)
        if log_ticks is not None:
            values = [v for v, _ in log_ticks[0]]
        else:
            ticks = self.plot.getAxis("left").tickValues(y0, y1, max(view.height(), 1.0))
            values = [v for _, level in ticks[:2] for v in level]
        self.grid.setData(
            [x for _ in values for x in (x0, x1)],
            [v for v in values for _ in (0, 1)],
            connect="pairs",
        )

    def _span_items(self, index: int) -> tuple[pg.PlotDataItem, pg.TextItem]:
        """The ``index``-th dashed segment and its label, made on first use."""
        while len(self._span_pool) <= index:
            segment = pg.PlotDataItem([], [])
            label = pg.TextItem("", anchor=(0, 1))
            self.plot.addItem(segment)
            self.plot.addItem(label)
            self._span_pool.append((segment, label))
        return self._span_pool[index]

    def _draw_span_totals(
        self,
        totals: tuple[SpanTotal, ...],
        periods: tuple[QuarterSpan, ...],
        colours: dict[str, str],
    ) -> None:
        drawn: list[tuple[float, float, pg.TextItem]] = []
        for total in totals:
            covered = total.record.span
            assert covered is not None
            inside = [i for i, p in enumerate(periods) if covered.overlaps(p)]
            if not inside or math.isnan(total.value):
                continue
            xs = [inside[0] - 0.4, inside[-1] + 0.4]
            segment, label = self._span_items(len(drawn))
            colour = colours[total.country]
            y = self.scale.at(total.value)
            segment.setData(xs, [y, y])
            segment.setPen(pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine))
            scaling = "" if total.scaling == "absolute" else f" ({total.scaling})"
            segment.setToolTip(
                f"{total.country}: {total.record.period_label} total "
                f"{format_value(total.value)}{scaling}, reported in "
                f"{total.record.reference()}; not split into its periods"
            )
            label.setText(
                f"{total.record.period_label} total: {format_value(total.value)}", color=colour
            )
            label.setPos(xs[0], y)
            segment.setVisible(True)
            label.setVisible(True)
            self.span_segments.append((total.country, segment, label))
            drawn.append((xs[0], y, label))
        for segment, label in self._span_pool[len(drawn) :]:
            segment.setData([], [])
            segment.setVisible(False)
            label.setVisible(False)
        self._stack_labels(drawn)

    def _stack_labels(self, labels: list[tuple[float, float, pg.TextItem]]) -> None:
        """Lift labels of totals close in value so they do not print over each other.

        Labels starting at the same place whose values lie within a few percent of the
        plot's height are stacked, one text line each, lowest value at the bottom.
        """
        rows = self.model.rows if self.model is not None else ()
        values = [self.scale.at(row.value) for row in rows if row.known]
        values += [v for _, v, _ in labels]
        height = (max(values) - min(self.scale.origin, *values)) or 1.0 if values else 1.0
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

    def _draw_events(self, events: tuple[EventMark, ...]) -> None:
        for event in events:
            line = pg.InfiniteLine(
                pos=event.position,
                angle=90,
                movable=False,
                pen=pg.mkPen("#888888", width=1, style=Qt.PenStyle.DotLine),
                label=event.title,
                labelOpts={
                    "position": 0.98,
                    "color": muted_text_colour(),
                    "rotateAxis": (1, 0),
                    "anchors": [(1, 1), (1, 1)],
                },
            )
            line.setToolTip(event.tooltip)
            self.plot.addItem(line)
            self.event_lines.append(line)

    def point_near(self, scene_position: QPointF) -> SeriesRow | None:
        """The series row of the drawn point nearest ``scene_position``, if close enough."""
        model = self.model
        if model is None or not self.showing_chart:
            return None
        return nearest_point(
            self.plot,
            scene_position,
            (
                (self._positions[row.period], self.scale.at(row.value), row)
                for row in model.rows
                if row.known
            ),
        )

    def tooltip_for(self, row: SeriesRow) -> str:
        """What hovering the point of ``row`` shows."""
        text = describe_row(row, self.model.unit if self.model is not None else "")
        if self.scale.at_foot(row.value):
            text += "\n" + FOOT_NOTE
        return text

    def mouse_moved(self, scene_position: QPointF) -> None:
        row = self.point_near(scene_position)
        if row is None:
            QToolTip.hideText()
            return
        QToolTip.showText(
            self.plot.mapToGlobal(self.plot.mapFromScene(scene_position)),
            self.tooltip_for(row),
            self.plot,
        )
        self.details_wanted.emit(row.country, "")
