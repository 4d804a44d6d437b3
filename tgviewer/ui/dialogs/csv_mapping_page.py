"""The Import wizard's CSV step: which column holds the country, the period and each figure.

It starts from the mapping used last time when it fits the file, else from a guess made
from the column names, and shows the first rows so the choice can be checked by eye. What
the mapping still lacks is said in words; Next is enabled only when nothing is missing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from tgviewer.core.importing.csv_import import MappingError, table_records
from tgviewer.core.importing.csv_mapping import ColumnMapping, guess_mapping, mapping_gaps
from tgviewer.core.importing.csv_table import Table
from tgviewer.core.importing.import_plan import SourceReading
from tgviewer.core.plurals import plural
from tgviewer.ui.dialogs.import_pages import error_label, wizard_of
from tgviewer.ui.error_handler import warning_text

NONE = "(none)"
COUNTRY_FORMS = (
    ("auto", "codes or names"),
    ("code", "ISO codes (FRA or FR)"),
    ("name", "names (France)"),
)
PREVIEW_ROWS = 6


class MappingPage(QWizardPage):
    """Choose the columns of a CSV or TSV file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Which columns hold what?")
        self.table: Table | None = None
        self.measure_keys: tuple[str, ...] = ()
        self.country = QComboBox()
        self.country_as = QComboBox()
        for key, text in COUNTRY_FORMS:
            self.country_as.addItem(text, key)
        self.by_period = QRadioButton("One column with the &period (2025Q1, H1 2025, 2024)")
        self.by_dates = QRadioButton("&Start and end date columns")
        group = QButtonGroup(self)
        group.addButton(self.by_period)
        group.addButton(self.by_dates)
        self.period = QComboBox()
        self.start = QComboBox()
        self.end = QComboBox()
        self.measures: dict[str, QComboBox] = {}
        self.form = QFormLayout()
        country_row = QHBoxLayout()
        country_row.addWidget(self.country, 1)
        country_row.addWidget(QLabel("written as"))
        country_row.addWidget(self.country_as)
        country_label = QLabel("&Country:")
        country_label.setBuddy(self.country)
        self.form.addRow(country_label, country_row)
        self.form.addRow(self.by_period, self.period)
        dates = QHBoxLayout()
        dates.addWidget(self.start, 1)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end, 1)
        self.form.addRow(self.by_dates, dates)
        self.gaps = QLabel()
        self.gaps.setObjectName("mappingGaps")
        self.gaps.setWordWrap(True)
        self.error = error_label()
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.gaps)
        layout.addWidget(QLabel("The first rows of the file:"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.error)
        for combo in (self.country, self.country_as, self.period, self.start, self.end):
            combo.currentIndexChanged.connect(self._changed)
        self.by_period.toggled.connect(self._changed)

    # Filling -----------------------------------------------------------------------------

    def initializePage(self) -> None:
        wizard = wizard_of(self)
        table = self.table = wizard.table
        assert table is not None
        keys = self.measure_keys = wizard.base.manifest.measure_keys
        self.setSubTitle(
            f"{table.name}: {plural(len(table.rows), 'row')} and "
            f"{plural(len(table.headers), 'column')}, separated by {table.delimiter_name}. "
            "Choose the column "
            "of each item; a figure without a column is imported as unknown."
        )
        for key in keys:
            if key not in self.measures:
                combo = QComboBox()
                combo.currentIndexChanged.connect(self._changed)
                self.measures[key] = combo
                self.form.addRow(f"{wizard.base.manifest.measure(key).label}:", combo)
        for combo in (self.country, self.period, self.start, self.end, *self.measures.values()):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NONE, None)
            for header in table.headers:
                combo.addItem(header, header)
            combo.blockSignals(False)
        remembered = wizard.remembered
        fits = remembered is not None and not mapping_gaps(remembered, table.headers, keys)
        self.show_mapping(remembered if fits and remembered else guess_mapping(table.headers, keys))
        self._fill_preview(table)
        self.error.hide()

    def _fill_preview(self, table: Table) -> None:
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.setColumnCount(len(table.headers))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(list(table.headers))
        self.preview.setVerticalHeaderLabels([str(r.line) for r in rows])
        for r, row in enumerate(rows):
            for c, cell in enumerate(row.cells[: len(table.headers)]):
                self.preview.setItem(r, c, QTableWidgetItem(cell))
        self.preview.resizeColumnsToContents()

    def show_mapping(self, mapping: ColumnMapping) -> None:
        """Set the choosers to ``mapping``."""

        def put(combo: QComboBox, column: str | None) -> None:
            combo.setCurrentIndex(max(0, combo.findData(column)) if column else 0)

        put(self.country, mapping.country)
        self.country_as.setCurrentIndex(self.country_as.findData(mapping.country_as))
        put(self.period, mapping.period)
        put(self.start, mapping.start)
        put(self.end, mapping.end)
        for key, combo in self.measures.items():
            put(combo, mapping.measures.get(key))
        (self.by_dates if mapping.start or mapping.end else self.by_period).setChecked(True)
        self._changed()

    # Reading -----------------------------------------------------------------------------

    def mapping(self) -> ColumnMapping:
        """The mapping the choosers show."""
        periods = self.by_period.isChecked()
        return ColumnMapping(
            country=self.country.currentData(),
            country_as=self.country_as.currentData(),
            period=self.period.currentData() if periods else None,
            start=None if periods else self.start.currentData(),
            end=None if periods else self.end.currentData(),
            measures={
                key: combo.currentData()
                for key, combo in self.measures.items()
                if combo.currentData() is not None
            },
        )

    def _changed(self) -> None:
        periods = self.by_period.isChecked()
        self.period.setEnabled(periods)
        self.start.setEnabled(not periods)
        self.end.setEnabled(not periods)
        if self.table is not None:
            gaps = mapping_gaps(self.mapping(), self.table.headers, self.measure_keys)
            self.gaps.setText(
                "To go on: " + "; ".join(g.message for g in gaps) + "."
                if gaps
                else "Every item has its column."
            )
        self.error.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.table is not None and not mapping_gaps(
            self.mapping(), self.table.headers, self.measure_keys
        )

    def validatePage(self) -> bool:
        wizard = wizard_of(self)
        assert self.table is not None
        mapping = self.mapping()
        try:
            result = table_records(self.table, mapping, self.measure_keys, wizard.source.id)
        except MappingError as exc:
            self._fail(warning_text(exc))
            return False
        unread = tuple(row.describe() for row in result.unread)
        if not result.records:
            first = f" The first: {unread[0]}" if unread else ""
            self._fail(f"No row could be read with these columns.{first}")
            return False
        wizard.mapping = mapping
        wizard.reading = SourceReading(result.records, unread)
        return True

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def nextId(self) -> int:
        return wizard_of(self).PREVIEW
