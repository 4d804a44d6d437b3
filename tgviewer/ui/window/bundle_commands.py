"""The window's commands about bundles themselves: import, the library, diffs, drops.

Each opens a window-modal dialog (kept as an attribute, so tests can reach it) and, when it
produces a bundle, shows it in the window. Whatever fails, the bundle shown stays loaded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QDialog, QWidget

from tgviewer.core.bundle.files import BUNDLE_SUFFIX
from tgviewer.core.bundle.model import Bundle, Record
from tgviewer.core.importing.merge import Fate
from tgviewer.core.library.bundle_library import Library
from tgviewer.core.state.view_file import SUFFIX as VIEW_SUFFIX
from tgviewer.core.state.view_state import ViewKind

if TYPE_CHECKING:
    from tgviewer.ui.dialogs.import_wizard import ImportWizard
    from tgviewer.ui.window.main_window import MainWindow

#: Suffixes of files a drop imports rather than opens.
IMPORT_SUFFIXES = (".json", ".csv", ".tsv", ".txt")


def dropped_paths(mime: QMimeData) -> list[str]:
    """The local files a drag carries."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def _discard(dialog: QWidget | None) -> None:
    """Delete a dialog opened before, unless it is still open (then it stays as it is)."""
    if dialog is not None and not dialog.isVisible():
        dialog.deleteLater()


class BundleCommands:
    """File > Import..., File > Library..., File > Compare Bundles..., and drops."""

    def __init__(self, window: MainWindow, library: Library | None = None) -> None:
        self.window = window
        self.library = library or Library()
        self.wizard: ImportWizard | None = None
        self.dialog: QWidget | None = None
        self.diff: QWidget | None = None

    # Import ------------------------------------------------------------------------------

    def import_dialog(self, path: str | None = None) -> None:
        """Open the Import wizard on the bundle shown (reading ``path`` if given)."""
        from tgviewer.ui.dialogs.import_wizard import ImportWizard

        _discard(self.wizard)
        wizard = ImportWizard(self.window.bundle, self.library, self.window,
                              mapping=self.window.settings.csv_mapping)
        if path:
            wizard.source_page.use_file(path)
        wizard.finished.connect(lambda result: self._imported(wizard, result))
        wizard.open()
        self.wizard = wizard

    def _imported(self, wizard: ImportWizard, result: int) -> None:
        if result != QDialog.DialogCode.Accepted or wizard.saved is None or wizard.plan is None:
            return
        window = self.window
        if wizard.mapping is not None:
            window.settings_store.update(csv_mapping=wizard.mapping)
        changed = [item.record for item in wizard.plan.classified
                   if item.fate is not Fate.DUPLICATE]
        self.show_bundle_with(wizard.saved, changed)
        count = sum(1 for item in wizard.plan.classified if item.fate is Fate.NEW)
        window.status.show_notice(
            f"Saved \u201c{wizard.saved.manifest.title}\u201d in your library with {count} new "
            f"record{'s' * (count != 1)}; the new figures are selected.")

    def show_bundle_with(self, bundle: Bundle, records: Sequence[Record]) -> None:
        """Show ``bundle`` in the trend view with ``records``' countries and periods in it."""
        window = self.window
        state = window.state_kept_for(bundle)
        spans = [r.span for r in records if r.span is not None]
        countries = tuple(dict.fromkeys((*state.countries, *(r.country for r in records))))
        first = min([state.span.first, *(s.first for s in spans)])
        last = max([state.span.last, *(s.last for s in spans)])
        window.set_bundle(bundle, bundle.location, dataclasses.replace(
            state, countries=countries, first=first, last=last, view=ViewKind.TREND))
        if records:
            window.show_details(records[0].country)

    # Library and diffs -------------------------------------------------------------------

    def library_dialog(self) -> None:
        """Open the Bundle Library."""
        from tgviewer.ui.dialogs.library import open_library

        _discard(self.dialog)
        self.dialog = open_library(self.window, self.library)

    def diff_dialog(self, old: Bundle | None = None, new: Bundle | None = None) -> None:
        """Open Compare Bundles on ``old`` and ``new`` (default: the embedded default and the
        bundle shown)."""
        from tgviewer.ui.dialogs.diff import open_diff

        _discard(self.diff)
        self.diff = open_diff(self.window, self.library, old, new)

    # Drops -------------------------------------------------------------------------------

    def accepts(self, mime: QMimeData) -> bool:
        """Whether a drag carries a file the window can open or import."""
        return any(Path(p).is_dir() or Path(p).suffix.lower() in
                   (BUNDLE_SUFFIX, VIEW_SUFFIX, *IMPORT_SUFFIXES) for p in dropped_paths(mime))

    def drop(self, mime: QMimeData) -> bool:
        """Open the first file dropped: a bundle or a saved view is opened, figures
        (``.json``, ``.csv``, ``.tsv``, ``.txt``) go to the Import wizard."""
        paths = dropped_paths(mime)
        if not paths:
            return False
        path = paths[0]
        if Path(path).suffix.lower() in IMPORT_SUFFIXES:
            self.import_dialog(path)
            return True
        return self.window.open_path(path)
