"""The main window: filters on the left, views in tabs, details on the right.

Views render from the store's state only. Each store change (one user action) calls
:meth:`MainWindow.redraw` once, which draws the visible view if the fields it depends on
changed; hidden views are drawn when they are shown, and built (their modules imported) the
first time they are needed, so start-up pays only for the view shown first. Settings
(geometry, dock layout, the bundle, recent bundles, the view) are saved when the window
closes and when a bundle opens.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.state.settings import LoadedSettings, Settings
from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.core.state.view_file import SUFFIX as VIEW_SUFFIX
from tgviewer.core.state.view_state import ViewKind, ViewState, default_view_state, fit_to_bundle
from tgviewer.core.views.base import model_inputs
from tgviewer.core.views.registry import view_model
from tgviewer.ui.dialogs.about import show_about
from tgviewer.ui.export.size import ExportSize
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.theme import Theme, apply_theme
from tgviewer.ui.views.registry import build_view
from tgviewer.ui.window.actions import VIEWS, WindowActions
from tgviewer.ui.window.bundle_commands import BundleCommands
from tgviewer.ui.window.details_panel import DetailsPanel
from tgviewer.ui.window.filter_panel import FilterPanel
from tgviewer.ui.window.presentation import Presentation
from tgviewer.ui.window.saved_views import SavedViews
from tgviewer.ui.window.status_bar import StatusBar

if TYPE_CHECKING:
    from tgviewer.ui.views.base import ViewBase
    from tgviewer.ui.views.compare import CompareView
    from tgviewer.ui.views.coverage import CoverageView
    from tgviewer.ui.views.ranking import RankingView
    from tgviewer.ui.views.scatter import ScatterView
    from tgviewer.ui.views.table import TableView
    from tgviewer.ui.views.trend import TrendView

TAB_ORDER = tuple(kind for kind, _ in VIEWS)



class MainWindow(QMainWindow):
    """The window people use: one bundle at a time, one store, six views.

    Parameters
    ----------
    bundle
        The bundle shown first.
    state
        The first state; the bundle's default view when ``None``.
    settings
        Settings read at start-up; defaults when ``None``. A notice in them is shown in the
        status bar.
    bundle_path
        The file ``bundle`` was opened from, ``None`` for the embedded default.
    """

    def __init__(self, bundle: Bundle, state: ViewState | None = None,
                 settings: LoadedSettings | None = None, bundle_path: str | None = None) -> None:
        super().__init__()
        loaded = settings or LoadedSettings()
        #: Every change of settings goes through this store; saving adds the window's layout.
        self.settings_store = SettingsStore.loaded(
            loaded, gather=self.current_settings, report=lambda text: self.status.show_notice(text))
        self.bundle = bundle
        self.bundle_path = bundle_path
        self.store = QtViewStateStore(state or default_view_state(bundle), self)
        self.render_count = 0
        #: Size and scale of chart exports (the last chosen) and the last file exported.
        self.export_size = ExportSize()
        self.last_export = ""
        #: The last warning, About box or Slides dialog opened (kept for tests to reach).
        self.failure_dialog: QMessageBox | None = None
        self.slides_dialog: QWidget | None = None
        self.about_box: QMessageBox | None = None
        self._drawn: dict[ViewKind, ViewState | None] = dict.fromkeys(TAB_ORDER)
        self.setObjectName("mainWindow")
        self._fit_to_screen()

        #: The views built so far; :meth:`view` builds the others when they are needed.
        self.views: dict[ViewKind, ViewBase[Any]] = {}
        self.pages: dict[ViewKind, QWidget] = {}
        self.tabs = QTabWidget(documentMode=True)
        for kind, label in VIEWS:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.pages[kind] = page
            self.tabs.addTab(page, label.replace("&", ""))
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.setCentralWidget(central)

        self.filters = FilterPanel(self.store, bundle)
        self.filter_dock = self._dock("Filters", "filterDock", self.filters,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.details = DetailsPanel()
        self.details_dock = self._dock("Details", "detailsDock", self.details,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.filter_dock, self.details_dock], [290, 330],
                         Qt.Orientation.Horizontal)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.saved_views = SavedViews(self)
        self.bundles = BundleCommands(self)
        self.setAcceptDrops(True)
        self.presentation = Presentation(self)
        column.addWidget(self.presentation.title)
        column.addWidget(self.presentation.hint)
        column.addWidget(self.tabs, 1)
        self.actions_ = WindowActions(self)
        self._restore_layout()
        if loaded.notice:
            self.status.show_notice(loaded.notice)

        self.filters.country_chosen.connect(self.show_details)
        self.tabs.currentChanged.connect(
            lambda index: self.store.update(view=TAB_ORDER[index]))
        self.store.changed.connect(lambda _old, _new: self.redraw())
        self._show_bundle()
        self.redraw()

    # Views -------------------------------------------------------------------------------

    def view(self, kind: ViewKind) -> ViewBase[Any]:
        """The view of ``kind``, built (and its module imported) the first time it is asked
        for; it is drawn by :meth:`redraw`, not here."""
        if kind in self.views:
            return self.views[kind]
        view = build_view(kind, self.store)
        view.details_wanted.connect(self.show_details)
        layout = self.pages[kind].layout()
        assert layout is not None
        # A view built later must not widen the window it opens in (on a small screen the
        # tabs would otherwise grow to the widest view's controls).
        view.setMinimumWidth(min(view.minimumSizeHint().width(), 420))
        layout.addWidget(view)
        view.show()  # now, not at the next turn of the event loop as a layout would
        self.views[kind] = view
        self.presentation.prepare(view)
        return view

    def current_view(self) -> ViewBase[Any]:
        """The view in the tab shown."""
        return self.view(TAB_ORDER[self.tabs.currentIndex()])

    @property
    def trend(self) -> TrendView:
        return self.view(ViewKind.TREND)  # type: ignore[return-value]

    @property
    def ranking(self) -> RankingView:
        return self.view(ViewKind.RANKING)  # type: ignore[return-value]

    @property
    def table(self) -> TableView:
        return self.view(ViewKind.TABLE)  # type: ignore[return-value]

    @property
    def compare(self) -> CompareView:
        return self.view(ViewKind.COMPARE)  # type: ignore[return-value]

    @property
    def coverage(self) -> CoverageView:
        return self.view(ViewKind.COVERAGE)  # type: ignore[return-value]

    @property
    def scatter(self) -> ScatterView:
        return self.view(ViewKind.SCATTER)  # type: ignore[return-value]

    def _dock(self, title: str, name: str, widget: object,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)  # type: ignore[arg-type]
        self.addDockWidget(area, dock)
        return dock

    def _fit_to_screen(self) -> None:
        """First launch: most of the screen, centred, at most 1600 by 1000."""
        screen = self.screen().availableGeometry()
        width = min(1600, int(screen.width() * 0.9))
        height = min(1000, int(screen.height() * 0.9))
        self.resize(width, height)
        self.move(screen.center().x() - width // 2, screen.center().y() - height // 2)

    def _restore_layout(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.geometry.encode()))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))

    def _show_bundle(self) -> None:
        self.setWindowTitle(f"{self.bundle.manifest.title} — tgviewer")
        self.status.show_bundle(self.bundle)

    # Drawing -----------------------------------------------------------------------------

    def redraw(self) -> None:
        """Bring the visible view up to date with the state (one call per user action)."""
        self.render_count += 1
        state = self.store.state
        with QSignalBlocker(self.tabs):
            self.tabs.setCurrentIndex(TAB_ORDER.index(state.view))
        self.actions_.show_view(state.view)
        inputs = model_inputs(state.view, state)
        if self._drawn[state.view] != inputs:
            self.view(state.view).draw(view_model(self.bundle, state))
            self._drawn[state.view] = inputs
        if self.details.country not in state.countries or self.details.bundle is not self.bundle:
            self.show_details(state.countries[0] if state.countries else "")
        self.presentation.update_title()

    def show_details(self, country: str, focus: str = "") -> None:
        """Show the records of ``country`` in the details panel, led by the line ``focus``
        when given (a clicked coverage cell); an empty ``country`` is ignored when a country
        is already shown, so moving off a point keeps its details readable."""
        if not country and self.details.country in self.store.state.countries:
            return
        self.details.show_country(self.bundle, country, self.store.state.service,
                                  **({"focus": focus} if focus else {}))

    # Bundles -----------------------------------------------------------------------------

    def open_bundle_dialog(self) -> None:
        """Ask for a bundle file and open it."""
        start = str(Path(self.bundle_path).parent) if self.bundle_path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, "Open Bundle", start, "tgviewer bundles (*.tgbundle);;All files (*)")
        if path:
            self.open_bundle_file(path)

    def open_bundle_file(self, path: str) -> bool:
        """Open the bundle at ``path``; on failure say why and keep the current data."""
        resolved = str(Path(path).resolve())
        try:
            bundle = read_bundle(resolved)
        except BundleError as exc:
            self.warn("The bundle could not be opened",
                      f"{exc.describe()}\n\nThe data shown is unchanged.")
            self.status.show_notice(f"Could not open {Path(resolved).name}; nothing changed.")
            if not Path(resolved).exists():
                self.settings_store.replace(self.settings.without_recent(resolved))
            return False
        self.set_bundle(bundle, resolved)
        return True

    def open_path(self, path: str) -> bool:
        """Open a bundle or, by its suffix, a saved view: a file double-clicked in the file
        manager while the app runs (macOS) or dropped on the window."""
        if path.lower().endswith(VIEW_SUFFIX):
            return self.saved_views.open_file(path)
        return self.open_bundle_file(path)

    def set_bundle(self, bundle: Bundle, path: str | None,
                   state: ViewState | None = None) -> None:
        """Show ``bundle`` in ``state``, else in the current view where it applies to it
        (one redraw either way)."""
        self.bundle, self.bundle_path = bundle, path
        self.settings_store.replace(self.settings.with_recent(path) if path else
                                    dataclasses.replace(self.settings, last_bundle=None))
        self.filters.set_bundle(bundle)
        self._show_bundle()
        self.status.show_notice(f"Opened {bundle.manifest.title}.")
        self._drawn = dict.fromkeys(TAB_ORDER)
        if not self.store.replace(state or self.state_kept_for(bundle)):
            self.redraw()
        self.settings_store.save()

    def state_kept_for(self, bundle: Bundle) -> ViewState:
        """The current state fitted to ``bundle``, else its default in the current view."""
        return fit_to_bundle(self.store.state, bundle) or dataclasses.replace(
            default_view_state(bundle), view=self.store.state.view)

    def clear_recent(self) -> None:
        """Forget the recent bundles (the files are untouched)."""
        self.settings_store.update(recent_bundles=())
        self.settings_store.save()

    # Export ------------------------------------------------------------------------------

    def export_chart_dialog(self) -> None:
        """File > Export Chart: ask the size, then the file, then write it."""
        from tgviewer.ui.dialogs.export import ExportDialog, ask_export_path

        dialog = ExportDialog(self.export_size, self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        self.export_size = dialog.size_chosen()
        title = self.chart_title()
        folder = str(Path(self.last_export).parent) if self.last_export else str(Path.home())
        path = ask_export_path(self, title, folder)
        if path:
            self.export_chart_to(path)

    def export_data_dialog(self) -> None:
        """File > Export Data: ask the file, then write the figures behind the view (CSV)."""
        from tgviewer.ui.dialogs.export import ask_data_path

        folder = str(Path(self.last_export).parent) if self.last_export else str(Path.home())
        path = ask_data_path(self, self.chart_title(), folder)
        if path:
            self.export_chart_to(path)

    def chart_title(self) -> str:
        """The title an export of the current view carries."""
        return view_model(self.bundle, self.store.state).text.title

    def export_chart_to(self, path: str) -> bool:
        """Write the current view to ``path`` (.png or .svg) at the chosen size, or the data
        behind it (.csv); a failure is explained in a dialog and nothing else changes."""
        from tgviewer.ui.export.chart_page import ExportError, export_chart

        try:
            export_chart(self.bundle, self.store.state, path, self.export_size)
        except ExportError as exc:
            self.warn("The chart could not be exported", str(exc))
            return False
        self.last_export = path
        self.status.show_notice(f"Exported {Path(path).name}.")
        return True

    def copy_chart(self) -> None:
        """Edit > Copy Chart: the current view, with its title and source, as an image."""
        from PySide6.QtWidgets import QApplication

        from tgviewer.ui.export.chart_page import chart_image

        QApplication.clipboard().setImage(
            chart_image(self.bundle, self.store.state, self.export_size))
        self.status.show_notice("Chart copied as an image.")

    def warn(self, title: str, text: str) -> None:
        """Say what went wrong in a window-modal box (kept as :attr:`failure_dialog`)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.open()
        self.failure_dialog = box

    def choose_slides(self) -> None:
        """View > Slides: pick the saved views presentation mode steps through."""
        from tgviewer.ui.dialogs.slides import SlidesDialog

        dialog = SlidesDialog(self.settings.slides, self.settings.recent_views, self)
        self.slides_dialog = dialog

        def chosen(result: int) -> None:
            if result == SlidesDialog.DialogCode.Accepted:
                self.settings_store.update(slides=dialog.slides())
                self.presentation.slide = -1
                self.settings_store.save()
        dialog.finished.connect(chosen)
        dialog.open()

    def choose_theme(self, theme: Theme) -> None:
        """View > Theme: apply ``theme`` and remember it (presentation mode keeps its own
        high contrast until it ends)."""
        self.settings_store.update(theme=theme.value)
        if not self.presentation.return_to_theme(theme):
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, theme)
        self.actions_.show_theme(theme)
        self.settings_store.save()

    def clear_recent_views(self) -> None:
        """Forget the recent views (the files are untouched)."""
        self.settings_store.update(recent_views=())
        self.settings_store.save()

    def show_about(self) -> None:
        """Help > About."""
        self.about_box = show_about(self.bundle, self)

    # Settings ----------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The current settings (read-only: changes go through :attr:`settings_store`)."""
        return self.settings_store.settings

    def current_settings(self, settings: Settings | None = None) -> Settings:
        """``settings`` (the current ones by default) with the window as it stands now:
        its layout (while presenting, as it was before, so the next start is not full
        screen without docks), the bundle and the view."""
        geometry, layout = self.presentation.layout_before() or (self.saveGeometry(),
                                                                 self.saveState())
        return dataclasses.replace(
            settings or self.settings,
            geometry=bytes(geometry.toBase64().data()).decode(),
            window_state=bytes(layout.toBase64().data()).decode(),
            last_bundle=self.bundle_path,
            view_state=self.store.state)

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: restyle the charts and draw again.
        if event.type() == QEvent.Type.PaletteChange and self.render_count:
            from tgviewer.ui.style.chart_style import recolour_legend, style_axes

            for view in self.views.values():
                if (plot := getattr(view, "plot", None)) is not None:
                    style_axes(plot)
                if (legend := getattr(view, "legend", None)) is not None:
                    recolour_legend(legend)
            self._drawn = dict.fromkeys(TAB_ORDER)
            self.redraw()
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.bundles.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.bundles.drop(event.mimeData()):
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings_store.save()
        super().closeEvent(event)
