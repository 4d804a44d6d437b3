"""The Import wizard's later steps: the country of "your country" answers, and the preview.

The preview lists every record read, what becomes of it (new, already in the bundle, in
conflict), and for each conflict a choice: keep the bundle's figures or use the new ones.
Lines that could not be read are listed too. Accepting it writes the new library bundle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from tgviewer.core.errors import TgviewerError
from tgviewer.core.importing.bot_answer import BotAnswer
from tgviewer.core.importing.import_plan import (
    plan_import,
    save_import,
    suggested_title,
)
from tgviewer.core.importing.merge import Fate, Incoming, RecordKey, Resolution
from tgviewer.core.reference.countries import country_choices, country_name, match_rank
from tgviewer.core.reference.country_names import code_for_name
from tgviewer.ui.error_handler import warning_text

if TYPE_CHECKING:
    from tgviewer.ui.dialogs.import_wizard import ImportWizard

FATE_TEXT = {Fate.NEW: "New", Fate.DUPLICATE: "Already there", Fate.CONFLICT: "Conflict"}
CHOICES = (
    (Resolution.KEEP_EXISTING, "Keep the bundle's figures"),
    (Resolution.TAKE_INCOMING, "Use the new figures"),
)


def error_label() -> QLabel:
    """A hidden label for what went wrong, in the theme's warning colour, selectable."""
    label = QLabel()
    label.setObjectName("importError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #b3261e; font-weight: 600;")
    label.hide()
    return label


def wizard_of(page: QWizardPage) -> ImportWizard:
    """The Import wizard ``page`` is in."""
    from tgviewer.ui.dialogs.import_wizard import ImportWizard

    wizard = page.wizard()
    assert isinstance(wizard, ImportWizard)
    return wizard


class CountryPage(QWizardPage):
    """Asked when an answer says "your country": which country's bot answered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Which country is it about?")
        self.setSubTitle(
            "The bot answers about the country it is asked from, and may say "
            "\u201cyour country\u201d instead of its name."
        )
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.country = QComboBox(editable=True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, name in country_choices():
            self.country.addItem(f"{name} ({code})", code)
        self.country.setCurrentIndex(-1)
        completer = QCompleter(self.country.model(), self.country)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.country.setCompleter(completer)
        completer.activated.connect(lambda _text: self.take_typed())
        edit = self.country.lineEdit()
        if edit is not None:
            edit.setPlaceholderText("Type a country's name or code")
            edit.returnPressed.connect(self.take_typed)
        self.country.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())
        self.country.editTextChanged.connect(lambda _t: self.completeChanged.emit())
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        form = QFormLayout()
        form.addRow("&Country:", self.country)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def ask_for(self, unnamed: Sequence[BotAnswer]) -> None:
        """Say which answers need a country."""
        listed = "; ".join(f"{a.label} (line {a.header_line})" for a in unnamed)
        self.question.setText(
            f"The answer{'s' * (len(unnamed) > 1)} for {listed} "
            f"say{'s' * (len(unnamed) == 1)} \u201c{unnamed[0].country_text}\u201d. "
            "Which country's @transparency bot gave "
            f"{'them' if len(unnamed) > 1 else 'it'}?"
        )

    def chosen(self) -> str | None:
        """The code of the country chosen, if the text is one of the list or names one of
        it: a code (``BEL``, ``be``), a name or an alias (``Belgium``, ``UK``), or the start
        of only one country's name (``belg``)."""
        text = self.country.currentText().strip()
        index = self.country.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            index = self.country.findData(code_for_name(text))
        if index >= 0:
            return str(self.country.itemData(index))
        found = [code for code, _ in country_choices() if match_rank(code, text) is not None]
        return found[0] if text and len(found) == 1 else None

    def take_typed(self) -> None:
        """Enter on a name or code: show the country it names as the list writes it."""
        code = self.chosen()
        index = self.country.findData(code) if code is not None else -1
        if index >= 0 and self.country.currentText() != self.country.itemText(index):
            self.country.setCurrentIndex(index)
            self.country.setEditText(self.country.itemText(index))

    def isComplete(self) -> bool:
        return self.chosen() is not None

    def validatePage(self) -> bool:
        country = self.chosen()
        assert country is not None
        try:
            wizard_of(self).read_with_country(country)
        except TgviewerError as exc:
            self.error.setText(warning_text(exc))
            self.error.show()
            return False
        return True

    def nextId(self) -> int:
        return wizard_of(self).PREVIEW


def figures(values: object, measures: tuple[str, ...]) -> list[str]:
    """The figures of ``values`` (a record's) in ``measures`` order, ``–`` when unknown."""
    mapping = dict(values)  # type: ignore[call-overload]
    return ["\u2013" if mapping.get(m) is None else f"{mapping[m]:,}" for m in measures]


