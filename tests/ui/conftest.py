"""Fixtures for the window's tests."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tgviewer.core.bundle.reader import read_default_bundle
from tgviewer.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    """The window on the embedded default bundle, shown (offscreen)."""
    shown = MainWindow(read_default_bundle())
    qtbot.addWidget(shown)
    shown.show()
    return shown
