"""File > Bundle Library...: the user's bundles, and what can be done with them.

The embedded default bundle is listed first and can be opened, duplicated, exported,
merged and compared, never renamed or deleted. Library bundles can be renamed, duplicated,
deleted (after a confirmation), exported as ``.tgbundle`` files, merged into a new bundle
and compared. The bundle shown in the window cannot be deleted while it is shown. Every
failure is said in the dialog, and nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import DEFAULT_BUNDLE_LOCATION, read_default_bundle
from tgviewer.core.errors import TgviewerError
from tgviewer.core.importing.merge import Fate
from tgviewer.core.library.bundle_library import Library, LibraryError, export_bundle
from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.resources import default_bundle_path
from tgviewer.ui.dialogs.import_pages import error_label
from tgviewer.ui.error_handler import warning_text
from tgviewer.ui.window.ports import BundleHost

COLUMNS = ("Title", "As of", "Records", "Countries", "Size")


@dataclass(frozen=True)
class Row:
    """A bundle the dialog lists; ``path`` is ``None`` for the embedded default."""

    title: str
    path: Path | None
    size: int
    bundle: Bundle | None
    problem: str = ""

    @property
    def in_library(self) -> bool:
        return self.path is not None


class LibraryDialog(QDialog):
    """The bundle ``library`` over ``parent``; opening a bundle shows it through ``host``,
    a bundle moved or deleted leaves the recent bundles of ``settings``, and Compare With
    calls ``compare(old, new)``."""

    def __init__(
        self,
        parent: QWidget,
        library: Library,
        host: BundleHost,
        settings: SettingsStore,
        compare: Callable[[Bundle, Bundle], object],
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.settings_store = settings
        self.compare = compare
        self.library = library
        self.setWindowTitle("Bundle Library")
        self.resize(860, 460)
        intro = QLabel(
            f"Your bundles, kept in {library.folder}. Imports add bundles here; "
            "the bundles you start from are never changed."
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.buttons: dict[str, QPushButton] = {}
        column = QVBoxLayout()
        for key, text, slot in (
            ("open", "&Open", self.open_selected),
            ("rename", "&Rename…", self.rename_selected),
            ("duplicate", "D&uplicate", self.duplicate_selected),
            ("delete", "&Delete…", self.delete_selected),
            ("export", "&Export…", self.export_selected),
            ("merge", "&Merge With…", self.merge_selected),
            ("compare", "&Compare With…", self.compare_selected),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            column.addWidget(button)
            self.buttons[key] = button
        column.addStretch(1)
        self.error = error_label()
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(column)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.rows: list[Row] = []
        self.refresh()

    # Listing -----------------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        """List the bundles again, selecting ``select`` (else the one shown)."""
        default = read_default_bundle()
        self.rows = [
            Row(default.manifest.title, None, default_bundle_path().stat().st_size, default)
        ]
        self.rows += [
            Row(e.title, e.path, e.size, e.bundle, e.problem) for e in self.library.entries()
        ]
        self.table.setRowCount(len(self.rows))
        locale = QLocale()
        chosen = 0
        for index, row in enumerate(self.rows):
            bundle = row.bundle
            title = row.title + ("" if row.in_library else " (embedded)")
            is_shown = self.is_shown(row)
            cells = [
                title + (" \u2014 shown" if is_shown else ""),
                bundle.manifest.as_of.isoformat() if bundle else "",
                f"{len(bundle.records):,}" if bundle else "",
                f"{len(bundle.countries):,}" if bundle else "",
                locale.formattedDataSize(row.size),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row.problem or str(row.path or DEFAULT_BUNDLE_LOCATION))
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if is_shown:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if row.problem:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(index, column, item)
            if same_file(row.path, select) if select else is_shown:
                chosen = index
        self.table.selectRow(chosen)
        self._selection_changed()

    def is_shown(self, row: Row) -> bool:
        """Whether ``row`` is the bundle the window shows."""
        shown = self.host.bundle_path
        if row.path is None or shown is None:
            return row.path is None and shown is None
        return same_file(row.path, Path(shown))

    def selected(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        row = self.selected()
        readable = row is not None and row.bundle is not None
        own = readable and row is not None and row.in_library
        shown = row is not None and row.path is not None and self.is_shown(row)
        for key in ("open", "duplicate", "export", "merge", "compare"):
            self.buttons[key].setEnabled(readable)
        self.buttons["rename"].setEnabled(own)
        self.buttons["delete"].setEnabled(
            bool(own and not shown) or bool(row and row.in_library and row.bundle is None)
        )
        self.buttons["delete"].setToolTip(
            "Open another bundle before deleting this one" if shown else ""
        )
        self.error.setVisible(bool(row and row.problem))
        if row and row.problem:
            self.error.setText(f"{row.path}: {row.problem}")

    # Questions (separate so that tests can answer them) ------------------------------------

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        answer, ok = QInputDialog.getText(self, title, label, text=text)
        return answer if ok else None

    def ask_item(self, title: str, label: str, items: list[str]) -> int | None:
        answer, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return items.index(answer) if ok and answer in items else None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export Bundle", suggested, "tgviewer bundles (*.tgbundle)"
        )
        return path

    # Operations --------------------------------------------------------------------------

    def _fail(self, exc: TgviewerError) -> None:
        self.error.setText(warning_text(exc))
        self.error.show()

    def _done(self, text: str, select: Path | None = None) -> None:
        self.refresh(select)
        self.message.setText(text)

    def _forget(self, path: Path) -> None:
        """``path`` is gone: it leaves the recent bundles."""
        self.settings_store.replace(self.settings_store.settings.without_recent(str(path)))

    def open_selected(self) -> None:
        row = self.selected()
        if row is None or row.bundle is None:
            return
        self.host.set_bundle(row.bundle, str(row.path) if row.path else None)
        self.accept()

    def rename_selected(self) -> None:
        row = self.selected()
        if row is None or row.path is None:
            return
        title = self.ask_text("Rename Bundle", "New name:", row.title)
        if title is None:
            return
        try:
            renamed = self.library.rename(row.path, title)
        except TgviewerError as exc:
            self.refresh(row.path)  # a half-done rename leaves both files: list what is there
            self._fail(exc)
            return
        if renamed.location != str(row.path):
            self._forget(row.path)
        if self.is_shown(row):
            self.host.set_bundle(renamed, renamed.location)
        self._done(f"Renamed to \u201c{renamed.manifest.title}\u201d.", Path(renamed.location))

    def duplicate_selected(self) -> None:
        row = self.selected()
        if row is None or row.bundle is None:
            return
        title = self.ask_text("Duplicate Bundle", "Name of the copy:", f"{row.title} (copy)")
        if title is None:
            return
        try:
            copy = self.library.save(
                title, row.bundle.manifest, row.bundle.records, row.bundle.events
            )
        except TgviewerError as exc:
            self._fail(exc)
            return
        self._done(f"Made \u201c{copy.manifest.title}\u201d.", Path(copy.location))

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or row.path is None or self.is_shown(row):
            return
        if not self.confirm(
            "Delete Bundle",
            f"Delete \u201c{row.title}\u201d from your library?\n\n"
            f"{row.path} will be removed. This cannot be undone.",
        ):
            return
        try:
            self.library.delete(row.path)
        except LibraryError as exc:
            self._fail(exc)
            return
        self._forget(row.path)
        self._done(f"Deleted \u201c{row.title}\u201d.")

    def export_selected(self) -> None:
        row = self.selected()
        if row is None or row.bundle is None:
            return
        source = row.path or default_bundle_path()
        target = self.ask_save_path(str(Path.home() / source.name))
        if not target:
            return
        if not target.lower().endswith(".tgbundle"):
            target += ".tgbundle"
            # The file dialog asked about the name typed, not this one.
            if Path(target).exists() and not self.confirm(
                "Export Bundle", f"{target} exists. Replace it?"
            ):
                return
        try:
            export_bundle(source, target)
        except TgviewerError as exc:
            self._fail(exc)
            return
        self.message.setText(f"Exported \u201c{row.title}\u201d to {target}.")

    def _other(self, verb: str) -> Row | None:
        """Ask which other readable bundle to ``verb`` the selected one with."""
        row = self.selected()
        others = [r for r in self.rows if r is not row and r.bundle is not None]
        if row is None or not others:
            self._fail(LibraryError(f"there is no other bundle to {verb.lower()} it with"))
            return None
        index = self.ask_item(
            f"{verb} Bundles", f"{verb} \u201c{row.title}\u201d with:", [r.title for r in others]
        )
        return None if index is None else others[index]

    def merge_selected(self) -> None:
        row = self.selected()
        other = self._other("Merge")
        if row is None or row.bundle is None or other is None or other.bundle is None:
            return
        title = self.ask_text(
            "Merge Bundles", "Name of the merged bundle:", f"{row.title} + {other.title}"
        )
        if title is None:
            return
        try:
            merged = self.library.merge(row.bundle, other.bundle, title)
        except TgviewerError as exc:
            self._fail(exc)
            return
        conflicts, added = merged.count(Fate.CONFLICT), merged.count(Fate.NEW)
        kept = (
            f"; {conflicts} record{'s' * (conflicts != 1)} disagreed and kept "
            f"\u201c{row.title}\u201d's figures (Compare With… lists them)"
            if conflicts
            else ""
        )
        self._done(
            f"Made \u201c{merged.bundle.manifest.title}\u201d: "
            f"{added} record{'s' * (added != 1)} added from "
            f"\u201c{other.title}\u201d{kept}.",
            merged.path,
        )

    def compare_selected(self) -> None:
        row = self.selected()
        other = self._other("Compare")
        if row is None or row.bundle is None or other is None or other.bundle is None:
            return
        self.compare(other.bundle, row.bundle)


def same_file(a: Path | None, b: Path | None) -> bool:
    """Whether ``a`` and ``b`` name the same file, however spelt."""
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return a == b


def open_library(
    parent: QWidget,
    library: Library,
    host: BundleHost,
    settings: SettingsStore,
    compare: Callable[[Bundle, Bundle], object],
) -> LibraryDialog:
    """Show the library dialog over ``parent``, window-modal (see :class:`LibraryDialog`)."""
    dialog = LibraryDialog(parent, library, host, settings, compare)
    dialog.open()
    return dialog
