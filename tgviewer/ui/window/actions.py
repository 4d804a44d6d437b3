"""The window's menus, toolbar and shortcuts.

Every command is one ``QAction``, shared by the menu bar and the toolbar, so a shortcut
works whichever is visible. Actions only call the controllers' public methods or write into
the store; they hold no state of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

from tgviewer.core.export.layouts import NO_WIDE_REASONS, has_wide
from tgviewer.core.state.settings import Settings
from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.core.state.view_state import ViewKind
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.theme import Theme
from tgviewer.ui.window.bundle_commands import BundleCommands
from tgviewer.ui.window.command_keys import CommandKeys
from tgviewer.ui.window.export_commands import ExportCommands
from tgviewer.ui.window.presentation import Presentation
from tgviewer.ui.window.saved_views import SavedViews
from tgviewer.ui.window.settings_commands import SettingsCommands

#: The views in tab order, with their names; Ctrl+1, Ctrl+2... follow this order.
VIEWS = (
    (ViewKind.TREND, "&Trend"),
    (ViewKind.RANKING, "&Ranking"),
    (ViewKind.TABLE, "T&able"),
    (ViewKind.COMPARE, "&Compare"),
    (ViewKind.COVERAGE, "C&overage"),
    (ViewKind.SCATTER, "&Scatter"),
    (ViewKind.MAP, "&Map"),
)


#: What File > Export Data as Countries × Periods does, where the view has that layout.
WIDE_TIP = (
    "Save the figures as the Table view shows them, one row per country and one column "
    "per period: CSV (and its metadata file) or an Excel workbook"
)


#: The same for the coverage view, whose grid says how each quarter is known.
COVERAGE_WIDE_TIP = (
    "Save the grid as the Coverage view shows it, one row per country and one column per "
    "quarter, saying what the records give for each: CSV (and its metadata file) or an "
    "Excel workbook"
)


def theme_of(name: str) -> Theme:
    """The theme a setting names; an unknown name follows the system."""
    try:
        return Theme(name)
    except ValueError:
        return Theme.SYSTEM


class WindowActions:
    """Builds the menu bar and toolbar of ``window`` from the controllers' commands.

    ``store`` takes the view chosen; ``settings`` lists the recent files and the theme (its
    tick follows the settings); ``reset`` resets the filters, ``show_about`` opens the About
    box, and ``docks`` are offered in the View menu.
    """

    def __init__(
        self,
        window: QMainWindow,
        *,
        store: QtViewStateStore,
        settings: SettingsStore,
        bundles: BundleCommands,
        saved_views: SavedViews,
        exports: ExportCommands,
        presentation: Presentation,
        settings_commands: SettingsCommands,
        reset: Callable[[], object],
        show_about: Callable[[], object],
        docks: Sequence[QDockWidget],
    ) -> None:
        self.window = window
        self.store = store
        self.settings_store = settings
        self.bundles = bundles
        self.saved_views = saved_views
        self.docks = docks
        self.open = self._action(
            "&Open Bundle…",
            bundles.open_dialog,
            QKeySequence.StandardKey.Open,
            "Open a .tgbundle file, for example one carried on a USB stick",
        )
        self.import_ = self._action(
            "&Import Figures…",
            lambda: bundles.import_dialog(),
            "Ctrl+I",
            "Add new figures (a pasted @transparency bot answer, the "
            "community dataset.json, a CSV table) to a copy of this "
            "bundle in your library",
        )
        self.library = self._action(
            "Bundle &Library…",
            lambda: bundles.library_dialog(),
            "Ctrl+L",
            "Your bundles: open, rename, duplicate, delete, export, merge and compare them",
        )
        self.diff = self._action(
            "Co&mpare Bundles…",
            lambda: bundles.diff_dialog(),
            None,
            "See which records, derived figures and inconsistencies differ between two bundles",
        )
        self.open_view = self._action(
            "Open &View…", saved_views.open_dialog, "Ctrl+Shift+O", "Open a saved view (.tgview)"
        )
        self.save_view = self._action(
            "&Save View…",
            saved_views.save_dialog,
            QKeySequence.StandardKey.Save,
            "Save the countries, periods and choices shown as a "
            ".tgview file, to reopen, share or present",
        )
        self.quit = self._action("&Quit", window.close, QKeySequence.StandardKey.Quit)
        self.export = self._action(
            "&Export Chart…",
            exports.export_chart_dialog,
            "Ctrl+E",
            "Save the current chart as a PNG or SVG, with its title and source",
        )
        self.export_data = self._action(
            "Export &Data…",
            exports.export_data_dialog,
            "Ctrl+Shift+E",
            "Save the figures behind the current chart, one row per country and period, "
            "with their status and source: CSV (and its metadata file) or an Excel workbook",
        )
        self.export_data_wide = self._action(
            "Export Data as Countries × &Periods…",
            exports.export_data_wide_dialog,
            None,
            WIDE_TIP,
        )
        self.copy_chart = self._action(
            "Copy C&hart",
            exports.copy_chart,
            "Ctrl+Shift+C",
            "Copy the current chart, with its title and source, as an image",
        )
        self.reset = self._action(
            "&Reset Filters", reset, "Ctrl+R", "Go back to the bundle's default countries and range"
        )
        self.about = self._action("&About tgviewer", show_about)
        self.present = self._action(
            "&Presentation Mode",
            presentation.toggle,
            "F11",
            "Show the chart alone, full screen, large and in high "
            "contrast, for projecting (Esc leaves)",
        )
        self.present.setCheckable(True)
        self.present.setIconText("Present")
        presentation.toggled.connect(self.present.setChecked)
        self.slides = self._action(
            "S&lides…",
            settings_commands.choose_slides,
            None,
            "Choose the saved views Page Down and Page Up step through in presentation mode",
        )
        self.theme_menu = QMenu("T&heme", window)
        self.theme_group = QActionGroup(window)
        self.themes: dict[Theme, QAction] = {}
        for theme in Theme:
            action = self._action(theme.label, partial(settings_commands.choose_theme, theme))
            action.setCheckable(True)
            self.theme_group.addAction(action)
            self.theme_menu.addAction(action)
            self.themes[theme] = action
        self.show_theme(theme_of(settings.settings.theme))
        settings.subscribe(self._settings_changed)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.recent_views_menu = QMenu("Open Recent Vie&w", window)
        self.recent_views_menu.aboutToShow.connect(self.fill_recent_views_menu)

        self.view_group = QActionGroup(window)
        self.views: dict[ViewKind, QAction] = {}
        for number, (kind, label) in enumerate(VIEWS, start=1):
            action = self._action(label, partial(self.choose_view, kind), f"Ctrl+{number}")
            action.setCheckable(True)
            self.view_group.addAction(action)
            self.views[kind] = action

        self.toolbar = QToolBar("Toolbar", window)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addAction(self.open)
        self.toolbar.addAction(self.import_)
        self.toolbar.addAction(self.export)
        self.toolbar.addSeparator()
        for action in self.views.values():
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.reset)
        self.toolbar.addAction(self.present)
        window.addToolBar(self.toolbar)
        self._build_menus()
        # Their keys are theirs whichever widget has focus (Ctrl+E in the search box).
        self.command_keys = CommandKeys(window)
        # Shortcuts keep working when the menu bar and toolbar are hidden (presentation).
        window.addActions(
            [
                self.open,
                self.import_,
                self.library,
                self.open_view,
                self.save_view,
                self.quit,
                self.export,
                self.export_data,
                self.copy_chart,
                self.reset,
                self.present,
                *self.views.values(),
            ]
        )

    def _action(self, text: str, slot: object, shortcut: object = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        window = self.window
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.library)
        file_menu.addSeparator()
        file_menu.addAction(self.import_)
        file_menu.addAction(self.diff)
        file_menu.addSeparator()
        file_menu.addAction(self.open_view)
        file_menu.addMenu(self.recent_views_menu)
        file_menu.addAction(self.save_view)
        file_menu.addSeparator()
        file_menu.addAction(self.export)
        file_menu.addAction(self.export_data)
        file_menu.addAction(self.export_data_wide)
        file_menu.setToolTipsVisible(True)  # why Countries × Periods is greyed out
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.copy_chart)
        view_menu = bar.addMenu("&View")
        for action in self.views.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.reset)
        view_menu.addSeparator()
        view_menu.addAction(self.present)
        view_menu.addAction(self.slides)
        view_menu.addMenu(self.theme_menu)
        view_menu.addSeparator()
        for dock in self.docks:
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.toolbar.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about)
        self.fill_recent_menu()
        self.fill_recent_views_menu()

    def show_theme(self, theme: Theme) -> None:
        """Tick the theme chosen."""
        self.themes[theme].setChecked(True)

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        if new.theme != old.theme:
            self.show_theme(theme_of(new.theme))

    def choose_view(self, kind: ViewKind) -> None:
        """Show the view ``kind`` (as one action on the store)."""
        self.store.update(view=kind)

    def show_view(self, kind: ViewKind) -> None:
        """Tick the action of the view shown."""
        action = self.views[kind]
        if not action.isChecked():
            action.setChecked(True)
        wide = self.export_data_wide
        wide.setEnabled(has_wide(kind))
        wide.setToolTip(
            NO_WIDE_REASONS.get(kind, COVERAGE_WIDE_TIP if kind is ViewKind.COVERAGE else WIDE_TIP)
        )
        wide.setStatusTip(wide.toolTip())

    def fill_recent_menu(self) -> None:
        """List the recent bundles, most recent first, numbered for the keyboard."""
        fill_recent(
            self.recent_menu,
            self.settings_store.settings.recent_bundles,
            self.bundles.open_file,
            "Clear Recent Bundles",
            self.bundles.clear_recent,
            "No recent bundles",
        )

    def fill_recent_views_menu(self) -> None:
        """List the recent views, most recent first, numbered for the keyboard."""
        fill_recent(
            self.recent_views_menu,
            self.settings_store.settings.recent_views,
            self.saved_views.open_file,
            "Clear Recent Views",
            self.saved_views.clear_recent,
            "No recent views",
        )


def fill_recent(
    menu: QMenu,
    recent: Sequence[str],
    open_file: Callable[[str], object],
    clear_text: str,
    clear: Callable[[], object],
    empty_text: str,
) -> None:
    """Fill ``menu`` with ``recent`` files (numbered for the keyboard), then a Clear item."""
    menu.clear()
    for number, path in enumerate(recent, start=1):
        name = Path(path).name.replace("&", "&&")
        action = menu.addAction(f"&{number % 10} {name}" if number <= 10 else name)
        action.setToolTip(path)
        action.setStatusTip(path)
        action.setData(path)
        action.triggered.connect(lambda _c=False, p=path: open_file(p))
    if recent:
        menu.addSeparator()
        menu.addAction(clear_text, clear)
    else:
        empty = menu.addAction(empty_text)
        empty.setEnabled(False)
