"""The window's size and dock layout: fitted to the screen on first launch, kept in the
settings between runs as the opaque base64 text ``QMainWindow`` saves, and fitted to a small
window (:class:`DockFitter`) so that the chart keeps most of its width."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QWidget

from tgviewer.core.state.settings import Settings


def fit_to_screen(window: QMainWindow) -> None:
    """First launch: most of the screen, centred, at most 1600 by 1000."""
    screen = window.screen().availableGeometry()
    width = min(1600, int(screen.width() * 0.9))
    height = min(1000, int(screen.height() * 0.9))
    window.resize(width, height)
    window.move(screen.center().x() - width // 2, screen.center().y() - height // 2)


def add_dock(
    window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    """Dock ``widget`` in ``area`` under ``title``; ``name`` keeps its place between runs."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


#: Below this width the details dock goes behind the filters, as a tab: at 1024 pixels the
#: two docks side by side would leave the chart a third of the window.
NARROW_WIDTH = 1280

#: The docks' widths, filters then details, when they are side by side.
DOCK_WIDTHS = (290, 330)


class DockFitter(QObject):
    """Puts ``details`` behind ``filters`` as a tab while ``window`` is narrower than
    :data:`NARROW_WIDTH`, and back on the right when the window is widened past it again.

    It acts when the window crosses the width, never in between: a dock the user moves
    where they want on a small window stays there. It moves only docks that are docked and
    shown (not while presenting, when they are hidden), and takes back only what it did.
    """

    def __init__(self, window: QMainWindow, filters: QDockWidget, details: QDockWidget) -> None:
        super().__init__(window)
        self.window, self.filters, self.details = window, filters, details
        self.narrow: bool | None = None
        self.tabbed = False
        window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Tab or untab the details dock if the window crossed :data:`NARROW_WIDTH`."""
        narrow = self.window.width() < NARROW_WIDTH
        if narrow == self.narrow:
            return
        self.narrow = narrow
        if narrow and self._side_by_side():
            self.window.tabifyDockWidget(self.filters, self.details)
            self.filters.raise_()
            self.tabbed = True
        elif not narrow and self.tabbed:
            self.tabbed = False
            if self.details in self.window.tabifiedDockWidgets(self.filters):
                self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details)
                self.details.show()
                self.window.resizeDocks(
                    [self.filters, self.details], list(DOCK_WIDTHS), Qt.Orientation.Horizontal
                )

    def _side_by_side(self) -> bool:
        docks = (self.filters, self.details)
        return (
            all(not d.isHidden() and not d.isFloating() for d in docks)
            and self.details not in self.window.tabifiedDockWidgets(self.filters)
            and self.window.dockWidgetArea(self.filters) != self.window.dockWidgetArea(self.details)
        )


def restore_layout(window: QMainWindow, settings: Settings) -> None:
    """Put back the geometry and dock layout ``settings`` remember, if any."""
    if settings.geometry:
        window.restoreGeometry(QByteArray.fromBase64(settings.geometry.encode()))
    if settings.window_state:
        window.restoreState(QByteArray.fromBase64(settings.window_state.encode()))


def encoded(data: QByteArray) -> str:
    """What ``saveGeometry`` or ``saveState`` gave, as the text the settings keep."""
    return bytes(data.toBase64().data()).decode()
