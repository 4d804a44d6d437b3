"""Records from a CSV or TSV table, through a :class:`ColumnMapping` a person has chosen.

Each row gives one record: its country, its period, and a figure per mapped measure. Nothing
is guessed. A row with any cell that cannot be read is left out whole and listed in
:attr:`CsvImport.unread` with its line and the reason; the dates of a record are exactly what
its row says (a ``2025Q1`` label is 1 January to 31 March 2025, never widened or split).

Cells are read as follows.

- Country: see :attr:`ColumnMapping.country_as`. ``code`` takes known ISO 3166-1 alpha-3 or
  alpha-2 codes in any case; ``name`` takes any name or code ``code_for_name`` knows;
  ``auto`` tries a code first.
- Dates: ISO 8601, ``2024-09-30`` or ``20240930``.
- Period labels: what :func:`~tgviewer.core.periods.spans.parse_span` reads (``2025Q1``,
  ``2025H1``, ``2024``, ``2024Q1-2024Q3``), and a single quarter or half-year written
  ``2025-Q1``, ``2025 Q1`` or ``Q1 2025`` (``parse_span`` would read ``2025-Q3`` as a range
  from January 2025; in a table it names the third quarter).
- Figures: whole numbers >= 0; an empty cell is an unknown figure. Digits may be grouped in
  threes by spaces (``1 234``, also no-break spaces), apostrophes (``1'234``) or commas
  (``1,234``), one kind per number, except that commas are refused in semicolon-separated
  files, where the comma is the decimal mark of the locales that write them. A dot is never
  read as a separator: ``1.234`` is a decimal in some locales and a thousand in others.
- A row giving a country and period already given: left out if its figures are the same
  (it repeats the first); if they differ, every row giving them is left out. Either way one
  message says so for all the rows concerned, at the first row left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from tgviewer.core.bundle.model import Record
from tgviewer.core.bundle.problems import describe_lines
from tgviewer.core.errors import TgviewerError, quoted
from tgviewer.core.importing.csv_mapping import (
    COUNTRY_FORMS,
    ColumnMapping,
    MappingGap,
    check_mapping,
    guess_mapping,
    mapping_gaps,
)
from tgviewer.core.importing.csv_table import Table, TableRow, read_table
from tgviewer.core.numbers import too_long
from tgviewer.core.periods.dates import parse_date
from tgviewer.core.periods.spans import PeriodError, QuarterSpan, describe_dates, parse_span
from tgviewer.core.plurals import plural
from tgviewer.core.reference.countries import is_known_country
from tgviewer.core.reference.country_names import code_for_name

__all__ = [
    "COUNTRY_FORMS",
    "ColumnMapping",
    "CsvImport",
    "MappingError",
    "MappingGap",
    "Table",
    "UnreadRow",
    "check_mapping",
    "guess_mapping",
    "mapping_gaps",
    "read_count",
    "read_country",
    "read_period",
    "read_table",
    "table_records",
]

_CODE = re.compile(r"^[A-Za-z]{2,3}$")
_QUARTER_OR_HALF = re.compile(
    r"^(?:(?P<year>\d{4})\s*[-/ ]?\s*(?P<kind>[QH])\s*(?P<number>\d)"
    r"|(?P<kind2>[QH])\s*(?P<number2>\d)\s*[-/ ]?\s*(?P<year2>\d{4}))$",
    re.IGNORECASE,
)
_PLAIN = re.compile(r"^[0-9]{1,15}$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?P<sep>[ ,'\u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3}){0,3}$")
_NEGATIVE = re.compile(r"^[-\u2212]\s*[0-9]")
_DOTTED = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
EXPECTED_COUNT = "expected a whole number such as 1234, or nothing if unknown"


class MappingError(TgviewerError, ValueError):
    """The mapping cannot read the table; ``messages`` says what to choose."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = tuple(messages)
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class UnreadRow:
    """Why a row of the file was not imported.

    Attributes
    ----------
    line
        1-based line of the file where the row starts.
    text
        The row as written in the file.
    reason
        What is wrong, in plain words, with the value quoted.
    field
        The column the reason concerns, or ``None`` when it is the whole row.
    file
        How the file is named in messages.
    also
        Further lines left out for the same reason, which :attr:`reason` names (many rows
        repeating one are said once, not once per row).
    """

    line: int
    text: str
    reason: str
    field: str | None = None
    file: str = ""
    also: tuple[int, ...] = ()

    def describe(self) -> str:
        """``data.csv line 7, field 'users': 'abc' is not a whole number; ...``."""
        where = f"{self.file} line {self.line}" if self.file else f"line {self.line}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class CsvImport:
    """What a table gave: records in file order, and why the other rows were left out.

    A row with several bad cells has an :class:`UnreadRow` for each of them.
    """

    records: tuple[Record, ...]
    unread: tuple[UnreadRow, ...]

    @property
    def unread_lines(self) -> tuple[int, ...]:
        """The lines of the rows left out, in order, each once."""
        return tuple(sorted({line for u in self.unread for line in (u.line, *u.also)}))


