"""Saved views (.tgview): round trips, the bundle they name, and files that are not views."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.view_file import (
    BundleMatch,
    BundleRef,
    SavedView,
    ViewFileError,
    bundle_match,
    read_view,
    write_view,
)
from tgviewer.core.state.view_state import (
    CompareOrder,
    Normalisation,
    ViewKind,
    default_view_state,
)


def saved_of(bundle: Bundle, **changes: object) -> SavedView:
    state = dataclasses.replace(default_view_state(bundle), **changes)  # type: ignore[arg-type]
    return SavedView(state, BundleRef.of(bundle))


def test_a_saved_view_round_trips_to_an_identical_state(
    tmp_path: Path, default_bundle: Bundle
) -> None:
    saved = saved_of(
        default_bundle,
        view=ViewKind.COMPARE,
        normalisation=Normalisation.INDEX,
        index_base="2024Q3",
        log_scale=True,
        compare_a="2024",
        compare_b="2025",
        compare_order=CompareOrder.NAME,
        scatter_period="2025H1",
        ranking_period="2025Q4",
        countries=("GBR", "DEU", "FRA"),
    )
    path = tmp_path / "my view.tgview"
    write_view(path, saved)
    again = read_view(path)
    assert again == saved
    assert again.state == saved.state
    assert bundle_match(again, default_bundle) is BundleMatch.SAME


def test_the_bundle_is_named_by_id_and_checksum(default_bundle: Bundle) -> None:
    saved = saved_of(default_bundle)
    newer = dataclasses.replace(saved, bundle=dataclasses.replace(saved.bundle, checksum="0" * 64))
    assert bundle_match(newer, default_bundle) is BundleMatch.OTHER_VERSION
    other = dataclasses.replace(saved, bundle=BundleRef("someone-else", "Other", "1" * 64))
    assert bundle_match(other, default_bundle) is BundleMatch.OTHER
    assert "as of 2026-05-30" in saved.bundle.describe()


def test_writing_replaces_atomically_and_keeps_nothing_else(
    tmp_path: Path, default_bundle: Bundle
) -> None:
    path = tmp_path / "view.tgview"
    path.write_text("old", encoding="utf-8")
    write_view(path, saved_of(default_bundle))
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "tgviewer-view"
    assert [p.name for p in tmp_path.iterdir()] == ["view.tgview"]
    with pytest.raises(ViewFileError, match="cannot write here"):
        write_view(tmp_path / "view.tgview" / "inside.tgview", saved_of(default_bundle))


def document(bundle: Bundle) -> dict[str, object]:
    return saved_of(bundle).to_dict()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1, column 1"),
        (b'{"format": "tgviewer-view", "format_version": 1, "bundle": {', "line 1, column 61"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b"[1, 2]", "expected a JSON object at the top, found a list"),
        (b'{"format": "something"}', "not a tgviewer saved view"),
        (b'{"format": "tgviewer-view", "format_version": 9}', "saved by a newer tgviewer"),
        (b'{"format": "tgviewer-view", "format_version": "1"}', "field 'format_version'"),
        (b'{"format": "tgviewer-view", "format_version": 1, "bundle": 3}', "field 'bundle'"),
        (b"[" * 100_000 + b"]" * 100_000, "larger than|nested too deeply"),
        (b" " * 300_000, "larger than 256,000 bytes"),
    ],
)
def test_a_bad_file_says_what_and_where(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.tgview"
    path.write_bytes(content)
    with pytest.raises(ViewFileError, match=message) as caught:
        read_view(path)
    assert "bad.tgview" in str(caught.value)
    assert path.read_bytes() == content  # never modified


def test_a_bad_field_of_the_state_is_named(tmp_path: Path, default_bundle: Bundle) -> None:
    doc = document(default_bundle)
    doc["state"]["normalisation"] = "per_billion"  # type: ignore[index]
    path = tmp_path / "v.tgview"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ViewFileError, match=r"field 'state\.normalisation': 'per_billion'"):
        read_view(path)
    doc = document(default_bundle)
    doc["state"]["range"] = "2025Q9"  # type: ignore[index]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ViewFileError, match=r"v\.tgview, field 'state\.range"):
        read_view(path)


def test_missing_and_folder_paths(tmp_path: Path) -> None:
    with pytest.raises(ViewFileError, match="no such file"):
        read_view(tmp_path / "gone.tgview")
    with pytest.raises(ViewFileError, match="a folder"):
        read_view(tmp_path)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda children: st.lists(children) | st.dictionaries(st.text(), children),
        max_leaves=20,
    )
)
def test_any_json_inside_the_state_gives_a_view_file_error_or_a_view(
    default_bundle_as_read: Bundle, value: object
) -> None:
    import tempfile

    doc = document(default_bundle_as_read)  # session-scoped: hypothesis runs it many times
    for key in ("state", "bundle"):
        changed = json.loads(json.dumps(doc))
        changed[key] = value if not isinstance(value, dict) else {**changed[key], **value}
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fuzz.tgview"
            path.write_text(json.dumps(changed), encoding="utf-8")
            try:
                read_view(path)
            except ViewFileError as exc:
                assert "fuzz.tgview" in str(exc)


def test_saving_into_a_missing_folder_fails_without_making_it(
    tmp_path: Path, default_bundle: Bundle
) -> None:
    with pytest.raises(ViewFileError, match="cannot write here"):
        write_view(tmp_path / "typo" / "v.tgview", saved_of(default_bundle))
    assert not (tmp_path / "typo").exists()


def test_adapting_a_view_names_the_countries_left_out(default_bundle: Bundle) -> None:
    from tgviewer.core.state.view_file import ViewNotApplicableError, adapt_view

    saved = saved_of(default_bundle, countries=("GBR", "XXA", "FRA"))
    assert adapt_view(saved, default_bundle, "v.tgview") == (saved.state, [])  # its own bundle
    other = dataclasses.replace(saved, bundle=BundleRef("other", "Other", "1" * 64))
    state, left_out = adapt_view(other, default_bundle, "v.tgview")
    assert state.countries == ("GBR", "FRA") and left_out == ["XXA"]
    nowhere = dataclasses.replace(other, state=dataclasses.replace(other.state, countries=("XXA",)))
    with pytest.raises(ViewNotApplicableError, match=r"v\.tgview: none of its countries"):
        adapt_view(nowhere, default_bundle, "v.tgview")


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        ({"measure": "userz"}, "measure", "'userz'"),
        ({"service": "WhatsApp"}, "service", "'WhatsApp'"),
    ],
)
def test_a_measure_or_service_the_bundle_lacks_is_refused_with_its_field(
    default_bundle: Bundle, changes: dict[str, str], field: str, value: str
) -> None:
    from tgviewer.core.state.view_file import ViewNotApplicableError, adapt_view

    saved = saved_of(default_bundle, **changes)
    other = dataclasses.replace(saved, bundle=BundleRef("other", "Other", "1" * 64))
    for view in (saved, other):  # on its own bundle and on another: never an empty chart
        with pytest.raises(ViewNotApplicableError) as caught:
            adapt_view(view, default_bundle, "v.tgview")
        assert caught.value.field == f"state.{field}"
        assert str(caught.value).startswith(f"v.tgview, field 'state.{field}': {value} is not a")


def test_the_ratio_measure_is_accepted_when_the_bundle_has_users_and_requests(
    default_bundle: Bundle,
) -> None:
    from tgviewer.core.state.view_file import adapt_view
    from tgviewer.core.state.view_state import USERS_PER_REQUEST

    saved = saved_of(default_bundle, measure=USERS_PER_REQUEST)
    assert adapt_view(saved, default_bundle, "v.tgview") == (saved.state, [])
