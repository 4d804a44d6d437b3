"""The app's identity on the desktop: its name, id and icon, and files opened by the system.

On macOS a double-clicked ``.tgbundle`` or ``.tgview`` does not arrive on the command line: the
system sends an "open document" event, which Qt delivers to the application as a
``QFileOpenEvent`` (at start-up as well as while the window is open). :class:`FileOpenFilter`
passes those paths to the window. On Linux and Windows the desktop file and the installer's
file associations start ``tgviewer FILE`` instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from tgviewer import APP_ID, APP_NAME, __version__
from tgviewer.resources import MissingResourceError, icon_paths


def application_icon() -> QIcon:
    """tgviewer's icon at every packaged size (an empty icon if the files are missing: the
    app still starts, with the platform's default icon)."""
    icon = QIcon()
    try:
        paths = icon_paths()
    except MissingResourceError:
        return icon
    for path in paths:
        icon.addFile(str(path))
    return icon


def set_identity(app: QApplication) -> None:
    """Name, version, desktop id (which the Wayland and X11 docks match against the installed
    ``APP_ID.desktop``) and icon of the application."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())


class FileOpenFilter(QObject):
    """Collects the files the system asks the app to open, and passes them on.

    Until :meth:`deliver_to` names a receiver (the window exists), paths are kept; the first
    one then decides what the window opens at start-up.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pending: list[str] = []
        self._receiver: Callable[[str], object] | None = None

    def deliver_to(self, receiver: Callable[[str], object]) -> None:
        """From now on pass each path to ``receiver``, starting with those kept so far."""
        self._receiver = receiver
        pending, self.pending = self.pending, []
        for path in pending:
            receiver(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                if self._receiver is None:
                    self.pending.append(path)
                else:
                    self._receiver(path)
                return True
        return super().eventFilter(watched, event)
