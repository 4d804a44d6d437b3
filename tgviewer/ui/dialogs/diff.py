"""File > Compare Bundles...: what differs between two bundles, country by country.

Any two of the embedded default, the bundle shown, the library's bundles or another file
can be compared. Records added, removed and changed are listed with their old and new
figures, then the derived figures and inconsistencies that changed with them (all worked
out by :func:`tgviewer.core.library.diff.diff_bundles`). The report can be copied as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle, read_default_bundle
from tgviewer.core.library.bundle_library import Library
from tgviewer.core.library.diff import BundleDiff, diff_bundles
from tgviewer.core.reference.countries import country_name
from tgviewer.ui.dialogs.import_pages import error_label
from tgviewer.ui.error_handler import warning_text
from tgviewer.ui.window.ports import BundleHost

COLUMNS = ("Country / period", "Change", "Measure", "Old", "New", "Detail")
KIND_TEXT = {
    "added": "Added",
    "removed": "Removed",
    "changed": "Changed",
    "relabelled": "Source or note changed",
    "derived": "Derived figure changed",
    "new inconsistency": "New inconsistency",
    "resolved inconsistency": "Inconsistency resolved",
}
OTHER_FILE = "Other file…"


@dataclass(frozen=True)
class Choice:
    """A bundle that can be compared, as the choosers list it."""

    label: str
    bundle: Bundle


def _figure(value: int | None, status: str) -> str:
    if status == "absent":
        return "\u2013"
    text = "unknown" if value is None else f"{value:,}"
    return f"{text} (derived)" if status == "derived" else text


class DiffDialog(QDialog):
    """Two bundle choosers, the summary, and the changes grouped by country."""

    def __init__(
        self, choices: list[Choice], old: int, new: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare Bundles")
        self.resize(980, 620)
        self.choices = list(choices)
        self.old = QComboBox()
        self.new = QComboBox()
        for combo in (self.old, self.new):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_choosers(old, new)
        self.swap = QPushButton("&Swap")
        self.swap.clicked.connect(self.swap_bundles)
        form = QFormLayout()
        old_row = QHBoxLayout()
        old_row.addWidget(self.old, 1)
        old_row.addWidget(self.swap)
        old_label = QLabel("&From:")
        old_label.setBuddy(self.old)
        form.addRow(old_label, old_row)
        form.addRow("&To:", self.new)
        self.summary = QLabel()
        self.summary.setObjectName("diffSummary")
        self.summary.setWordWrap(True)
        self.error = error_label()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = buttons.addButton("&Copy Report", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.diff: BundleDiff | None = None
        self.old.activated.connect(lambda _i: self._chosen(self.old))
        self.new.activated.connect(lambda _i: self._chosen(self.new))
        self.compare()

    def _fill_choosers(self, old: int, new: int) -> None:
        for combo, index in ((self.old, old), (self.new, new)):
            combo.clear()
            for choice in self.choices:
                combo.addItem(choice.label)
            combo.addItem(OTHER_FILE)
            combo.setCurrentIndex(index)

    def ask_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, "Compare With", str(Path.home()), "tgviewer bundles (*.tgbundle);;All files (*)"
        )
        return path

    def _chosen(self, combo: QComboBox) -> None:
        if combo.currentText() == OTHER_FILE:
            path = self.ask_file()
            if path:
                self.add_file(path, combo is self.old)
                return
            combo.setCurrentIndex(0)
        self.compare()

    def add_file(self, path: str, as_old: bool) -> bool:
        """Compare with the bundle at ``path``; a bad file is said and nothing changes."""
        keep = (self.old.currentIndex(), self.new.currentIndex())
        try:
            bundle = read_bundle(path)
        except BundleError as exc:
            self._fill_choosers(*(0 if i >= len(self.choices) else i for i in keep))
            self.compare()
            self.error.setText(warning_text(exc))
            self.error.show()
            return False
        self.choices.append(Choice(f"{bundle.manifest.title} ({Path(path).name})", bundle))
        added = len(self.choices) - 1
        old, new = (added, keep[1]) if as_old else (keep[0], added)
        self._fill_choosers(old, new)
        self.compare()
        return True

    def swap_bundles(self) -> None:
        old, new = self.old.currentIndex(), self.new.currentIndex()
        self._fill_choosers(new, old)
        self.compare()

    def compare(self) -> None:
        """Diff the two bundles chosen and list the changes."""
        self.error.hide()
        old = self.choices[min(self.old.currentIndex(), len(self.choices) - 1)]
        new = self.choices[min(self.new.currentIndex(), len(self.choices) - 1)]
        diff = self.diff = diff_bundles(old.bundle, new.bundle)
        self.summary.setText(
            f"<b>From \u201c{old.label}\u201d to \u201c{new.label}\u201d:</b> "
            + (
                diff.summary()
                if not diff.is_empty
                else "no differences: the same records and figures."
            )
        )
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        grouped: dict[str, list[QTreeWidgetItem]] = {}
        for row in diff.rows():
            item = QTreeWidgetItem(
                [
                    row.period_label,
                    KIND_TEXT.get(row.kind, row.kind),
                    row.measure,
                    _figure(row.old, row.old_status),
                    _figure(row.new, row.new_status),
                    row.detail,
                ]
            )
            for column in (3, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            item.setToolTip(5, row.detail)
            grouped.setdefault(row.country, []).append(item)
        for country, items in grouped.items():
            top = QTreeWidgetItem(
                [
                    f"{country_name(country)} ({country})",
                    f"{len(items)} change{'s' * (len(items) != 1)}",
                ]
            )
            top.setFont(0, bold)
            top.addChildren(items)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()

    def copy_report(self) -> None:
        """Copy the report, one change per line, as plain text."""
        if self.diff is None:
            return
        lines = [self.summary.text().replace("<b>", "").replace("</b>", ""), *self.diff.lines()]
        QApplication.clipboard().setText("\n".join(lines))


def open_diff(
    parent: QWidget,
    library: Library,
    host: BundleHost,
    old: Bundle | None = None,
    new: Bundle | None = None,
) -> DiffDialog:
    """Show Compare Bundles over ``parent``, from ``old`` (default: the embedded bundle) to
    ``new`` (default: the bundle ``host`` shows)."""
    default = read_default_bundle()
    choices = [Choice(f"{default.manifest.title} (embedded)", default)]
    if host.bundle_path is not None and not library.contains(host.bundle_path):
        choices.append(Choice(f"{host.bundle.manifest.title} (shown)", host.bundle))
    for entry in library.entries():
        if entry.bundle is not None:
            choices.append(Choice(entry.title, entry.bundle))

    def index_of(bundle: Bundle | None, fallback: int) -> int:
        if bundle is None:
            return fallback
        for index, choice in enumerate(choices):
            if (
                choice.bundle.checksum == bundle.checksum
                and choice.bundle.manifest.title == bundle.manifest.title
            ):
                return index
        choices.append(Choice(bundle.manifest.title, bundle))
        return len(choices) - 1

    shown = index_of(host.bundle, 0)
    dialog = DiffDialog(choices, index_of(old, 0), index_of(new, shown), parent)
    dialog.open()
    return dialog
