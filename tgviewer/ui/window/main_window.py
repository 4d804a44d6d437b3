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
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.settings import LoadedSettings, Settings
from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.core.state.view_state import ViewKind, ViewState, default_view_state
from tgviewer.core.views.base import model_inputs
from tgviewer.core.views.registry import view_model
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.views.registry import build_view
from tgviewer.ui.window.actions import VIEWS, WindowActions
from tgviewer.ui.window.bundle_commands import BundleCommands, state_kept_for
from tgviewer.ui.window.details_panel import DetailsPanel
from tgviewer.ui.window.export_commands import ExportCommands
from tgviewer.ui.window.filter_panel import FilterPanel
from tgviewer.ui.window.layout import (
    DOCK_WIDTHS,
    DockFitter,
    add_dock,
    encoded,
    fit_to_screen,
    restore_layout,
)
from tgviewer.ui.window.presentation import Presentation
from tgviewer.ui.window.saved_views import SavedViews
from tgviewer.ui.window.settings_commands import SettingsCommands
from tgviewer.ui.window.status_bar import StatusBar, StatusNotifier

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

    def __init__(
        self,
        bundle: Bundle,
        state: ViewState | None = None,
        settings: LoadedSettings | None = None,
        bundle_path: str | None = None,
    ) -> None:
        super().__init__()
        loaded = settings or LoadedSettings()
        #: Every change of settings goes through this store; saving adds the window's layout.
        self.settings_store = SettingsStore.loaded(
            loaded, gather=self.current_settings, report=lambda text: self.notifier.notice(text)
        )
        self.bundle = bundle
        self.bundle_path = bundle_path
        self.store = QtViewStateStore(state or default_view_state(bundle), self)
        self.render_count = 0
        #: The last About box opened (kept for tests to reach).
        self.about_box: QMessageBox | None = None
        self._drawn: dict[ViewKind, ViewState | None] = dict.fromkeys(TAB_ORDER)
        self.setObjectName("mainWindow")
        fit_to_screen(self)

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
        self.filter_dock = add_dock(
            self, "Filters", "filterDock", self.filters, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.details = DetailsPanel()
        self.details_dock = add_dock(
            self, "Details", "detailsDock", self.details, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.resizeDocks(
            [self.filter_dock, self.details_dock], list(DOCK_WIDTHS), Qt.Orientation.Horizontal
        )
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self._build_controllers()
        column.addWidget(self.presentation.title)
        column.addWidget(self.presentation.hint)
        column.addWidget(self.tabs, 1)
        self.setAcceptDrops(True)
        restore_layout(self, self.settings)
        self.dock_fitter = DockFitter(self, self.filter_dock, self.details_dock)
        if loaded.notice:
            self.notifier.notice(loaded.notice)

        self.filters.country_chosen.connect(self.show_details)
        self.filters.notice.connect(self.notifier.notice)
        self.tabs.currentChanged.connect(lambda index: self.store.update(view=TAB_ORDER[index]))
        self.store.changed.connect(lambda _old, _new: self.redraw())
        self._show_bundle()
        self.redraw()

    def _build_controllers(self) -> None:
        """Each controller gets what it uses: the stores, the notifier, the window as the
        :class:`~tgviewer.ui.window.ports.BundleHost`, and the widgets it acts on."""
        store, settings = self.store, self.settings_store
        self.notifier = StatusNotifier(self.status, self)
        self.saved_views = SavedViews(store, settings, self.notifier, self, self)
        self.bundles = BundleCommands(
            store,
            settings,
            self.notifier,
            self,
            self,
            show_details=self.show_details,
            open_view=self.saved_views.open_file,
            show_loading=lambda widget: self.statusBar().addPermanentWidget(widget),
        )
        self.exports = ExportCommands(store, self, self.notifier, self)
        self.presentation = Presentation(
            self,
            self.tabs,
            self.views,
            self._chrome,
            store=store,
            settings=settings,
            host=self,
            open_slide=partial(self.saved_views.open_file, remember=False),
        )
        self.settings_commands = SettingsCommands(settings, self.presentation, self)
        self.actions_ = WindowActions(
            self,
            store=store,
            settings=settings,
            bundles=self.bundles,
            saved_views=self.saved_views,
            exports=self.exports,
            presentation=self.presentation,
            settings_commands=self.settings_commands,
            reset=self.filters.reset,
            show_about=self.show_about,
            docks=(self.filter_dock, self.details_dock),
        )

    def _chrome(self) -> list[QWidget]:
        """What presentation mode hides: everything but the chart."""
        return [
            self.filter_dock,
            self.details_dock,
            self.actions_.toolbar,
            self.menuBar(),
            self.statusBar(),
            self.tabs.tabBar(),
        ]

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
        self.details.show_country(
            self.bundle, country, self.store.state.service, **({"focus": focus} if focus else {})
        )

    # Bundles -----------------------------------------------------------------------------

    def set_bundle(self, bundle: Bundle, path: str | None, state: ViewState | None = None) -> None:
        """Show ``bundle`` in ``state``, else in the current view where it applies to it
        (one redraw either way)."""
        self.bundle, self.bundle_path = bundle, path
        self.settings_store.replace(
            self.settings.with_recent(path)
            if path
            else dataclasses.replace(self.settings, last_bundle=None)
        )
        self.filters.set_bundle(bundle)
        self._show_bundle()
        self.notifier.notice(f"Opened {bundle.manifest.title}.")
        self._drawn = dict.fromkeys(TAB_ORDER)
        if not self.store.replace(state or state_kept_for(self.store.state, bundle)):
            self.redraw()
        self.settings_store.save()

    def show_about(self) -> None:
        """Help > About (its module, which reads the installed versions through
        ``importlib.metadata``, is imported when first opened, not at start-up)."""
        from tgviewer.ui.dialogs.about import show_about

        self.about_box = show_about(self.bundle, self)

    # Settings ----------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The current settings (read-only: changes go through :attr:`settings_store`)."""
        return self.settings_store.settings

    def current_settings(self, settings: Settings | None = None) -> Settings:
        """``settings`` (the current ones by default) with the window as it stands now:
        its layout, the bundle and the view (while presenting, as they were before: the next
        start is neither full screen without docks nor on a period stepped to or a slide)."""
        geometry, layout = self.presentation.layout_before() or (
            self.saveGeometry(),
            self.saveState(),
        )
        bundle_path, state = self.presentation.view_before() or (
            self.bundle_path,
            self.store.state,
        )
        return dataclasses.replace(
            settings or self.settings,
            geometry=encoded(geometry),
            window_state=encoded(layout),
            last_bundle=bundle_path,
            view_state=state,
        )

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: restyle the charts and draw again.
        if event.type() == QEvent.Type.PaletteChange and self.render_count:
            for view in self.views.values():
                view.restyle()
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
        self.bundles.stop_reading()
        self.settings_store.save()
        super().closeEvent(event)
