"""The coverage view: a heatmap of the selected countries by the quarters of the range.

Contract: rebuilt from :func:`coverage_grid` whenever the countries, range, measure,
service or ``coverage_order`` change. Each cell is coloured by how the quarter is known
(reported, derived, only inside a longer total, no record) and marked ⚠ when records
involved disagree; the legend above names the colours. Hovering a cell shows what it is;
clicking it shows its country's records in the details panel, led by the cell's own line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.coverage import (
    CELL_WORDS,
    CellKind,
    Coverage,
    CoverageCell,
    coverage_grid,
)
from tgviewer.core.figures.series import measure_label
from tgviewer.core.state.view_state import USERS_PER_REQUEST, CoverageOrder, ViewState
from tgviewer.core.views.data_table import COVERAGE_COLUMNS, DataTable, coverage_table
from tgviewer.core.views.formatting import NO_COUNTRY_MESSAGE
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.chart_style import style_axes
from tgviewer.ui.style.theme import is_dark

#: Cell colours: blues for figures (dark reported, light derived), orange for quarters only
#: inside a longer total, grey for no record. Okabe-Ito hues, safe for colour-blind readers
#: and told apart by lightness too.
CELL_COLOURS = {
    CellKind.REPORTED: "#0072B2",
    CellKind.DERIVED: "#56B4E9",
    CellKind.COVERED: "#E69F00",
}
UNKNOWN_LIGHT, UNKNOWN_DARK = "#E4E4E4", "#3A3A3A"
ORDER_LABELS = ((CoverageOrder.NAME, "name"), (CoverageOrder.COVERAGE, "coverage"),
                (CoverageOrder.MEASURE, "latest figure"))


def cell_colour(kind: CellKind) -> str:
    """The colour of a cell of ``kind`` on the current light or dark background."""
    if kind is CellKind.UNKNOWN:
        return UNKNOWN_DARK if is_dark() else UNKNOWN_LIGHT
    return CELL_COLOURS[kind]


class CoverageView(QWidget):
    """Countries by quarters; see the module docstring."""

    #: (country, the clicked cell's line) for the details panel.
    cell_clicked = Signal(str, str)

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort countries by")
        for order, label in ORDER_LABELS:
            self.sort.addItem(label, order.value)
        self.sort.activated.connect(
            lambda i: self.store.update(coverage_order=CoverageOrder(self.sort.itemData(i))))
        top = QHBoxLayout()
        top.addWidget(QLabel("Sort countries by"))
        top.addWidget(self.sort)
        top.addSpacing(16)
        self.legend_labels: dict[CellKind, QLabel] = {}
        for kind in CellKind:
            swatch = QLabel()
            swatch.setFixedSize(16, 16)
            swatch.setObjectName(f"swatch-{kind.value}")
            top.addWidget(swatch)
            top.addWidget(QLabel(CELL_WORDS[kind]))
            top.addSpacing(10)
            self.legend_labels[kind] = swatch
        top.addWidget(QLabel("⚠ records disagree"))
        top.addStretch(1)
        self.caption = QLabel(wordWrap=True)

        self.plot = pg.PlotWidget(background=None)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        style_axes(self.plot)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.grid = pg.PlotCurveItem(connect="pairs")
        self.plot.addItem(self.grid)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setObjectName("emptyMessage")
        self.chart = QStackedWidget()
        self.chart.addWidget(self.plot)
        self.chart.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.caption)
        layout.addWidget(self.chart, 1)

        self.coverage: Coverage | None = None
        #: Country codes from the top row down.
        self.order: list[str] = []
        #: The ⚠ marks drawn, by (country, quarter code).
        self.marks: dict[tuple[str, str], pg.TextItem] = {}

    def show_message(self, text: str) -> None:
        """Replace the chart by a sentence saying what to do."""
        self.message.setText(text)
        self.chart.setCurrentWidget(self.message)

    def _colour_legend(self) -> None:
        for kind, swatch in self.legend_labels.items():
            swatch.setStyleSheet(f"background: {cell_colour(kind)}; border: 1px solid grey;")

    def draw(self, bundle: Bundle, state: ViewState) -> None:
        """Rebuild the grid from ``bundle`` and ``state``."""
        self._colour_legend()
        blocker = QSignalBlocker(self.sort)
        self.sort.setCurrentIndex(max(0, self.sort.findData(state.coverage_order.value)))
        del blocker
        for mark in self.marks.values():
            self.plot.removeItem(mark)
        self.marks, self.order, self.coverage = {}, [], None
        if not state.countries:
            self.caption.setText("")
            self.show_message(NO_COUNTRY_MESSAGE)
            return
        grid = coverage_grid(bundle, state.countries, state.span, state.measure,
                             state.service, state.coverage_order)
        if not grid.quarters:
            self.caption.setText("")
            self.show_message("The range holds no whole quarter.\nWiden the range.")
            return
        self.coverage = grid
        self.order = [row.country for row in grid.rows]
        measure = measure_label(bundle, grid.measure)
        ratio_note = (" (users per request is known where users are)"
                      if state.measure == USERS_PER_REQUEST else "")
        known = sum(row.known for row in grid.rows)
        total = len(grid.rows) * len(grid.quarters)
        self.caption.setText(
            f"<b>How each quarter of {measure.lower()} is known</b>{ratio_note} — "
            f"{known} of {total} country-quarters have a figure. Click a cell for its "
            "records.")
        self.chart.setCurrentWidget(self.plot)
        self._draw_cells(grid)

    def _draw_cells(self, grid: Coverage) -> None:
        rows, columns = len(grid.rows), len(grid.quarters)
        image = np.zeros((rows, columns, 4), dtype=np.ubyte)
        for index, row in enumerate(grid.rows):
            y = rows - 1 - index  # the first country on top
            for x, cell in enumerate(row.cells):
                colour = QColor(cell_colour(cell.kind))
                image[y, x] = (colour.red(), colour.green(), colour.blue(), 255)
                if cell.inconsistent:
                    mark = pg.TextItem("⚠", color="#000000" if cell.kind is not
                                       CellKind.REPORTED else "#FFFFFF", anchor=(0.5, 0.5))
                    font = mark.textItem.font()
                    font.setPointSize(15)
                    mark.setFont(font)
                    mark.setPos(x, y)
                    self.plot.addItem(mark)
                    self.marks[(row.country, cell.quarter.code)] = mark
        self.image.setImage(image, levels=(0, 255))
        self.image.setRect(QRectF(-0.5, -0.5, columns, rows))
        background = "#202020" if is_dark() else "#FFFFFF"
        xs: list[float] = []
        ys: list[float] = []
        for x in range(columns + 1):
            xs += [x - 0.5, x - 0.5]
            ys += [-0.5, rows - 0.5]
        for y in range(rows + 1):
            xs += [-0.5, columns - 0.5]
            ys += [y - 0.5, y - 0.5]
        self.grid.setData(xs, ys, connect="pairs", pen=pg.mkPen(background, width=2))
        self.plot.getAxis("left").setTicks([[
            (float(rows - 1 - i), f"{row.name} ({row.country})")
            for i, row in enumerate(grid.rows)]])
        self.plot.getAxis("bottom").setTicks([[
            (float(x), q.label) for x, q in enumerate(grid.quarters)]])
        self.plot.setXRange(-0.5, columns - 0.5, padding=0.01)
        self.plot.setYRange(-0.5, rows - 0.5, padding=0.01)

    def data_table(self, bundle: Bundle, state: ViewState) -> DataTable:
        """Every cell of the grid drawn."""
        if self.coverage is None:
            return DataTable(COVERAGE_COLUMNS, ())
        return coverage_table(self.coverage)

    def cell_at(self, x: float, y: float) -> CoverageCell | None:
        """The cell at plot coordinates (``x``, ``y``)."""
        grid = self.coverage
        if grid is None:
            return None
        column, row = round(x), len(grid.rows) - 1 - round(y)
        if 0 <= column < len(grid.quarters) and 0 <= row < len(grid.rows):
            return grid.rows[row].cells[column]
        return None

    def tooltip_for(self, cell: CoverageCell) -> str:
        """What a cell is, in words: country, quarter, how it is known, which records."""
        return f"{cell.country}\n{cell.describe()}"

    def _cell_under(self, position: QPointF) -> CoverageCell | None:
        point = self.plot.getViewBox().mapSceneToView(position)
        return self.cell_at(point.x(), point.y())

    def _mouse_moved(self, position: QPointF) -> None:
        cell = self._cell_under(position)
        self.plot.setToolTip(self.tooltip_for(cell) if cell else "")

    def _mouse_clicked(self, event: object) -> None:
        position = event.scenePos()  # type: ignore[attr-defined]
        cell = self._cell_under(position)
        if cell is not None:
            self.click_cell(cell)

    def click_cell(self, cell: CoverageCell) -> None:
        """Show ``cell``'s records in the details panel."""
        self.cell_clicked.emit(cell.country, cell.describe())
