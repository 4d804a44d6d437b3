"""The window's commands about bundles themselves: open, import, the library, diffs, drops.

Each opens a window-modal dialog (kept as an attribute, so tests can reach it) and, when it
produces a bundle, shows it in the window. Whatever fails, the bundle shown stays loaded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from tgviewer.core.bundle.files import BUNDLE_SUFFIX
from tgviewer.core.bundle.model import Bundle, Record
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.importing.merge import Fate
from tgviewer.core.library.bundle_library import Library
from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.core.state.view_file import SUFFIX as VIEW_SUFFIX
from tgviewer.core.state.view_state import (
    ViewKind,
    ViewState,
    default_view_state,
    fit_to_bundle,
)
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.window.bundle_loader import BundleLoader, LoadingBar, wants_background
from tgviewer.ui.window.ports import BundleHost, Notifier

if TYPE_CHECKING:
    from tgviewer.ui.dialogs.import_wizard import ImportWizard

#: Suffixes of files a drop imports rather than opens.
IMPORT_SUFFIXES = (".json", ".csv", ".tsv", ".txt")


def dropped_paths(mime: QMimeData) -> list[str]:
    """The local files a drag carries."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def state_kept_for(state: ViewState, bundle: Bundle) -> ViewState:
    """``state`` fitted to ``bundle``, else ``bundle``'s default in ``state``'s view."""
    return fit_to_bundle(state, bundle) or dataclasses.replace(
        default_view_state(bundle), view=state.view
    )


def _discard(dialog: QWidget | None) -> None:
    """Delete a dialog opened before, unless it is still open (then it stays as it is)."""
    if dialog is not None and not dialog.isVisible():
        dialog.deleteLater()


