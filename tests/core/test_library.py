"""The bundle library: saving, listing, renaming, duplicating, deleting, exporting, merging."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from tgviewer.core.bundle.model import Bundle, Record, Source
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.importing.merge import Fate, Resolution
from tgviewer.core.library.bundle_library import Library, LibraryError, export_bundle, slug

Q2_2026 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "library")


def france_q2(requests: int = 321) -> Record:
    return Record(
        "FRA", *Q2_2026, {"requests": requests, "users": 999}, source="telegram-transparency"
    )


def test_an_empty_library_lists_nothing_and_makes_no_folder(library: Library) -> None:
    assert library.entries() == []
    assert not library.folder.exists()


def test_a_saved_bundle_is_listed_with_its_title_counts_and_size(
    library: Library, default_bundle: Bundle
) -> None:
    saved = library.save(
        "  Default +\nmy additions ",
        default_bundle.manifest,
        [*default_bundle.records, france_q2()],
        default_bundle.events,
    )
    path = Path(saved.location)
    assert path == library.folder / "default-my-additions.tgbundle"
    [entry] = library.entries()
    assert entry.title == "Default + my additions"
    assert entry.path == path
    assert entry.record_count == len(default_bundle.records) + 1
    assert entry.country_count == len(default_bundle.countries)
    assert entry.as_of == default_bundle.manifest.as_of
    assert entry.size == path.stat().st_size > 0
    assert read_bundle(path).manifest.id == "default-my-additions"


def test_a_second_bundle_with_the_same_name_gets_its_own_file(
    library: Library, default_bundle: Bundle
) -> None:
    first = library.save("Mine", default_bundle.manifest, default_bundle.records)
    second = library.save("Mine", default_bundle.manifest, default_bundle.records)
    assert Path(first.location).name == "mine.tgbundle"
    assert Path(second.location).name == "mine-2.tgbundle"
    assert len(library.entries()) == 2


def test_a_bundle_that_would_not_load_is_never_written(
    library: Library, default_bundle: Bundle
) -> None:
    broken = Record("FRA", dt.date(2026, 6, 30), dt.date(2026, 4, 1), {"requests": 1})
    with pytest.raises(BundleError):
        library.save("Broken", default_bundle.manifest, [broken])
    assert library.entries() == []


def test_an_empty_name_is_refused(library: Library, default_bundle: Bundle) -> None:
    with pytest.raises(LibraryError, match="give the bundle a name"):
        library.save(" \n ", default_bundle.manifest, default_bundle.records)


def test_an_unreadable_file_is_listed_with_the_reason(library: Library) -> None:
    library.folder.mkdir(parents=True)
    (library.folder / "damaged.tgbundle").write_bytes(b"PK\x03\x04 truncated")
    [entry] = library.entries()
    assert entry.bundle is None
    assert entry.title == "damaged.tgbundle"
    assert "damaged.tgbundle" in entry.problem or "zip" in entry.problem.lower()


def test_rename_changes_title_and_file_and_keeps_the_records(
    library: Library, default_bundle: Bundle
) -> None:
    old = Path(library.save("Mine", default_bundle.manifest, default_bundle.records).location)
    renamed = library.rename(old, "Class of 2026")
    assert not old.exists()
    assert Path(renamed.location).name == "class-of-2026.tgbundle"
    assert renamed.records == read_bundle(old.parent / "class-of-2026.tgbundle").records
    assert [e.title for e in library.entries()] == ["Class of 2026"]


def test_rename_to_the_same_file_name_rewrites_in_place(
    library: Library, default_bundle: Bundle
) -> None:
    old = Path(library.save("Mine", default_bundle.manifest, default_bundle.records).location)
    renamed = library.rename(old, "MINE")
    assert Path(renamed.location) == old
    assert read_bundle(old).manifest.title == "MINE"


def test_duplicate_keeps_the_original(library: Library, default_bundle: Bundle) -> None:
    original = Path(library.save("Mine", default_bundle.manifest, default_bundle.records).location)
    before = original.read_bytes()
    copy = library.duplicate(original)
    assert copy.manifest.title == "Mine (copy)"
    assert original.read_bytes() == before
    assert [e.title for e in library.entries()] == ["Mine", "Mine (copy)"]


def test_delete_removes_only_library_files(
    library: Library, default_bundle: Bundle, tmp_path: Path
) -> None:
    inside = Path(library.save("Mine", default_bundle.manifest, default_bundle.records).location)
    outside = tmp_path / "elsewhere.tgbundle"
    outside.write_bytes(inside.read_bytes())
    with pytest.raises(LibraryError, match="not a bundle of the library"):
        library.delete(outside)
    assert outside.exists()
    library.delete(inside)
    assert library.entries() == []


def test_export_writes_a_bundle_that_loads_to_the_same_records(
    library: Library, default_bundle: Bundle, tmp_path: Path
) -> None:
    inside = Path(
        library.save(
            "Mine", default_bundle.manifest, [*default_bundle.records, france_q2()]
        ).location
    )
    target = tmp_path / "usb" / "mine.tgbundle"
    target.parent.mkdir()
    export_bundle(inside, target)
    assert [dict(r.values) for r in read_bundle(target).records] == [
        dict(r.values) for r in read_bundle(inside).records
    ]
    with pytest.raises(LibraryError, match="onto itself"):
        export_bundle(inside, inside)


def test_export_to_a_missing_folder_says_so(
    library: Library, default_bundle: Bundle, tmp_path: Path
) -> None:
    inside = Path(library.save("Mine", default_bundle.manifest, default_bundle.records).location)
    with pytest.raises(LibraryError, match="could not be written"):
        export_bundle(inside, tmp_path / "no such folder" / "x.tgbundle")


def test_merge_adds_the_second_bundles_new_records_and_settles_conflicts(
    library: Library, default_bundle: Bundle
) -> None:
    greece = next(r for r in default_bundle.records if r.country == "GRC")
    other = dataclasses.replace(greece, values={"requests": 1, "users": 2}, line=0)
    extra = Source("mine", "pasted bot answer, 2026-11-22")
    second = dataclasses.replace(
        default_bundle,
        manifest=dataclasses.replace(
            default_bundle.manifest, title="Mine", sources=(*default_bundle.manifest.sources, extra)
        ),
        records=(france_q2(), other, *default_bundle.records[:3]),
    )
    kept = library.merge(default_bundle, second, "Merged")
    assert (kept.count(Fate.NEW), kept.count(Fate.CONFLICT), kept.count(Fate.DUPLICATE)) == (
        1,
        1,
        3,
    )
    merged = read_bundle(kept.path)
    assert len(merged.records) == len(default_bundle.records) + 1
    same_key = [
        r
        for r in merged.records
        if (r.country, r.start, r.end) == (greece.country, greece.start, greece.end)
    ]
    assert [dict(r.values) for r in same_key] == [dict(greece.values)]
    assert extra in merged.manifest.sources
    taken = library.merge(default_bundle, second, "Merged", Resolution.TAKE_INCOMING)
    assert Path(taken.path).name == "merged-2.tgbundle"
    same_key = [
        r
        for r in taken.bundle.records
        if (r.country, r.start, r.end) == (greece.country, greece.start, greece.end)
    ]
    assert [dict(r.values) for r in same_key] == [{"requests": 1, "users": 2}]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Default + my additions", "default-my-additions"),
        ("../../etc/passwd", "etc-passwd"),
        ("Ελλάδα", "bundle"),
        ("", "bundle"),
    ],
)
def test_file_names_are_safe(title: str, expected: str) -> None:
    assert slug(title) == expected
