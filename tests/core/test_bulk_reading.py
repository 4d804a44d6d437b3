"""A big records.csv is read in bulk, as columns: the same records, warnings and answers as
the line-by-line reader, and any file it cannot read exactly goes to that reader."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tgviewer.core.bundle import reader
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.record_columns import RecordColumns
from tgviewer.core.bundle.records_bulk import read_records_in_bulk
from tgviewer.core.bundle.records_csv import records_to_csv
from tgviewer.core.periods.engine import engine_for
from tgviewer.core.periods.spans import QuarterSpan, quarter_end, quarter_index, quarter_start
from tgviewer.core.reference.iso_countries import iso_countries
from tgviewer.core.state.view_state import default_view_state
from tgviewer.core.views.registry import view_model

from .bundles import RECORDS_HEADER, manifest

MEASURES = ("requests", "users")


def zipped(records_text: str | bytes) -> bytes:
    """A ``.tgbundle`` holding ``records_text`` as its records.csv."""
    data = records_text.encode() if isinstance(records_text, str) else records_text
    document = {
        **manifest(),
        "files": {"records.csv": {"sha256": hashlib.sha256(data).hexdigest()}},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", json.dumps(document))
        archive.writestr("records.csv", data)
    return buffer.getvalue()


@contextmanager
def bulk_from(size: int) -> Iterator[None]:
    saved = reader.BULK_FROM_BYTES
    reader.BULK_FROM_BYTES = size
    try:
        yield
    finally:
        reader.BULK_FROM_BYTES = saved


def read(data: bytes, bulk: bool) -> Bundle | list[str]:
    """The bundle read in bulk (or line by line), or the problems that refused it."""
    with bulk_from(0 if bulk else 1 << 62):
        try:
            return reader.read_bundle(data)
        except BundleError as exc:
            return [str(p) for p in exc.problems]


def bulk(text: str | bytes) -> RecordColumns | None:
    data = text.encode() if isinstance(text, str) else text
    found = read_records_in_bulk(data, MEASURES, ["src"])
    return None if found is None else found[0]


def row(country: str, first: int, last: int, requests: str = "5", users: str = "9") -> str:
    start, end = quarter_start(first).isoformat(), quarter_end(last).isoformat()
    return f"{country},{start},{end},{requests},{users},Telegram,src,"


Q = quarter_index(2024, 1)


def test_a_plain_file_is_read_as_columns_with_the_same_records_and_lines() -> None:
    text = RECORDS_HEADER + "".join(
        row(country, Q + q, Q + q, str(q), "") + "\n"
        for q in range(4)
        for country in ("FRA", "DEU")
    )
    columns = bulk(text)
    assert columns is not None and len(columns) == 8
    by_lines = read(zipped(text), bulk=False)
    assert isinstance(by_lines, Bundle)
    assert list(columns) == list(by_lines.records)
    assert [r.line for r in columns] == list(range(2, 10))
    assert columns[3].values == {"requests": 1, "users": None}


@pytest.mark.parametrize(
    ("why", "text"),
    [
        ("a quoted field", RECORDS_HEADER + row("FRA", Q, Q) + '"a, note"\n'),
        ("a plus sign", RECORDS_HEADER + row("FRA", Q, Q, "+5") + "\n"),
        ("a row short of a field", RECORDS_HEADER + row("FRA", Q, Q).rsplit(",", 1)[0] + "\n"),
        ("a row with a field more", RECORDS_HEADER + row("FRA", Q, Q) + ",x\n"),
        ("a blank line", RECORDS_HEADER + row("FRA", Q, Q) + "\n\n" + row("DEU", Q, Q) + "\n"),
        ("a line of spaces", RECORDS_HEADER + row("FRA", Q, Q) + "\n   \n" + row("DEU", Q, Q)),
        ("a lone carriage return", RECORDS_HEADER + row("FRA", Q, Q) + "\r" + row("DEU", Q, Q)),
        ("a figure with a decimal point", RECORDS_HEADER + row("FRA", Q, Q, "5.0") + "\n"),
        ("a negative figure", RECORDS_HEADER + row("FRA", Q, Q, "-5") + "\n"),
        ("sixteen digits", RECORDS_HEADER + row("FRA", Q, Q, "1" * 16) + "\n"),
        ("a country in lower case", RECORDS_HEADER + row("fra", Q, Q) + "\n"),
        ("a date that does not exist", RECORDS_HEADER + "FRA,2024-02-30,2024-03-31,5,9,,,\n"),
        ("a period ending before it starts", RECORDS_HEADER + row("FRA", Q + 1, Q) + "\n"),
        (
            "an undeclared source",
            RECORDS_HEADER + row("FRA", Q, Q).replace(",src,", ",zzz,") + "\n",
        ),
        ("notes that all read as numbers", RECORDS_HEADER + row("FRA", Q, Q) + "007\n"),
        ("a column named twice", RECORDS_HEADER.replace("note", "users") + row("FRA", Q, Q) + "\n"),
        ("a header lacking a column", "country,start,end,requests\nFRA,2024-01-01,2024-03-31,5\n"),
    ],
)
def test_a_file_the_bulk_reader_cannot_read_exactly_goes_line_by_line(why: str, text: str) -> None:
    assert bulk(text) is None, why
    assert read(zipped(text), bulk=True) == read(zipped(text), bulk=False)


def test_invalid_utf8_goes_line_by_line_and_is_named() -> None:
    data = (RECORDS_HEADER + row("FRA", Q, Q)).encode() + b"\xff\n"
    assert bulk(data) is None
    problems = read(zipped(data), bulk=True)
    assert isinstance(problems, list) and "not UTF-8" in problems[0]


def test_a_byte_order_mark_windows_line_ends_and_spaces_are_read_as_line_by_line() -> None:
    text = "\ufeff" + (RECORDS_HEADER + row(" FRA", Q, Q, " 5", "9 ") + "\n").replace("\n", "\r\n")
    columns = bulk(text.encode())
    assert columns is not None
    line_read = read(zipped(text.encode()), bulk=False)
    assert isinstance(line_read, Bundle)
    assert list(columns) == list(line_read.records)
    assert columns[0].country == "FRA" and columns[0].values == {"requests": 5, "users": 9}


# Random bundles: the same records, warnings and answers either way --------------------------

COUNTRIES = ("FRA", "DEU", "XXA")
record_rows = st.lists(
    st.tuples(
        st.sampled_from(COUNTRIES),
        st.integers(0, 11),  # first quarter, from 2024 Q1
        st.sampled_from((1, 1, 1, 2, 3, 4)),  # length in quarters
        st.one_of(st.none(), st.integers(0, 50)),
        st.one_of(st.none(), st.integers(0, 50)),
        st.sampled_from(("", "", "Other")),
        st.booleans(),  # dates off quarter edges
        st.sampled_from(("", "", "a note", " spaced ")),
    ),
    min_size=1,
    max_size=25,
)


def records_text(rows: list[tuple[str, int, int, int | None, int | None, str, bool, str]]) -> str:
    lines = [RECORDS_HEADER]
    for country, first, length, requests, users, service, off_edges, note in rows:
        start, end = quarter_start(Q + first), quarter_end(Q + first + length - 1)
        start_text = start.replace(day=2).isoformat() if off_edges else start.isoformat()
        figures = ["" if v is None else str(v) for v in (requests, users)]
        lines.append(
            f"{country},{start_text},{end.isoformat()},{','.join(figures)},{service},,{note}\n"
        )
    return "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_rows)
def test_bulk_and_line_by_line_reading_agree_on_everything(rows: list) -> None:  # type: ignore[type-arg]
    data = zipped(records_text(rows))
    in_bulk, by_lines = read(data, bulk=True), read(data, bulk=False)
    if not isinstance(by_lines, Bundle):
        assert in_bulk == by_lines  # refused with the same problems
        return
    assert isinstance(in_bulk, Bundle)
    assert isinstance(in_bulk.records, RecordColumns)
    assert list(in_bulk.records) == list(by_lines.records)
    # Written back from the columns, byte for byte as from the records.
    assert records_to_csv(in_bulk.records, MEASURES) == records_to_csv(
        list(in_bulk.records), MEASURES
    )
    assert in_bulk.warnings == by_lines.warnings
    assert in_bulk.countries == by_lines.countries and in_bulk.services == by_lines.services
    assert in_bulk.spans == by_lines.spans and in_bulk.date_range == by_lines.date_range
    columns_engine, records_engine = engine_for(in_bulk), engine_for(by_lines)
    spans = [QuarterSpan(Q + a, Q + b) for a in range(-1, 16) for b in range(a, min(a + 6, 16))]
    for service in by_lines.services:
        for country in by_lines.countries:
            for measure in MEASURES:
                assert columns_engine.contradiction_count(
                    country, measure, service
                ) == records_engine.contradiction_count(country, measure, service)
                for span in spans:
                    assert columns_engine.answer(country, measure, span, service) == (
                        records_engine.answer(country, measure, span, service)
                    ), (country, measure, span, service)


def test_a_chart_makes_only_the_records_of_the_countries_it_shows() -> None:
    countries = sorted(iso_countries())[:100]
    text = RECORDS_HEADER + "".join(
        row(code, Q + q, Q + q, str(q + i), str(2 * q + i)) + "\n"
        for q in range(40)
        for i, code in enumerate(countries)
    )
    with bulk_from(0):
        bundle = reader.read_bundle(zipped(text))
    records = bundle.records
    assert isinstance(records, RecordColumns) and len(records) == 4000
    assert records.made == 0  # reading and checking made none
    state = default_view_state(bundle)
    model = view_model(bundle, state)
    assert len(state.countries) == 5 and model is not None
    # The default view ranks every country for one year (four records each), then draws
    # its five countries over the years shown.
    assert records.made <= 100 * 4 + 5 * 40
