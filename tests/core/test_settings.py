"""Settings: saved atomically, read back whatever the disk holds, damaged files kept aside."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tgviewer.core.periods.spans import Granularity, QuarterSpan, quarter_index
from tgviewer.core.periods.years import MAX_YEAR, MIN_YEAR
from tgviewer.core.state.settings import (
    FORMAT_VERSION,
    MAX_RECENT,
    MAX_SETTINGS_BYTES,
    SETTINGS_FILE,
    LoadedSettings,
    NewerFormatError,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)
from tgviewer.core.state.view_state import Normalisation, ViewKind, ViewState

VIEW = ViewState(
    countries=("FRA", "DEU"),
    granularity=Granularity.HALF,
    first=quarter_index(2024, 1),
    last=quarter_index(2026, 1),
    measure="users",
    normalisation=Normalisation.PER_MILLION,
    view=ViewKind.RANKING,
    ranking_period="2025Q4",
)
FULL = Settings(
    geometry="AdnQywADAAAAAAAA",
    window_state="AAAA/wAAAAD9AAAAAQ==",
    last_bundle="/home/ann/bundles/2026.tgbundle",
    recent_bundles=("/home/ann/bundles/2026.tgbundle", "/srv/old.tgbundle"),
    view_state=VIEW,
)


def settings_file(tmp_path: Path, content: bytes | str) -> Path:
    path = tmp_path / SETTINGS_FILE
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def document(**changes: object) -> bytes:
    """A valid settings document with some fields changed (fields set to ``...`` removed)."""
    fields = {**FULL.to_dict(), **changes}
    return json.dumps({k: v for k, v in fields.items() if v is not ...}).encode("utf-8")


# Saving and reading back


def test_full_settings_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    save_settings(FULL, path)
    assert load_settings(path) == LoadedSettings(FULL)
    assert Settings.from_dict(json.loads(json.dumps(FULL.to_dict()))) == FULL


def test_saved_file_is_pretty_sorted_json_with_its_format_version(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    save_settings(FULL, path)
    text = path.read_text(encoding="utf-8")
    saved = json.loads(text)
    assert saved["format_version"] == FORMAT_VERSION == 1
    assert list(saved) == sorted(saved)
    assert saved["view_state"]["range"] == "2024Q1-2026Q1"
    assert text.endswith("}\n")
    assert '\n  "geometry": ' in text


def test_save_creates_the_folder_and_default_path_is_in_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Set here too: the no-Qt run (tests/core/no-qt.ini) does not load tests/conftest.py.
    monkeypatch.setenv("TGVIEWER_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "config" / SETTINGS_FILE
    assert not settings_path().parent.exists()
    save_settings(FULL)
    assert settings_path().is_file()
    assert load_settings().settings == FULL


def test_paths_with_any_characters_round_trip(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    odd = ("/home/zoë/日本語.tgbundle", "/mnt/usb/\udcff\udcfe.tgbundle", 'C:\\a "quoted"\n')
    save_settings(Settings(recent_bundles=odd), path)
    path.read_bytes().decode("ascii")  # escaped, so undecodable file names still save
    assert load_settings(path).settings.recent_bundles == odd


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = settings_file(tmp_path, b"\xef\xbb\xbf" + document())
    assert load_settings(path) == LoadedSettings(FULL)


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    path = settings_file(tmp_path, document(toolbar_icons="large", plugins=[1, 2]))
    assert load_settings(path) == LoadedSettings(FULL)
    assert path.exists()


def test_missing_fields_other_than_the_version_take_their_defaults(tmp_path: Path) -> None:
    path = settings_file(tmp_path, '{"format_version": 1, "geometry": "AQ=="}')
    assert load_settings(path) == LoadedSettings(Settings(geometry="AQ=="))


def test_recent_paths_read_drop_empty_and_repeated_paths_in_order(tmp_path: Path) -> None:
    recent = ["/b", "", "/a", "/b", "/c"]
    path = settings_file(tmp_path, document(recent_bundles=recent, last_bundle=""))
    loaded = load_settings(path)
    assert loaded.notice is None
    assert loaded.settings.recent_bundles == ("/b", "/a", "/c")
    assert loaded.settings.last_bundle is None


# The recent list


def test_with_recent_puts_the_path_first_once_and_keeps_at_most_the_limit() -> None:
    start = Settings(recent_bundles=("/a", "/b", "/c"), view_state=VIEW)
    moved = start.with_recent("/c")
    assert moved.recent_bundles == ("/c", "/a", "/b")
    assert moved.last_bundle == "/c"
    assert moved.view_state == VIEW
    assert start.recent_bundles == ("/a", "/b", "/c")  # immutable
    full = Settings()
    for number in range(MAX_RECENT + 5):
        full = full.with_recent(f"/bundle{number}")
    assert len(full.recent_bundles) == MAX_RECENT
    assert full.recent_bundles[0] == f"/bundle{MAX_RECENT + 4}"
    assert full.recent_bundles[-1] == "/bundle5"
    with pytest.raises(ValueError, match="cannot be empty"):
        start.with_recent("")


def test_without_recent_drops_the_path_and_clears_it_as_last_bundle() -> None:
    start = Settings(last_bundle="/b", recent_bundles=("/a", "/b", "/c"))
    assert start.without_recent("/b") == Settings(recent_bundles=("/a", "/c"))
    assert start.without_recent("/a") == Settings(last_bundle="/b", recent_bundles=("/b", "/c"))
    assert start.without_recent("/elsewhere") == start


def test_construction_keeps_the_recent_list_rules() -> None:
    made = Settings(last_bundle="", recent_bundles=("/a", "", "/a", *(f"/{n}" for n in range(20))))
    assert made.last_bundle is None
    assert made.recent_bundles == ("/a", *(f"/{n}" for n in range(MAX_RECENT - 1)))


# Reading what is on the disk


def test_a_missing_file_gives_the_defaults_quietly(tmp_path: Path) -> None:
    assert load_settings(tmp_path / SETTINGS_FILE) == LoadedSettings(Settings())
    assert list(tmp_path.iterdir()) == []


def test_the_notice_for_bad_json_gives_line_and_column(tmp_path: Path) -> None:
    path = settings_file(tmp_path, '{\n  "format_version": 1,\n  "geometry": ""\n  "x": 1\n}\n')
    loaded = load_settings(path)
    assert loaded.notice == (
        "Your settings file was damaged (settings.json, line 4, column 3: Expecting ',' "
        "delimiter); it was kept as settings.json.corrupt and defaults are used."
    )


DEEP = b"[" * 100_000 + b"]" * 100_000
TOO_BIG = b'{"format_version": 1, "geometry": "' + b"A" * MAX_SETTINGS_BYTES + b'"}'
DAMAGED = [
    pytest.param(b'{"format_version": 1,}', "line 1, column 22", id="bad-json"),
    pytest.param(b"", "line 1, column 1: Expecting value", id="empty"),
    pytest.param(TOO_BIG, "larger than 1,000,000 bytes", id="too-big"),
    pytest.param(
        b'{"format_version": 1, "geometry": "\xff"}', "not UTF-8 text (byte 36)", id="not-utf8"
    ),
    pytest.param(b"[1, 2]", "expected a JSON object at the top, found a list", id="list"),
    pytest.param(b"null", "found null", id="null"),
    pytest.param(DEEP, "nested too deeply", id="deep"),
    pytest.param(
        b'{"format_version": 1' + b"0" * 5000 + b"}",
        "field 'format_version': expected a whole number, found a number 5,001 digits long",
        id="long-number",
    ),
    pytest.param(
        document(format_version=...), "'format_version': expected a whole number", id="no-version"
    ),
    pytest.param(document(format_version="1"), "'format_version'", id="version-text"),
    pytest.param(document(format_version=True), "'format_version'", id="version-bool"),
    pytest.param(document(format_version=1.0), "'format_version'", id="version-float"),
    pytest.param(
        document(format_version=0), "'format_version': expected 1, found 0", id="version-old"
    ),
    pytest.param(document(geometry=12), "'geometry': expected text", id="geometry"),
    pytest.param(document(window_state=None), "'window_state'", id="window-state"),
    pytest.param(document(last_bundle=["/a"]), "'last_bundle'", id="last-bundle"),
    pytest.param(document(recent_bundles="/a"), "'recent_bundles'", id="recent-text"),
    pytest.param(document(recent_bundles=["/a", 3]), "'recent_bundles'", id="recent-number"),
]


@pytest.mark.parametrize(("content", "problem"), DAMAGED)
def test_a_damaged_file_is_kept_aside_and_defaults_are_used(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = settings_file(tmp_path, content)
    loaded = load_settings(path)
    aside = tmp_path / "settings.json.corrupt"
    assert loaded.settings == Settings()
    assert loaded.set_aside == aside
    assert loaded.writable
    assert loaded.notice is not None
    assert loaded.notice.startswith("Your settings file was damaged (settings.json")
    assert problem in loaded.notice
    assert loaded.notice.endswith("it was kept as settings.json.corrupt and defaults are used.")
    assert aside.read_bytes() == content
    assert not path.exists()


UNREADABLE_VIEWS = [
    pytest.param([], "expected an object or null, found []", id="list"),
    pytest.param({**VIEW.to_dict(), "countries": "FRA"}, "field 'countries'", id="rejected"),
    pytest.param({**VIEW.to_dict(), "range": "2024Q9"}, "field 'range'", id="bad-range"),
    pytest.param(
        {**VIEW.to_dict(), "range": "1500Q1-1500Q4"},
        "field 'range': cannot read the period '1500Q1-1500Q4': year 1500 is outside the "
        "years tgviewer supports, 1900–2999",
        id="year-1500",
    ),
    pytest.param(
        {**VIEW.to_dict(), "index_base": "3000H1"}, "field 'index_base'", id="base-year-3000"
    ),
]


@pytest.mark.parametrize(("view", "problem"), UNREADABLE_VIEWS)
def test_a_last_view_that_cannot_be_read_is_dropped_alone_keeping_the_recent_bundles(
    tmp_path: Path, view: object, problem: str
) -> None:
    path = settings_file(tmp_path, document(view_state=view))
    loaded = load_settings(path)
    assert loaded.settings == dataclasses.replace(FULL, view_state=None)
    assert loaded.settings.recent_bundles == FULL.recent_bundles
    assert (loaded.set_aside, loaded.writable) == (None, True)
    assert loaded.notice is not None
    assert loaded.notice.startswith(
        "The last view in your settings could not be restored (settings.json, field 'view_state': "
    )
    assert problem in loaded.notice
    assert loaded.notice.endswith("; the bundle's default view is used.")
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]


def test_a_second_damaged_file_never_overwrites_the_first(tmp_path: Path) -> None:
    path = settings_file(tmp_path, b"first {")
    assert load_settings(path).set_aside == tmp_path / "settings.json.corrupt"
    settings_file(tmp_path, b"second {")
    (tmp_path / "settings.json.corrupt-2").write_bytes(b"already here")
    loaded = load_settings(path)
    assert loaded.set_aside == tmp_path / "settings.json.corrupt-3"
    assert loaded.notice is not None
    assert "kept as settings.json.corrupt-3" in loaded.notice
    assert (tmp_path / "settings.json.corrupt").read_bytes() == b"first {"
    assert (tmp_path / "settings.json.corrupt-2").read_bytes() == b"already here"
    assert (tmp_path / "settings.json.corrupt-3").read_bytes() == b"second {"
    assert not path.exists()


def test_without_hard_links_a_plain_rename_still_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (tmp_path / "settings.json.corrupt").write_bytes(b"older")
    path = settings_file(tmp_path, b"{{")
    assert load_settings(path).set_aside == tmp_path / "settings.json.corrupt-2"
    assert (tmp_path / "settings.json.corrupt").read_bytes() == b"older"
    assert (tmp_path / "settings.json.corrupt-2").read_bytes() == b"{{"
    assert not path.exists()


def test_a_damaged_file_that_cannot_be_moved_stays_and_is_not_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(Path, "rename", refuse)
    path = settings_file(tmp_path, b"{{")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.set_aside is None
    assert not loaded.writable
    assert loaded.notice is not None
    assert "could not be moved aside (Permission denied)" in loaded.notice
    assert "settings.json, line 1, column 2" in loaded.notice
    assert path.read_bytes() == b"{{"
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]


def test_settings_from_a_newer_version_are_left_untouched(tmp_path: Path) -> None:
    content = document(format_version=FORMAT_VERSION + 1, new_field={"a": 1})
    path = settings_file(tmp_path, content)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert not loaded.writable
    assert loaded.set_aside is None
    assert loaded.notice is not None
    assert "written by a newer tgviewer (settings.json, format 2)" in loaded.notice
    assert path.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]
    with pytest.raises(NewerFormatError):
        Settings.from_dict({"format_version": FORMAT_VERSION + 1})


def test_an_unreadable_file_is_left_in_place(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    path.mkdir()  # reading a folder fails the way a locked file does
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert not loaded.writable
    assert loaded.set_aside is None
    assert loaded.notice is not None
    assert loaded.notice.startswith("Your settings file could not be read (settings.json: ")
    assert path.is_dir()
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]


# Atomic saving


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    save_settings(Settings(), path)
    save_settings(FULL, path)
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]


def test_a_failed_save_leaves_the_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / SETTINGS_FILE
    save_settings(FULL, path)
    before = path.read_bytes()

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        save_settings(Settings(geometry="new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]


# Any settings round-trip


def any_text() -> st.SearchStrategy[str]:
    # U+DC80-U+DCFF are how Python holds the bytes of a file name that is not valid in the
    # file system's encoding. (Other surrogates never come from real paths; a high and a low
    # one side by side would come back from JSON as the single character they encode.)
    return st.text(
        st.one_of(st.characters(codec="utf-8"), st.integers(0xDC80, 0xDCFF).map(chr)), max_size=12
    )


@st.composite
def view_states(draw: st.DrawFn) -> ViewState:
    low, high = quarter_index(MIN_YEAR, 1), quarter_index(MAX_YEAR, 4)
    first = draw(st.integers(low, high))
    last = draw(st.integers(first, high))
    ranking = draw(st.none() | st.integers(low, high).map(lambda q: QuarterSpan(q, q).code))
    return ViewState(
        countries=tuple(draw(st.lists(any_text(), max_size=5))),
        granularity=draw(st.sampled_from(Granularity)),
        first=first,
        last=last,
        measure=draw(any_text()),
        normalisation=draw(st.sampled_from(Normalisation)),
        service=draw(any_text()),
        view=draw(st.sampled_from(ViewKind)),
        ranking_period=ranking,
    )


ANY_SETTINGS = st.builds(
    Settings,
    geometry=any_text(),
    window_state=any_text(),
    last_bundle=st.none() | any_text(),
    recent_bundles=st.lists(any_text(), max_size=MAX_RECENT + 3).map(tuple),
    view_state=st.none() | view_states(),
)


@hypothesis_settings(max_examples=150, deadline=None)
@given(ANY_SETTINGS)
def test_any_settings_round_trip_through_save_and_load(saved: Settings) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / SETTINGS_FILE
        save_settings(saved, path)
        assert load_settings(path) == LoadedSettings(saved)


def test_an_absurd_presentation_scale_is_a_damaged_file(tmp_path: Path) -> None:
    from tgviewer.core.state.settings import load_settings

    path = tmp_path / "settings.json"
    path.write_text(
        '{"format_version": 1, "presentation_scale": 1' + "0" * 400 + "}", encoding="utf-8"
    )
    loaded = load_settings(path)
    assert loaded.notice is not None and "presentation_scale" in loaded.notice
    assert loaded.settings.presentation_scale == 1.5


# The last CSV column mapping


def test_the_last_csv_mapping_round_trips_and_garbage_in_it_is_ignored(tmp_path: Path) -> None:
    from tgviewer.core.importing.csv_mapping import ColumnMapping

    mapping = ColumnMapping("Land", "name", period="Zeit", measures={"users": "n"})
    path = tmp_path / SETTINGS_FILE
    save_settings(Settings(theme="dark", csv_mapping=mapping), path)
    assert json.loads(path.read_text(encoding="utf-8"))["csv_mapping"] == {
        "country": "Land",
        "country_as": "name",
        "start": None,
        "end": None,
        "period": "Zeit",
        "measures": {"users": "n"},
    }
    assert load_settings(path) == LoadedSettings(Settings(theme="dark", csv_mapping=mapping))
    for garbage in (
        "Land",
        [1],
        {"country": 3},
        {"country_as": "flag"},
        {"measures": {"users": None}},
    ):
        loaded = load_settings(settings_file(tmp_path, document(csv_mapping=garbage)))
        assert loaded == LoadedSettings(FULL)  # the rest is kept, without notice
    assert Settings.from_dict({"format_version": 1}).csv_mapping is None
