"""Saved views in the window: save, open, other bundles, bad files, recent views."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.core.bundles import small_bundle
from tests.ui.helpers import changed_state, menu_action, saved_default_view
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.ui.window.main_window import MainWindow


def button(box: QMessageBox, text: str) -> object:
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def test_a_saved_view_reopens_exactly(window: MainWindow, tmp_path: Path) -> None:
    changed_state(window)
    saved = window.store.state
    path = tmp_path / "ranking.tgview"
    assert window.saved_views.save_to(str(path))
    window.filters.reset()
    assert window.store.state != saved
    assert window.saved_views.open_file(str(path))
    assert window.store.state == saved
    assert window.ranking.model.period.code == "2025Q2"
    assert window.current_view() is window.ranking
    assert "Opened view ranking.tgview" in window.status.notice.text()


def test_recent_views_are_listed_and_open(window: MainWindow, tmp_path: Path) -> None:
    window.settings_store.writable = False
    changed_state(window)
    saved = window.store.state
    path = tmp_path / "mine.tgview"
    window.saved_views.save_to(str(path))
    window.filters.reset()
    menu = window.actions_.recent_views_menu
    window.actions_.fill_recent_views_menu()
    first = menu.actions()[0]
    assert first.data() == str(path.resolve()) and "mine.tgview" in first.text()
    first.trigger()
    assert window.store.state == saved
    assert menu_action(window, "File", "Save View…") is window.actions_.save_view
    assert window.actions_.save_view.shortcut().toString() == "Ctrl+S"


def test_a_bad_view_file_is_explained_and_nothing_changes(
    window: MainWindow, tmp_path: Path
) -> None:
    before = window.store.state
    path = tmp_path / "broken.tgview"
    path.write_text(
        '{"format": "tgviewer-view", "format_version": 1, "bundle": {"id": "x"}, '
        '"state": {"countries": "GBR"}}',
        encoding="utf-8",
    )
    assert not window.saved_views.open_file(str(path))
    assert window.store.state == before
    box = window.notifier.failure_dialog
    assert box is not None and box.isVisible()
    assert "broken.tgview, field 'state.countries'" in box.text()
    assert "unchanged" in box.text()
    box.close()


def test_a_view_from_another_bundle_asks_and_can_use_the_current_one(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    saved, path = saved_default_view(window, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["bundle"] = {
        "id": "elsewhere",
        "title": "Someone's bundle",
        "checksum": "ab" * 32,
        "as_of": "2026-01-01",
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    window.filters.reset()
    before = window.store.state

    assert not window.saved_views.open_file(str(path))
    box = window.saved_views.mismatch_box
    assert box is not None and box.isVisible()
    assert "Someone's bundle" in box.text() and "not at hand" in box.text()
    assert window.store.state == before  # nothing until answered
    button(box, "Cancel").click()
    assert window.store.state == before

    window.saved_views.open_file(str(path))
    box = window.saved_views.mismatch_box
    button(box, "Use Current Bundle").click()
    assert window.store.state == saved


def test_a_view_made_with_a_bundle_at_hand_offers_to_open_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    saved, path = saved_default_view(window, tmp_path)
    small = small_bundle(tmp_path)
    assert window.bundles.open_file(str(small))
    assert window.bundle.manifest.id == "test-bundle"

    window.saved_views.open_file(str(path))
    box = window.saved_views.mismatch_box
    assert box is not None and "another bundle" in box.text()
    button(box, "Open Telegram disclosures to authorities").click()
    assert window.bundle.manifest.id.startswith("telegram-transparency")
    assert window.bundle_path is None  # the embedded default
    assert window.store.state == saved


def test_a_view_that_does_not_apply_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.settings_store.writable = False
    window.store.update(countries=("GBR", "DEU"))
    path = tmp_path / "uk.tgview"
    window.saved_views.save_to(str(path))
    window.bundles.open_file(str(small_bundle(tmp_path)))  # FRA and ITA only
    before = window.store.state
    window.saved_views.open_file(str(path))
    button(window.saved_views.mismatch_box, "Use Current Bundle").click()
    assert window.store.state == before
    assert "does not apply" in window.notifier.failure_dialog.windowTitle()
    assert "none of its countries" in window.notifier.failure_dialog.text()


def test_a_view_of_a_newer_version_adapts_and_names_what_was_left_out(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.settings_store.writable = False
    small = read_bundle(small_bundle(tmp_path))
    window.set_bundle(small, None)
    window.store.update(countries=("FRA", "ITA"))
    path = tmp_path / "small.tgview"
    window.saved_views.save_to(str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["bundle"]["checksum"] = "cd" * 32
    document["state"]["countries"] = ["FRA", "ITA", "XXK"]
    path.write_text(json.dumps(document), encoding="utf-8")
    window.store.update(countries=("FRA",))
    window.saved_views.open_file(str(path))
    box = window.saved_views.mismatch_box
    assert "another version of the bundle open" in box.text()
    button(box, "Use Current Bundle").click()
    assert window.store.state.countries == ("FRA", "ITA")
    assert "1 country not in this bundle left out" in window.status.notice.text()


def test_the_command_line_opens_a_saved_view(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from tgviewer.ui.app import open_window

    changed_state(window)
    saved = window.store.state
    path = tmp_path / "start.tgview"
    window.saved_views.save_to(str(path))
    opened, failure = open_window(str(path), quiet=True)
    qtbot.addWidget(opened)
    opened.settings_store.writable = False
    assert failure is None
    assert opened.store.state == saved


def test_a_view_naming_an_unknown_measure_is_refused_and_nothing_changes(
    window: MainWindow, tmp_path: Path
) -> None:
    _, path = saved_default_view(window, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["state"]["measure"] = "userz"
    path.write_text(json.dumps(document), encoding="utf-8")
    window.filters.reset()
    before, shown = window.store.state, window.filters.measure.currentText()
    window.status.show_notice("Before.")

    assert not window.saved_views.open_file(str(path))
    assert window.store.state == before
    assert window.filters.measure.currentText() == shown == "Users affected"
    assert "Opened view" not in window.status.notice.text()
    box = window.notifier.failure_dialog
    assert box is not None and "does not apply" in box.windowTitle()
    assert "default.tgview, field 'state.measure': 'userz' is not a measure of" in box.text()
    box.close()


def test_a_view_refused_on_its_own_bundle_leaves_the_bundle_open(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _, path = saved_default_view(window, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["state"]["service"] = "Signal"
    path.write_text(json.dumps(document), encoding="utf-8")
    window.bundles.open_file(str(small_bundle(tmp_path)))
    before = window.store.state

    window.saved_views.open_file(str(path))
    button(window.saved_views.mismatch_box, "Open Telegram disclosures to authorities").click()
    assert window.bundle.manifest.id == "test-bundle"  # not switched for a view refused
    assert window.store.state == before
    assert "field 'state.service': 'Signal'" in window.notifier.failure_dialog.text()
