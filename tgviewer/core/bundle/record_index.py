"""What a bundle needs to know about all its records, found once and kept with it.

Its countries and services, the (service, country) pairs, the distinct spans and dates,
each country's records, where records crowd each other (overlap, repeat, or fall off
quarter edges) and which records carry a caution. For records held as columns
(:class:`~tgviewer.core.bundle.record_columns.RecordColumns`) all of it is found on the
arrays, and a country's records are made only when that country is asked for; for a tuple
of records, in one pass over them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tgviewer.core.bundle.cautions import REQUESTS, USERS, has_caution
from tgviewer.core.bundle.model import Record, as_columns, span_of
from tgviewer.core.periods.spans import QuarterSpan

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class RecordIndex:
    """The index of ``records`` (see the module's docstring)."""

    def __init__(self, records: Sequence[Record]) -> None:
        self._records = records
        self._columns = as_columns(records)
        self._by_country: dict[str, list[Record]] = {}
        self._crowded: list[tuple[str, str]] | None = None
        self._rows: dict[str, npt.NDArray[np.int64]] = {}
        if self._columns is not None:
            records = self._columns
            self._rows = records.rows_by_country()
            self.countries = tuple(sorted(self._rows))
            self.services = tuple(sorted(records.service.present()))
            self.pairs = tuple(records.pairs())
            self.date_pairs = frozenset(records.date_pairs())
        else:
            pairs: set[tuple[str, str]] = set()
            dates: set[tuple[dt.date, dt.date]] = set()
            for record in records:
                self._by_country.setdefault(record.country, []).append(record)
                pairs.add((record.service, record.country))
                dates.add((record.start, record.end))
            self.countries = tuple(sorted(self._by_country))
            self.services = tuple(sorted({service for service, _ in pairs}))
            self.pairs = tuple(sorted(pairs))
            self.date_pairs = frozenset(dates)
        self.spans = frozenset(
            span for span in (span_of(*dates) for dates in self.date_pairs) if span is not None
        )

    def records_of(self, country: str) -> list[Record]:
        """The records of ``country``, in file order."""
        found = self._by_country.get(country)
        if found is None:
            rows = self._rows.get(country)
            if self._columns is None or rows is None:
                return []
            found = self._by_country[country] = self._columns.records(rows)
        return found

    def rows_of(self, country: str) -> npt.NDArray[np.int64]:
        """The rows of ``country``'s records when they are held as columns (else none)."""
        rows = self._rows.get(country)
        if rows is None:
            import numpy

            return numpy.zeros(0, dtype=numpy.int64)
        return rows

    def crowded_pairs(self) -> list[tuple[str, str]]:
        """The (service, country) whose records do not each cover quarters no other does,
        sorted: only there can records disagree, repeat, or fall off quarter edges."""
        if self._crowded is None:
            self._crowded = self._find_crowded()
        return self._crowded

    def _find_crowded(self) -> list[tuple[str, str]]:
        if self._columns is not None:
            return sorted(self._columns.crowded_pairs())
        crowded = set()
        for pair in self.pairs:
            spans = sorted(
                (r.span.first, r.span.last) if r.span else (-1, -1)
                for r in self.records_of(pair[1])
                if r.service == pair[0]
            )
            if spans[0][0] < 0 or any(b[0] <= a[1] for a, b in itertools.pairwise(spans)):
                crowded.add(pair)
        return sorted(crowded)

    def with_caution(self) -> list[Record]:
        """The records with more requests than users, in file order."""
        if self._columns is not None:
            return self._columns.records(self._columns.rows_where_more(REQUESTS, USERS))
        return [record for record in self._records if has_caution(record)]

    def first_records(self, countries: Iterable[str]) -> list[Record]:
        """The first record of each of ``countries``, in file order."""
        wanted = set(countries)
        if self._columns is not None:
            rows = sorted(int(self._rows[c][0]) for c in wanted if c in self._rows)
            return self._columns.records(rows)
        firsts = (self.records_of(c)[0] for c in wanted if c in self.countries)
        return sorted(firsts, key=lambda r: r.line)

    @property
    def quarter_span(self) -> QuarterSpan | None:
        """The quarters from the first to the last that a quarter-aligned record covers."""
        if not self.spans:
            return None
        return QuarterSpan(min(s.first for s in self.spans), max(s.last for s in self.spans))

    @property
    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """First and last day covered by any record."""
        if not self.date_pairs:
            return None
        return min(start for start, _ in self.date_pairs), max(end for _, end in self.date_pairs)
