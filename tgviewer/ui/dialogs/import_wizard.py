"""File > Import...: new figures from a pasted bot answer, a dataset.json or a CSV file.

The wizard reads the source, asks what it must (the columns of a CSV file, the country of
an answer that says "your country"), then previews every record: new, already in the
bundle, or in conflict with it (the user chooses per conflict), with the lines that could
not be read listed. Only the last step writes anything: a new bundle in the library. The
bundle shown in the window and the source file are never changed. All reading and saving
is done by :mod:`tgviewer.core.importing.import_plan`; this module only asks and shows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tgviewer.core.bundle.model import Bundle, Source
from tgviewer.core.errors import TgviewerError
from tgviewer.core.importing.csv_mapping import ColumnMapping
from tgviewer.core.importing.csv_table import Table, read_table
from tgviewer.core.importing.import_plan import (
    ImportKind,
    ImportPlan,
    MissingCountryError,
    SourceError,
    SourceReading,
    decode_text,
    guess_kind,
    new_source,
    read_bot_answers,
    read_community_json,
    read_source_file,
)
from tgviewer.core.library.bundle_library import Library
from tgviewer.ui.dialogs.csv_mapping_page import MappingPage
from tgviewer.ui.dialogs.import_pages import CountryPage, PreviewPage, error_label
from tgviewer.ui.error_handler import warning_text

PASTE_EXAMPLE = """Transparency report for the period 01.01.25–30.06.25

Fulfilled requests from France for IP address and/or phone number:
Q1 — 4
Q2 — 7

Affected users:
Q1 — 17
Q2 — 20"""


class SourcePage(QWizardPage):
    """Step 1: paste the bot's answer, or choose a file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Where are the new figures?")
        self.setSubTitle(
            "Paste the @transparency bot's answer, or choose a file. Nothing is "
            "saved before the last step, and the bundle shown now is not changed."
        )
        self.paste_choice = QRadioButton("&Paste the bot's answer (one, or several together)")
        self.paste_choice.setChecked(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(f"For example:\n\n{PASTE_EXAMPLE}")
        self.text.setTabChangesFocus(True)
        self.file_choice = QRadioButton(
            "Read a &file: the community dataset.json, a CSV or TSV table, or a saved answer"
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText("File to read")
        self.browse = QPushButton("&Choose…")
        self.browse.clicked.connect(self._browse)
        self.error = error_label()
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.paste_choice)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.file_choice)
        layout.addLayout(file_row)
        layout.addWidget(self.error)
        self.text.textChanged.connect(lambda: self._choose(paste=True))
        self.path.textEdited.connect(lambda _text: self._choose(paste=False))
        for button in (self.paste_choice, self.file_choice):
            button.toggled.connect(self._changed)

    def _choose(self, paste: bool) -> None:
        (self.paste_choice if paste else self.file_choice).setChecked(True)
        self._changed()

    def _changed(self) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import Figures From",
            str(Path.home()),
            "Figures (*.json *.csv *.tsv *.txt);;All files (*)",
        )
        if path:
            self.use_file(path)

    def use_file(self, path: str) -> None:
        """Read ``path`` (chosen, or dropped on the window)."""
        self.path.setText(path)
        self._choose(paste=False)

    @property
    def pasting(self) -> bool:
        return self.paste_choice.isChecked()

    def isComplete(self) -> bool:
        if self.pasting:
            return bool(self.text.toPlainText().strip())
        return bool(self.path.text().strip())

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        try:
            wizard.read_source()
        except TgviewerError as exc:
            self.show_error(warning_text(exc, "Nothing was imported."))
            return False
        return True

    def nextId(self) -> int:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return wizard.page_after_source()


class ImportWizard(QWizard):
    """Import figures into a new bundle of ``library``, made from ``base``.

    After it is accepted, :attr:`saved` is the new bundle (loaded) and :attr:`plan` what
    was imported.
    """

    SOURCE, MAPPING, COUNTRY, PREVIEW = range(4)

    def __init__(
        self,
        base: Bundle,
        library: Library,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        mapping: ColumnMapping | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Figures")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Save and Show")
        self.resize(820, 640)
        self.base, self.library = base, library
        self.today = today or dt.date.today()
        self.kind = ImportKind.BOT_TEXT
        self.origin = ""
        self.text = ""
        self.data = b""
        self.source: Source = new_source(self.kind, self.today, base)
        self.reading: SourceReading | None = None
        self.plan: ImportPlan | None = None
        self.saved: Bundle | None = None
        #: The CSV columns mapping: the last one used at first, then the one chosen.
        self.remembered = mapping
        self.mapping: ColumnMapping | None = None
        self.table: Table | None = None
        self.source_page = SourcePage()
        self.mapping_page = MappingPage()
        self.country_page = CountryPage()
        self.preview_page = PreviewPage()
        self.setPage(self.SOURCE, self.source_page)
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.COUNTRY, self.country_page)
        self.setPage(self.PREVIEW, self.preview_page)

    def read_source(self) -> None:
        """Read what the first page names; a :class:`TgviewerError` says why it cannot be."""
        self.reading, self.table, self.mapping = None, None, None
        try:
            self._read_source()
        except TgviewerError:
            raise
        except (ValueError, RuntimeError, RecursionError) as exc:
            # Defensive: whatever the readers did not foresee is said, never a traceback.
            raise SourceError(f"the source could not be read: {exc}") from None

    def _read_source(self) -> None:
        page = self.source_page
        if page.pasting:
            self.kind, self.origin = ImportKind.BOT_TEXT, "pasted text"
            self.text = page.text.toPlainText()
            name = "the pasted text"
        else:
            path = Path(page.path.text().strip()).expanduser()
            self.data = read_source_file(path)
            self.kind, self.origin, name = guess_kind(path.name, self.data), path.name, path.name
        self.source = new_source(self.kind, self.today, self.base)
        if self.kind is ImportKind.COMMUNITY_JSON:
            self.reading = read_community_json(self.data, name)
            return
        if self.kind is ImportKind.BOT_TEXT:
            if not page.pasting:
                self.text = decode_text(self.data, name)
            try:
                self.reading = read_bot_answers(self.text, self.source.id, name=name)
            except MissingCountryError as exc:
                self.country_page.ask_for(exc.unnamed)
            return
        self.table = read_table(self.data, name)

    def page_after_source(self) -> int:
        if self.kind is ImportKind.CSV:
            return self.MAPPING
        return self.PREVIEW if self.reading is not None else self.COUNTRY

    def read_with_country(self, country: str) -> None:
        """Read the answers again, those about "your country" being about ``country``."""
        name = "the pasted text" if self.source_page.pasting else self.origin
        self.reading = read_bot_answers(self.text, self.source.id, country, name)
