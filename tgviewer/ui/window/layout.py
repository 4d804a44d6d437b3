"""The window's size and dock layout: fitted to the screen on first launch, and kept in the
settings between runs as the opaque base64 text ``QMainWindow`` saves."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

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


def restore_layout(window: QMainWindow, settings: Settings) -> None:
    """Put back the geometry and dock layout ``settings`` remember, if any."""
    if settings.geometry:
        window.restoreGeometry(QByteArray.fromBase64(settings.geometry.encode()))
    if settings.window_state:
        window.restoreState(QByteArray.fromBase64(settings.window_state.encode()))


def encoded(data: QByteArray) -> str:
    """What ``saveGeometry`` or ``saveState`` gave, as the text the settings keep."""
    return bytes(data.toBase64().data()).decode()
