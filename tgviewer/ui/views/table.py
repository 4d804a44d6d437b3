"""The table view: the current selection as countries by periods, status shown by shading.

A figure whose records include one with more requests than users is followed by
:data:`~tgviewer.core.bundle.cautions.CAUTION_MARK` (a mark, not a shade, so that it shows
whatever the cell's status); the legend below the table says what it means.

Contract: the Qt model is refilled from the :class:`~tgviewer.core.views.table.TableModel`
whenever a field the table is drawn from changes (``INPUTS[ViewKind.TABLE]``). Sorting
happens in a proxy on the raw figures (unknown figures always last), so it survives redraws.
Copying a selection gives tab-separated text with the period and country headers, ready for
a spreadsheet.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.bundle.cautions import CAUTION_MARK, CAUTION_NAME, MORE_REQUESTS_THAN_USERS
from tgviewer.core.figures.series import SeriesRow
from tgviewer.core.state.view_state import ViewKind
from tgviewer.core.views.formatting import describe_row, format_value
from tgviewer.core.views.table import TableModel
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.views.base import ViewBase
from tgviewer.ui.views.flow_layout import FlowLayout, legend_entry

Index = QModelIndex | QPersistentModelIndex

#: Role carrying the raw figure (float, NaN when unknown) used for sorting.
#: A table of more cells than this has its columns sized from a sample (see ``draw_chart``).
MEASURED_CELLS = 20_000
#: How many figures the sample holds.
SAMPLED_CELLS = 2_000
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role carrying the cell's status key: reported, derived, unknown or inconsistent.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

#: Shading per status: translucent, so it reads on light and dark backgrounds alike.
STATUS_SHADES = {
    "reported": None,
    "derived": QColor(86, 180, 233, 70),
    "inconsistent": QColor(230, 159, 0, 110),
    "unknown": QColor(128, 128, 128, 45),
}
STATUS_LEGEND = (
    ("reported", "Reported"),
    ("derived", "Derived from other records"),
    ("inconsistent", "Records disagree"),
    ("unknown", "Not known"),
)


def cell_status(row: SeriesRow) -> str:
    """The status key a cell is shaded by; disagreement outranks the rest."""
    if row.inconsistent and row.known:
        return "inconsistent"
    return row.status if row.known else "unknown"


def display_text(row: SeriesRow) -> str:
    """The figure as shown, followed by the caution mark when it has a caution."""
    text = format_value(row.value)
    return f"{text} {CAUTION_MARK}" if row.caution and row.known else text


def exact_text(value: float) -> str:
    """A figure as copied: ``1386``, ``20.4378``; empty when unknown."""
    if math.isnan(value):
        return ""
    return str(int(value)) if value == int(value) else f"{value:.10g}"


class SeriesTableModel(QAbstractTableModel):
    """Rows: the selected countries; columns: the country, then one per period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.countries: list[tuple[str, str]] = []
        self.periods: list[str] = []
        self.cells: dict[tuple[int, int], SeriesRow] = {}
        self.unit = ""
        self.rows: tuple[SeriesRow, ...] = ()

    def set_rows(self, rows: tuple[SeriesRow, ...], unit: str) -> None:
        """Show ``rows`` (from ``series_rows``)."""
        self.beginResetModel()
        self.unit = unit
        self.rows = rows
        self.countries = list(dict.fromkeys((row.country, row.name) for row in rows))
        self.periods = list(dict.fromkeys(row.period_label for row in rows))
        row_of = {code: i for i, (code, _) in enumerate(self.countries)}
        column_of = {label: i + 1 for i, label in enumerate(self.periods)}
        self.cells = {(row_of[row.country], column_of[row.period_label]): row for row in rows}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.countries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.countries else len(self.periods) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return "Country" if section == 0 else self.periods[section - 1]
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code, name = self.countries[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{name} ({code})"
            if role == SORT_ROLE:
                return name.casefold()
            return None
        row = self.cells.get((index.row(), index.column()))
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_row(row, self.unit)
        if role == SORT_ROLE:
            return row.value
        if role == STATUS_ROLE:
            return cell_status(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            shade = STATUS_SHADES[cell_status(row)]
            return None if shade is None else QBrush(shade)
        return None

    def country_at(self, row: int) -> str:
        """The country code of ``row``."""
        return self.countries[row][0]


class UnknownLastProxy(QSortFilterProxyModel):
    """Sorts on :data:`SORT_ROLE`; unknown figures stay at the bottom in either order."""

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, float) and isinstance(b, float):
            a_unknown, b_unknown = math.isnan(a), math.isnan(b)
            if a_unknown or b_unknown:
                descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
                # Qt reverses the comparison when descending; undo that for unknowns.
                return (not a_unknown and b_unknown) != descending
            return a < b
        return str(a) < str(b)


class TableView(ViewBase[TableModel]):
    """The table, its legend, and copying; see the module docstring."""

    kind = ViewKind.TABLE

    def __init__(self, store: QtViewStateStore, parent: QWidget | None = None) -> None:
        self.table = QTableView()
        super().__init__(store, self.table, parent=parent)
        self.table_model = SeriesTableModel(self)
        self.proxy = UnknownLastProxy(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.copy_action = QAction("Copy", self.table)
        self.copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.table.addAction(self.copy_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        # The legend wraps where the view is narrow, and the hint has a line of its own
        # under it: neither is ever cut.
        self.legend = QWidget()
        self.legend.setObjectName("tableLegend")
        legend = FlowLayout(self.legend, spacing=14)
        for status, text in STATUS_LEGEND:
            legend.addWidget(legend_entry(self._swatch(status), text))
        caution = QLabel(f"{CAUTION_MARK} {CAUTION_NAME.capitalize()}")
        caution.setObjectName("legend-caution")
        caution.setToolTip(f"{CAUTION_MARK} {MORE_REQUESTS_THAN_USERS}")
        legend.addWidget(caution)
        self.hint = QLabel("Select cells and press Ctrl+C to copy them with headers.")
        self.hint.setObjectName("tableHint")
        self.hint.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.legend)
        layout.addWidget(self.hint)

    @staticmethod
    def _swatch(status: str) -> QLabel:
        swatch = QLabel()
        swatch.setFixedSize(16, 16)
        shade = STATUS_SHADES[status]
        fill = (
            "transparent"
            if shade is None
            else (f"rgba({shade.red()},{shade.green()},{shade.blue()},{shade.alpha()})")
        )
        swatch.setStyleSheet(f"background: {fill}; border: 1px solid palette(mid);")
        swatch.setObjectName(f"legend-{status}")
        return swatch

    def clear_chart(self) -> None:
        self.table_model.set_rows((), "")

    def draw_chart(self, model: TableModel) -> None:
        """Refill the table from ``model``. A big table's columns are sized from a sample of
        its texts, not by Qt measuring every cell (a hundred thousand cells took 19 s)."""
        big = len(model.rows) > MEASURED_CELLS
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive if big else QHeaderView.ResizeMode.ResizeToContents
        )
        self.table_model.set_rows(model.rows, model.unit)
        if big:
            self._size_columns(header)

    def _size_columns(self, header: QHeaderView) -> None:
        """Columns as wide as the widest country name, and the widest of the period labels
        and of a sample of the figures."""
        metrics = self.table.fontMetrics()
        padding = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        table = self.table_model
        names = (f"{name} ({code})" for code, name in table.countries)
        header.resizeSection(0, max(map(metrics.horizontalAdvance, names), default=0) + padding)
        rows = list(table.cells.values())
        known = [row for row in rows if row.known]
        # The largest figure is the widest number; with a caution mark, wider still.
        widest = [
            max(group, key=lambda row: abs(row.value))
            for group in (known, [row for row in known if row.caution])
            if group
        ]
        sample = [*itertools.islice(rows, SAMPLED_CELLS), *widest]
        texts = [*table.periods, *(display_text(row) for row in sample)]
        header.setDefaultSectionSize(max(map(metrics.horizontalAdvance, texts)) + padding)
        for column in range(1, table.columnCount()):
            header.resizeSection(column, header.defaultSectionSize())

    def cell_text(self, row: int, column: int) -> str:
        """The text shown at (row, column) of the table as sorted on screen."""
        return str(self.proxy.index(row, column).data())

    def selection_as_tsv(self) -> str:
        """The selected cells as tab-separated text: a header row, then one row per country.

        The selection is squared up to the rows and columns it touches; cells inside that are
        not selected stay empty, so the columns still line up with their headers. Figures are
        copied exactly, without thousands separators, so spreadsheets read them as numbers;
        unknown figures are empty cells.
        """
        indexes = self.table.selectionModel().selectedIndexes()
        if not indexes:
            return ""
        selected = {(i.row(), i.column()) for i in indexes}
        rows = sorted({r for r, _ in selected})
        columns = sorted({c for _, c in selected})
        data_columns = [c for c in columns if c != 0]
        header = ["Country"] + [
            str(self.proxy.headerData(c, Qt.Orientation.Horizontal)) for c in data_columns
        ]
        lines = ["\t".join(header)]
        for row in rows:
            cells = [str(self.proxy.index(row, 0).data())]
            for column in data_columns:
                value = self.proxy.index(row, column).data(SORT_ROLE)
                known = (row, column) in selected and isinstance(value, float)
                cells.append(exact_text(value) if known else "")
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"

    def copy_selection(self) -> None:
        """Put the selection on the clipboard as tab-separated text."""
        text = self.selection_as_tsv()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            source = self.proxy.mapToSource(current)
            self.details_wanted.emit(self.table_model.country_at(source.row()), "")
