"""The window always opens, on the default bundle with a notice, whatever hostile file the
settings (or the command line) point to: a pipe, a device, a damaged or deep file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers import pipe_never_opened
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.settings import FORMAT_VERSION, settings_path
from tgviewer.ui.app import open_window
from tgviewer.ui.window.main_window import MainWindow

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
DEEP = "[" * 100_000 + "]" * 100_000


def write_settings(**fields: object) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format_version": FORMAT_VERSION, **fields}), encoding="utf-8")
    return path


def opened(qtbot: QtBot, argument: str | None = None) -> tuple[MainWindow, str | None]:
    window, failure = open_window(argument)
    qtbot.addWidget(window)
    return window, failure


def on_default(window: MainWindow, default_bundle: Bundle) -> bool:
    return window.bundle.location == default_bundle.location and window.bundle_path is None


@needs_fifo
def test_a_last_bundle_that_is_a_named_pipe(
    qtbot: QtBot, tmp_path: Path, default_bundle: Bundle
) -> None:
    fifo = tmp_path / "last.tgbundle"
    os.mkfifo(fifo)
    write_settings(last_bundle=str(fifo))
    with pipe_never_opened(fifo):
        window, failure = opened(qtbot)
    assert on_default(window, default_bundle)
    assert failure is not None and str(fifo) in failure and "named pipe" in failure
    assert window.status.notice.text() == "Showing the embedded default bundle."


@needs_dev_zero
def test_a_last_bundle_linked_to_dev_zero(
    qtbot: QtBot, tmp_path: Path, default_bundle: Bundle
) -> None:
    link = tmp_path / "last.tgbundle"
    link.symlink_to("/dev/zero")
    write_settings(last_bundle=str(link))
    window, failure = opened(qtbot)
    assert on_default(window, default_bundle)
    assert failure is not None and "a device, not a file" in failure


def test_a_last_bundle_whose_name_no_file_can_have(qtbot: QtBot, default_bundle: Bundle) -> None:
    write_settings(last_bundle="bundle\u0000.tgbundle")
    window, failure = opened(qtbot)
    assert on_default(window, default_bundle)
    assert failure is not None and "not a name a file can have" in failure


def test_settings_nested_100000_deep_are_set_aside(qtbot: QtBot, default_bundle: Bundle) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEEP, encoding="utf-8")
    window, failure = opened(qtbot)
    assert failure is None and on_default(window, default_bundle)
    assert "settings file was damaged (settings.json: nested too deeply" in (
        window.status.notice.text()
    )
    assert path.with_name("settings.json.corrupt").read_text(encoding="utf-8") == DEEP


@needs_fifo
def test_settings_that_are_a_named_pipe_are_left_alone(
    qtbot: QtBot, default_bundle: Bundle
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    with pipe_never_opened(path):
        window, failure = opened(qtbot)
    assert failure is None and on_default(window, default_bundle)
    assert window.status.notice.text().startswith(
        "Your settings file could not be read (settings.json: a named pipe (FIFO)"
    )
    assert not window.settings_store.writable  # nothing is written over it on closing


@needs_fifo
def test_a_view_that_is_a_named_pipe(qtbot: QtBot, tmp_path: Path, default_bundle: Bundle) -> None:
    fifo = tmp_path / "last.tgview"
    os.mkfifo(fifo)
    with pipe_never_opened(fifo):
        window, failure = opened(qtbot, str(fifo))
    assert failure is None and on_default(window, default_bundle)
    assert window.status.notice.text() == "Could not open last.tgview; nothing changed."
    box = window.notifier.failure_dialog
    assert box is not None and "a named pipe (FIFO), not a file" in box.text()


@pytest.mark.parametrize("content", ["deep", "dev-zero"])
def test_a_hostile_view_given_at_start(
    qtbot: QtBot, tmp_path: Path, default_bundle: Bundle, content: str
) -> None:
    view = tmp_path / "last.tgview"
    if content == "deep":
        view.write_text(DEEP, encoding="utf-8")
    elif Path("/dev/zero").exists():
        view.symlink_to("/dev/zero")
    else:
        pytest.skip("no /dev/zero here")
    window, failure = opened(qtbot, str(view))
    assert failure is None and on_default(window, default_bundle)
    assert window.status.notice.text() == "Could not open last.tgview; nothing changed."


@needs_fifo
def test_a_recent_bundle_that_became_a_pipe_is_refused_from_the_menu(
    window: MainWindow, tmp_path: Path
) -> None:
    fifo = tmp_path / "recent.tgbundle"
    os.mkfifo(fifo)
    before = window.bundle
    with pipe_never_opened(fifo):
        assert not window.bundles.open_file(str(fifo))
    assert window.bundle is before
    assert window.status.notice.text() == "Could not open recent.tgbundle; nothing changed."
