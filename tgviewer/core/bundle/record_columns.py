"""Records held as columns: a million of them without an object each.

A big ``records.csv`` read in bulk (:mod:`tgviewer.core.bundle.records_bulk`) is kept as
arrays: each text column as codes into its distinct values (a few hundred countries, a few
thousand dates), each measure as whole numbers with a mask of the known ones, and the line
each record was read from. :class:`RecordColumns` is a ``Sequence[Record]`` like the tuple a
small bundle holds; a :class:`~tgviewer.core.bundle.model.Record` is made only when one is
asked for (the records of the countries a chart shows, say) and kept once made.

What the bundle needs to know about all its records (its countries and services, the
distinct spans, the records per country, where records overlap, the cautions) is worked
out here on the arrays, with no record made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

import numpy as np
import numpy.typing as npt

from tgviewer.core.bundle.model import Record, span_of
from tgviewer.core.bundle.records_csv import RECORD_BASE_COLUMNS, RECORD_OPTIONAL_COLUMNS

T = TypeVar("T")
Codes = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Coded(Generic[T]):
    """A column as ``codes`` into its distinct ``values`` (``values[codes[i]]`` is row i's)."""

    codes: Codes
    values: tuple[T, ...]

    def present(self) -> list[T]:
        """The values some row has."""
        used = np.flatnonzero(np.bincount(self.codes, minlength=len(self.values)))
        return [self.values[int(code)] for code in used]


@dataclass(frozen=True)
class Figures:
    """One measure's column: the figures, and which of them are known (the others are 0)."""

    values: npt.NDArray[np.int64]
    known: npt.NDArray[np.bool_]


class RecordColumns(Sequence[Record]):
    """The records of a bundle as columns (see the module's docstring); a ``Sequence`` of
    :class:`Record` in file order."""

    def __init__(
        self,
        *,
        country: Coded[str],
        start: Coded[dt.date],
        end: Coded[dt.date],
        service: Coded[str],
        source: Coded[str],
        note: Coded[str],
        figures: Mapping[str, Figures],
        lines: npt.NDArray[np.int64],
    ) -> None:
        self.country, self.start, self.end = country, start, end
        self.service, self.source, self.note = service, source, note
        self.figures = dict(figures)
        self.lines = lines
        self._made: dict[int, Record] = {}
        self._spans: tuple[Codes, Codes] | None = None
        self._dates: tuple[Codes, Codes] | None = None

    # The sequence ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | Sequence[Record]:
        if isinstance(index, slice):
            return tuple(self.record(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.record(index)

    def __iter__(self) -> Iterator[Record]:
        return (self.record(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def record(self, row: int) -> Record:
        """The record of ``row`` (made the first time, then kept)."""
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = Record(
                country=self.country.values[self.country.codes[row]],
                start=self.start.values[self.start.codes[row]],
                end=self.end.values[self.end.codes[row]],
                values={
                    key: int(column.values[row]) if column.known[row] else None
                    for key, column in self.figures.items()
                },
                service=self.service.values[self.service.codes[row]],
                source=self.source.values[self.source.codes[row]],
                note=self.note.values[self.note.codes[row]],
                line=int(self.lines[row]),
            )
        return made

    def records(self, rows: npt.NDArray[np.int64] | Sequence[int]) -> list[Record]:
        """The records of ``rows``, in that order."""
        rows = rows.tolist() if isinstance(rows, np.ndarray) else rows
        made = self._made
        return [made.get(row) or self.record(row) for row in rows]

    @property
    def made(self) -> int:
        """How many records have been made so far."""
        return len(self._made)

    def to_csv(self, measures: Sequence[str]) -> bytes:
        """The records as ``records.csv``, byte for byte what
        :func:`~tgviewer.core.bundle.records_csv.records_to_csv` writes of them: columns
        read in bulk hold no comma, quote or line end (such a file is read line by line),
        so no field needs quoting."""

        def texts(column: Coded[Any]) -> list[str]:
            shown = [v.isoformat() if isinstance(v, dt.date) else v for v in column.values]
            return [shown[code] for code in column.codes.tolist()]

        def figures(key: str) -> list[str]:
            column = self.figures[key]
            values, known = column.values.tolist(), column.known.tolist()
            return [str(v) if k else "" for v, k in zip(values, known, strict=True)]

        header = ",".join([*RECORD_BASE_COLUMNS, *measures, *RECORD_OPTIONAL_COLUMNS])
        rows = zip(
            texts(self.country),
            texts(self.start),
            texts(self.end),
            *(figures(key) for key in measures),
            texts(self.service),
            texts(self.source),
            texts(self.note),
            strict=True,
        )
        lines = [header, *map(",".join, rows)]
        return ("\n".join(lines) + "\n").encode("utf-8")

    # What the bundle needs to know, on the arrays ------------------------------------------

    def rows_by_country(self) -> dict[str, Codes]:
        """Each country's rows, in file order."""
        codes = self.country.codes
        if len(self.country.values) < 1 << 15:
            codes = codes.astype(np.int16)  # numpy sorts small integers by radix: 8x quicker
        order = np.argsort(codes, kind="stable")
        counts = np.bincount(self.country.codes, minlength=len(self.country.values))
        groups = np.split(order, np.cumsum(counts)[:-1])
        return {
            self.country.values[code]: rows.astype(np.int64)
            for code, rows in enumerate(groups)
            if len(rows)
        }

    def pairs(self) -> list[tuple[str, str]]:
        """Every (service, country) some record has."""
        width = len(self.country.values)
        joined = np.flatnonzero(np.bincount(self.service.codes * width + self.country.codes))
        return [
            (self.service.values[int(code) // width], self.country.values[int(code) % width])
            for code in joined
        ]

    def _date_codes(self) -> tuple[Codes, Codes]:
        """The distinct (start, end) codes joined in one number, and each row's among them."""
        if self._dates is None:
            joined = self.start.codes * len(self.end.values) + self.end.codes
            self._dates = distinct_and_inverse(joined)
        return self._dates

    def date_pairs(self) -> list[tuple[dt.date, dt.date]]:
        """The distinct (start, end) the records have."""
        width = len(self.end.values)
        return [
            (self.start.values[int(code) // width], self.end.values[int(code) % width])
            for code in self._date_codes()[0]
        ]

    def quarter_edges(self) -> tuple[Codes, Codes]:
        """Each row's first and last quarter, or -1 for both where its dates do not fall on
        quarter edges (worked out once per distinct pair of dates)."""
        if self._spans is None:
            pairs = self.date_pairs()
            firsts = np.full(len(pairs), -1, dtype=np.int64)
            lasts = np.full(len(pairs), -1, dtype=np.int64)
            for index, (start, end) in enumerate(pairs):
                span = span_of(start, end)
                if span is not None:
                    firsts[index], lasts[index] = span.first, span.last
            inverse = self._date_codes()[1]
            self._spans = (firsts[inverse], lasts[inverse])
        return self._spans

    def crowded_pairs(self) -> set[tuple[str, str]]:
        """The (service, country) whose records do not each cover quarters no other covers:
        records that overlap or repeat each other, or do not fall on quarter edges. Only
        there can records disagree, repeat, or need a word about their dates."""
        firsts, lasts = self.quarter_edges()
        width = len(self.country.values)
        group = self.service.codes * width + self.country.codes
        order = _by_group_then_first(group, firsts, len(self.service.values) * width)
        group, firsts, lasts = group[order], firsts[order], lasts[order]
        same = group[1:] == group[:-1]
        touching = same & (firsts[1:] <= lasts[:-1])
        crowded = set(group[1:][touching].tolist()) | set(group[firsts < 0].tolist())
        return {
            (self.service.values[code // width], self.country.values[code % width])
            for code in crowded
        }

    def rows_where_more(self, larger: str, smaller: str) -> Codes:
        """The rows where both measures are known and ``larger``'s figure is the larger."""
        if larger not in self.figures or smaller not in self.figures:
            return np.zeros(0, dtype=np.int64)
        a, b = self.figures[larger], self.figures[smaller]
        return np.flatnonzero(a.known & b.known & (a.values > b.values)).astype(np.int64)


def _by_group_then_first(group: Codes, firsts: Codes, groups: int) -> Codes:
    """The rows in order of ``group``, then of first quarter (ties in any order: two
    records starting together overlap whichever comes first).

    Records are most often written in order of time: then a stable sort by group (by radix,
    when there are fewer than 32,768 groups) leaves each group in order of first quarter,
    and no sort of a million keys is needed."""
    if groups < 1 << 15:
        order = np.argsort(group.astype(np.int16), kind="stable")
        ordered_group, ordered_firsts = group[order], firsts[order]
        same = ordered_group[1:] == ordered_group[:-1]
        if bool(np.all(ordered_firsts[1:][same] >= ordered_firsts[:-1][same])):
            return order
    # Else by group and first quarter in one key (a third of lexsort's time).
    aligned = firsts >= 0
    lowest = int(firsts[aligned].min()) if aligned.any() else 0
    shifted = np.where(aligned, firsts - lowest + 1, 0)
    return np.argsort(group * (int(shifted.max(initial=0)) + 1) + shifted)


def distinct_and_inverse(values: Codes) -> tuple[Codes, Codes]:
    """``numpy.unique(values, return_inverse=True)``, by hashing where numpy can (2.3 and
    later): a million values in file order, not sorted, in a tenth of the time."""
    try:
        distinct, inverse = np.unique(values, return_inverse=True, sorted=False)
    except TypeError:  # an older numpy
        distinct, inverse = np.unique(values, return_inverse=True)
        return distinct, inverse.ravel()
    order = np.argsort(distinct)  # few: the distinct values
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return distinct[order], rank[inverse.ravel()]


def coded(column: Any, values: Sequence[T]) -> Coded[T]:
    """A :class:`Coded` column from integer ``column`` codes into ``values``."""
    return Coded(np.asarray(column, dtype=np.int64), tuple(values))
