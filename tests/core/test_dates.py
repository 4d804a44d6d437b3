"""Dates read from files: one supported range of years, ASCII digits, located messages.

Regression tests for dates that used to validate and then break the app: a bundle with a
record in 1500 validated, then its saved view could not be read back, choosing an index base
raised and the next start declared the settings damaged. Dates in Arabic-Indic or
full-width digits were read; ``0000-01-01`` was said to lack its day 1.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.importing.community_dataset import parse_community_dataset
from tgviewer.core.importing.csv_import import ColumnMapping, read_table, table_records
from tgviewer.core.periods.dates import DateError, parse_date
from tgviewer.core.periods.spans import PeriodError, parse_span
from tgviewer.core.periods.years import MAX_YEAR, MIN_YEAR, is_supported_year

from .bundles import manifest, records_csv, write_folder

OUTSIDE = "is outside the years tgviewer supports, 1900–2999"


def test_the_supported_years_are_1900_to_2999() -> None:
    assert (MIN_YEAR, MAX_YEAR) == (1900, 2999)
    assert parse_date("1900-01-01") == dt.date(1900, 1, 1)
    assert parse_date("29991231") == dt.date(2999, 12, 31)
    assert parse_span("1900Q1-2999Q4").length == 4 * (MAX_YEAR - MIN_YEAR + 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1500-01-01", f"'1500-01-01': year 1500 {OUTSIDE}"),
        ("0000-01-01", f"'0000-01-01': year 0 {OUTSIDE}"),
        ("18991231", f"'18991231': year 1899 {OUTSIDE}"),
        ("3000-01-01", f"'3000-01-01': year 3000 {OUTSIDE}"),
        ("9999-12-31", f"'9999-12-31': year 9999 {OUTSIDE}"),
    ],
)
def test_a_year_outside_the_range_is_refused_plainly(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.message == message


@pytest.mark.parametrize(
    "text",
    [
        "\u0662\u0660\u0662\u0664-\u0660\u0661-\u0660\u0661",  # Arabic-Indic
        "\u06f2\u06f0\u06f2\u06f4\u06f0\u06f1\u06f0\u06f1",  # Extended Arabic-Indic
        "\uff12\uff10\uff12\uff14-01-01",  # full-width
        "2024-01-\U0001d7ce\U0001d7cf",  # mathematical digits
    ],
)
def test_only_the_digits_0_to_9_are_read(text: str) -> None:
    with pytest.raises(DateError, match="write the date with the digits 0-9"):
        parse_date(text)


def test_a_period_in_other_digits_is_refused() -> None:
    with pytest.raises(PeriodError, match="expected a year"):
        parse_span("\u0662\u0660\u0662\u0664Q1")


def test_the_error_says_where_the_date_was() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("1500-01-01", file="records.csv", line=7, field="start")
    assert (
        str(caught.value)
        == f"records.csv, line 7, field 'start': '1500-01-01': year 1500 {OUTSIDE}"
    )
    assert isinstance(caught.value, ValueError)


def test_a_huge_cell_is_quoted_cut() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("2" * 1_000_000)
    assert caught.value.message.startswith("'" + "2" * 39 + "…': 1,000,000 digits where")
    assert len(caught.value.message) < 200


# Any text: a date within the range, or a located DateError; never another exception.

DIGITS = st.integers(0, 9999).map(lambda n: f"{n:04d}")
NEAR_DATES = st.builds(
    lambda y, m, d, sep: f"{y}{sep}{m:02d}{sep}{d:02d}",
    DIGITS,
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(["-", ""]),
)


@given(st.text() | NEAR_DATES | st.from_regex(r"\A\s*\d{4}-?\d\d-?\d\d\s*\Z"))
@example("0000-01-01")
@example("\uff12\uff10\uff12\uff14-01-01")
@example("2024-02-29\n")
def test_any_text_gives_a_supported_date_or_a_located_date_error(text: str) -> None:
    try:
        date = parse_date(text, file="f.csv", line=3, field="start")
    except DateError as exc:
        assert (exc.file, exc.line, exc.field) == ("f.csv", 3, "start")
        assert str(exc).startswith("f.csv, line 3, field 'start': ")
        assert "\n" not in exc.message  # quoted, so one line whatever the text
        return
    assert is_supported_year(date.year)
    written = text.strip()
    assert date.isoformat() in (written, f"{written[:4]}-{written[4:6]}-{written[6:]}")


# Each file that holds dates refuses one outside the range, saying where.


def bundle_problems(folder: Path) -> list[str]:
    with pytest.raises(BundleError) as caught:
        read_bundle(folder)
    return [str(p) for p in caught.value.problems]


def test_a_record_in_1500_is_refused_with_its_line_and_field(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv("FRA,1500-01-01,1500-03-31,1,2,,src,"))
    assert bundle_problems(folder) == [
        f"records.csv, line 2, field 'start': '1500-01-01': year 1500 {OUTSIDE}",
        f"records.csv, line 2, field 'end': '1500-03-31': year 1500 {OUTSIDE}",
    ]


def test_a_record_in_other_digits_is_refused(tmp_path: Path) -> None:
    row = "FRA,\u0662\u0660\u0662\u0664-01-01,2024-03-31,1,2,,src,"
    (problem,) = bundle_problems(write_folder(tmp_path / "b", records_csv(row)))
    assert problem.startswith("records.csv, line 2, field 'start': ")
    assert "write the date with the digits 0-9" in problem


def test_manifest_and_event_dates_outside_the_range_are_refused(tmp_path: Path) -> None:
    document = manifest(as_of="3000-01-01")
    document["sources"][0]["retrieved"] = "0000-01-01"
    folder = write_folder(
        tmp_path / "b",
        records_csv("FRA,2024-01-01,2024-03-31,1,2,,src,"),
        events="date,title\n1066-10-14,Hastings\n",
        manifest_doc=document,
    )
    assert bundle_problems(folder) == [
        f"manifest.json, field 'sources[0].retrieved': '0000-01-01': year 0 {OUTSIDE}",
        f"manifest.json, field 'as_of': '3000-01-01': year 3000 {OUTSIDE}",
    ]
    document = manifest()
    folder = write_folder(
        tmp_path / "c",
        records_csv("FRA,2024-01-01,2024-03-31,1,2,,src,"),
        events="date,title\n1066-10-14,Hastings\n",
    )
    assert bundle_problems(folder) == [
        f"events.csv, line 2, field 'date': '1066-10-14': year 1066 {OUTSIDE}"
    ]


def test_the_community_dataset_refuses_a_year_outside_the_range() -> None:
    data = json.dumps(
        {"FRA": [{"from": "15000101", "to": 15000331, "requests": 1, "users": 1}]}
    ).encode()
    with pytest.raises(BundleError) as caught:
        parse_community_dataset(data)
    assert [str(p) for p in caught.value.problems] == [
        f"dataset.json, field 'FRA[0].from': '15000101': year 1500 {OUTSIDE}",
        f"dataset.json, field 'FRA[0].to': '15000331': year 1500 {OUTSIDE}",
    ]


def test_a_csv_import_leaves_out_a_row_outside_the_range_with_its_line() -> None:
    table = read_table(
        b"country,from,to,users\nFRA,2024-01-01,2024-03-31,1\nFRA,1500-01-01,1500-03-31,1\n"
    )
    result = table_records(
        table,
        ColumnMapping("country", start="from", end="to", measures={"users": "users"}),
        ("users",),
    )
    assert len(result.records) == 1
    assert [u.describe() for u in result.unread] == [
        f"data.csv line 3, field 'from': '1500-01-01': year 1500 {OUTSIDE}",
        f"data.csv line 3, field 'to': '1500-03-31': year 1500 {OUTSIDE}",
    ]


def test_a_csv_import_refuses_a_period_label_outside_the_range() -> None:
    table = read_table(
        "country,period,users\nFRA,1500Q1,1\nFRA,\u0662\u0660\u0662\u0664 Q1,1\n".encode()
    )
    result = table_records(
        table, ColumnMapping("country", period="period", measures={"users": "users"}), ("users",)
    )
    assert result.records == ()
    assert [u.describe() for u in result.unread] == [
        f"data.csv line 2, field 'period': cannot read the period '1500Q1': year 1500 {OUTSIDE}",
        "data.csv line 3, field 'period': cannot read the period "
        "'\u0662\u0660\u0662\u0664 Q1': expected a year (2025), a half-year (2025H1), a quarter "
        "(2025Q1) or a range of them (2024Q1-2024Q3)",
    ]
