"""File > Compare Bundles...: the changes between two bundles, with old and new figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import menu_action
from tgviewer.core.bundle.model import Bundle, Record
from tgviewer.ui.dialogs.diff import DiffDialog
from tgviewer.ui.window.main_window import MainWindow

NEW_QUARTER = Record(
    "FRA",
    dt.date(2026, 4, 1),
    dt.date(2026, 6, 30),
    {"requests": 321, "users": 999},
    source="telegram-transparency",
)


def mine(window: MainWindow) -> Bundle:
    """The default with France's Q2 2026 added and Greece's Q1 2025 users changed."""
    base = window.bundle
    records = []
    for record in base.records:
        if (
            record.country == "GRC"
            and record.start == dt.date(2025, 1, 1)
            and record.end == dt.date(2025, 3, 31)
        ):
            record = dataclasses.replace(record, values={**record.values, "users": 203})
        records.append(record)
    return window.bundles.library.save("Mine", base.manifest, [*records, NEW_QUARTER], base.events)


def tree_rows(dialog: DiffDialog) -> dict[str, list[list[str]]]:
    found = {}
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        found[top.text(0)] = [
            [top.child(j).text(c) for c in range(5)] for j in range(top.childCount())
        ]
    return found


def test_comparing_a_library_bundle_with_the_default_lists_each_change(window: MainWindow) -> None:
    bundle = mine(window)
    window.settings_store.writable = False
    window.set_bundle(bundle, bundle.location)
    menu_action(window, "File", "Compare Bundles…").trigger()
    dialog = window.bundles.diff
    assert isinstance(dialog, DiffDialog) and dialog.isVisible()
    assert dialog.old.currentText().endswith("(embedded)")
    assert dialog.new.currentText() == "Mine"
    assert "1 record added, 0 removed, 1 changed" in dialog.summary.text()
    rows = tree_rows(dialog)
    assert rows["France (FRA)"] == [
        ["Q2 2026", "Added", "requests", "\u2013", "321"],
        ["Q2 2026", "Added", "users", "\u2013", "999"],
    ]
    assert ["Q1 2025", "Changed", "users", "202", "203"] in rows["Greece (GRC)"]
    dialog.copy_report()
    text = QApplication.clipboard().text()
    assert "FRA Q2 2026: added" in text and "users 202 → 203" in text


def test_swapping_reverses_the_changes_and_same_bundles_say_so(window: MainWindow) -> None:
    bundle = mine(window)
    window.settings_store.writable = False
    window.bundles.diff_dialog(window.bundle, bundle)
    dialog = window.bundles.diff
    assert isinstance(dialog, DiffDialog)
    dialog.swap_bundles()
    assert "0 records added, 1 removed, 1 changed" in dialog.summary.text()
    assert tree_rows(dialog)["France (FRA)"][0][:2] == ["Q2 2026", "Removed"]
    dialog.new.setCurrentIndex(dialog.old.currentIndex())
    dialog.compare()
    assert "no differences" in dialog.summary.text()
    assert dialog.tree.topLevelItemCount() == 0


def test_another_file_can_be_compared_and_a_bad_one_is_explained(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.core.bundles import small_bundle

    window.bundles.diff_dialog()
    dialog = window.bundles.diff
    assert isinstance(dialog, DiffDialog)
    bad = tmp_path / "bad.tgbundle"
    bad.write_bytes(b"not a bundle")
    assert not dialog.add_file(str(bad), as_old=False)
    assert dialog.error.isVisibleTo(dialog) and "bad.tgbundle" in dialog.error.text()
    assert dialog.add_file(str(small_bundle(tmp_path)), as_old=False)
    assert dialog.new.currentText() == "Test bundle (small.tgbundle)"
    assert "removed" in dialog.summary.text()
    assert not dialog.error.isVisibleTo(dialog)
