"""The settings store: one current Settings, listeners told once per change, saving never fatal."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest

from tgviewer.core.state.settings import LoadedSettings, Settings, load_settings
from tgviewer.core.state.settings_store import SettingsStore


def test_a_change_is_told_once_and_no_change_not_at_all(tmp_path: Path) -> None:
    store = SettingsStore(Settings(), tmp_path / "settings.json")
    heard: list[tuple[Settings, Settings]] = []
    unsubscribe = store.subscribe(lambda old, new: heard.append((old, new)))
    assert store.update(theme="dark", presentation_scale=2.0)
    assert not store.update(theme="dark")
    assert heard == [(Settings(), Settings(theme="dark", presentation_scale=2.0))]
    unsubscribe()
    assert store.replace(Settings())
    assert len(heard) == 1
    assert store.settings == Settings()


def test_saving_gathers_then_writes_what_load_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    store = SettingsStore(
        Settings(theme="dark"), path, gather=lambda s: dataclasses.replace(s, geometry="AAAA")
    )
    assert store.gathered() == Settings(theme="dark", geometry="AAAA")
    assert store.save()
    assert store.settings == Settings(theme="dark", geometry="AAAA")
    assert load_settings(path).settings == store.settings


def test_settings_that_must_not_be_saved_over_are_gathered_but_not_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store = SettingsStore.loaded(
        LoadedSettings(Settings(theme="dark"), writable=False),
        path,
        gather=lambda s: dataclasses.replace(s, geometry="AAAA"),
    )
    assert not store.writable
    assert not store.save()
    assert store.settings.geometry == "AAAA"
    assert not path.exists()


def test_a_disk_that_refuses_the_write_is_logged_and_reported_never_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the config folder should be", encoding="utf-8")
    reported: list[str] = []
    store = SettingsStore(Settings(), blocker / "settings.json", report=reported.append)
    with caplog.at_level(logging.WARNING, logger="tgviewer"):
        assert not store.save()
    assert len(reported) == 1 and reported[0].startswith("Settings could not be saved: ")
    assert "settings not saved to" in caplog.text
