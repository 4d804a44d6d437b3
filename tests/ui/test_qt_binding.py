"""The Qt binding itself: guard against binding bugs that would crash a long session."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calling_qt_methods_keeps_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 under Python 3.11 dropped a reference to None on every call of a method
    # returning void; after enough label updates the interpreter aborted ("none_dealloc").
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 50
