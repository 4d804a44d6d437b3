"""Reading a spreadsheet's CSV or TSV export into a table of text cells, before any meaning
is given to its columns (that is :mod:`tgviewer.core.importing.csv_import`'s job).

The file is UTF-8, with or without a byte order mark; its first non-blank line names the
columns. The delimiter is whichever of tab, semicolon and comma the header line holds most
often (outside quotes), so exports from spreadsheets set to any locale are read as they are.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from tgviewer.core.bundle.problems import BundleError, Problem, error

#: Largest file accepted; a table of every country's figures is a few hundred KiB.
MAX_SIZE = 64 << 20

#: The delimiters recognised, by preference when the header holds as many of each.
DELIMITERS = {"\t": "tab", ";": "semicolon", ",": "comma"}


@dataclass(frozen=True)
class TableRow:
    """One data row of the file.

    Attributes
    ----------
    line
        1-based line of the file where the row starts.
    cells
        The fields, as written (not stripped); as many as the row has, which may differ from
        the number of headers.
    text
        The row as it stands in the file, without its line end.
    """

    line: int
    cells: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Table:
    """The text of a CSV or TSV file: its column names and its non-blank data rows.

    Attributes
    ----------
    name
        How the file is named in messages (a path, or ``standard input``).
    headers
        The column names, stripped, in file order; each non-empty name appears once.
    rows
        The data rows after the header, in file order; blank rows are left out.
    delimiter
        The field separator found: a tab, ``;`` or ``,``.
    header_line
        The line the header was found on (1 unless blank lines come first).
    """

    name: str
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    delimiter: str
    header_line: int = 1

    @property
    def delimiter_name(self) -> str:
        """``tab``, ``semicolon`` or ``comma``."""
        return DELIMITERS[self.delimiter]

    def column(self, header: str) -> int | None:
        """The index of the column named ``header``, or ``None`` if there is none."""
        try:
            return self.headers.index(header)
        except ValueError:
            return None


def _count_outside_quotes(line: str, character: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == character and not quoted:
            count += 1
    return count


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a file whose header line is ``header_line``: the one of tab,
    semicolon and comma found most often outside quotes (tab first on a tie); comma when
    none is found."""
    counts = {d: _count_outside_quotes(header_line, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals
    return best if counts[best] else ","


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_SIZE:
        raise BundleError(name, [error(f"the file is larger than {MAX_SIZE >> 20} MiB", name)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BundleError(
            name,
            [
                error(
                    f"the file is not UTF-8 text (byte {exc.start} cannot be read); "
                    "save it as UTF-8 "
                    "(in a spreadsheet: CSV UTF-8)",
                    name,
                    line,
                )
            ],
        ) from None


def _header(cells: list[str], line: int, name: str) -> tuple[str, ...]:
    headers = tuple(cell.strip() for cell in cells)
    problems: list[Problem] = []
    if len(headers) < 2:
        problems.append(
            error(
                "the header line has a single column; expected column names separated by "
                "commas, semicolons or tabs",
                name,
                line,
            )
        )
    seen: dict[str, int] = {}
    for index, header in enumerate(headers, 1):
        if header in seen:
            problems.append(
                error(
                    f"column {header!r} appears twice (columns {seen[header]} "
                    f"and {index}); rename one",
                    name,
                    line,
                    header,
                )
            )
        elif header:
            seen[header] = index
    if problems:
        raise BundleError(name, problems)
    return headers


def read_table(data: bytes, name: str = "data.csv") -> Table:
    """Read CSV, TSV or semicolon-separated bytes into a :class:`Table`.

    Rows with fewer or more fields than the header are kept as they are: the importer
    reports them, with their line, rather than guessing which field is missing.

    Raises
    ------
    BundleError
        If the file is too large, not UTF-8, empty, has no usable header (a single column,
        a name given twice) or is not well-formed CSV (a quote left open); the problem
        names the line.
    """
    text = _decode(data, name)
    # The same line splitting for the csv reader and for the rows' text: \n, \r\n or \r.
    lines = io.StringIO(text, newline="").readlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise BundleError(
            name, [error("the file is empty; expected a header line naming the columns", name, 1)]
        )
    delimiter = sniff_delimiter(lines[first])
    reader = csv.reader(lines[first:], delimiter=delimiter, strict=True)
    rows: list[TableRow] = []
    headers: tuple[str, ...] | None = None
    start = first  # index in ``lines`` of the row being read
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise BundleError(
                name, [error(f"malformed CSV: {exc}", name, first + reader.line_num)]
            ) from None
        end = first + reader.line_num  # a quoted field may span several lines
        if headers is None:
            headers = _header(cells, start + 1, name)
        elif any(cell.strip() for cell in cells):
            raw = "".join(lines[start:end]).rstrip("\r\n")
            rows.append(TableRow(start + 1, tuple(cells), raw))
        start = end
    assert headers is not None  # the first line read is not blank, so a row was read
    return Table(name, headers, tuple(rows), delimiter, first + 1)
