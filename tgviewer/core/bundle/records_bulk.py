"""Reading a big ``records.csv`` in bulk: columns of arrays, checked on their distinct values.

The line-by-line reader (:func:`tgviewer.core.bundle.records_csv.parse_records`) makes an
object per field and per record and checks each cell: exact, with a message for every
problem, but a million records take it tens of seconds. Here pandas' C parser reads the
columns at once, as codes into their distinct values, and only the distinct values are
checked (a few hundred countries, a few thousand dates and figures), with the same rules.

This reader takes only a file it can read exactly as the line-by-line reader would: one
without quotes, blank lines, lone carriage returns, NUL or ``+`` characters, whose lines
all have the header's number of fields, and whose every value is valid. For any other
file it answers ``None`` and the line-by-line reader reads it, saying what is wrong and
where. So the records read are the same either way (a test compares them), and no message
ever comes from here.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from tgviewer.core.bundle.model import DEFAULT_SERVICE, RECORDS_FILE
from tgviewer.core.bundle.problems import Problem, errors_in
from tgviewer.core.bundle.record_columns import Coded, Figures, RecordColumns
from tgviewer.core.bundle.records_csv import (
    COUNTRY_CODE,
    RECORD_BASE_COLUMNS,
    RECORD_OPTIONAL_COLUMNS,
    WHOLE_NUMBER,
    header_columns,
)
from tgviewer.core.numbers import MAX_DIGITS
from tgviewer.core.periods.dates import DateError, parse_date

#: Bytes that send a file to the line-by-line reader: quotes (a quoted field may hold
#: commas and line ends), NUL, and ``+`` (pandas reads ``+5`` as 5; tgviewer refuses it).
_DECLINED = (b'"', b"\x00", b"+")


class _Declined(Exception):  # noqa: N818 (not an error: the other reader takes the file)
    """The file is not one this reader takes."""


def read_records_in_bulk(
    data: bytes,
    measures: Sequence[str],
    source_ids: Iterable[str],
    progress: Callable[[float], None] | None = None,
) -> tuple[RecordColumns, list[Problem]] | None:
    """The records of ``records.csv`` as columns, and the header's warnings; ``None``
    when the line-by-line reader must read the file (see the module's docstring)."""
    try:
        return _read(data, measures, set(source_ids), progress)
    except _Declined:
        return None


def _read(
    data: bytes,
    measures: Sequence[str],
    sources: set[str],
    progress: Callable[[float], None] | None,
) -> tuple[RecordColumns, list[Problem]]:
    if any(b in data for b in _DECLINED) or (
        b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
    ):
        raise _Declined
    try:
        import pandas
    except ImportError:  # a build without pandas reads line by line
        raise _Declined from None
    newline = data.find(b"\n")
    first_line = data if newline < 0 else data[:newline]
    try:
        header = first_line.decode("utf-8-sig").rstrip("\r").split(",")
    except UnicodeDecodeError:
        raise _Declined from None
    required = (*RECORD_BASE_COLUMNS, *measures)
    problems: list[Problem] = []
    columns = header_columns(
        header, RECORDS_FILE, required, (*required, *RECORD_OPTIONAL_COLUMNS), problems
    )
    if columns is None or errors_in(problems):
        raise _Declined
    wanted = sorted(columns.values())
    try:
        frame = pandas.read_csv(
            io.BytesIO(data),
            encoding="utf-8",
            dtype="category",
            na_filter=False,
            usecols=wanted,
            engine="c",
            low_memory=False,  # one chunk: no categories to unite after
            skip_blank_lines=False,  # a blank line is a row, with no country: declined
        )
    except (ValueError, UnicodeDecodeError, pandas.errors.ParserError):
        raise _Declined from None
    # pandas refuses a line with a field more than the header; one with a field less it
    # fills up, so count: every line has as many commas as the header.
    if data.count(b",") != (len(header) - 1) * (len(frame) + 1):
        raise _Declined
    if progress is not None:
        progress(0.8)

    def column(name: str) -> Any:
        index = columns.get(name)
        return None if index is None else frame.iloc[:, wanted.index(index)]

    rows = len(frame)
    country = _text(column("country"), rows)
    if not all(COUNTRY_CODE.match(code) for code in country.values):
        raise _Declined
    start, end = _dates(column("start"), rows), _dates(column("end"), rows)
    service = _text(column("service"), rows, DEFAULT_SERVICE)
    source = _text(column("source"), rows)
    if any(s and s not in sources for s in source.values):
        raise _Declined
    table = RecordColumns(
        country=country,
        start=start,
        end=end,
        service=service,
        source=source,
        note=_text(column("note"), rows),
        figures={m: _figures(column(m)) for m in measures},
        lines=np.arange(2, rows + 2, dtype=np.int64),
    )
    if any(first > last for first, last in table.date_pairs()):
        raise _Declined
    if progress is not None:
        progress(1.0)
    return table, problems


def _codes_and_values(column: Any) -> tuple[np.ndarray, list[Any]]:
    # The Categorical's own codes: through the Series, numpy's conversion takes 50x longer.
    return column.array.codes.astype(np.int64), list(column.cat.categories)


def _merged(codes: np.ndarray, values: list[Any]) -> Coded[Any]:
    """``values`` with the repeats made one (``" FRA"`` and ``"FRA"`` once stripped)."""
    unique: dict[Any, int] = {}
    renumbered = np.array([unique.setdefault(v, len(unique)) for v in values], dtype=np.int64)
    if len(unique) == len(values):
        return Coded(codes, tuple(values))
    return Coded(renumbered[codes] if len(renumbered) else codes, tuple(unique))


def _text(column: Any, rows: int, empty: str = "") -> Coded[str]:
    """A text column, stripped (``empty`` where blank); an absent one is all ``empty``."""
    if column is None:
        return Coded(np.zeros(rows, dtype=np.int64), (empty,))
    codes, values = _codes_and_values(column)
    if not all(isinstance(v, str) for v in values):
        raise _Declined  # read as numbers: the text as written is lost
    return _merged(codes, [v.strip() or empty for v in values])


def _dates(column: Any, rows: int) -> Coded[dt.date]:
    text = _text(column, rows)
    try:
        dates = [parse_date(value) for value in text.values]
    except DateError:
        raise _Declined from None
    return _merged(text.codes, dates)


def _figures(column: Any) -> Figures:
    codes, values = _codes_and_values(column)
    numbers = np.zeros(len(values), dtype=np.int64)
    known = np.zeros(len(values), dtype=bool)
    limit = 10**MAX_DIGITS
    for index, value in enumerate(values):
        if isinstance(value, str):
            value = value.strip()
            if not value:
                continue
            if not WHOLE_NUMBER.fullmatch(value):
                raise _Declined
            value = int(value)
        elif not isinstance(value, (int, np.integer)) or not 0 <= value < limit:
            raise _Declined
        numbers[index], known[index] = value, True
    return Figures(numbers[codes], known[codes])