class BundleCommands:
    """File > Open Bundle, Open Recent, Import..., Library..., Compare Bundles..., and drops.

    Bundles are shown through ``host``, in the view of ``store``; recent bundles and the CSV
    mapping are kept in ``settings``; what happens is told to ``notifier``; dialogs open over
    ``parent``. ``show_details`` shows a country's records, ``open_view`` opens a saved view.
    """

    def __init__(
        self,
        store: QtViewStateStore,
        settings: SettingsStore,
        notifier: Notifier,
        host: BundleHost,
        parent: QWidget,
        *,
        show_details: Callable[[str], object],
        open_view: Callable[[str], bool],
        library: Library | None = None,
        show_loading: Callable[[QWidget], object] | None = None,
    ) -> None:
        self.store = store
        self.settings_store = settings
        self.notifier = notifier
        self.host = host
        self.parent = parent
        self.show_details = show_details
        self.open_view = open_view
        self.library = library or Library()
        #: Where the progress of a bundle read in the background is shown.
        self.show_loading = show_loading or (lambda widget: None)
        self.wizard: ImportWizard | None = None
        self.dialog: QWidget | None = None
        self.diff: QWidget | None = None
        #: Reads big bundles in the background, made when first needed.
        self.loader: BundleLoader | None = None
        self.loading_bar: LoadingBar | None = None
        #: The view a bundle read in the background is shown in, once read.
        self._wanted_state: Callable[[Bundle], ViewState | None] = lambda _bundle: None

    # Opening -----------------------------------------------------------------------------

    def open_dialog(self) -> None:
        """File > Open Bundle: ask for a bundle file and open it."""
        shown = self.host.bundle_path
        start = str(Path(shown).parent) if shown else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Open Bundle", start, "tgviewer bundles (*.tgbundle);;All files (*)"
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str, state: ViewState | None = None) -> bool:
        """Open the bundle at ``path`` (in ``state``, when given); on failure say why and
        keep the current data.

        A big bundle is read in the background (:mod:`.bundle_loader`): this returns at once,
        ``True``, and the bundle is shown when it has been read, or the failure said then.
        """
        # Read and named as given: a link to a device is refused under its own name.
        given = str(Path(path).absolute())
        if wants_background(given):
            self._read_in_background(given, lambda _bundle: state)
            return True
        try:
            bundle = read_bundle(given)
        except BundleError as exc:
            self._not_opened(exc, given)
            return False
        self.host.set_bundle(bundle, str(Path(path).resolve()), state)
        return True

    def _not_opened(self, exc: BundleError, given: str) -> None:
        self.notifier.warn(
            "The bundle could not be opened",
            f"{exc.describe()}\n\nThe data shown is unchanged.",
        )
        self.notifier.notice(f"Could not open {Path(given).name}; nothing changed.")
        if not Path(given).exists():
            settings = self.settings_store.settings
            self.settings_store.replace(settings.without_recent(given))

    def _read_in_background(self, given: str, wanted: Callable[[Bundle], ViewState | None]) -> None:
        """Read the bundle at ``given`` in a worker thread, the progress in the status bar;
        once read, show it in the view ``wanted`` gives for it."""
        if self.loader is None:
            self.loader = BundleLoader(self.parent)
            self.loader.progressed.connect(self._progressed)
            self.loader.loaded.connect(self._read)
            self.loader.failed.connect(self._failed)
            self.loader.cancelled.connect(self._cancelled)
            self.loading_bar = LoadingBar()
            self.loading_bar.cancel.clicked.connect(self.loader.cancel)
            self.show_loading(self.loading_bar)
        self._wanted_state = wanted
        assert self.loading_bar is not None
        self.loading_bar.show_progress(Path(given).name, "starting", 0.0)
        self.loading_bar.show()
        self.loader.start(given)

    def open_at_start(self, path: str, saved: ViewState | None) -> None:
        """Open the big bundle the window starts with, in the background, in the view a
        small one opens in: the saved view where it applies, else the bundle's own default
        (never the embedded bundle's view, shown meanwhile)."""
        self._read_in_background(
            str(Path(path).absolute()),
            lambda bundle: (
                (fit_to_bundle(saved, bundle) if saved is not None else None)
                or default_view_state(bundle)
            ),
        )

    def stop_reading(self) -> None:
        """Stop a bundle being read in the background, and wait for its thread to end (the
        window is closing)."""
        if self.loader is not None and self.loader.busy:
            self.loader.cancel()
            self.loader.wait(5)

    def _progressed(self, step: str, done: float) -> None:
        if self.loader is not None and self.loading_bar is not None:
            self.loading_bar.show_progress(Path(self.loader.path).name, step, done)

    def _read(self, bundle: Bundle, given: str) -> None:
        self._loading_ended()
        self.host.set_bundle(bundle, str(Path(given).resolve()), self._wanted_state(bundle))

    def _failed(self, exc: BundleError, given: str) -> None:
        self._loading_ended()
        self._not_opened(exc, given)

    def _cancelled(self, given: str) -> None:
        self._loading_ended()
        self.notifier.notice(f"Stopped opening {Path(given).name}; nothing changed.")

    def _loading_ended(self) -> None:
        if self.loading_bar is not None:
            self.loading_bar.hide()

    def open_path(self, path: str) -> bool:
        """Open a bundle or, by its suffix, a saved view: a file double-clicked in the file
        manager while the app runs (macOS) or dropped on the window."""
        if path.lower().endswith(VIEW_SUFFIX):
            return self.open_view(path)
        return self.open_file(path)

    def clear_recent(self) -> None:
        """Forget the recent bundles (the files are untouched)."""
        self.settings_store.update(recent_bundles=())
        self.settings_store.save()

    # Import ------------------------------------------------------------------------------

    def import_dialog(self, path: str | None = None) -> None:
        """Open the Import wizard on the bundle shown (reading ``path`` if given)."""
        from tgviewer.ui.dialogs.import_wizard import ImportWizard

        _discard(self.wizard)
        wizard = ImportWizard(
            self.host.bundle,
            self.library,
            self.parent,
            mapping=self.settings_store.settings.csv_mapping,
        )
        if path:
            wizard.source_page.use_file(path)
        wizard.finished.connect(lambda result: self._imported(wizard, result))
        wizard.open()
        self.wizard = wizard

    def _imported(self, wizard: ImportWizard, result: int) -> None:
        if result != QDialog.DialogCode.Accepted or wizard.saved is None or wizard.plan is None:
            return
        if wizard.mapping is not None:
            self.settings_store.update(csv_mapping=wizard.mapping)
        changed = [
            item.record for item in wizard.plan.classified if item.fate is not Fate.DUPLICATE
        ]
        self.show_bundle_with(wizard.saved, changed)
        count = sum(1 for item in wizard.plan.classified if item.fate is Fate.NEW)
        self.notifier.notice(
            f"Saved \u201c{wizard.saved.manifest.title}\u201d in your library with {count} new "
            f"record{'s' * (count != 1)}; the new figures are selected."
        )

    def show_bundle_with(self, bundle: Bundle, records: Sequence[Record]) -> None:
        """Show ``bundle`` in the trend view with ``records``' countries and periods in it."""
        state = state_kept_for(self.store.state, bundle)
        spans = [r.span for r in records if r.span is not None]
        countries = tuple(dict.fromkeys((*state.countries, *(r.country for r in records))))
        first = min([state.span.first, *(s.first for s in spans)])
        last = max([state.span.last, *(s.last for s in spans)])
        self.host.set_bundle(
            bundle,
            bundle.location,
            dataclasses.replace(
                state, countries=countries, first=first, last=last, view=ViewKind.TREND
            ),
        )
        if records:
            self.show_details(records[0].country)

    # Library and diffs -------------------------------------------------------------------

    def library_dialog(self) -> None:
        """Open the Bundle Library."""
        from tgviewer.ui.dialogs.library import open_library

        _discard(self.dialog)
        self.dialog = open_library(
            self.parent, self.library, self.host, self.settings_store, self.diff_dialog
        )

    def diff_dialog(self, old: Bundle | None = None, new: Bundle | None = None) -> None:
        """Open Compare Bundles on ``old`` and ``new`` (default: the embedded default and the
        bundle shown)."""
        from tgviewer.ui.dialogs.diff import open_diff

        _discard(self.diff)
        self.diff = open_diff(self.parent, self.library, self.host, old, new)

    # Drops -------------------------------------------------------------------------------

    def accepts(self, mime: QMimeData) -> bool:
        """Whether a drag carries a file the window can open or import."""
        return any(
            Path(p).is_dir()
            or Path(p).suffix.lower() in (BUNDLE_SUFFIX, VIEW_SUFFIX, *IMPORT_SUFFIXES)
            for p in dropped_paths(mime)
        )

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
        return self.open_path(path)
