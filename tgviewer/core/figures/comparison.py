"""Two periods side by side, country by country, without comparing unlike things.

:func:`compare_periods` answers "how did each country's figure change from period A to
period B". Honesty rules applied here:

* a country is compared only when the records determine its figure for both periods
  (reported or derived); otherwise it is listed as not comparable, with the reason;
* periods of different lengths (a 9-month total against a quarter) are never compared as
  totals: both sides become per-quarter averages, and the comparison says so;
* per-capita figures use the population of each period's own year (the latest available
  when newer) and name it;
* figures whose records disagree are compared but flagged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.cache import cached
from tgviewer.core.figures.left_out import NotComparable
from tgviewer.core.figures.series import per_million, raw_figure
from tgviewer.core.periods.engine import Status
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.plurals import plural
from tgviewer.core.reference.countries import country_name
from tgviewer.core.state.view_state import USERS_PER_REQUEST, CompareOrder


@dataclass(frozen=True)
class Side:
    """One country's figure for one of the two periods.

    ``raw`` is the figure the records give for the whole period; ``value`` the figure
    compared (per million inhabitants and/or per quarter, as ``scaling`` says).
    """

    span: QuarterSpan
    raw: float
    value: float
    status: Status
    inconsistent: bool
    explanation: str
    scaling: str


@dataclass(frozen=True)
class CompareRow:
    """A country known in both periods."""

    country: str
    name: str
    a: Side
    b: Side

    @property
    def change(self) -> float:
        """B minus A, in the compared unit."""
        return self.b.value - self.a.value

    @property
    def percent(self) -> float | None:
        """The change as a percentage of A; ``None`` when A is zero."""
        return None if self.a.value == 0 else self.change / self.a.value * 100

    @property
    def inconsistent(self) -> bool:
        """Whether records disagree about either figure."""
        return self.a.inconsistent or self.b.inconsistent


@dataclass(frozen=True)
class Comparison:
    """Period A against period B for a set of countries.

    Attributes
    ----------
    per_quarter
        Whether figures are per-quarter averages (always so when A and B differ in length).
    """

    a: QuarterSpan
    b: QuarterSpan
    measure: str
    per_capita: bool
    per_quarter: bool
    rows: tuple[CompareRow, ...]
    not_comparable: tuple[NotComparable, ...]

    @property
    def same_length(self) -> bool:
        """Whether A and B are equally long (totals can be compared as they are)."""
        return self.a.length == self.b.length

    @property
    def unit(self) -> str:
        """What the compared figures are: ``per million inhabitants, per-quarter average``."""
        parts = []
        if self.per_capita:
            parts.append("per million inhabitants")
        if self.per_quarter:
            parts.append("per-quarter average")
        return ", ".join(parts)

    def length_note(self) -> str:
        """A sentence saying why averages are shown, or "" when the periods are alike."""
        if self.same_length:
            return ""
        return (
            f"{self.a.label} ({_quarters(self.a.length)}) and {self.b.label} "
            f"({_quarters(self.b.length)}) differ in length, so their totals are not "
            "compared: each figure is a per-quarter average (the total divided by its "
            "number of quarters), not a reported value."
        )

    def ordered(self, order: CompareOrder) -> list[CompareRow]:
        """The rows sorted by ``order``: largest first (unknown percentages last), names
        A to Z; ties by name."""
        if order is CompareOrder.NAME:
            return sorted(self.rows, key=lambda r: r.name)

        def key(row: CompareRow) -> tuple[bool, float, str]:
            figure = {
                CompareOrder.A: row.a.value,
                CompareOrder.B: row.b.value,
                CompareOrder.CHANGE: row.change,
                CompareOrder.PERCENT: row.percent,
            }[order]
            return figure is None, -(figure or 0.0), row.name

        return sorted(self.rows, key=key)


def _quarters(count: int) -> str:
    return plural(count, "quarter")


def compare_periods(
    bundle: Bundle,
    countries: Sequence[str],
    a: QuarterSpan,
    b: QuarterSpan,
    measure: str,
    service: str,
    per_capita: bool = False,
) -> Comparison:
    """Compare ``measure`` between ``a`` and ``b`` for ``countries`` (see the module
    docstring). A ratio (users per request) does not depend on the length of its period, so
    it is never averaged; per capita it means nothing and is refused."""
    if per_capita and measure == USERS_PER_REQUEST:
        raise ValueError("users per request cannot be taken per inhabitant")
    key = (tuple(countries), a, b, measure, service, per_capita)
    return cached(
        bundle,
        "comparisons",
        key,
        lambda: _compare(bundle, countries, a, b, measure, service, per_capita),
    )


def _compare(
    bundle: Bundle,
    countries: Sequence[str],
    a: QuarterSpan,
    b: QuarterSpan,
    measure: str,
    service: str,
    per_capita: bool,
) -> Comparison:
    per_quarter = a.length != b.length and measure != USERS_PER_REQUEST
    rows: list[CompareRow] = []
    left_out: list[NotComparable] = []
    for country in dict.fromkeys(countries):
        sides: list[Side] = []
        reasons: list[str] = []
        for span in (a, b):
            side, reason = _side(bundle, country, span, measure, service, per_capita, per_quarter)
            if side is None:
                reasons.append(reason)
            else:
                sides.append(side)
        name = country_name(country)
        if reasons:
            left_out.append(NotComparable(country, name, "; ".join(reasons)))
        else:
            rows.append(CompareRow(country, name, sides[0], sides[1]))
    return Comparison(
        a,
        b,
        measure,
        per_capita,
        per_quarter,
        tuple(rows),
        tuple(sorted(left_out, key=lambda n: n.name)),
    )


def _side(
    bundle: Bundle,
    country: str,
    span: QuarterSpan,
    measure: str,
    service: str,
    per_capita: bool,
    per_quarter: bool,
) -> tuple[Side | None, str]:
    raw, status, inconsistent, text = raw_figure(bundle, country, span, measure, service)
    if raw is None:
        return None, f"{span.label} {text}"
    value, scaling = float(raw), "absolute"
    if per_capita:
        scaled, scaling = per_million(country, span, value)
        if scaled is None:
            return None, f"{span.label}: no population figure for per-capita values"
        value = scaled
    if per_quarter:
        value /= span.length
        average = (
            "a single quarter"
            if span.length == 1
            else f"per-quarter average (total / {span.length})"
        )
        scaling = average + ("" if scaling == "absolute" else f", {scaling}")
    assert not math.isnan(value)
    return Side(span, float(raw), value, status, inconsistent, text, scaling), ""
