"""The main window: filter dock on the left, views in tabs, status bar.

Views render from the store's state only; each store change redraws the visible views once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget

from tgviewer import __version__
from tgviewer.core.model import Bundle
from tgviewer.core.view_state import ViewState, default_view_state
from tgviewer.ui.filter_panel import FilterPanel
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.trend_view import TrendView


class MainWindow(QMainWindow):
    """The window people use; built around one bundle and one store."""

    def __init__(self, bundle: Bundle, state: ViewState | None = None) -> None:
        super().__init__()
        self.bundle = bundle
        self.default_state = default_view_state(bundle)
        self.store = QtViewStateStore(state or self.default_state, self)
        self.render_count = 0
        self.setWindowTitle(f"{bundle.manifest.title} — tgviewer")
        self.resize(1280, 800)

        self.trend = TrendView()
        self.tabs = QTabWidget(documentMode=True)
        self.tabs.addTab(self.trend, "Trend")
        self.setCentralWidget(self.tabs)

        self.filters = FilterPanel(self.store, bundle)
        self.filters.reset_button.clicked.connect(lambda: self.store.replace(self.default_state))
        self.filter_dock = QDockWidget("Filters", self)
        self.filter_dock.setObjectName("filterDock")
        self.filter_dock.setWidget(self.filters)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.filter_dock)

        self._build_menus()
        self._build_status_bar()
        self.store.changed.connect(lambda _old, _new: self.redraw())
        self.redraw()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.filter_dock.toggleViewAction())

    def _build_status_bar(self) -> None:
        manifest = self.bundle.manifest
        bar = self.statusBar()
        bar.addWidget(QLabel(f"{manifest.title}, as of {manifest.as_of}"))
        bar.addWidget(QLabel(f"{len(self.bundle.records)} records"))
        warnings = len(self.bundle.warnings)
        bar.addWidget(QLabel(f"{warnings} warning{'s' * (warnings != 1)}"))
        offline = QLabel("● Offline")
        offline.setToolTip(f"tgviewer {__version__} never uses the network.")
        bar.addPermanentWidget(offline)

    def redraw(self) -> None:
        """Redraw the views from the current state."""
        self.render_count += 1
        self.trend.draw(self.bundle, self.store.state)
