"""The trend view: a line per selected country over the periods of the range.

Contract: whenever a field the trend is drawn from changes (``INPUTS[ViewKind.TREND]``),
the plot is brought up to date from its :class:`~tgviewer.core.views.trend.TrendModel`:
the line and point items of each country slot are kept and only their data, pens and
visibility change (cheap); span totals, disagreement and caution marks are replaced; the legend is
rebuilt only when the countries change, the event lines only when the periods change. Each
country has its colour and its marker shape (``country_symbols``), so the chart reads in
greyscale. Reported points are filled, derived points hollow, unknown periods are gaps,
totals that cannot be split are flat dashed segments, labelled with the country and their
span where the label covers nothing else (:mod:`~tgviewer.ui.views.span_totals`), and the
bundle's events are vertical lines. Hovering a point shows its figures, a segment its total,
a line its country's name. A
point whose records disagree is marked ⚠ above it; one whose records include one with more
requests than users, † at its upper right. Countries with nothing to draw are listed below
the chart with the reason.

Lines are named at their right end, as Our World in Data does: each country's name in its
colour (at 4.5:1 on the background), beside the last period, at the height of its last point,
the names spread apart so none overlaps another (:func:`~.label_layout.spread`), in a margin
kept for them at the right. Where the names would take more than a third of the plot's
width, the codes (``FRA``) name the lines instead. The legend, below the plot and never over
the data, is shown instead when more than :data:`MAX_END_LABELS` countries are drawn, when
even the codes would not fit, or when the names do not fit one above another. The legend
never takes more than a quarter of the plot's height (:mod:`~.trend_legend`): beyond it, it
lists the lines with the highest latest figures and a note below the plot counts the others,
whose names their lines say when hovered. The same note says that dashed segments are totals
when any is left unlabelled for want of room (:mod:`~.span_totals`). A line ending before the
last period is named with the period it ends in. The layout (end names, margin, legend or
not, how many period labels the axis shows) is redone when the plot is resized.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from tgviewer.core.bundle.cautions import CAUTION_MARK
from tgviewer.core.figures.series import SeriesRow
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.state.view_state import ViewKind
from tgviewer.core.views.formatting import describe_row
from tgviewer.core.views.trend import EventMark, TrendModel
from tgviewer.core.views.value_scale import FOOT_NOTE, LOG_NOTE, ZERO_SYMBOL, ValueScale
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.chart_style import scalable_legend, zoom_of
from tgviewer.ui.style.palette import (
    background_colour,
    country_colours,
    country_symbols,
    mark_colour,
    muted_text_colour,
    readable_on,
    text_colour,
)
from tgviewer.ui.views.event_lines import event_line, stagger_names
from tgviewer.ui.views.label_layout import right_margin, spread
from tgviewer.ui.views.line_painting import line_style, screen_length
from tgviewer.ui.views.period_axis import label_periods, period_label_width
from tgviewer.ui.views.plot import LEGEND_ROW, PlotView, nearest_point
from tgviewer.ui.views.scene_geometry import (
    Run,
    line_runs,
    nearest_line,
    point_boxes,
    scene_box,
)
from tgviewer.ui.views.span_totals import SpanTotalMarks
from tgviewer.ui.views.trend_legend import fit_legend, more_note

SYMBOL_SIZE = 10
LINE_WIDTH = 2.5
#: The most lines named at their end; with more, the legend names them.
MAX_END_LABELS = 8
#: The most of the plot's width the end names may take.
END_LABEL_SHARE = 1 / 3
#: What the note says when a total is drawn without its label.
SPAN_NOTE = "dashed: totals over longer periods, hover for the figure"
#: The same, in an exported image (which no one can hover).
SPAN_NOTE_EXPORTED = "dashed: totals over longer periods"
#: How close, in pixels, the mouse must be to a line for its name.
LINE_HOVER_DISTANCE = 5.0


@dataclass
class _CountrySlot:
    """The items drawing one country; reused from draw to draw, only their data changes."""

    line: pg.PlotDataItem
    reported: pg.ScatterPlotItem
    derived: pg.ScatterPlotItem
    #: What the legend shows for the country: its line, colour and marker (never drawn).
    sample: pg.PlotDataItem
    #: The country's name at the right end of its line.
    end_label: pg.TextItem


class TrendView(PlotView[TrendModel]):
    """Plot of the selected countries' figures per period; see the module docstring."""

    kind = ViewKind.TREND

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(store, "Countries not drawn", parent)
        # Below the plot, in its layout: a legend never covers the data.
        self.legend = scalable_legend(
            pg.LegendItem(
                labelTextSize="10pt",
                labelTextColor=text_colour(),
                horSpacing=18,
                verSpacing=-4,
            )
        )
        self.add_legend(self.legend)
        #: Below the legend: the countries it leaves out, and totals left unlabelled.
        self.chart_note = pg.LabelItem("", size="9pt", justify="left")
        self.chart_note.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        #: How many countries the legend leaves out for want of room.
        self.legend_more = 0
        #: Whether the note says that dashed segments are totals (some is unlabelled).
        self._span_note = False
        #: Whether the plot is being fitted back to its view (see :meth:`_show_legend`).
        self._refitting = False
        #: Every country's legend entry, and its line's latest height (which come first
        #: when not all fit).
        self._legend_all: list[tuple[str, pg.PlotDataItem]] = []
        self._legend_ranks: list[float] = []
        #: Whether the lines are named at their ends (else the legend names them).
        self.end_labelled = False
        #: Per country: the name at the end of its line, while lines are named so.
        self.end_labels: dict[str, pg.TextItem] = {}
        self._ends: dict[str, tuple[float, float]] = {}
        #: Per country: its end label by name, and by code where names do not fit.
        self._end_texts: dict[str, tuple[str, str]] = {}
        #: Per country: the line item and the reported and derived point items.
        self.lines: dict[str, pg.PlotDataItem] = {}
        self.reported_points: dict[str, pg.ScatterPlotItem] = {}
        self.derived_points: dict[str, pg.ScatterPlotItem] = {}
        #: The totals over longer spans: (country, dashed segment, label).
        self.spans = SpanTotalMarks(self.plot)
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
        self._events_for: tuple[tuple[EventMark, ...], tuple[QuarterSpan, ...], float] | None = None
        #: The index's base level (100), shown only when the scale is an index.
        self.base_line = pg.InfiniteLine(angle=0, movable=False)
        self.base_line.setVisible(False)
        self.plot.addItem(self.base_line, ignoreBounds=True)
        self.grid = pg.PlotCurveItem(pen=pg.mkPen(128, 128, 128, 50), connect="pairs")
        self.grid.setZValue(-100)
        self.plot.addItem(self.grid, ignoreBounds=True)
        self.plot.getViewBox().sigRangeChanged.connect(lambda *_: self._update_grid())
        self.plot.getViewBox().sigResized.connect(lambda *_: self._lay_out())

    def _slot(self, index: int) -> _CountrySlot:
        """The line and point items of the ``index``-th country, made on first use."""
        while len(self._slots) <= index:
            slot = _CountrySlot(
                line=pg.PlotDataItem([], [], connect="finite"),
                reported=pg.ScatterPlotItem(size=SYMBOL_SIZE),
                derived=pg.ScatterPlotItem(size=SYMBOL_SIZE, brush=pg.mkBrush(0, 0, 0, 0)),
                sample=pg.PlotDataItem([], []),
                end_label=pg.TextItem("", anchor=(0, 0.5)),
            )
            for item in (slot.line, slot.reported, slot.derived):
                self.plot.addItem(item)
            self.plot.addItem(slot.end_label, ignoreBounds=True)
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
        self.end_labels.clear()
        self._ends.clear()
        self._end_texts.clear()

    def draw_chart(self, model: TrendModel) -> None:
        """Bring the plot up to date with ``model`` (see the module docstring)."""
        self._forget_drawn()
        self._span_note = False
        periods = model.periods
        scale = self.scale = ValueScale.fit(model.values(), model.state.log_scale)
        position = self._positions = {p.code: i for i, p in enumerate(periods)}
        colours = country_colours(model.countries)
        symbols = country_symbols(model.countries)
        background = background_colour()
        legend: list[tuple[str, pg.PlotDataItem]] = []
        ranks: list[float] = []
        left_out = {left.country for left in model.left_out}
        drawn = {
            country: (
                [float(position[r.period]) for r in rows],
                [scale.at(r.value) for r in rows],
            )
            for country in model.countries
            if country not in left_out and (rows := model.rows_of(country))
        }
        view = self.plot.getViewBox()
        length = screen_length(list(drawn.values()), view.width(), view.height())
        for index, country in enumerate(model.countries):
            rows = model.rows_of(country)
            xs, ys = drawn.get(country, ([], []))
            colour = colours[country]
            slot = self._slot(index)
            if country in left_out:  # listed below the chart, with the reason, instead
                self._hide(slot)
                continue
            symbol = symbols[country]
            segmented, smooth = line_style(len(xs), length)  # see line_painting
            slot.line.curve.setSegmentedLineMode("on" if segmented else "auto")
            slot.line.setData(xs, ys, connect="finite", antialias=smooth)
            pen = pg.mkPen(colour, width=self.sized(LINE_WIDTH))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap if segmented else pen.capStyle())
            slot.line.setPen(pen)
            for status, item, store in (
                ("reported", slot.reported, self.reported_points),
                ("derived", slot.derived, self.derived_points),
            ):
                chosen = [r for r in rows if r.status == status and r.known]
                item.setData(
                    x=[float(position[r.period]) for r in chosen],
                    y=[scale.at(r.value) for r in chosen],
                    symbol=[ZERO_SYMBOL if scale.at_foot(r.value) else symbol for r in chosen],
                    size=self.sized(SYMBOL_SIZE),
                    pen=pg.mkPen(colour, width=self.sized(2)),
                    brush=pg.mkBrush(colour if status == "reported" else (0, 0, 0, 0)),
                )
                store[country] = item
            for item in (slot.line, slot.reported, slot.derived):
                item.setVisible(True)
            self.lines[country] = slot.line
            # The legend is enlarged as a whole: its marker keeps its size, its pens are
            # drawn in pixels and so are sized.
            slot.sample.setPen(pg.mkPen(colour, width=self.sized(LINE_WIDTH)))
            slot.sample.setSymbol(symbol)
            slot.sample.setSymbolSize(SYMBOL_SIZE)
            slot.sample.setSymbolPen(pg.mkPen(colour, width=self.sized(2)))
            slot.sample.setSymbolBrush(pg.mkBrush(colour))
            name = rows[0].name if rows else country
            legend.append((f"{name} ({country})", slot.sample))
            known = [r for r in rows if r.known]
            ranks.append(scale.at(known[-1].value) if known else -math.inf)
            if known:
                last = known[-1]
                ended = "" if last.period == periods[-1].code else f" (to {last.period_label})"
                self._end_texts[country] = (name + ended, country + ended)
                slot.end_label.setText(name + ended, color=readable_on(colour, background))
                self.end_labels[country] = slot.end_label
                self._ends[country] = (float(position[last.period]), scale.at(last.value))
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
        self._legend_all, self._legend_ranks = legend, ranks
        # The layout below (_lay_out) fits the legend to its share of the plot; filling it
        # first with every line, one row at a time, took seconds for 250 countries.
        self._update_legend(legend if len(legend) <= MAX_END_LABELS else [])
        self.spans.draw(model, colours, self.scale, self.sized(1))
        self.span_segments = self.spans.drawn
        events_for = (model.events, periods, self.sized(1))
        if events_for != self._events_for:
            self._remove(list(self.event_lines))
            self.event_lines.clear()
            self._draw_events(model.events)
            self._events_for = events_for
        self.base_line.setPen(
            pg.mkPen(mark_colour(), width=self.sized(1.5), style=Qt.PenStyle.DashLine)
        )
        self.base_line.setVisible(model.index_level is not None)
        self.base_line.setPos(scale.at(model.index_level or 100.0))
        self.plot.setLabel(
            "left", "; ".join(filter(None, [model.axis_label, LOG_NOTE * scale.log]))
        )
        self._set_range(model.values())

    def _set_range(self, values: list[float]) -> None:
        """Fit the y axis to what is drawn, then lay out the x axis and the names. Set here,
        once per draw: pyqtgraph's auto-range would measure every item again on every paint."""
        low, high = self.scale.span(values)
        self.plot.getViewBox().disableAutoRange()
        self.plot.getAxis("left").setTicks(self.scale.ticks(low, high))
        self.plot.setYRange(low, high, padding=0.02)
        self._lay_out()

    # Layout: end names or legend, the margin, the period labels ---------------------------

    def _lay_out(self) -> None:
        """Name the lines at their ends if they fit (else show the legend), keep the room
        they need at the right, and label as many periods as fit along the axis."""
        model = self.model
        if model is None or not self.showing_chart or not model.periods:
            return
        count = len(model.periods)
        view = self.plot.getViewBox()
        width, height = view.width(), view.height()
        labels = [self.end_labels[c] for c in self._ends]
        gap = 8.0
        margin, placed = None, None
        if 0 < len(labels) <= MAX_END_LABELS:
            y0, y1 = view.viewRange()[1]
            per_y = height / ((y1 - y0) or 1.0)
            wanted = [(y - y0) * per_y for _, y in self._ends.values()]
            metrics = QFontMetricsF(labels[0].textItem.font())
            padding = 2 * labels[0].textItem.document().documentMargin()
            line_height = metrics.height() * 1.05
            # Names if they fit, else codes (FRA), which the legend and tooltips also use.
            for variant in (0, 1):
                texts = [self._end_texts[c][variant] for c in self._ends]
                label_width = max(metrics.horizontalAdvance(t) for t in texts) + padding
                margin = right_margin(label_width + gap, width, count, END_LABEL_SHARE)
                placed = None if margin is None else spread(wanted, line_height, 0.0, height)
                if placed is not None:
                    for label, text in zip(labels, texts, strict=True):
                        label.setText(text)
                    break
        self.end_labelled = placed is not None
        self._show_legend(not self.end_labelled)
        if placed is not None and margin is not None:
            right = count - 0.5 + margin
        else:  # room for half the last period's label, which is centred on it
            half = period_label_width(self.plot.getAxis("bottom"), model.periods) / 2 - 6
            right = count - 0.5 + max(0.0, half / max(width / count, 1.0) - 0.5)
        view.setXRange(-0.5, right, padding=0)
        for label in (slot.end_label for slot in self._slots):
            label.setVisible(False)
        if placed is not None:
            (y0, y1) = view.viewRange()[1]
            per_y = height / ((y1 - y0) or 1.0)
            # Right of the last period's markers, whichever period a line ends in.
            # (In the scene's units, which the zoom enlarges: the marker's unzoomed size.)
            x_end = count - 1 + (gap / 2 + SYMBOL_SIZE / 2) / (width / (right + 0.5))
            for label, at in zip(labels, placed, strict=True):
                label.setPos(x_end, y0 + at / per_y)
                label.setVisible(True)
        label_periods(self.plot.getAxis("bottom"), model.periods, width / (right + 0.5))
        stagger_names(self.event_lines, width / (right + 0.5), height)
        if self.spans.may_label:
            self.spans.lay_out(
                self._taken(), [run for runs in self._runs().values() for run in runs]
            )
        else:
            self.spans.lay_out()
        # Once shown, kept until the next draw: taking it away on a resize would give the
        # plot the room for a label to fit, then take it back, and so on without end.
        self._span_note = self._span_note or bool(self.spans.unlabelled)
        # An exported image is drawn off screen, and cannot be hovered.
        hovered = not self.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        span_note = SPAN_NOTE if hovered else SPAN_NOTE_EXPORTED
        notes = [more_note(self.legend_more, hovered), span_note if self._span_note else ""]
        self._show_note("<br>".join(filter(None, notes)))

    def _taken(self) -> list[QRectF]:
        """Where the chart already prints something: the points, the names at the lines'
        ends, the events' names and the marks (in the scene's coordinates)."""
        # In the scene's units, which the zoom enlarges: the marker's unzoomed size.
        points = (*self.reported_points.values(), *self.derived_points.values())
        labels = [label for label in self.end_labels.values() if label.isVisible()]
        labels += [line.label for line in self.event_lines]
        labels += [mark for _, _, mark in (*self.inconsistent_marks, *self.caution_marks)]
        boxes = point_boxes(self.plot, points, SYMBOL_SIZE / 2 + 1)
        return boxes + [scene_box(label) for label in labels]

    def _runs(self) -> dict[str, list[Run]]:
        """Each drawn line's runs of points, in the scene's coordinates."""
        return {country: line_runs(self.plot, line) for country, line in self.lines.items()}

    def _show_legend(self, shown: bool) -> None:
        """Put the legend below the plot, in as many columns as fit and no taller than its
        share of the plot (:func:`~.trend_legend.fit_legend`), or take it away."""
        entries, self.legend_more = self._legend_all, 0
        if shown:
            zoom = zoom_of(self.plot)
            fit = fit_legend(
                [name for name, _ in entries],
                self._legend_ranks,
                self.legend_room(),
                self.plot.height() / zoom,
                note_lines=int(bool(self.spans.drawn)),
            )
            entries, self.legend_more = [entries[i] for i in fit.shown], fit.more
            shown = bool(entries)  # no room for one: the note alone counts them
        layout = self.plot.getPlotItem().layout
        placed = self.legend.parentItem() is not None
        if shown and not placed:
            self.legend_below(self.legend)
        elif not shown and placed:
            layout.removeItem(self.legend)
            self.legend.setParentItem(None)
            self.plot.scene().removeItem(self.legend)
        self.legend.setVisible(shown)
        self._update_legend(entries)
        if shown:
            self.wrap_legends()
        # A legend made narrower leaves the plot as wide as the widest it was: pyqtgraph
        # fits the plot to its view's range only when the view is resized.
        plot_item, page = self.plot.getPlotItem(), QRectF(self.plot.range)
        if not self._refitting and plot_item.geometry().width() > page.width() + 0.5:
            self._refitting = True  # the plot's resizing lays the chart out again
            try:
                plot_item.setGeometry(page)
            finally:
                self._refitting = False

    def legend_room(self) -> float:
        """The plot's width on the page, less its left axis: a legend wider than the plot
        widens the view box, which would then make room for a wider legend still (an
        export at a scale of 1.5 lost its last periods and the legend its right columns)."""
        page = self.plot.width() / zoom_of(self.plot) - self.plot.getAxis("left").width()
        return min(super().legend_room(), float(page))

    def _show_note(self, text: str) -> None:
        """Show ``text`` below the plot (and its legend), or take the note away."""
        layout = self.plot.getPlotItem().layout
        placed = self.chart_note.parentItem() is not None
        if text:
            self.chart_note.setText(text, color=muted_text_colour())
            # Never wider than the plot: a note must not widen the chart past the view.
            self.chart_note.setMinimumWidth(0)
            if not placed:
                layout.addItem(self.chart_note, LEGEND_ROW + 1, 1)
                layout.setAlignment(self.chart_note, Qt.AlignmentFlag.AlignLeft)
        elif placed:
            layout.removeItem(self.chart_note)
            self.chart_note.setParentItem(None)
            self.plot.scene().removeItem(self.chart_note)
        self.chart_note.setVisible(bool(text))

    def _hide_slots(self, first: int) -> None:
        for slot in self._slots[first:]:
            self._hide(slot)
        if first == 0:
            self._update_legend([])

    @staticmethod
    def _hide(slot: _CountrySlot) -> None:
        for item in (slot.line, slot.reported, slot.derived, slot.end_label):
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

    def _draw_events(self, events: tuple[EventMark, ...]) -> None:
        for event in events:
            line = event_line(event, self.sized(1))
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

    def line_near(self, scene_position: QPointF) -> str | None:
        """The country (its code) whose line passes nearest ``scene_position``, if close."""
        return nearest_line(scene_position, self._runs(), LINE_HOVER_DISTANCE)

    def hover_text(self, scene_position: QPointF) -> tuple[str, str] | None:
        """What hovering ``scene_position`` shows, and the country it is about: a point's
        figures, else a total's, else the name of the line under the mouse."""
        row = self.point_near(scene_position)
        if row is not None:
            return self.tooltip_for(row), row.country
        total = self.spans.near(scene_position)
        if total is not None:
            return total, total.split(":")[0]
        country = self.line_near(scene_position)
        if country is not None and self.model is not None:
            rows = self.model.rows_of(country)
            return (f"{rows[0].name} ({country})" if rows else country), country
        return None

    def mouse_moved(self, scene_position: QPointF) -> None:
        hovered = self.hover_text(scene_position) if self.showing_chart else None
        if hovered is None:
            QToolTip.hideText()
            return
        text, country = hovered
        QToolTip.showText(
            self.plot.mapToGlobal(self.plot.mapFromScene(scene_position)), text, self.plot
        )
        self.details_wanted.emit(country, "")
