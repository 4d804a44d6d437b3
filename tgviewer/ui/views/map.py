"""The map view: every country of the bundle coloured by its figure, one period at a time.

Drawn from :class:`tgviewer.core.views.map.MapModel`. The model is rebuilt when a field the
map is drawn from changes (``INPUTS[ViewKind.MAP]``); the shapes are built once, when the
view is first drawn, and each redraw only recolours them (:class:`.map_canvas.MapCanvas`).

From the top: the view's choices (how classes are bounded, a region to zoom to, the whole
world), the caption, then the map with its legend under it and, beside it, the list of every country
with its figure (sortable, reachable with the keyboard, so that no figure depends on seeing
colours), and under the map the period slider with Play. The slider and Play stay while
presenting; Left and Right step the slider when it has focus (and in presentation mode).
Hovering a country shows its figure, status and records; clicking it selects it in the
filter panel and shows it in Details.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.reference.equal_earth import project
from tgviewer.core.reference.world_map import Bounds
from tgviewer.core.state.view_state import MapClasses, ViewKind
from tgviewer.core.views.formatting import describe_row, format_value
from tgviewer.core.views.map import MapEntry, MapModel
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.views.base import ViewBase
from tgviewer.ui.views.map_canvas import MapCanvas, Mark
from tgviewer.ui.views.map_colours import MapColours, map_colours
from tgviewer.ui.views.map_legend import LegendEntry, MapLegend

#: Region presets: (west, south, east, north) in degrees.
REGIONS: dict[str, tuple[float, float, float, float]] = {
    "Europe": (-25.0, 34.0, 45.0, 71.5),
    "The Americas": (-170.0, -56.0, -30.0, 75.0),
    "Asia": (25.0, -11.0, 150.0, 60.0),
    "Africa": (-20.0, -36.0, 55.0, 38.0),
    "Oceania": (110.0, -48.0, 180.0, 0.0),
}
#: Play's speeds: seconds per period.
SPEEDS = {"Slow": 2.0, "Normal": 1.0, "Fast": 0.5}
#: Words of each way to bound the classes, in the choice box.
CLASS_CHOICES = {
    MapClasses.NICE: "Round steps",
    MapClasses.QUANTILE: "Quantiles",
    MapClasses.EQUAL: "Equal steps",
}


def region_bounds(box: tuple[float, float, float, float]) -> Bounds:
    """A longitude-latitude box as map bounds (its projected edges' extent)."""
    west, south, east, north = box
    points = [
        project(west + (east - west) * i / 8, lat) for i in range(9) for lat in (south, north)
    ] + [project(lon, south + (north - south) * i / 8) for i in range(9) for lon in (west, east)]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def list_status(entry: MapEntry) -> str:
    """The status in a word or two, for the list beside the map (its tooltip says more)."""
    if not entry.known:
        return "no figure"
    return "derived" if entry.derived else "reported"


def mark_of(entry: MapEntry, colours: MapColours) -> Mark:
    """How ``entry`` is painted."""
    if entry.klass is None:
        return Mark(colours.no_figure, hatched=True, selected=entry.selected)
    return Mark(
        colours.classes[entry.klass],
        hatched=entry.derived,
        selected=entry.selected,
        warning=entry.row.inconsistent,
    )


class FigureItem(QTableWidgetItem):
    """A figure in the list, sorted by its value (unknown figures last, largest first)."""

    def __init__(self, value: float | None) -> None:
        super().__init__("—" if value is None else format_value(value))
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine = self.value if self.value is not None else -math.inf
        theirs = getattr(other, "value", None)
        return mine < (theirs if theirs is not None else -math.inf)


class MapView(ViewBase[MapModel]):
    """The world map of one period; see the module docstring."""

    kind = ViewKind.MAP

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        self.canvas = MapCanvas()
        self.legend = MapLegend()
        pane = QWidget()
        pane.setObjectName("mapPane")
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.canvas, 1)
        column.addWidget(self.legend)
        super().__init__(store, pane, None, parent)
        self.colours = map_colours(1)
        self._sized = False
        self._add_choices()
        self._add_values_list()
        self._add_slider()
        self.canvas.clicked.connect(self._pick)
        self.canvas.stepped.connect(lambda delta: self.slider.setValue(self.slider.value() + delta))

    # Layout --------------------------------------------------------------------------------

    def _add_choices(self) -> None:
        self.classes = QComboBox()
        self.classes.setAccessibleName("Classes")
        for method, words in CLASS_CHOICES.items():
            self.classes.addItem(words, method.value)
        self.classes.setToolTip(
            "How the colour classes are bounded: round steps from zero, quantiles (as many "
            "countries in each class), or equal steps from the smallest to the largest figure"
        )
        self.classes.activated.connect(
            lambda i: self.store.update(map_classes=MapClasses(self.classes.itemData(i)))
        )
        self.add_choice("Classes", self.classes)
        self.region = QComboBox()
        self.region.setAccessibleName("Zoom to")
        self.region.addItem("The world", "")
        for name in REGIONS:
            self.region.addItem(name, name)
        self.region.activated.connect(self._zoom_to_region)
        self.add_choice("Zoom to", self.region)
        self.whole = QPushButton("Whole World")
        self.whole.setToolTip("Show the whole world again (0 or Home on the map)")
        self.whole.clicked.connect(self.reset_zoom)
        self.controls.addWidget(self.whole)
        self.choices.append(self.whole)
        self.controls.addStretch(1)

    def _add_values_list(self) -> None:
        self.values = QTableWidget(0, 3)
        self.values.setObjectName("mapValues")
        self.values.setAccessibleName("Countries and their figures")
        self.values.setHorizontalHeaderLabels(["Country", "Figure", "Status"])
        self.values.verticalHeader().setVisible(False)
        self.values.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.values.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.values.setSortingEnabled(True)
        self.values.setWordWrap(False)
        self.values.verticalHeader().setDefaultSectionSize(self.values.fontMetrics().height() + 6)
        self.values.setMinimumWidth(220)
        self.values.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.values.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.values.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.values.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.values.itemActivated.connect(self._picked_in_list)
        self.values.cellClicked.connect(lambda row, _column: self._list_details(row))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        index = layout.indexOf(self.chart)
        layout.removeWidget(self.chart)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.values)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.insertWidget(index, self.splitter, 1)

    def _add_slider(self) -> None:
        bar = QHBoxLayout()
        self.play = QToolButton()
        self.play.setText("▶ Play")
        self.play.setCheckable(True)
        self.play.setToolTip("Step through the periods, and stop at the last one")
        self.play.toggled.connect(self._play_toggled)
        self.speed = QComboBox()
        self.speed.setAccessibleName("Speed")
        for words, seconds in SPEEDS.items():
            self.speed.addItem(words, seconds)
        self.speed.setCurrentIndex(1)
        self.speed.currentIndexChanged.connect(self._speed_changed)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Period")
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._slid)
        self.period_label = QLabel()
        self.period_label.setObjectName("mapPeriod")
        self.period_label.setMinimumWidth(90)
        for widget in (self.play, self.speed):
            bar.addWidget(widget)
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.period_label)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(bar)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.advance)
        self._speed_changed()

    # Drawing -------------------------------------------------------------------------------

    def draw_controls(self, model: MapModel) -> None:
        with QSignalBlocker(self.classes):
            self.classes.setCurrentIndex(self.classes.findData(model.state.map_classes.value))
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, max(0, len(model.choices) - 1))
            if model.period is not None and model.period in model.choices:
                self.slider.setValue(model.choices.index(model.period))
        self.slider.setEnabled(len(model.choices) > 1)
        self.play.setEnabled(len(model.choices) > 1)
        self.period_label.setText(model.period.label if model.period is not None else "")

    def draw_chart(self, model: MapModel) -> None:
        """Recolour the map (building its shapes the first time) and list the figures."""
        if not self.canvas.built:
            self.canvas.build([entry.country for entry in model.entries])
        self.colours = colours = map_colours(model.classes.count)
        marks = {entry.country: mark_of(entry, colours) for entry in model.entries}
        tooltips = {entry.country: self.tooltip(entry) for entry in model.entries}
        self.canvas.paint(marks, tooltips, colours)
        self.legend.set_content(
            model.unit[:1].upper() + model.unit[1:], self._legend(model), colours
        )
        self._list(model)

    def clear_chart(self) -> None:
        self.values.setRowCount(0)

    def tooltip(self, entry: MapEntry) -> str:
        """What hovering ``entry``'s country shows."""
        assert self.model is not None
        if entry.known:
            return describe_row(entry.row, self.model.unit)
        return f"{entry.row.name} ({entry.country}) · {entry.row.period_label}\nNo figure: " + (
            f"{entry.reason}\n{entry.row.explanation}"
        )

    def _legend(self, model: MapModel) -> tuple[LegendEntry, ...]:
        colours = self.colours
        entries = [LegendEntry(label, colours.classes[i]) for i, label in enumerate(model.labels)]
        known = [e for e in model.entries if e.known]
        if any(e.derived for e in known):
            entries.append(
                LegendEntry(
                    "derived from other records", colours.classes[-1], Qt.BrushStyle.BDiagPattern
                )
            )
        if len(known) < len(model.entries):
            entries.append(
                LegendEntry(
                    "no figure for this period", colours.no_figure, Qt.BrushStyle.BDiagPattern
                )
            )
        entries.append(LegendEntry("no record", colours.no_record))
        entries.append(
            LegendEntry("disputed (Crimea)", colours.no_record, Qt.BrushStyle.DiagCrossPattern)
        )
        entries.append(LegendEntry("small country", colours.classes[0], circle=True))
        if any(e.row.inconsistent for e in known):
            entries.append(LegendEntry("⚠ records disagree", QColor(0, 0, 0, 0)))
        return tuple(entries)

    def _list(self, model: MapModel) -> None:
        table = self.values
        header = table.horizontalHeader()
        # Filled with the columns' sizes fixed: sizing them to their contents after each
        # cell costs more than the rest of a step of the slider.
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        table.setUpdatesEnabled(False)
        table.setSortingEnabled(False)
        table.setRowCount(len(model.entries))
        for row, entry in enumerate(model.entries):
            name = QTableWidgetItem(entry.row.name)
            name.setData(Qt.ItemDataRole.UserRole, entry.country)
            figure = FigureItem(entry.row.value if entry.known else None)
            status = QTableWidgetItem(list_status(entry) + (" ⚠" if entry.row.inconsistent else ""))
            tip = self.tooltip(entry)
            for column, item in enumerate((name, figure, status)):
                item.setToolTip(tip)
                table.setItem(row, column, item)
        table.setSortingEnabled(True)
        # The figure and its status whole; the names take the rest (elided when narrow).
        table.resizeColumnToContents(1)
        table.resizeColumnToContents(2)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setUpdatesEnabled(True)

    # Choices -------------------------------------------------------------------------------

    def _slid(self, index: int) -> None:
        if self.model is None or not 0 <= index < len(self.model.choices):
            return
        self.store.update(map_period=self.model.choices[index].code)

    def advance(self) -> None:
        """Play's step: the next period, stopping at the last."""
        if self.slider.value() >= self.slider.maximum():
            self.play.setChecked(False)
            return
        self.slider.setValue(self.slider.value() + 1)
        if self.slider.value() >= self.slider.maximum():
            self.play.setChecked(False)

    def _play_toggled(self, playing: bool) -> None:
        self.play.setText("❚❚ Pause" if playing else "▶ Play")
        if playing:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)  # Play at the end starts again from the first
            self.timer.start()
        else:
            self.timer.stop()

    def _speed_changed(self) -> None:
        self.timer.setInterval(round(float(self.speed.currentData()) * 1000))

    def _zoom_to_region(self, index: int) -> None:
        name = self.region.itemData(index)
        if not name:
            self.reset_zoom()
            return
        self.canvas.show_bounds(region_bounds(REGIONS[name]))

    def reset_zoom(self) -> None:
        """Show the whole world."""
        with QSignalBlocker(self.region):
            self.region.setCurrentIndex(0)
        self.canvas.reset_view()

    def _pick(self, code: str) -> None:
        """A click on ``code``: select it in the filter panel and show its details."""
        countries = self.store.state.countries
        if code not in countries:
            self.store.update(countries=(*countries, code))
        self.details_wanted.emit(code, "")

    def _list_details(self, row: int) -> None:
        item = self.values.item(row, 0)
        if item is not None:
            self.details_wanted.emit(str(item.data(Qt.ItemDataRole.UserRole)), "")

    def _picked_in_list(self, item: QTableWidgetItem) -> None:
        first = self.values.item(item.row(), 0)
        if first is not None:
            self._pick(str(first.data(Qt.ItemDataRole.UserRole)))

    def set_presenting(self, presenting: bool) -> None:
        """Presenting shows the map, its legend and the slider; the list gives way."""
        super().set_presenting(presenting)
        self.values.setVisible(not presenting)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._sized:
            self._sized = True
            width = max(self.splitter.width(), 400)
            side = min(300, width // 4)
            self.splitter.setSizes([width - side, side])

    # Style ---------------------------------------------------------------------------------

    def restyle(self) -> None:
        if self.model is not None and not self.model.empty:
            self.draw_chart(self.model)

    def zoom(self, factor: float) -> None:
        self.legend.zoom(factor)
        self.canvas.circle_scale(factor)
