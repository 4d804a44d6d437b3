"""The app's desktop identity, and files the system asks it to open (macOS double-clicks)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.core.bundles import small_bundle
from tests.ui.helpers import saved_default_view
from tgviewer import APP_ID
from tgviewer.resources import ICON_SIZES
from tgviewer.ui.desktop import FileOpenFilter, application_icon, set_identity
from tgviewer.ui.window.main_window import MainWindow


def send_file_open(path: Path) -> bool:
    app = QApplication.instance()
    assert app is not None
    return QCoreApplication.sendEvent(app, QFileOpenEvent(str(path)))


def test_the_app_has_its_id_and_an_icon_at_every_size(qapp: QApplication) -> None:
    set_identity(qapp)
    assert QApplication.desktopFileName() == APP_ID
    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} == set(ICON_SIZES)
    assert application_icon().pixmap(48, 48).width() == 48


def test_files_opened_before_the_window_exists_wait_for_it(
    qapp: QApplication, window: MainWindow, tmp_path: Path
) -> None:
    opener = FileOpenFilter()
    qapp.installEventFilter(opener)
    try:
        bundle = small_bundle(tmp_path)
        assert send_file_open(bundle)  # taken by the filter
        assert opener.pending == [str(bundle)]
        opener.deliver_to(window.bundles.open_path)
        assert opener.pending == []
        assert window.bundle_path == str(bundle.resolve())
        assert {r.country for r in window.bundle.records} == {"FRA", "ITA"}
    finally:
        qapp.removeEventFilter(opener)


def test_a_saved_view_double_clicked_while_open_is_shown(
    qapp: QApplication, window: MainWindow, tmp_path: Path
) -> None:
    saved, path = saved_default_view(window, tmp_path)
    window.filters.reset()
    opener = FileOpenFilter()
    qapp.installEventFilter(opener)
    try:
        opener.deliver_to(window.bundles.open_path)
        assert send_file_open(path)
        assert window.store.state == saved
    finally:
        qapp.removeEventFilter(opener)


def test_a_damaged_file_opened_by_the_system_is_explained(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.tgbundle"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    before = window.bundle
    assert not window.bundles.open_path(str(broken))
    assert window.bundle is before
    assert "broken.tgbundle" in window.notifier.failure_dialog.text()


def test_without_a_display_the_window_says_so_in_one_line() -> None:
    from tgviewer.ui.app import NO_DISPLAY, missing_display

    assert missing_display({}, "linux") == NO_DISPLAY
    # (No folder of X sockets to look in: see the next test for a display that is not there.)
    assert missing_display({"DISPLAY": ":0"}, "linux", Path("/nonexistent")) == ""
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert missing_display({}, "darwin") == "" and missing_display({}, "win32") == ""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "tgviewer"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1  # not Qt's abort (134) with advice to reinstall
    assert result.stderr.strip() == f"tgviewer: {NO_DISPLAY}"


def test_a_stale_display_is_said_in_one_line(tmp_path: Path) -> None:
    from tgviewer.ui.app import missing_display

    sockets = tmp_path / ".X11-unix"
    sockets.mkdir()
    (sockets / "X0").touch()
    assert missing_display({"DISPLAY": ":0"}, "linux", sockets) == ""
    stale = missing_display({"DISPLAY": ":57"}, "linux", sockets)
    assert "no X server is running at DISPLAY=:57" in stale and "tgviewer table" in stale
    assert missing_display({"DISPLAY": "unix:57.0"}, "linux", sockets) == stale.replace(
        "DISPLAY=:57", "DISPLAY=unix:57.0"
    )
    # A remote display, or no socket folder at all: nothing can be told without connecting.
    assert missing_display({"DISPLAY": "host:57"}, "linux", sockets) == ""
    assert missing_display({"DISPLAY": ":57"}, "linux", tmp_path / "none") == ""
