"""``tgviewer bundle diff A B``: bundles written to disk, compared as text and as CSV."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from tests.helpers import run
from tgviewer.core.bundle.model import Bundle, Manifest, Measure, Record, Source
from tgviewer.core.bundle.writer import write_checked_bundle
from tgviewer.core.periods.spans import parse_span

MANIFEST = Manifest(
    "t",
    "Test bundle",
    "",
    dt.date(2026, 5, 30),
    "CC BY 4.0",
    "Test",
    (Source("src", "A source"),),
    (Measure("requests", "Requests"), Measure("users", "Users")),
)


def record(country: str, period: str, requests: int, users: int, source: str = "src") -> Record:
    span = parse_span(period)
    return Record(
        country,
        span.start_date,
        span.end_date,
        {"requests": requests, "users": users},
        source=source,
    )


@pytest.fixture
def bundles(tmp_path: Path) -> tuple[str, str]:
    """An old and a new bundle: GRC changed, FRA added, ITA removed, DEU Q3 now derived."""
    old = [
        record("GRC", "2025Q1", 69, 202),
        record("ITA", "2025Q1", 5, 9),
        record("DEU", "2025Q1-Q3", 40, 100),
    ]
    new = [
        record("GRC", "2025Q1", 70, 202),
        record("FRA", "2026Q2", 321, 999),
        record("DEU", "2025Q1-Q3", 40, 100),
        record("DEU", "2025H1", 28, 70),
    ]
    write_checked_bundle(tmp_path / "old.tgbundle", MANIFEST, old)
    write_checked_bundle(
        tmp_path / "new.tgbundle", dataclasses.replace(MANIFEST, title="New test bundle"), new
    )
    return str(tmp_path / "old.tgbundle"), str(tmp_path / "new.tgbundle")


def test_text_lists_each_change_by_country_and_ends_with_the_summary(
    capsys: pytest.CaptureFixture[str], bundles: tuple[str, str]
) -> None:
    old, new = bundles
    code, out, err = run(capsys, "bundle", "diff", old, new)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"from {old}: Test bundle (t, as of 2026-05-30, 3 records)"
    assert lines[1] == f"to   {new}: New test bundle (t, as of 2026-05-30, 4 records)"
    assert lines[3:-2] == [
        "DEU H1 2025: added — requests 28, users 70",
        "DEU Q3 2025 (derived): requests unknown → 12 (Jan–Sep 2025 (40) − H1 2025 (28))",
        "DEU Q3 2025 (derived): users unknown → 30 (Jan–Sep 2025 (100) − H1 2025 (70))",
        "FRA Q2 2026: added — requests 321, users 999",
        "GRC Q1 2025: changed — requests 69 → 70; users 202 (same)",
        "ITA Q1 2025: removed — requests 5, users 9",
    ]
    assert lines[-1] == (
        "2 records added, 1 removed, 1 changed; 2 derived values changed; "
        "0 new inconsistencies, 0 resolved"
    )


def test_csv_gives_one_row_per_figure_that_changed(
    capsys: pytest.CaptureFixture[str], bundles: tuple[str, str]
) -> None:
    old, new = bundles
    code, out, err = run(
        capsys,
        "bundle",
        "diff",
        old,
        new,
        "--format",
        "csv",
        "--country",
        "grc",
        "--country",
        "DEU",
    )
    assert code == 0
    assert not any(line.startswith("#") for line in out.splitlines())  # the rows alone
    assert err.splitlines()[-1] == (
        "tgviewer: 1 record added, 0 removed, 1 changed; 2 derived values changed; "
        "0 new inconsistencies, 0 resolved"
    )
    assert err.startswith("tgviewer: from ")
    rows = list(csv.DictReader(out.splitlines()))
    assert [
        (
            r["kind"],
            r["country"],
            r["name"],
            r["period"],
            r["measure"],
            r["old"],
            r["new"],
            r["old_status"],
            r["new_status"],
        )
        for r in rows
    ] == [
        ("added", "DEU", "Germany", "2025H1", "requests", "", "28", "absent", "reported"),
        ("added", "DEU", "Germany", "2025H1", "users", "", "70", "absent", "reported"),
        ("derived", "DEU", "Germany", "2025Q3", "requests", "", "12", "unknown", "derived"),
        ("derived", "DEU", "Germany", "2025Q3", "users", "", "30", "unknown", "derived"),
        ("changed", "GRC", "Greece", "2025Q1", "requests", "69", "70", "reported", "reported"),
    ]
    assert rows[2]["detail"] == "Jan–Sep 2025 (40) − H1 2025 (28)"


def test_default_names_the_embedded_bundle(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, default_bundle: Bundle
) -> None:
    extra = record("FRA", "2026Q2", 321, 999, source="telegram-transparency")
    target = tmp_path / "plus.tgbundle"
    write_checked_bundle(
        target, default_bundle.manifest, [*default_bundle.records, extra], default_bundle.events
    )
    code, out, _ = run(capsys, "bundle", "diff", "default", str(target))
    assert code == 0
    assert out.splitlines()[3:] == [
        "FRA Q2 2026: added — requests 321, users 999",
        "",
        "1 record added, 0 removed, 0 changed; 0 derived values changed; "
        "0 new inconsistencies, 0 resolved",
    ]
    code, out, _ = run(capsys, "bundle", "diff", "default", "default")
    assert code == 0
    assert "no differences" in out.splitlines()


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (["default", "nowhere.tgbundle"], 1, "tgviewer: nowhere.tgbundle: cannot be used"),
        (
            ["default", "default", "--country", "France"],
            2,  # a command line that names nothing
            "tgviewer: --country: France: expected ISO 3166-1",
        ),
    ],
)
def test_a_bundle_that_cannot_be_read_or_a_bad_country_is_one_message_and_its_exit_code(
    capsys: pytest.CaptureFixture[str], args: list[str], exit_code: int, message: str
) -> None:
    code, out, err = run(capsys, "bundle", "diff", *args)
    assert (code, out) == (exit_code, "")
    assert err.startswith(message)
    assert "Traceback" not in err
