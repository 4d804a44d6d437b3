"""``records.csv`` and ``events.csv``: reading them line by line with precise messages, and
writing them deterministically."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence

from tgviewer.core.bundle.model import (
    DEFAULT_SERVICE,
    EVENTS_FILE,
    RECORDS_FILE,
    Event,
    Record,
    as_columns,
)
from tgviewer.core.bundle.problems import Problem, error, error_of, warning
from tgviewer.core.errors import quoted
from tgviewer.core.numbers import MAX_DIGITS, too_long
from tgviewer.core.periods.dates import DateError, parse_date
from tgviewer.core.plurals import plural

COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
WHOLE_NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
RECORD_BASE_COLUMNS = ("country", "start", "end")
RECORD_OPTIONAL_COLUMNS = ("service", "source", "note")
EVENT_COLUMNS = ("date", "title", "description", "source_url")

#: Stop listing problems of one file after this many: the file is clearly not right.
MAX_PROBLEMS_PER_FILE = 200


def _decode(data: bytes, name: str) -> tuple[str | None, list[Problem]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            error(f"the file is not UTF-8 text (byte {exc.start} cannot be read)", name, line)
        ]


def _rows(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, fields)``; a malformed line becomes a problem and ends the file."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(error(f"malformed CSV: {exc}", name, reader.line_num))
            return
        # line_num counts the physical lines read so far; a quoted field may span several.
        yield line, row
        line = reader.line_num + 1


def _data_rows(
    rows: Iterator[tuple[int, list[str]]], width: int, name: str, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows after the header that have the header's number of fields; the
    others become problems. Stops once a file has shown too many problems to be worth more."""
    for line, row in rows:
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            problems.append(
                error(f"{plural(len(row), 'field')} where the header has {width}", name, line)
            )
            continue
        yield line, row


def header_columns(
    row: list[str],
    name: str,
    required: Sequence[str],
    known: Sequence[str],
    problems: list[Problem],
) -> dict[str, int] | None:
    """The header's columns and their places; ``None`` (with the problem said) when it
    lacks a ``required`` one. Repeated and unknown columns are problems too."""
    columns: dict[str, int] = {}
    for index, column in enumerate(cell.strip() for cell in row):
        if column in columns:
            problems.append(error(f"column {column!r} appears twice", name, 1, column))
        columns[column] = index
    missing = [c for c in required if c not in columns]
    if missing:
        problems.append(
            error(
                f"the header lacks {', '.join(repr(c) for c in missing)}; expected columns "
                f"{', '.join(required)}",
                name,
                1,
            )
        )
        return None
    for column in columns:
        if column not in known:
            problems.append(warning(f"unknown column {column!r}, ignored", name, 1, column))
    return columns


#: How many lines are read between two reports of progress.
PROGRESS_LINES = 20_000


def parse_records(
    data: bytes,
    measures: Sequence[str],
    source_ids: Iterable[str],
    progress: Callable[[float], None] | None = None,
) -> tuple[list[Record], list[Problem]]:
    """Read ``records.csv`` for a bundle carrying ``measures`` and naming ``source_ids``;
    ``progress`` hears the share of lines read, every :data:`PROGRESS_LINES` lines (and
    may raise to stop the reading).

    Each record is checked on its own here (dates, counts, codes); checks across records
    are in :mod:`tgviewer.core.bundle.validation`.
    """
    name = RECORDS_FILE
    text, problems = _decode(data, name)
    if text is None:
        return [], problems
    sources = set(source_ids)
    records: list[Record] = []
    rows = _rows(text, name, problems)
    first = next(rows, None)
    if first is None:
        problems.append(error("the file is empty; expected a header line", name, 1))
        return [], problems
    required = (*RECORD_BASE_COLUMNS, *measures)
    columns = header_columns(
        first[1], name, required, (*required, *RECORD_OPTIONAL_COLUMNS), problems
    )
    if columns is None:
        return [], problems
    dates: dict[str, dt.date] = {}  # a date is written on many lines: read each text once
    lines = max(1, data.count(b"\n"))
    next_report = PROGRESS_LINES
    for line, row in _data_rows(rows, len(first[1]), name, problems):
        if progress is not None and line >= next_report:
            progress(line / lines)
            next_report = line + PROGRESS_LINES
        record = _record(row, line, columns, measures, sources, problems, dates)
        if record is not None:
            records.append(record)
    return records, problems


