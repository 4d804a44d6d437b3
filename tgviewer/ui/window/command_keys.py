"""The window's commands keep their keys whichever widget has focus.

Before Qt runs a shortcut it asks the focus widget whether it wants the key itself (a
``ShortcutOverride`` event), and a text field says yes to every key its platform binds to
editing. On Linux desktops (Qt's X11 key scheme) Ctrl+E moves a line edit's cursor to the
end of the line, so with focus in the country search box (where it starts) File > Export
Chart did nothing; other platforms and other widgets bind other keys.

:class:`CommandKeys` settles that once for the whole window: a key that is the shortcut of
one of the window's commands (its actions, and shortcuts such as presentation mode's) goes
to the command, except the editing keys a text field must keep (select all, copy, cut,
paste, undo, redo). It filters the events of the widget that has focus, put first among
that widget's filters whenever focus reaches it, and only the window's widgets (a floating
dock's included), never a dialog's. (Watching every event of the application instead made
the window's work 40% slower: each event would cross into Python.)
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

#: Keys a focused widget keeps even when a command has the same key: text fields need them.
EDITING_KEYS = (
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
)


class CommandKeys(QObject):
    """Lets the shortcuts of ``window``'s commands win over its focused widget's own keys.

    An event filter on whichever of ``window``'s widgets has focus (it is ``window``'s
    child: deleted with it, it stops).
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.watched: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.watched is not None:
            with contextlib.suppress(RuntimeError):  # the widget may be gone
                self.watched.removeEventFilter(self)
            self.watched = None
        if new is not None and self._inside(new):
            # Installed again, a filter goes first: before any the widget had already.
            new.installEventFilter(self)
            self.watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is not QEvent.Type.ShortcutOverride:
            return False
        if not isinstance(watched, QWidget) or not self._inside(watched):
            return False
        assert isinstance(event, QKeyEvent)
        if self.is_command(event):
            event.ignore()  # not the widget's: Qt goes on to the shortcut
            return True
        return False

    def is_command(self, event: QKeyEvent) -> bool:
        """Whether ``event``'s key is an enabled command's shortcut and not an editing key."""
        if any(event.matches(key) for key in EDITING_KEYS):
            return False
        pressed = QKeySequence(event.keyCombination())
        return any(
            pressed.matches(shortcut) is QKeySequence.SequenceMatch.ExactMatch
            for shortcut in self.shortcuts()
        )

    def shortcuts(self) -> list[QKeySequence]:
        """The keys of the window's enabled commands now."""
        keys = [
            key
            for action in self.window.actions()
            if action.isEnabled()
            for key in action.shortcuts()
        ]
        keys += [
            shortcut.key()
            for shortcut in self.window.findChildren(QShortcut)
            if shortcut.isEnabled() and shortcut.context() is not Qt.ShortcutContext.WidgetShortcut
        ]
        return [key for key in keys if not key.isEmpty()]

    def _inside(self, widget: QWidget) -> bool:
        """Whether ``widget`` is one of the window's, a floating dock's too (a dialog's
        widgets are not, though the dialog is the window's child)."""
        current: QWidget | None = widget
        while current is not None:
            if current is self.window:
                return True
            if current.isWindow() and not isinstance(current, QDockWidget):
                return False
            current = current.parentWidget()
        return False
