"""File > Bundle Library...: list, open, rename, duplicate, delete, export and merge bundles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.ui.helpers import MakeWindow, menu_action
from tgviewer.core.bundle.model import Bundle, Record
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.ui.dialogs.library import LibraryDialog
from tgviewer.ui.window.main_window import MainWindow


def saved(window: MainWindow, title: str, extra: tuple[Record, ...] = ()) -> Bundle:
    base = window.bundle
    return window.bundles.library.save(title, base.manifest, (*base.records, *extra), base.events)


def open_dialog(window: MainWindow) -> LibraryDialog:
    window.settings_store.writable = False
    menu_action(window, "File", "Bundle Library…").trigger()
    dialog = window.bundles.dialog
    assert isinstance(dialog, LibraryDialog) and dialog.isVisible()
    return dialog


def row_texts(dialog: LibraryDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def select(dialog: LibraryDialog, title: str) -> None:
    index = next(i for i, row in enumerate(dialog.rows) if row.title == title)
    dialog.table.selectRow(index)


NEW_QUARTER = Record(
    "FRA",
    dt.date(2026, 4, 1),
    dt.date(2026, 6, 30),
    {"requests": 321, "users": 999},
    source="telegram-transparency",
)


def test_the_library_lists_the_default_and_the_users_bundles(window: MainWindow) -> None:
    mine = saved(window, "Mine", (NEW_QUARTER,))
    dialog = open_dialog(window)
    rows = row_texts(dialog)
    default = window.bundle
    assert rows[0][0] == f"{default.manifest.title} (embedded) \u2014 shown"
    assert rows[0][2] == f"{len(default.records):,}"
    assert rows[1][:4] == [
        "Mine",
        mine.manifest.as_of.isoformat(),
        f"{len(default.records) + 1:,}",
        f"{len(default.countries)}",
    ]
    assert rows[1][4]  # a size
    # The embedded bundle cannot be renamed or deleted.
    assert not dialog.buttons["rename"].isEnabled()
    assert not dialog.buttons["delete"].isEnabled()


def test_open_shows_the_bundle_in_the_window(window: MainWindow) -> None:
    mine = saved(window, "Mine", (NEW_QUARTER,))
    dialog = open_dialog(window)
    select(dialog, "Mine")
    dialog.buttons["open"].click()
    assert not dialog.isVisible()
    assert window.bundle_path == mine.location
    assert window.bundle.manifest.title == "Mine"


def test_rename_and_duplicate(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    saved(window, "Mine")
    dialog = open_dialog(window)
    select(dialog, "Mine")
    monkeypatch.setattr(dialog, "ask_text", lambda *_a: "Class of 2026")
    dialog.buttons["rename"].click()
    assert [r.title for r in dialog.rows] == [window.bundle.manifest.title, "Class of 2026"]
    assert "Renamed" in dialog.message.text()
    monkeypatch.setattr(dialog, "ask_text", lambda *_a: "Class of 2026, copy")
    dialog.buttons["duplicate"].click()
    assert [r.title for r in dialog.rows][1:] == ["Class of 2026", "Class of 2026, copy"]
    assert all(r.path is None or r.path.exists() for r in dialog.rows)


def test_delete_asks_first_and_never_deletes_the_bundle_shown(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = saved(window, "Mine")
    shown = saved(window, "Shown")
    window.set_bundle(shown, shown.location)
    dialog = open_dialog(window)
    select(dialog, "Shown")
    assert not dialog.buttons["delete"].isEnabled()
    select(dialog, "Mine")
    assert dialog.buttons["delete"].isEnabled()
    monkeypatch.setattr(dialog, "confirm", lambda *_a: False)
    dialog.buttons["delete"].click()
    assert Path(mine.location).exists()
    monkeypatch.setattr(dialog, "confirm", lambda *_a: True)
    dialog.buttons["delete"].click()
    assert not Path(mine.location).exists()
    assert [r.title for r in dialog.rows][1:] == ["Shown"]
    assert Path(shown.location).exists()


def test_export_writes_a_tgbundle_and_a_failure_is_said(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    saved(window, "Mine", (NEW_QUARTER,))
    dialog = open_dialog(window)
    select(dialog, "Mine")
    monkeypatch.setattr(dialog, "ask_save_path", lambda _s: str(tmp_path / "usb-copy"))
    dialog.buttons["export"].click()
    exported = read_bundle(tmp_path / "usb-copy.tgbundle")
    assert exported.manifest.title == "Mine"
    assert "Exported" in dialog.message.text()
    monkeypatch.setattr(
        dialog, "ask_save_path", lambda _s: str(tmp_path / "missing" / "x.tgbundle")
    )
    dialog.buttons["export"].click()
    assert dialog.error.isVisibleTo(dialog)
    assert "could not be written" in dialog.error.text()


def test_merge_makes_a_new_bundle_with_both(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved(window, "Mine", (NEW_QUARTER,))
    dialog = open_dialog(window)
    select(dialog, window.bundle.manifest.title)
    monkeypatch.setattr(dialog, "ask_item", lambda *_a: 0)  # the only other bundle: Mine
    monkeypatch.setattr(dialog, "ask_text", lambda *_a: "Everything")
    dialog.buttons["merge"].click()
    merged = next(r for r in dialog.rows if r.title == "Everything")
    assert merged.bundle is not None
    assert len(merged.bundle.records) == len(window.bundle.records) + 1
    assert "1 record added from \u201cMine\u201d" in dialog.message.text()


def test_a_damaged_library_file_is_listed_with_the_reason(window: MainWindow) -> None:
    folder = window.bundles.library.folder
    folder.mkdir(parents=True)
    (folder / "damaged.tgbundle").write_bytes(b"not a zip")
    dialog = open_dialog(window)
    select(dialog, "damaged.tgbundle")
    assert not dialog.buttons["open"].isEnabled()
    assert dialog.buttons["delete"].isEnabled()
    assert dialog.error.isVisibleTo(dialog) and "damaged.tgbundle" in dialog.error.text()


def test_the_bundle_shown_is_recognised_through_a_symlinked_home(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real-home"
    real.mkdir()
    (tmp_path / "link-home").symlink_to(real)
    monkeypatch.setenv("TGVIEWER_HOME", str(tmp_path / "link-home"))
    window = make_window(show=False)
    mine = saved(window, "Mine")
    window.settings_store.writable = False
    assert window.bundles.open_file(
        str(tmp_path / "link-home" / "data" / "bundles" / Path(mine.location).name)
    )
    dialog = open_dialog(window)
    select(dialog, "Mine")
    assert dialog.rows[1].title == "Mine" and "shown" in dialog.table.item(1, 0).text()
    assert not dialog.buttons["delete"].isEnabled()
    dialog.delete_selected()
    assert Path(mine.location).exists()


def test_export_asks_before_replacing_a_file_the_suffix_points_at(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    saved(window, "Mine")
    precious = tmp_path / "precious.tgbundle"
    precious.write_bytes(b"keep me")
    dialog = open_dialog(window)
    select(dialog, "Mine")
    asked: list[str] = []
    monkeypatch.setattr(dialog, "ask_save_path", lambda _s: str(tmp_path / "precious"))
    monkeypatch.setattr(dialog, "confirm", lambda _t, text: asked.append(text) or False)
    dialog.buttons["export"].click()
    assert precious.read_bytes() == b"keep me"
    assert asked == [f"{precious} exists. Replace it?"]


def test_a_renamed_bundle_leaves_no_dead_recent_entry(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = saved(window, "Mine")
    window.settings_store.writable = False
    window.set_bundle(mine, mine.location)
    assert window.settings.recent_bundles[0] == mine.location
    dialog = open_dialog(window)
    select(dialog, "Mine")
    monkeypatch.setattr(dialog, "ask_text", lambda *_a: "Renamed")
    dialog.buttons["rename"].click()
    assert mine.location not in window.settings.recent_bundles
    assert window.bundle_path == window.settings.recent_bundles[0]
    assert window.bundle.manifest.title == "Renamed"
