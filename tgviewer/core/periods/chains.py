"""Answers for records that each cover their own quarters, found on arrays.

Where no two records of a country and service share a quarter (the usual case: one record
per quarter, or per half, or per year), the period engine's graph of spans is a set of
chains. A span's figure is then known only when records lie end to end across exactly that
span: one record reports it, several add up to it, and nothing can disagree. For a bundle
read in bulk (:class:`~tgviewer.core.bundle.record_columns.RecordColumns`) this is found by
bisection on each chain's quarters, and only the records an answer names are made: a map of
every country for one year costs a few records a country, not a graph of thousands.

Where records do crowd each other (overlap, repeat, fall off quarter edges), the engine
builds its graph as before; a test checks both give the same answers.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.record_columns import RecordColumns
from tgviewer.core.periods.spans import QuarterSpan

Rows = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Chain:
    """The records of one country, service and measure with a figure, by first quarter:
    their rows, first and last quarters and figures (as Python lists: one answer bisects
    them a few times, where numpy's per-call cost would outweigh the search)."""

    rows: list[int]
    firsts: list[int]
    lasts: list[int]
    values: list[int]

    @classmethod
    def of(cls, rows: Rows, firsts: Rows, lasts: Rows, values: Rows) -> Chain:
        """The chain of ``rows`` (in order of first quarter) with their quarters and figures."""
        return cls(rows.tolist(), firsts.tolist(), lasts.tolist(), values.tolist())

    def covering(self, span: QuarterSpan) -> slice | None:
        """Where the records lying end to end across exactly ``span`` are in the chain;
        ``None`` when none do."""
        low = bisect.bisect_left(self.firsts, span.first)
        high = bisect.bisect_right(self.lasts, span.last)
        if high <= low or self.firsts[low] != span.first or self.lasts[high - 1] != span.last:
            return None
        firsts, lasts = self.firsts, self.lasts
        if any(firsts[i + 1] != lasts[i] + 1 for i in range(low, high - 1)):
            return None  # a gap between two of them
        return slice(low, high)

    def total(self, found: slice) -> int:
        """The sum of the figures of the records ``found`` by :meth:`covering`."""
        return sum(self.values[found])

    def overlapping(self, span: QuarterSpan) -> slice:
        """Where the records sharing a quarter with ``span`` are in the chain (by first
        quarter); it holds :meth:`covering`'s."""
        low = bisect.bisect_left(self.lasts, span.first)
        return slice(low, bisect.bisect_right(self.firsts, span.last))


class Chains:
    """The chains of a bundle read in bulk, made when first asked for."""

    def __init__(self, bundle: Bundle, columns: RecordColumns) -> None:
        self.columns = columns  # bundle.records
        self._bundle = bundle
        self._crowded: set[tuple[str, str]] | None = None
        self._chains: dict[tuple[str, str, str], Chain] = {}

    def chain(self, service: str, country: str, measure: str) -> Chain | None:
        """The chain of ``country``'s records for ``measure``; ``None`` where the records
        crowd each other (the engine's graph answers)."""
        columns = self.columns
        if measure not in columns.figures:
            return None
        if self._crowded is None:
            self._crowded = set(self._bundle.index.crowded_pairs())
        if (service, country) in self._crowded:
            return None
        key = (service, country, measure)
        found = self._chains.get(key)
        if found is None:
            rows = self._bundle.index.rows_of(country)
            figures = columns.figures[measure]
            if service in columns.service.values:
                code = columns.service.values.index(service)
                rows = rows[(columns.service.codes[rows] == code) & figures.known[rows]]
            else:
                rows = rows[:0]
            firsts, lasts = columns.quarter_edges()
            order = np.argsort(firsts[rows], kind="stable")
            rows = rows[order]
            found = self._chains[key] = Chain.of(
                rows, firsts[rows], lasts[rows], figures.values[rows]
            )
        return found