def read_country(text: str, country_as: str = "auto") -> str:
    """The ISO 3166-1 alpha-3 code ``text`` gives, written as ``country_as`` says.

    Raises
    ------
    ValueError
        Saying why, with ``text`` quoted.
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("the country is empty")
    if country_as in ("code", "auto") and _CODE.match(stripped):
        code = stripped.upper()
        found = code if is_known_country(code) else None
        if len(code) == 2:
            found = code_for_name(code)
        if found is not None:
            return found
    if country_as in ("name", "auto"):
        found = code_for_name(stripped)
        if found is not None:
            return found
        raise ValueError(f"{text!r} is not a country name or code tgviewer knows")
    raise ValueError(
        f"{text!r} is not an ISO 3166-1 country code tgviewer knows; expected "
        "a code such as FRA or FR"
    )


def read_period(text: str) -> QuarterSpan:
    """The quarters a period label names (see the module's docstring for the forms).

    Raises
    ------
    PeriodError
        Saying why, with ``text`` quoted.
    """
    stripped = text.strip()
    if not stripped:
        raise PeriodError("the period is empty")
    match = _QUARTER_OR_HALF.match(stripped)
    if match:
        year, kind, number = (
            match["year"] or match["year2"],
            match["kind"] or match["kind2"],
            match["number"] or match["number2"],
        )
        label = f"{year}{kind}{number}"
        try:
            return parse_span(label)
        except PeriodError as exc:  # Q5, H3, year 0000: say it of the text as written
            raise PeriodError(str(exc).replace(repr(label), repr(text))) from None
    return parse_span(stripped)


def read_count(text: str, decimal_comma: bool = False) -> int | None:
    """The whole number ``text`` gives, ``None`` for an empty cell.

    Parameters
    ----------
    text
        The cell.
    decimal_comma
        Whether the file comes from a locale where ``,`` is the decimal mark (a
        semicolon-separated file); commas grouping digits are then refused.

    Raises
    ------
    ValueError
        Saying why, with ``text`` quoted.
    """
    stripped = text.strip()
    if not stripped:
        return None
    if _PLAIN.match(stripped):
        return int(stripped)
    grouped = _GROUPED.match(stripped)
    if grouped and not (decimal_comma and grouped["sep"] == ","):
        return int(re.sub(r"[^0-9]", "", stripped))
    if grouped:
        raise ValueError(
            f"{quoted(text)} is ambiguous: in a semicolon-separated file the comma may "
            "be a decimal mark; write the count without separators (1234)"
        )
    if _DOTTED.match(stripped):
        raise ValueError(
            f"{quoted(text)} is ambiguous: a dot may be a decimal mark or group "
            "thousands; write the count without separators (1234)"
        )
    if stripped.isascii() and stripped.isdigit():  # more digits than _PLAIN takes
        raise ValueError(f"{quoted(text)}: {too_long(len(stripped))}; {EXPECTED_COUNT}")
    reason = "a negative count" if _NEGATIVE.match(stripped) else "not a whole number"
    raise ValueError(f"{quoted(text)} is {reason}; {EXPECTED_COUNT}")


class _RowReader:
    """Reads the cells of one row, collecting a reason for each one that cannot be read."""

    def __init__(self, table: Table, row: TableRow, name: str) -> None:
        self.table, self.row, self.name = table, row, name
        self.unread: list[UnreadRow] = []

    def cell(self, column: str) -> str:
        index = self.table.column(column)
        assert index is not None  # the mapping was checked against the headers
        return self.row.cells[index]

    def fail(self, column: str | None, reason: str) -> None:
        self.unread.append(UnreadRow(self.row.line, self.row.text, reason, column, self.name))

    def dates(self, mapping: ColumnMapping) -> tuple[dt.date, dt.date] | None:
        if mapping.period is not None:
            try:
                span = read_period(self.cell(mapping.period))
            except PeriodError as exc:
                self.fail(mapping.period, str(exc))
                return None
            return span.start_date, span.end_date
        assert mapping.start is not None and mapping.end is not None
        found = []
        for column in (mapping.start, mapping.end):
            try:
                found.append(parse_date(self.cell(column)))
            except ValueError as exc:
                self.fail(column, str(exc))
        if len(found) < 2:
            return None
        if found[0] > found[1]:
            self.fail(mapping.start, f"the period starts ({found[0]}) after it ends ({found[1]})")
            return None
        return found[0], found[1]


def _record(
    table: Table,
    row: TableRow,
    mapping: ColumnMapping,
    measure_keys: Sequence[str],
    source_id: str,
    name: str,
) -> Record | list[UnreadRow]:
    reader = _RowReader(table, row, name)
    if len(row.cells) != len(table.headers):
        fields = plural(len(row.cells), "field")
        reader.fail(None, f"{fields} where the header has {len(table.headers)}")
        return reader.unread
    assert mapping.country is not None
    country = None
    try:
        country = read_country(reader.cell(mapping.country), mapping.country_as)
    except ValueError as exc:
        reader.fail(mapping.country, str(exc))
    dates = reader.dates(mapping)
    values: dict[str, int | None] = dict.fromkeys(measure_keys)
    for key in measure_keys:
        column = mapping.measures.get(key)
        if column is not None:
            try:
                values[key] = read_count(reader.cell(column), table.delimiter == ";")
            except ValueError as exc:
                reader.fail(column, str(exc))
    if reader.unread or country is None or dates is None:
        return reader.unread
    return Record(
        country,
        dates[0],
        dates[1],
        values,
        source=source_id,
        note=f"{PurePath(name).name} line {row.line}",
    )


def table_records(
    table: Table,
    mapping: ColumnMapping,
    measure_keys: Sequence[str],
    source_id: str = "",
    name: str | None = None,
) -> CsvImport:
    """The records of every row of ``table`` that can be read, and why the others cannot.

    Parameters
    ----------
    table
        The file, as :func:`~tgviewer.core.importing.csv_table.read_table` read it.
    mapping
        Which column holds what.
    measure_keys
        The measures of the records made; a measure the mapping gives no column is unknown
        (``None``) in every record.
    source_id
        The :class:`~tgviewer.core.bundle.model.Source` the records name.
    name
        How to name the file in messages and notes; default: the table's name.

    Raises
    ------
    MappingError
        If :func:`check_mapping` finds the mapping unusable for this table.
    """
    messages = check_mapping(mapping, table.headers, measure_keys)
    if messages:
        raise MappingError(messages)
    name = table.name if name is None else name
    unread: list[UnreadRow] = []
    read: list[tuple[TableRow, Record]] = []
    for row in table.rows:
        outcome = _record(table, row, mapping, measure_keys, source_id, name)
        if isinstance(outcome, Record):
            read.append((row, outcome))
        else:
            unread += outcome
    groups: dict[tuple[str, dt.date, dt.date], list[tuple[TableRow, Record]]] = defaultdict(list)
    for row, record in read:
        groups[(record.country, record.start, record.end)].append((row, record))
    # One pass over each group, one message for it: repeats cost linear time and text.
    left_out: set[int] = set()
    for group in groups.values():
        if len(group) > 1:
            message, dropped = _repeated(group, name)
            unread.append(message)
            left_out.update(dropped)
    kept = [record for row, record in read if row.line not in left_out]
    unread.sort(key=lambda u: u.line)  # stable: a row's reasons stay in column order
    return CsvImport(tuple(kept), tuple(unread))


def _repeated(group: Sequence[tuple[TableRow, Record]], name: str) -> tuple[UnreadRow, list[int]]:
    """The message for rows giving one country and period, and the lines left out.

    Rows with the figures of the first are left out after it; if any row differs, all are.
    Either way one message says it, at the first line left out, naming the others.
    """
    first_row, first = group[0]
    where = f"{first.country} {describe_dates(first.start, first.end)}"
    lines = [row.line for row, _ in group]
    if any(record.values != first.values for _, record in group):
        reason = (
            f"{where} is given with different figures on {describe_lines(lines)}; "
            "none of them is imported"
        )
        return UnreadRow(
            first_row.line, first_row.text, reason, None, name, tuple(lines[1:])
        ), lines
    repeats = lines[1:]
    second_row = group[1][0]
    if len(repeats) == 1:
        reason = f"{where} repeats line {first_row.line}; left out"
    else:
        reason = (
            f"{where}: {len(repeats):,} rows repeat line {first_row.line} "
            f"({describe_lines(repeats)}); all are left out"
        )
    return UnreadRow(
        second_row.line, second_row.text, reason, None, name, tuple(repeats[1:])
    ), repeats