class PreviewPage(QWizardPage):
    """The last step: what the import adds, what conflicts, what was not read; the name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Check the records before saving")
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.keep_all = QPushButton("&Keep the bundle's figures for all conflicts")
        self.take_all = QPushButton("&Use the new figures for all conflicts")
        self.keep_all.clicked.connect(lambda: self.choose_all(Resolution.KEEP_EXISTING))
        self.take_all.clicked.connect(lambda: self.choose_all(Resolution.TAKE_INCOMING))
        self.conflict_row = QWidget()
        row = QHBoxLayout(self.conflict_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.keep_all)
        row.addWidget(self.take_all)
        row.addStretch(1)
        self.unread_label = QLabel()
        self.unread_label.setWordWrap(True)
        self.unread = QPlainTextEdit(readOnly=True)
        self.unread.setObjectName("unreadLines")
        self.unread.setMaximumHeight(110)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.name = QLineEdit()
        self.name.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.error = error_label()
        self.choices: dict[RecordKey, QComboBox] = {}
        form = QFormLayout()
        form.addRow("Save as a new &bundle named:", self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.conflict_row)
        layout.addWidget(self.notes)
        layout.addWidget(self.unread_label)
        layout.addWidget(self.unread)
        layout.addLayout(form)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        wizard = wizard_of(self)
        assert wizard.reading is not None
        plan = plan_import(wizard.base, wizard.reading, wizard.source, wizard.origin)
        wizard.plan = plan
        self.setSubTitle(
            f"Read from {plan.origin}, to be added to a copy of "
            f"\u201c{plan.base.manifest.title}\u201d, which stays as it is."
        )
        measures = plan.base.manifest.measure_keys
        nothing = (
            ""
            if plan.changes_anything
            else (" Nothing to add: every record is already in the bundle.")
        )
        self.summary.setText(f"<b>{plan.summary()}.</b>{nothing}")
        self._fill(plan.classified, measures)
        conflicts = plan.count(Fate.CONFLICT)
        self.conflict_row.setVisible(conflicts > 1)
        unread = plan.reading.unread
        self.unread_label.setText(
            f"{len(unread)} line{'s' * (len(unread) != 1)} could not be read and "
            f"{'are' if len(unread) != 1 else 'is'} left out; check that no figure is among "
            "them:"
        )
        self.unread.setPlainText("\n".join(unread))
        self.unread_label.setVisible(bool(unread))
        self.unread.setVisible(bool(unread))
        self.notes.setText("\n".join(plan.reading.notes))
        self.notes.setVisible(bool(plan.reading.notes))
        self.name.setText(suggested_title(plan.base, [e.title for e in wizard.library.entries()]))
        self.error.hide()

    def _fill(self, classified: tuple[Incoming, ...], measures: tuple[str, ...]) -> None:
        """One row per record read; under a conflict, the bundle's figures in the same
        columns, so that old and new can be compared at a glance."""
        wizard = wizard_of(self)
        labels = [wizard.base.manifest.measure(m).label for m in measures]
        self.tree.clear()
        self.choices = {}
        self.tree.setHeaderLabels(["", "Country", "Period", *labels, "What to do"])
        figure_columns = range(3, 3 + len(measures))
        for item in classified:
            record = item.record
            row = QTreeWidgetItem(
                [
                    FATE_TEXT[item.fate],
                    country_name(record.country),
                    record.period_label,
                    *figures(record.values, measures),
                    "",
                ]
            )
            row.setToolTip(0, item.describe())
            for column in figure_columns:
                row.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.tree.addTopLevelItem(row)
            if item.fate is Fate.CONFLICT and item.existing is not None:
                now = QTreeWidgetItem(
                    ["", "in the bundle now", "", *figures(item.existing.values, measures), ""]
                )
                now.setToolTip(1, item.existing.reference())
                for column in figure_columns:
                    now.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
                now.setDisabled(True)
                row.addChild(now)
                row.setExpanded(True)
                combo = QComboBox()
                for resolution, text in CHOICES:
                    combo.addItem(text, resolution)
                self.tree.setItemWidget(row, self.tree.columnCount() - 1, combo)
                self.choices[item.key] = combo
            elif item.fate is Fate.DUPLICATE:
                row.setDisabled(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def choose_all(self, resolution: Resolution) -> None:
        for combo in self.choices.values():
            combo.setCurrentIndex(combo.findData(resolution))

    def resolutions(self) -> dict[RecordKey, Resolution]:
        return {key: combo.currentData() for key, combo in self.choices.items()}

    def isComplete(self) -> bool:
        plan = wizard_of(self).plan
        return bool(plan and plan.changes_anything and self.name.text().strip())

    def validatePage(self) -> bool:
        wizard = wizard_of(self)
        assert wizard.plan is not None
        try:
            wizard.saved = save_import(
                wizard.library, wizard.plan, self.name.text(), wizard.today, self.resolutions()
            )
        except TgviewerError as exc:
            self.error.setText(f"The bundle was not saved: {warning_text(exc)}")
            self.error.show()
            return False
        return True
