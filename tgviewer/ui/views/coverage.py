"""The coverage view: a heatmap of the selected countries by the quarters of the range.

Contract: rebuilt from the :class:`~tgviewer.core.views.coverage.CoverageModel` whenever a
field the coverage view is drawn from changes (``INPUTS[ViewKind.COVERAGE]``). Each cell
is coloured by how the quarter is known (reported, derived, only inside a longer total, no
record) and marked ⚠ when records involved disagree; the legend above names the colours.
Hovering a cell shows what it is; clicking it shows its country's records in the details
panel, led by the cell's own line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSignalBlocker
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from tgviewer.core.figures.coverage import CELL_WORDS, CellKind, Coverage, CoverageCell
from tgviewer.core.state.view_state import CoverageOrder, ViewKind
from tgviewer.core.views.coverage import CoverageModel
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.theme import is_dark
from tgviewer.ui.views.flow_layout import FlowLayout, legend_entry
from tgviewer.ui.views.plot import PlotView

#: Cell colours: blues for figures (dark reported, light derived), orange for quarters only
#: inside a longer total, grey for no record. Okabe-Ito hues, safe for colour-blind readers
#: and told apart by lightness too.
CELL_COLOURS = {
    CellKind.REPORTED: "#0072B2",
    CellKind.DERIVED: "#56B4E9",
    CellKind.COVERED: "#E69F00",
}
UNKNOWN_LIGHT, UNKNOWN_DARK = "#E4E4E4", "#3A3A3A"
ORDER_LABELS = (
    (CoverageOrder.NAME, "name"),
    (CoverageOrder.COVERAGE, "coverage"),
    (CoverageOrder.MEASURE, "latest figure"),
)


def cell_colour(kind: CellKind) -> str:
    """The colour of a cell of ``kind`` on the current light or dark background."""
    if kind is CellKind.UNKNOWN:
        return UNKNOWN_DARK if is_dark() else UNKNOWN_LIGHT
    return CELL_COLOURS[kind]


class CoverageView(PlotView[CoverageModel]):
    """Countries by quarters; see the module docstring."""

    kind = ViewKind.COVERAGE

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(store, parent=parent)
        self.plot.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort countries by")
        for order, label in ORDER_LABELS:
            self.sort.addItem(label, order.value)
        self.sort.activated.connect(
            lambda i: self.store.update(coverage_order=CoverageOrder(self.sort.itemData(i)))
        )
        self.add_choice("Sort countries by", self.sort)
        self.controls.addStretch(1)
        # The legend on a line of its own under the choices, wrapping where the view is
        # narrow: never cut.
        self.legend = QWidget()
        self.legend.setObjectName("coverageLegend")
        flow = FlowLayout(self.legend, spacing=14)
        self.legend_labels: dict[CellKind, QLabel] = {}
        for kind in CellKind:
            swatch = QLabel()
            swatch.setFixedSize(16, 16)
            swatch.setObjectName(f"swatch-{kind.value}")
            flow.addWidget(legend_entry(swatch, CELL_WORDS[kind]))
            self.legend_labels[kind] = swatch
        flow.addWidget(legend_entry(None, "⚠ records disagree"))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.legend)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.grid = pg.PlotCurveItem(connect="pairs")
        self.plot.addItem(self.grid)
        self.plot.getViewBox().sigResized.connect(self.label_quarters)
        #: The ⚠ marks drawn, by (country, quarter code).
        self.marks: dict[tuple[str, str], pg.TextItem] = {}

    def _colour_legend(self) -> None:
        for kind, swatch in self.legend_labels.items():
            swatch.setStyleSheet(f"background: {cell_colour(kind)}; border: 1px solid grey;")

    @property
    def coverage(self) -> Coverage | None:
        """The grid drawn, ``None`` when a message is shown."""
        return None if self.model is None else self.model.grid

    @property
    def order(self) -> tuple[str, ...]:
        """Country codes from the top row down."""
        return () if self.model is None else self.model.order

    def draw_controls(self, model: CoverageModel) -> None:
        self._colour_legend()
        with QSignalBlocker(self.sort):
            self.sort.setCurrentIndex(max(0, self.sort.findData(model.state.coverage_order.value)))

    def clear_chart(self) -> None:
        for mark in self.marks.values():
            self.plot.removeItem(mark)
        self.marks = {}

    def draw_chart(self, model: CoverageModel) -> None:
        """Rebuild the grid from ``model``."""
        self.clear_chart()
        assert model.grid is not None
        self._draw_cells(model.grid)

    def _draw_cells(self, grid: Coverage) -> None:
        rows, columns = len(grid.rows), len(grid.quarters)
        image = np.zeros((rows, columns, 4), dtype=np.ubyte)
        for index, row in enumerate(grid.rows):
            y = rows - 1 - index  # the first country on top
            for x, cell in enumerate(row.cells):
                colour = QColor(cell_colour(cell.kind))
                image[y, x] = (colour.red(), colour.green(), colour.blue(), 255)
                if cell.inconsistent:
                    mark = pg.TextItem(
                        "⚠",
                        color="#000000" if cell.kind is not CellKind.REPORTED else "#FFFFFF",
                        anchor=(0.5, 0.5),
                    )
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
        self.plot.getAxis("left").setTicks(
            [
                [
                    (float(rows - 1 - i), f"{row.name} ({row.country})")
                    for i, row in enumerate(grid.rows)
                ]
            ]
        )
        self.plot.setXRange(-0.5, columns - 0.5, padding=0.01)
        self.label_quarters()
        self.plot.setYRange(-0.5, rows - 0.5, padding=0.01)

    def label_quarters(self) -> None:
        """Write the quarters along the bottom, every one where they fit, else every second
        or fourth (first quarters of years first), so labels never run into each other;
        again whenever the plot is resized."""
        grid = self.coverage
        if grid is None or not grid.quarters:
            return
        axis = self.plot.getAxis("bottom")
        font = axis.style.get("tickFont") or self.plot.font()
        widest = max(QFontMetrics(font).horizontalAdvance(q.label) for q in grid.quarters)
        column = self.plot.getViewBox().width() / len(grid.quarters)
        step = next((s for s in (1, 2, 4, 8, 16) if s * column >= widest + 12), 32)
        offset = next((x for x, q in enumerate(grid.quarters[:step]) if q.first % 4 == 0), 0)
        shown = [x for x in range(len(grid.quarters)) if (x - offset) % step == 0]
        axis.setTicks([[(float(x), grid.quarters[x].label) for x in shown]])
        # The first label may reach left of the grid, under the names: shown still.
        axis.setStyle(hideOverlappingLabels=round(widest / 2) + 4)
        # Room at the right for the last label to be read whole (the left has the names').
        reach = (widest / 2 + 4) / column - (len(grid.quarters) - 1 - shown[-1]) - 0.5
        self.plot.setXRange(-0.5, len(grid.quarters) - 0.5 + max(0.0, reach), padding=0.01)

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

    def mouse_moved(self, position: QPointF) -> None:
        cell = self._cell_under(position)
        self.plot.setToolTip(self.tooltip_for(cell) if cell else "")

    def _mouse_clicked(self, event: object) -> None:
        position = event.scenePos()  # type: ignore[attr-defined]
        cell = self._cell_under(position)
        if cell is not None:
            self.click_cell(cell)

    def click_cell(self, cell: CoverageCell) -> None:
        """Show ``cell``'s records in the details panel."""
        self.details_wanted.emit(cell.country, cell.describe())
