"""The window says every error of the family the same way: what and where, then what stayed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import open_wizard
from tgviewer.core.errors import TgviewerError
from tgviewer.core.library.bundle_library import LibraryError
from tgviewer.ui.error_handler import ErrorHandler, log_path, warning_text
from tgviewer.ui.window.main_window import MainWindow


class Trigger(QObject):
    fired = Signal()


def test_warning_text_is_the_description_then_the_outcome() -> None:
    error = TgviewerError("expected a date", file="records.csv", line=3, field="start")
    assert warning_text(error) == "records.csv, line 3, field 'start': expected a date"
    assert warning_text(error, "Nothing changed.") == (
        "records.csv, line 3, field 'start': expected a date\n\nNothing changed."
    )


def test_a_damaged_view_file_is_explained_with_its_file_and_line(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "damaged.tgview"
    path.write_text('{"format": "tgviewer-view",\n  "format_version": }', encoding="utf-8")
    before = window.store.state
    assert not window.saved_views.open_file(str(path))
    box = window.notifier.failure_dialog
    assert box is not None and box.icon() is QMessageBox.Icon.Warning
    assert box.text() == (
        "damaged.tgview, line 2, column 21: Expecting value; not a saved "
        "view\n\nThe view shown is unchanged."
    )
    assert window.store.state == before


@pytest.mark.qt_no_exception_capture
def test_an_error_of_the_family_escaping_a_slot_is_a_warning_without_traceback(
    window: MainWindow, qtbot: QtBot
) -> None:
    handler = ErrorHandler(lambda: window)
    handler.install()
    try:
        trigger = Trigger()

        def refusing_slot() -> None:
            raise LibraryError("the library folder is read-only", file="/data/bundles")

        trigger.fired.connect(refusing_slot)
        trigger.fired.emit()
    finally:
        handler.uninstall()
    [box] = handler.dialogs
    assert box.icon() is QMessageBox.Icon.Warning
    assert box.text() == (
        "/data/bundles: the library folder is read-only\n\nThe app is still running."
    )
    assert box.detailedText() == ""
    assert "not done: /data/bundles: the library folder is read-only" in (
        log_path().read_text(encoding="utf-8")
    )
    box.done(QMessageBox.StandardButton.Ok)


def test_the_import_wizard_names_the_file_and_line_of_a_damaged_source(
    window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "answers.txt"
    source.write_bytes(b"Transparency report for the period 01.01.26-31.03.26\n\xff\n")
    wizard = open_wizard(window)
    wizard.source_page.use_file(str(source))
    wizard.next()
    assert wizard.currentId() == wizard.SOURCE
    assert wizard.source_page.error.text() == (
        "answers.txt, line 2: not UTF-8 text (byte 53)\n\nNothing was imported."
    )