def _record(
    row: list[str],
    line: int,
    columns: dict[str, int],
    measures: Sequence[str],
    sources: set[str],
    problems: list[Problem],
    read_dates: dict[str, dt.date],
) -> Record | None:
    name = RECORDS_FILE
    before = len(problems)

    def cell(column: str) -> str:
        index = columns.get(column)
        return row[index].strip() if index is not None else ""

    country = cell("country")
    if not COUNTRY_CODE.match(country):
        problems.append(
            error(
                f"{quoted(country)} is not a country code; expected an ISO 3166-1 "
                "alpha-3 code in capitals, such as FRA",
                name,
                line,
                "country",
            )
        )
    dates = []
    for column in ("start", "end"):
        text = cell(column)
        seen = read_dates.get(text)
        if seen is not None:
            dates.append(seen)
            continue
        try:
            dates.append(parse_date(text, file=name, line=line, field=column))
        except DateError as exc:
            problems.append(error_of(exc))
        else:
            read_dates[text] = dates[-1]
    if len(dates) == 2 and dates[0] > dates[1]:
        problems.append(
            error(f"the period starts ({dates[0]}) after it ends ({dates[1]})", name, line, "start")
        )
    values: dict[str, int | None] = {}
    for measure in measures:
        raw = cell(measure)
        if not raw:
            values[measure] = None
        elif WHOLE_NUMBER.fullmatch(raw):
            values[measure] = int(raw)
        else:
            if raw.isascii() and raw.isdigit():  # more digits than WHOLE_NUMBER takes
                reason = f"{quoted(raw)}: {too_long(len(raw))}"
            elif raw.startswith("-"):
                reason = f"{quoted(raw)} is a negative count"
            else:
                reason = f"{quoted(raw)} is not a whole number"
            problems.append(
                error(
                    f"{reason}; expected a count such as 42, or nothing if unknown",
                    name,
                    line,
                    measure,
                )
            )
    source = cell("source")
    if source and source not in sources:
        known = ", ".join(sorted(sources)) or "none"
        problems.append(
            error(
                f"source {quoted(source)} is not declared in manifest.json (declared: {known})",
                name,
                line,
                "source",
            )
        )
    if len(problems) > before:
        return None
    # Interned: a million records share a few hundred codes, not a string each.
    return Record(
        country=sys.intern(country),
        start=dates[0],
        end=dates[1],
        values=values,
        service=sys.intern(cell("service") or DEFAULT_SERVICE),
        source=sys.intern(source),
        note=cell("note"),
        line=line,
    )


def parse_events(data: bytes) -> tuple[list[Event], list[Problem]]:
    """Read ``events.csv``."""
    name = EVENTS_FILE
    text, problems = _decode(data, name)
    if text is None:
        return [], problems
    rows = _rows(text, name, problems)
    first = next(rows, None)
    if first is None:
        return [], problems
    columns = header_columns(first[1], name, ("date", "title"), EVENT_COLUMNS, problems)
    if columns is None:
        return [], problems
    events = []
    for line, row in _data_rows(rows, len(first[1]), name, problems):
        fields = {column: row[index].strip() for column, index in columns.items()}
        try:
            date = parse_date(fields["date"], file=name, line=line, field="date")
        except DateError as exc:
            problems.append(error_of(exc))
            continue
        if not fields["title"]:
            problems.append(error("the title is empty", name, line, "title"))
            continue
        events.append(
            Event(
                date,
                fields["title"],
                fields.get("description", ""),
                fields.get("source_url", ""),
                line,
            )
        )
    return events, problems


def records_to_csv(records: Iterable[Record], measures: Sequence[str]) -> bytes:
    """Serialise records as ``records.csv`` (UTF-8, LF line ends, minimal quoting)."""
    columns = as_columns(records) if isinstance(records, Sequence) else None
    if columns is not None and set(measures) <= set(columns.figures):
        return columns.to_csv(measures)  # the same bytes, with no record made
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*RECORD_BASE_COLUMNS, *measures, *RECORD_OPTIONAL_COLUMNS])
    for record in records:
        writer.writerow(
            [
                record.country,
                record.start.isoformat(),
                record.end.isoformat(),
                *("" if record.value(m) is None else str(record.value(m)) for m in measures),
                record.service,
                record.source,
                record.note,
            ]
        )
    return buffer.getvalue().encode("utf-8")


def events_to_csv(events: Iterable[Event]) -> bytes:
    """Serialise events as ``events.csv``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    for event in events:
        writer.writerow([event.date.isoformat(), event.title, event.description, event.source_url])
    return buffer.getvalue().encode("utf-8")
