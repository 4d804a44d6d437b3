"""The window's shortcuts work with focus in the search box (where it starts), as on Linux.

Qt asks the focus widget first whether it wants a key (``ShortcutOverride``); a line edit
says yes to the keys its platform binds to editing, and on Linux desktops (Qt's X11 key
scheme) that includes Ctrl+E, "end of line", so Export Chart did nothing from the search
box. The offscreen platform of the tests binds no such key, so the search box is made to
claim every key here, as the X11 scheme claims Ctrl+E; the keys are real key events sent to
the focused search box.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from tgviewer.core.state.view_state import ViewKind
from tgviewer.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


class ClaimsEveryKey(QObject):
    """Makes a widget claim every key before shortcuts, as a line edit claims Ctrl+E on X11."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() is QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return False


@pytest.fixture
def search(qtbot: QtBot, window: MainWindow) -> QLineEdit:
    """The search box, focused and claiming every key (the window is active)."""
    window.settings_store.writable = False
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    box = window.filters.search
    window.tabs.setFocus()
    qtbot.waitUntil(lambda: not box.hasFocus())
    # Before focus comes, as a line edit's own claim (in its event()) comes after filters.
    claims = ClaimsEveryKey(box)
    box.installEventFilter(claims)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    return box


@pytest.mark.parametrize(("number", "kind"), list(enumerate(ViewKind, start=1)))
def test_ctrl_number_switches_the_view_from_the_search_box(
    qtbot: QtBot, window: MainWindow, search: QLineEdit, number: int, kind: ViewKind
) -> None:
    window.store.update(view=ViewKind.SCATTER if kind is ViewKind.TREND else ViewKind.TREND)
    qtbot.keyClick(search, getattr(Qt.Key, f"Key_{number}"), CTRL)
    assert window.store.state.view is kind
    assert window.current_view() is window.view(kind)
    assert search.text() == ""  # the key did not reach the search box


def test_ctrl_e_asks_for_the_export_from_the_search_box(
    qtbot: QtBot, window: MainWindow, search: QLineEdit, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tgviewer.ui.dialogs import export

    asked: list[object] = []

    def refuse(dialog: QDialog) -> int:
        asked.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(export.ExportDialog, "exec", refuse)
    qtbot.keyClicks(search, "ge")
    qtbot.keyClick(search, Qt.Key.Key_Home)
    qtbot.keyClick(search, Qt.Key.Key_E, CTRL)
    assert len(asked) == 1
    assert search.cursorPosition() == 0  # not moved to the end: the key was the command's


@pytest.mark.parametrize(
    ("key", "command"),
    [
        (Qt.Key.Key_S, "saved_views.save_dialog"),
        (Qt.Key.Key_I, "bundles.import_dialog"),
        (Qt.Key.Key_L, "bundles.library_dialog"),
    ],
)
def test_ctrl_s_i_and_l_open_their_dialogs_from_the_search_box(
    qtbot: QtBot,
    window: MainWindow,
    search: QLineEdit,
    monkeypatch: pytest.MonkeyPatch,
    key: Qt.Key,
    command: str,
) -> None:
    called: list[str] = []
    if command == "saved_views.save_dialog":  # its action holds the method: patch the ask
        from tgviewer.ui.dialogs import export

        monkeypatch.setattr(export, "ask_save_path", lambda *args: called.append(command) or "")
    else:
        owner, name = command.split(".")
        monkeypatch.setattr(getattr(window, owner), name, lambda: called.append(command))
    qtbot.keyClick(search, key, CTRL)
    assert called == [command]


def test_f11_presents_from_the_search_box(
    qtbot: QtBot, window: MainWindow, search: QLineEdit
) -> None:
    qtbot.keyClick(search, Qt.Key.Key_F11)
    try:
        assert window.presentation.active
    finally:
        window.presentation.leave()


def test_the_search_box_keeps_its_editing_keys(
    qtbot: QtBot, window: MainWindow, search: QLineEdit
) -> None:
    def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
        qtbot.keyClick(search, key, modifiers)

    qtbot.keyClicks(search, "fra")
    press(Qt.Key.Key_A)
    assert search.selectedText() == "fra"
    press(Qt.Key.Key_C)
    press(Qt.Key.Key_X)
    assert search.text() == ""
    press(Qt.Key.Key_Z)
    assert search.text() == "fra"
    press(Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier)
    press(Qt.Key.Key_V)
    assert search.text() == "frafra"
    assert window.store.state.view is ViewKind.TREND  # nothing else happened


def test_a_dialogs_text_field_keeps_its_keys(
    qtbot: QtBot, window: MainWindow, search: QLineEdit
) -> None:
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    claims = ClaimsEveryKey(field)
    field.installEventFilter(claims)
    dialog.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    event = _shortcut_override(Qt.Key.Key_E)
    QApplication.sendEvent(field, event)
    assert event.isAccepted()  # the dialog's field, not the window's command
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    event = _shortcut_override(Qt.Key.Key_E)
    QApplication.sendEvent(search, event)
    assert not event.isAccepted()


def _shortcut_override(key: Qt.Key) -> QKeyEvent:
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, CTRL)
    event.ignore()
    return event


def test_the_window_started_takes_the_keys_in_its_search_box(qtbot: QtBot) -> None:
    from tgviewer.ui.app import open_window

    window, _ = open_window(None, quiet=True)
    qtbot.addWidget(window)
    window.settings_store.writable = False
    # Asked for, not left to a window manager (a bare X server has none).
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    focused = QApplication.focusWidget()
    assert focused is window.filters.search
    qtbot.keyClick(focused, Qt.Key.Key_3, CTRL)
    assert window.current_view() is window.table
