"""Reading and writing bundles, and every bad-input case of the format's validation."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from tgviewer.core.bundle.problems import BundleError, Severity
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.bundle.writer import bundle_bytes, write_bundle, write_checked_bundle
from tgviewer.core.periods.spans import QuarterSpan, quarter_index

from .bundles import manifest, records_csv, write_folder, zip_folder

GOOD_ROWS = (
    "FRA,2024-01-01,2024-09-30,220,686,Telegram,src,",
    "FRA,2024-10-01,2024-12-31,673,1386,Telegram,src,",
    "FRA,2024-01-01,2024-12-31,893,2072,Telegram,src,",
)
EVENTS = "date,title,description,source_url\n2024-08-24,Durov arrested,,https://example.org\n"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(BundleError) as caught:
        read_bundle(path)
    return [str(p) for p in caught.value.problems]


def only_problem(path: Path) -> str:
    found = problems_of(path)
    assert len(found) == 1, found
    return found[0]


def test_a_folder_bundle_reads(tmp_path: Path) -> None:
    bundle = read_bundle(write_folder(tmp_path / "b", records_csv(*GOOD_ROWS), EVENTS))
    assert bundle.manifest.title == "Test bundle"
    assert bundle.manifest.measure_keys == ("requests", "users")
    assert [r.line for r in bundle.records] == [2, 3, 4]
    assert bundle.records[1].values == {"requests": 673, "users": 1386}
    assert bundle.records[1].source == "src"
    assert bundle.events[0].title == "Durov arrested"
    assert bundle.warnings == ()


def test_a_zip_bundle_reads_and_a_zipped_folder_too(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    plain = read_bundle(zip_folder(folder, tmp_path / "plain.tgbundle"))
    nested = read_bundle(zip_folder(folder, tmp_path / "nested.tgbundle", prefix="b/"))
    assert plain.records == nested.records
    assert (
        plain.checksum
        == nested.checksum
        == hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    )


def test_written_bundle_reads_back_identically_and_deterministically(tmp_path: Path) -> None:
    original = read_bundle(write_folder(tmp_path / "b", records_csv(*GOOD_ROWS), EVENTS))
    path = write_bundle(
        tmp_path / "out.tgbundle", original.manifest, original.records, original.events
    )
    again = read_bundle(path)
    assert again.manifest == original.manifest
    assert [(r.country, r.start, r.end, dict(r.values)) for r in again.records] == [
        (r.country, r.start, r.end, dict(r.values)) for r in original.records
    ]
    assert again.events == original.events
    assert path.read_bytes() == bundle_bytes(again.manifest, again.records, again.events)


def test_the_service_defaults_to_telegram(tmp_path: Path) -> None:
    rows = "country,start,end,requests,users\nFRA,2024-01-01,2024-03-31,1,2\n"
    bundle = read_bundle(write_folder(tmp_path / "b", rows))
    assert bundle.records[0].service == "Telegram"


def test_empty_counts_are_unknown(tmp_path: Path) -> None:
    bundle = read_bundle(
        write_folder(tmp_path / "b", records_csv("FRA,2024-01-01,2024-03-31,4,,Telegram,src,"))
    )
    assert bundle.records[0].values == {"requests": 4, "users": None}


# --- the bad-input cases, each with the message it must give -----------------------------


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.tgbundle"
    path.write_text("hello")
    assert "not a zip archive" in only_problem(path)


def test_missing_path(tmp_path: Path) -> None:
    assert "no such file" in only_problem(tmp_path / "absent.tgbundle")


def test_missing_files(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    (folder / "records.csv").unlink()
    assert only_problem(folder) == "records.csv: the bundle has no records.csv"
    archive = tmp_path / "empty.tgbundle"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "nothing here")
    assert problems_of(archive) == [
        "manifest.json: the bundle has no manifest.json",
        "records.csv: the bundle has no records.csv",
    ]


def test_checksum_mismatch(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    with (folder / "records.csv").open("a") as f:
        f.write("DEU,2024-01-01,2024-03-31,1,1,Telegram,src,\n")
    message = only_problem(folder)
    assert message.startswith("records.csv: checksum mismatch: manifest.json gives sha256 ")
    assert "changed or damaged" in message


def test_a_file_not_listed_in_the_manifest(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    (folder / "events.csv").write_text(EVENTS)
    assert "events.csv is not listed" in only_problem(folder)


def test_unknown_format_version(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "b", records_csv(*GOOD_ROWS), manifest_doc=manifest(format_version=7)
    )
    assert only_problem(folder) == (
        "manifest.json, field 'format_version': format version 7 is not supported; this "
        "tgviewer reads version 1 (a newer tgviewer may read it)"
    )


def test_malformed_json(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    (folder / "manifest.json").write_text('{\n  "id": "x",\n  "title": oops\n}')
    message = only_problem(folder)
    assert message.startswith("manifest.json, line 3: malformed JSON: Expecting value")


def test_manifest_fields_are_checked_by_name(tmp_path: Path) -> None:
    document = manifest(id="Not An Id", as_of="2026-13-01", title=5)
    document["sources"][0]["url"] = ["x"]
    found = problems_of(
        write_folder(tmp_path / "b", records_csv(*GOOD_ROWS), manifest_doc=document)
    )
    assert any(
        p.startswith("manifest.json, field 'id': 'Not An Id' is not a valid id") for p in found
    )
    assert any(
        p.startswith("manifest.json, field 'as_of': '2026-13-01': month 13 does not") for p in found
    )
    assert any(p.startswith("manifest.json, field 'title': expected text") for p in found)
    assert any(p.startswith("manifest.json, field 'sources[0].url': expected text") for p in found)


def test_malformed_csv(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "b",
        records_csv(GOOD_ROWS[0], 'FRA,2024-10-01,2024-12-31,"673,1386,Telegram,src,'),
    )
    assert "records.csv, line 3: malformed CSV" in only_problem(folder)


def test_wrong_number_of_fields(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(GOOD_ROWS[0], "FRA,2024-10-01,1,2"))
    assert only_problem(folder) == "records.csv, line 3: 4 fields where the header has 8"


def test_missing_measure_column(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "b", "country,start,end,requests\nFRA,2024-01-01,2024-03-31,1\n"
    )
    assert "the header lacks 'users'" in only_problem(folder)


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("20242131", "'20242131': month 21 does not exist; expected an ISO 8601 date"),
        ("2024013", "'2024013': 7 digits where a date has 8"),
        ("2024-02-30", "'2024-02-30': day 30 does not exist in 2024-02"),
        ("31/12/2024", "'31/12/2024': not a date"),
        ("", "'': the date is empty"),
    ],
)
def test_invalid_dates(tmp_path: Path, date: str, reason: str) -> None:
    folder = write_folder(
        tmp_path / "b", records_csv(GOOD_ROWS[0], f"FRA,{date},2024-12-31,1,1,Telegram,src,")
    )
    message = only_problem(folder)
    assert message.startswith(f"records.csv, line 3, field 'start': {reason}")
    assert message.endswith("expected an ISO 8601 date such as 2024-09-30")


def test_the_basic_iso_form_of_a_date_is_accepted(tmp_path: Path) -> None:
    bundle = read_bundle(
        write_folder(tmp_path / "b", records_csv("FRA,20240101,20240331,1,1,Telegram,src,"))
    )
    assert bundle.records[0].end == dt.date(2024, 3, 31)


def test_start_after_end(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv("FRA,2024-12-31,2024-10-01,1,1,,src,"))
    assert only_problem(folder) == (
        "records.csv, line 2, field 'start': the period starts (2024-12-31) after it ends "
        "(2024-10-01)"
    )


@pytest.mark.parametrize(
    ("count", "reason"),
    [
        ("-3", "'-3' is a negative count"),
        ("1.5", "'1.5' is not a whole number"),
        ("abc", "'abc' is not a whole number"),
        ("1e3", "'1e3' is not a whole number"),
    ],
)
def test_bad_counts(tmp_path: Path, count: str, reason: str) -> None:
    folder = write_folder(
        tmp_path / "b", records_csv(f"FRA,2024-01-01,2024-03-31,1,{count},Telegram,src,")
    )
    assert only_problem(folder) == (
        f"records.csv, line 2, field 'users': {reason}; expected "
        "a count such as 42, or nothing if unknown"
    )


def test_malformed_country_code_is_an_error(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv("fr,2024-01-01,2024-03-31,1,1,,src,"))
    assert "'fr' is not a country code" in only_problem(folder)


def test_unknown_country_code_is_a_warning(tmp_path: Path) -> None:
    bundle = read_bundle(
        write_folder(tmp_path / "b", records_csv("XYZ,2024-01-01,2024-03-31,1,1,Telegram,src,"))
    )
    assert [str(w) for w in bundle.warnings] == [
        "records.csv, line 2, field 'country': XYZ is not an ISO 3166-1 alpha-3 code "
        "tgviewer knows; it is shown by its code"
    ]
    assert bundle.records[0].country == "XYZ"


def test_undeclared_source_is_an_error(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv("FRA,2024-01-01,2024-03-31,1,1,,nope,"))
    assert "source 'nope' is not declared in manifest.json (declared: src)" in only_problem(folder)


def test_same_span_twice_with_different_figures_is_an_error(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "b",
        records_csv(GOOD_ROWS[1], "FRA,2024-10-01,2024-12-31,673,1300,Telegram,src,"),
    )
    assert only_problem(folder) == (
        "records.csv, line 3: FRA Q4 2024 is given twice with different figures (line 2: "
        "users 1386 vs 1300); keep one"
    )


def test_same_span_twice_with_the_same_figures_is_a_warning(tmp_path: Path) -> None:
    bundle = read_bundle(write_folder(tmp_path / "b", records_csv(GOOD_ROWS[1], GOOD_ROWS[1])))
    assert [str(w) for w in bundle.warnings] == ["records.csv, line 3: FRA Q4 2024 repeats line 2"]


def test_totals_that_disagree_with_their_parts_are_kept_and_flagged(tmp_path: Path) -> None:
    bundle = read_bundle(
        write_folder(
            tmp_path / "b",
            records_csv(
                "GBR,2024-01-01,2024-09-30,3,7,Telegram,src,",
                "GBR,2024-10-01,2024-12-31,139,292,Telegram,src,",
                "GBR,2024-01-01,2024-12-31,142,293,Telegram,src,",
            ),
        )
    )
    assert len(bundle.records) == 3
    assert [str(w) for w in bundle.warnings] == [
        "records.csv, line 4, field 'users': GBR users: 2024 is reported as 293, but "
        "Jan–Sep 2024 (7) + Q4 2024 (292) = 299 (difference 6) (records on lines 4, 2, 3)"
    ]
    assert all(w.severity is Severity.WARNING for w in bundle.warnings)


def overlapping_rows(count: int) -> list[str]:
    """``count`` two-quarter records from 1900 each overlapping the next, and a first quarter."""
    rows = ["FRA,1900-01-01,1900-03-31,7,7,Telegram,src,"]
    for k in range(count):
        first = QuarterSpan(quarter_index(1900, 1) + k, quarter_index(1900, 1) + k + 1)
        figure = (k * 37) % 100
        rows.append(f"FRA,{first.start_date},{first.end_date},{figure},{figure},Telegram,src,")
    return rows


def test_thousands_of_overlapping_records_give_a_few_short_warnings(tmp_path: Path) -> None:
    # Found by fuzzing: 3,200 overlapping two-quarter records took 19-33 s to validate and
    # made 60 MB of warnings; now five are said per country and measure, and one counts
    # the rest.
    bundle = read_bundle(write_folder(tmp_path / "b", records_csv(*overlapping_rows(3_200))))
    warnings = [str(w) for w in bundle.warnings]
    assert len(warnings) == 12
    assert sum(len(w) for w in warnings) < 12 * 600
    assert warnings[5].startswith("records.csv, line ")
    assert warnings[5].split(": ", 1)[1].startswith("FRA requests: 1,")
    assert warnings[5].endswith(" more contradictions among these records (the first 5 are listed)")
    assert "records on lines 1, 2, 3," not in " ".join(warnings)
    assert "… and 1 more record = -71" in warnings[3]
    assert all(" more)" in w for w in warnings[3:5])  # lines of long derivations are counted


def test_many_repeats_of_a_record_give_one_warning(tmp_path: Path) -> None:
    rows = [GOOD_ROWS[1]] * 4_000
    bundle = read_bundle(write_folder(tmp_path / "b", records_csv(*rows)))
    assert [str(w) for w in bundle.warnings] == [
        "records.csv, line 3: FRA Q4 2024: 3,999 records repeat line 2 (lines 3–4001)"
    ]


def test_records_off_quarter_edges_are_a_warning(tmp_path: Path) -> None:
    bundle = read_bundle(
        write_folder(tmp_path / "b", records_csv("FRA,2024-01-15,2024-03-31,1,1,Telegram,src,"))
    )
    assert "does not run from the first day of a quarter" in str(bundle.warnings[0])


def test_bad_events(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "b", records_csv(*GOOD_ROWS), "date,title\n2024-02-30,Something\n2024-03-01,\n"
    )
    assert problems_of(folder) == [
        "events.csv, line 2, field 'date': '2024-02-30': day 30 does not exist in 2024-02; "
        "expected an ISO 8601 date such as 2024-09-30",
        "events.csv, line 3, field 'title': the title is empty",
    ]


def test_not_utf8(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    data = (folder / "records.csv").read_bytes() + b"FRA,\xff\xfe\n"
    (folder / "records.csv").write_bytes(data)
    document = json.loads((folder / "manifest.json").read_text())
    document["files"]["records.csv"]["sha256"] = hashlib.sha256(data).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(document))
    assert only_problem(folder).startswith("records.csv, line 5: the file is not UTF-8 text")


def test_every_error_is_listed_not_just_the_first(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "b",
        records_csv("FRA,2024-13-01,2024-03-31,1,1,,src,", "DEU,2024-01-01,2024-03-31,-1,1,,src,"),
    )
    assert [p.split(":")[0] for p in problems_of(folder)] == [
        "records.csv, line 2, field 'start'",
        "records.csv, line 3, field 'requests'",
    ]


def test_a_zip_bomb_is_refused_without_being_inflated(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    archive = tmp_path / "bomb.tgbundle"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(folder / "manifest.json", "manifest.json")
        z.writestr("records.csv", b"0" * (65 << 20))
    assert archive.stat().st_size < 1 << 20
    assert "larger than the 64 MiB a bundle may hold" in only_problem(archive)


def test_a_damaged_zip(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    archive = zip_folder(folder, tmp_path / "b.tgbundle")
    data = bytearray(archive.read_bytes())
    start = data.index(b"FRA,2024")  # stored uncompressed by zip_folder: flip a byte
    data[start] ^= 0x20
    archive.write_bytes(bytes(data))
    assert "damaged" in only_problem(archive)


def test_reading_never_modifies_the_file(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*GOOD_ROWS))
    archive = zip_folder(folder, tmp_path / "b.tgbundle")
    before = archive.read_bytes(), archive.stat().st_mtime_ns
    read_bundle(archive)
    assert (archive.read_bytes(), archive.stat().st_mtime_ns) == before


def test_a_bundle_with_errors_is_never_written(tmp_path: Path) -> None:
    good = read_bundle(write_folder(tmp_path / "b", records_csv(*GOOD_ROWS)))
    clash = good.records[1]
    changed = type(clash)(clash.country, clash.start, clash.end, {"requests": 1, "users": 1})
    target = tmp_path / "out.tgbundle"
    with pytest.raises(BundleError, match="given twice with different figures"):
        write_checked_bundle(target, good.manifest, [*good.records, changed])
    assert not target.exists()
    assert list(tmp_path.glob(".out.tgbundle*")) == []
