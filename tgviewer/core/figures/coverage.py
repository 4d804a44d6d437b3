"""What the records say about each quarter: the coverage grid of countries by quarters.

Each cell is ``reported`` (one record gives exactly that quarter), ``derived`` (records give
it by sums and differences), ``covered`` (only a longer total includes it: the quarter's own
figure is unknown, but it is not missing from the data) or ``unknown`` (no record includes
it), and is flagged when a record involved is part of a contradiction. The grid shows
where comparisons are possible before any figure is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from tgviewer.core.bundle.model import Bundle, Record
from tgviewer.core.figures.cache import cached
from tgviewer.core.periods.engine import Status, engine_for
from tgviewer.core.periods.spans import Granularity, QuarterSpan, periods_in_range
from tgviewer.core.reference.countries import country_name
from tgviewer.core.state.view_state import USERS_PER_REQUEST, CoverageOrder
from tgviewer.core.views.formatting import how_known


class CellKind(Enum):
    """How a quarter is known."""

    REPORTED = "reported"
    DERIVED = "derived"
    COVERED = "covered"
    UNKNOWN = "unknown"


#: Words for each kind, for legends and tooltips.
CELL_WORDS = {
    CellKind.REPORTED: "reported",
    CellKind.DERIVED: "derived from other records",
    CellKind.COVERED: "only inside a longer total",
    CellKind.UNKNOWN: "no record",
}


@dataclass(frozen=True)
class CoverageCell:
    """One country and quarter."""

    country: str
    quarter: QuarterSpan
    kind: CellKind
    value: int | None
    inconsistent: bool
    records: tuple[Record, ...]
    explanation: str

    def describe(self) -> str:
        """``Q3 2024: only inside a longer total — Jan–Sep 2024 (115; records.csv line 29)``."""
        text = f"{self.quarter.label}: {CELL_WORDS[self.kind]}"
        if self.value is not None:
            text += f", {self.value:,}"
        text += f" — {how_known(self.kind.value, self.explanation)}"
        if self.inconsistent:
            text += " ⚠ records involved disagree"
        return text


@dataclass(frozen=True)
class CoverageRow:
    """A country's cells, quarter by quarter."""

    country: str
    name: str
    cells: tuple[CoverageCell, ...]

    @property
    def known(self) -> int:
        """Quarters with a figure (reported or derived)."""
        return sum(c.kind in (CellKind.REPORTED, CellKind.DERIVED) for c in self.cells)

    @property
    def covered(self) -> int:
        """Quarters inside some record (known, or only inside a longer total)."""
        return sum(c.kind is not CellKind.UNKNOWN for c in self.cells)

    @property
    def latest(self) -> float:
        """The figure of the latest quarter known (NaN when none is): the sort key of
        "by the measure"."""
        known = [c.value for c in self.cells if c.value is not None]
        return float(known[-1]) if known else math.nan


@dataclass(frozen=True)
class Coverage:
    """The grid: quarters along, countries down (in the order asked for)."""

    measure: str
    quarters: tuple[QuarterSpan, ...]
    rows: tuple[CoverageRow, ...]


def coverage_measure(measure: str) -> str:
    """The measure whose records are shown: users per request is known where users are."""
    return "users" if measure == USERS_PER_REQUEST else measure


def coverage_grid(
    bundle: Bundle,
    countries: Sequence[str],
    span: QuarterSpan,
    measure: str,
    service: str,
    order: CoverageOrder = CoverageOrder.NAME,
) -> Coverage:
    """The coverage of ``measure`` for ``countries`` over the quarters of ``span``."""
    key = (tuple(countries), span, measure, service, order)
    return cached(
        bundle,
        "coverage",
        key,
        lambda: _grid(bundle, countries, span, coverage_measure(measure), service, order),
    )


def _grid(
    bundle: Bundle,
    countries: Sequence[str],
    span: QuarterSpan,
    measure: str,
    service: str,
    order: CoverageOrder,
) -> Coverage:
    quarters = tuple(periods_in_range(span, Granularity.QUARTER))
    rows = [
        CoverageRow(
            code,
            country_name(code),
            tuple(_cell(bundle, code, q, measure, service) for q in quarters),
        )
        for code in dict.fromkeys(countries)
    ]
    if order is CoverageOrder.NAME:
        rows.sort(key=lambda r: r.name)
    elif order is CoverageOrder.COVERAGE:
        rows.sort(key=lambda r: (-r.known, -r.covered, r.name))
    else:
        rows.sort(
            key=lambda r: (math.isnan(r.latest), -(0 if math.isnan(r.latest) else r.latest), r.name)
        )
    return Coverage(measure, quarters, tuple(rows))


#: How many contradictions per country mark their cells (each is spelled out to find its
#: records; a hostile bundle can hold thousands, and the Details dock counts them all).
MARKED = 200


def _disputed(bundle: Bundle, country: str, measure: str, service: str) -> frozenset[int]:
    """Lines of the records involved in a contradiction (the first :data:`MARKED`)."""

    def compute() -> frozenset[int]:
        engine = engine_for(bundle)
        found = engine.contradictions(country, measure, service, limit=MARKED)
        return frozenset(r.line for c in found for r in c.records)

    return cached(bundle, "disputed", (country, measure, service), compute)


def _cell(
    bundle: Bundle, country: str, quarter: QuarterSpan, measure: str, service: str
) -> CoverageCell:
    answer = engine_for(bundle).answer(country, measure, quarter, service)
    disputed = _disputed(bundle, country, measure, service)
    if answer.status is not Status.UNKNOWN:
        kind = CellKind.REPORTED if answer.status is Status.REPORTED else CellKind.DERIVED
        records = answer.records
        explanation = answer.explain()
    elif answer.enclosing:
        kind, records = CellKind.COVERED, answer.enclosing
        explanation = ", ".join(
            f"{r.period_label} ({r.value(measure):,}; {r.reference()})" for r in records
        )
    else:
        kind, records = CellKind.UNKNOWN, answer.overlapping
        explanation = answer.explain().removeprefix("unknown: ")
    inconsistent = answer.inconsistent or any(r.line in disputed for r in records)
    return CoverageCell(country, quarter, kind, answer.value, inconsistent, records, explanation)
