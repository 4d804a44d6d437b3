"""The scatter view: requests fulfilled against users affected, one point per country.

Contract: rebuilt from the :class:`~tgviewer.core.views.scatter.ScatterModel` whenever a
field the scatter is drawn from changes (``INPUTS[ViewKind.SCATTER]``). When the state names
no period, the period that puts the most selected countries on the chart is used. Points
whose two figures were both reported are filled, points with a derived figure hollow; each
carries its country code, and hovering one shows both figures, how they are known and how
they are scaled. A dashed line marks the median users per request of the countries drawn.
Countries unknown on either axis are listed below the chart with the reason, never drawn at
zero. On log axes zeros sit at the foot of their axis, marked ▼ (the axis's words say so
when it has a zero; an axis with none starts just below its smallest value).

Labels are placed in pixels (:mod:`tgviewer.core.figures.label_placement`), again whenever
the plot is resized or its range changes, and once more after pyqtgraph's pending layout:
none overlaps another or a point, a label moved away from its point is joined to it by a
leader line that passes no other point's marker, and a label with no room left is left off
(``unlabelled``; its point still names its country on hover).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QToolTip, QWidget

from tgviewer.core.figures.label_placement import Box, LabelWanted, place_labels
from tgviewer.core.figures.scatter import Figure, Scatter, ScatterPoint
from tgviewer.core.plurals import quantity
from tgviewer.core.state.view_state import ViewKind
from tgviewer.core.views.formatting import format_value
from tgviewer.core.views.scatter import ScatterModel
from tgviewer.core.views.value_scale import FOOT_NOTE, ZERO_MARK, ZERO_SYMBOL, ValueScale
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.chart_style import zoom_of
from tgviewer.ui.style.palette import country_colours, muted_text_colour, text_colour
from tgviewer.ui.views.plot import PlotView, nearest_point

SYMBOL_SIZE = 11


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
    return f"{', '.join(codes[: shown - 1])} +{len(codes) - shown + 1} more"


class ScatterView(PlotView[ScatterModel]):
    """Requests against users for one period; see the module docstring."""

    kind = ViewKind.SCATTER

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(store, "Countries not drawn", parent, grid_x=True, grid_y=True)
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.activated.connect(
            lambda i: self.store.update(scatter_period=self.period.itemData(i))
        )
        self.add_choice("Period", self.period)
        self.controls.addStretch(1)
        self.points = pg.ScatterPlotItem(size=SYMBOL_SIZE)
        self.median_line = pg.PlotCurveItem(
            pen=pg.mkPen(muted_text_colour(), width=1.5, style=Qt.PenStyle.DashLine)
        )
        #: Placed with the points' labels, first, near the line's upper end.
        self.median_label = pg.TextItem("", color=muted_text_colour(), anchor=(0, 0))
        self.median_end = QPointF()
        for item in (self.median_line, self.points, self.median_label):
            self.plot.addItem(item)
        self.leaders = pg.PlotCurveItem(pen=pg.mkPen(muted_text_colour(), width=1.2))
        self.leaders.setZValue(-1)  # under the points they start from
        self.plot.addItem(self.leaders)
        #: Each country's label (countries drawn at one place share one).
        self.code_labels: dict[str, pg.TextItem] = {}
        #: Each label and where its point is drawn (plot coordinates), most important first.
        self.label_points: list[tuple[float, float, pg.TextItem]] = []
        #: The labels left off for want of room (their points tell their country on hover).
        self.unlabelled: tuple[str, ...] = ()
        #: Places the labels again once the events pending have run (see :meth:`replace`).
        self.settled = QTimer(self, singleShot=True, interval=0)
        self.settled.timeout.connect(self.place_labels)
        view_box = self.plot.getViewBox()
        view_box.sigResized.connect(self.replace)
        view_box.sigRangeChanged.connect(self.replace)
        #: The list's parts, for tests and for the window.
        listed = self.list_left_out()  # always shown here, if only to say none is left out
        self.left_out, self.left_out_title = listed.items, listed.title
        self.x_scale = ValueScale()
        self.y_scale = ValueScale()
        self.tooltips: dict[str, str] = {}

    @property
    def scatter(self) -> Scatter | None:
        """The points drawn and the countries left out; ``None`` when a message is shown."""
        return None if self.model is None or self.model.empty else self.model.scatter

    def draw_controls(self, model: ScatterModel) -> None:
        with QSignalBlocker(self.period):
            self.period.clear()
            for span in model.choices:
                self.period.addItem(span.label, span.code)
            if model.period is not None:
                self.period.setCurrentIndex(self.period.findData(model.period.code))

    # Drawing -------------------------------------------------------------------------------

    def clear_chart(self) -> None:
        self.tooltips = {}
        for _, _, label in self.label_points:
            self.plot.removeItem(label)
        self.code_labels, self.label_points, self.unlabelled = {}, [], ()
        self.leaders.setData([], [])
        self.points.setData(x=[], y=[])
        self._draw_median(None, [])

    def draw_chart(self, model: ScatterModel) -> None:
        """Rebuild the points from ``model``."""
        self.clear_chart()
        # In the theme's colours (it may have changed since the view was made).
        muted = muted_text_colour()
        self.leaders.setPen(pg.mkPen(muted, width=1.2))
        self.median_line.setPen(pg.mkPen(muted, width=1.5, style=Qt.PenStyle.DashLine))
        self.median_label.setColor(muted)
        scatter = model.scatter
        assert scatter is not None
        points = scatter.points
        xs_raw = [p.requests.value for p in points]
        ys_raw = [p.users.value for p in points]
        log = model.state.log_scale
        self.x_scale = x_scale = ValueScale.fit(xs_raw, log)
        self.y_scale = y_scale = ValueScale.fit(ys_raw, log)
        colours = country_colours(model.state.countries)
        reported = [p.requests.status.value == p.users.status.value == "reported" for p in points]
        at_foot = [
            x_scale.at_foot(p.requests.value) or y_scale.at_foot(p.users.value) for p in points
        ]
        self.points.setData(
            x=[x_scale.at(v) for v in xs_raw],
            y=[y_scale.at(v) for v in ys_raw],
            data=[p.country for p in points],
            symbol=[ZERO_SYMBOL if foot else "o" for foot in at_foot],
            pen=[pg.mkPen(colours[p.country], width=2) for p in points],
            brush=[
                pg.mkBrush(colours[p.country] if filled else (0, 0, 0, 0))
                for p, filled in zip(points, reported, strict=True)
            ],
        )
        x_words, y_words = model.x_label, model.y_label
        places: dict[tuple[float, float], list[str]] = {}
        for point, foot in zip(points, at_foot, strict=True):
            place = (x_scale.at(point.requests.value), y_scale.at(point.users.value))
            places.setdefault(place, []).append(point.country)
            self.tooltips[point.country] = self._tooltip(
                point, foot, x_words, y_words, scatter.per_capita
            )
        for (x, y), codes in places.items():
            # Countries with the same figures share one label (and say so when hovered).
            label = pg.TextItem(group_label(codes), color=text_colour(), anchor=(0, 0))
            label.setVisible(False)  # until placed
            self.plot.addItem(label)
            self.label_points.append((x, y, label))
            for code in codes:
                self.code_labels[code] = label
                others = [c for c in codes if c != code]
                if others:
                    self.tooltips[code] += (
                        f"\nSame figures: {len(others)} other "
                        f"{'country' if len(others) == 1 else 'countries'}"
                        f" ({', '.join(others)})"
                    )
        # Kept short, so the axis can say it whole at 1024 pixels: the zero mark is
        # explained only on an axis that has a zero (and in the zeros' tooltips).
        for side, words, scale, values in (
            ("bottom", x_words, x_scale, xs_raw),
            ("left", y_words, y_scale, ys_raw),
        ):
            note = ""
            if log:
                zero = any(scale.at_foot(v) for v in values)
                note = f"log scale; {ZERO_MARK} = 0" if zero else "log scale"
            self.plot.setLabel(side, "; ".join(filter(None, [words, note])))
        x_low, x_high = x_scale.span(xs_raw, headroom=1.12)
        y_low, y_high = y_scale.span(ys_raw, headroom=1.12)
        self.plot.getAxis("bottom").setTicks(x_scale.ticks(x_low, x_high))
        self.plot.getAxis("left").setTicks(y_scale.ticks(y_low, y_high))
        self.plot.getViewBox().disableAutoRange()
        self.plot.setRange(xRange=(x_low, x_high), yRange=(y_low, y_high), padding=0.02)
        self._draw_median(scatter.median_ratio, xs_raw)
        self.place_labels()

    def replace(self) -> None:
        """Place the labels now, and again when the events pending have run: pyqtgraph lays
        the plot out on posted events (an axis widening for its new tick labels shrinks the
        view box), and a leader placed on a stale mapping between pixels and data would
        end on another point once drawn."""
        self.place_labels()
        self.settled.start()

    def place_labels(self) -> None:
        """Put each label next to its point, or farther out with a leader line, so that none
        overlaps another or a point (the median line's label first, by the line's upper end);
        a label with no room left is left
        off (its point still tells its country on hover). Runs again whenever the plot is
        resized or its range changes: the room is counted in pixels."""
        if not self.label_points:
            return
        view_box = self.plot.getViewBox()
        to_pixels = self.plot.viewportTransform()
        from_pixels, _ = to_pixels.inverted()
        area = to_pixels.mapRect(view_box.sceneBoundingRect())
        zoom = zoom_of(self.plot)  # presentation mode enlarges the text as drawn
        wanted: list[LabelWanted] = []
        labels = list(self.label_points)
        if self.median_label.textItem.toPlainText():
            end = self.median_end
            labels.insert(0, (end.x(), end.y(), self.median_label))
        for index, (x, y, label) in enumerate(labels):
            where = to_pixels.map(view_box.mapViewToScene(QPointF(x, y)))
            size = label.textItem.boundingRect()
            wanted.append(
                LabelWanted(
                    str(index), where.x(), where.y(), size.width() * zoom, size.height() * zoom
                )
            )
        placement = place_labels(
            wanted,
            Box(area.left(), area.top(), area.width(), area.height()),
            SYMBOL_SIZE / 2 * zoom,
        )

        def in_plot(x: float, y: float) -> QPointF:
            where: QPointF = view_box.mapSceneToView(from_pixels.map(QPointF(x, y)))
            return where

        leader_xs: list[float] = []
        leader_ys: list[float] = []
        for placed in placement.placed:
            label = labels[int(placed.key)][2]
            label.setPos(in_plot(placed.box.left, placed.box.top))
            label.setVisible(True)
            if placed.leader is not None:
                for x, y in placed.leader:
                    where = in_plot(x, y)
                    leader_xs.append(where.x())
                    leader_ys.append(where.y())
        left_off = [labels[int(key)][2] for key in placement.left_off]
        for label in left_off:
            label.setVisible(False)
        self.unlabelled = tuple(
            code for code, label in self.code_labels.items() if any(label is o for o in left_off)
        )
        self.leaders.setData(leader_xs, leader_ys, connect="pairs")

    def zoom(self, factor: float) -> None:
        super().zoom(factor)
        self.place_labels()  # the labels' text grew or shrank

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
        per = quantity(median, "users per request", format_value(median))
        self.median_label.setText(f"median: {per}")
        self.median_end = QPointF(xs[1], ys[1])

    @staticmethod
    def _tooltip(
        point: ScatterPoint, foot: bool, x_words: str, y_words: str, per_capita: bool
    ) -> str:
        ratio = point.ratio
        lines = [
            f"{point.name} ({point.country})",
            describe_figure(x_words, point.requests, per_capita),
            describe_figure(y_words, point.users, per_capita),
            "Users per request: "
            + ("undefined (no request fulfilled)" if ratio is None else format_value(ratio)),
        ]
        if point.scaling != "absolute":
            lines.append(point.scaling)
        if point.inconsistent:
            lines.append("⚠ the records for a figure disagree (see Details)")
        if foot:
            lines.append(FOOT_NOTE)
        return "\n".join(lines)

    # Hover ---------------------------------------------------------------------------------

    def point_near(self, scene_position: QPointF) -> str | None:
        """The country of the drawn point nearest ``scene_position``, if close enough."""
        scatter = self.scatter
        if scatter is None or not self.showing_chart:
            return None
        return nearest_point(
            self.plot,
            scene_position,
            (
                (self.x_scale.at(p.requests.value), self.y_scale.at(p.users.value), p.country)
                for p in scatter.points
            ),
        )

    def mouse_moved(self, scene_position: QPointF) -> None:
        country = self.point_near(scene_position)
        if country is None:
            QToolTip.hideText()
            return
        QToolTip.showText(
            self.plot.mapToGlobal(self.plot.mapFromScene(scene_position)),
            self.tooltips[country],
            self.plot,
        )
        self.details_wanted.emit(country, "")
