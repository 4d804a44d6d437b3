"""Light and dark: the window follows the system scheme, charts included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tgviewer.core.bundle_reader import read_default_bundle
from tgviewer.ui import theme
from tgviewer.ui.main_window import MainWindow


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    original = qapp.palette()
    yield qapp
    qapp.setPalette(original)


def test_dark_system_scheme_gives_dark_window_and_readable_charts(
        app: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(read_default_bundle())
    qtbot.addWidget(window)
    window.show()
    drawn = window.render_count
    monkeypatch.setattr(theme, "is_dark", lambda: True)
    theme.apply_theme(app)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 60
    text = app.palette().color(QPalette.ColorRole.WindowText)
    assert text.lightness() > 200
    qtbot.waitUntil(lambda: window.render_count > drawn)
    axis = window.trend.plot.getAxis("left")
    assert axis.textPen().color() == text  # redrawn in the new text colour

    monkeypatch.setattr(theme, "is_dark", lambda: False)
    theme.apply_theme(app)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
