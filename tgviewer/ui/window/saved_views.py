"""File > Save View, Open View and Open Recent View: saved views in the window.

A view opened on the bundle it was made with is shown as it was saved. On another bundle
(or another version of the same one) the window says which bundle the view was made with
and offers to open that bundle when it is at hand (the embedded default or a recent bundle
with the same checksum) or to use the bundle open, adapted to it (countries it lacks are
dropped, the range clipped). Nothing changes until the user has chosen; a file that is not
a view is explained and the current view stays.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import DEFAULT_BUNDLE_LOCATION
from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.core.state.view_file import (
    SUFFIX,
    BundleMatch,
    BundleRef,
    SavedView,
    ViewFileError,
    ViewNotApplicableError,
    adapt_view,
    bundle_match,
    find_bundle,
    read_view,
    write_view,
)
from tgviewer.ui.error_handler import warning_text
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.window.export_commands import chart_title
from tgviewer.ui.window.ports import BundleHost, Notifier

FILTER = f"tgviewer views (*{SUFFIX})"


class SavedViews:
    """Saving and opening ``.tgview`` files of the view in ``store`` on ``host``'s bundle.

    Recent views are kept in ``settings``; what happens is told to ``notifier``; dialogs open
    over ``parent``.

    Attributes
    ----------
    mismatch_box
        The question shown when a view was made with another bundle (kept for tests and
        for the user to reach); ``None`` when none is open.
    """

    def __init__(
        self,
        store: QtViewStateStore,
        settings: SettingsStore,
        notifier: Notifier,
        host: BundleHost,
        parent: QWidget,
    ) -> None:
        self.store = store
        self.settings_store = settings
        self.notifier = notifier
        self.host = host
        self.parent = parent
        self.mismatch_box: QMessageBox | None = None
        self.last_folder = ""

    def _folder(self) -> str:
        recent = self.settings_store.settings.recent_views
        if self.last_folder:
            return self.last_folder
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    # Saving ------------------------------------------------------------------------------

    def save_dialog(self) -> None:
        """File > Save View: ask where, then write the current view."""
        from tgviewer.ui.dialogs.export import ask_save_path, suggested_name

        title = chart_title(self.host.bundle, self.store.state)
        path = ask_save_path(
            self.parent,
            "Save View",
            suggested_name(title, self._folder(), SUFFIX),
            {SUFFIX: "tgviewer view"},
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the current view to ``path``; a failure is explained and nothing changes."""
        saved = SavedView(self.store.state, BundleRef.of(self.host.bundle))
        resolved = str(Path(path).resolve())
        try:
            write_view(resolved, saved)
        except ViewFileError as exc:
            self.notifier.warn("The view could not be saved", warning_text(exc))
            return False
        self._remember(resolved)
        self.notifier.notice(f"Saved view {Path(resolved).name}.")
        return True

    # Opening -----------------------------------------------------------------------------

    def open_dialog(self) -> None:
        """File > Open View: ask for a ``.tgview`` file and open it."""
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Open View", self._folder(), f"{FILTER};;All files (*)"
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str, remember: bool = True) -> bool:
        """Open the view in ``path``: at once on its own bundle, else after asking (then
        ``False`` is returned and the answer applies it). A bad file is explained. Unless
        ``remember`` is false (slides), the file goes first in the recent views."""
        # Read and named as given: a link to a device is refused under its own name.
        given = str(Path(path).absolute())
        try:
            saved = read_view(given)
        except ViewFileError as exc:
            self.notifier.warn(
                "The view could not be opened", warning_text(exc, "The view shown is unchanged.")
            )
            self.notifier.notice(f"Could not open {Path(given).name}; nothing changed.")
            if not Path(given).exists():
                settings = self.settings_store.settings
                self.settings_store.replace(settings.without_recent_view(given))
            return False
        resolved = str(Path(path).resolve())
        self.last_folder = str(Path(resolved).parent)
        if bundle_match(saved, self.host.bundle) is BundleMatch.SAME:
            return self.apply(saved, resolved, remember=remember)
        self._ask_about_bundle(saved, resolved, remember)
        return False

    def apply(
        self, saved: SavedView, path: str, bundle: Bundle | None = None, remember: bool = True
    ) -> bool:
        """Show ``saved`` (on ``bundle``, opened with it, when given), adapted to the bundle.

        A view that does not apply (a measure or service the bundle lacks, no country or
        period of it there) is explained and nothing changes, not even the bundle."""
        name = Path(path).name
        try:
            fitted, left_out = adapt_view(saved, bundle or self.host.bundle, name)
        except ViewNotApplicableError as exc:
            self.notifier.warn(
                "The view does not apply to this bundle",
                warning_text(exc, "The view shown is unchanged."),
            )
            return False
        if bundle is not None:
            embedded = bundle.location == DEFAULT_BUNDLE_LOCATION
            self.host.set_bundle(bundle, None if embedded else bundle.location, fitted)
        else:
            self.store.replace(fitted)
        if remember:
            self._remember(path)
        dropped = len(left_out)
        adapted = (
            (
                f" ({dropped} {'country' if dropped == 1 else 'countries'} not in this "
                "bundle left out)"
            )
            if dropped
            else ""
        )
        self.notifier.notice(f"Opened view {name}{adapted}.")
        return True

    def _ask_about_bundle(self, saved: SavedView, path: str, remember: bool) -> None:
        match = bundle_match(saved, self.host.bundle)
        found = self.find_bundle(saved.bundle)
        which = (
            "another version of the bundle open"
            if match is BundleMatch.OTHER_VERSION
            else "another bundle"
        )
        text = (
            f"{Path(path).name} was made with {which}:\n{saved.bundle.describe()}.\n\n"
            f"The bundle open is:\n{BundleRef.of(self.host.bundle).describe()}.\n\n"
        )
        text += (
            "That bundle is at hand: open it with the view, or show the view on the "
            "bundle open (figures may differ)."
            if found is not None
            else "That bundle is not at hand (open it with File > Open Bundle first to see "
            "the view exactly as saved). Show the view on the bundle open? Figures may "
            "differ, and countries it lacks are left out."
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "The view was made with another bundle",
            text,
            QMessageBox.StandardButton.Cancel,
            self.parent,
        )
        own: QPushButton | None = None
        if found is not None:
            own = box.addButton(
                f"Open {saved.bundle.title or saved.bundle.id}", QMessageBox.ButtonRole.AcceptRole
            )
        current = box.addButton("Use Current Bundle", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(own or current)

        def answered() -> None:
            clicked = box.clickedButton()
            self.mismatch_box = None
            if own is not None and clicked is own:
                self.apply(saved, path, found, remember)
            elif clicked is current:
                self.apply(saved, path, remember=remember)
            else:
                self.notifier.notice("The view was not opened; nothing changed.")

        box.finished.connect(answered)
        box.open()
        self.mismatch_box = box

    def find_bundle(self, reference: BundleRef) -> Bundle | None:
        """The embedded default or a recent bundle with ``reference``'s checksum, if any."""
        return find_bundle(reference, self.settings_store.settings.recent_bundles)

    # Recent views ------------------------------------------------------------------------

    def _remember(self, path: str) -> None:
        self.settings_store.replace(self.settings_store.settings.with_recent_view(path))
        self.settings_store.save()

    def clear_recent(self) -> None:
        """Forget the recent views (the files are untouched)."""
        self.settings_store.update(recent_views=())
        self.settings_store.save()
