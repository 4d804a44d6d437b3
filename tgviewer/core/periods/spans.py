"""Calendar quarters and runs of quarters: the unit of time tgviewer compares.

A quarter is numbered by a single integer, ``year * 4 + (quarter - 1)``, so that runs of
quarters are plain integer intervals. A :class:`QuarterSpan` is such a run, inclusive at
both ends; it knows its dates, a short machine code (``2024Q1-2024Q3``) that
:func:`parse_span` reads back, and a label for people (``Jan–Sep 2024``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from tgviewer.core.errors import TgviewerError, quoted
from tgviewer.core.periods.years import is_supported_year, unsupported_year

MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


class PeriodError(TgviewerError, ValueError):
    """A period written by a person (on the command line, in a view file) cannot be read."""


class Granularity(Enum):
    """How long the periods of a series are."""

    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"

    @property
    def quarters(self) -> int:
        """Number of quarters in one period of this granularity."""
        return {"quarter": 1, "half": 2, "year": 4}[self.value]


def quarter_index(year: int, quarter: int) -> int:
    """Return the integer index of ``quarter`` (1-4) of ``year``."""
    return year * 4 + (quarter - 1)


def quarter_year(index: int) -> int:
    """Return the calendar year of the quarter numbered ``index``."""
    return index // 4


def quarter_number(index: int) -> int:
    """Return the quarter number (1-4) within its year of the quarter numbered ``index``."""
    return index % 4 + 1


def quarter_start(index: int) -> dt.date:
    """First day of the quarter numbered ``index``."""
    return dt.date(quarter_year(index), 3 * (quarter_number(index) - 1) + 1, 1)


def quarter_end(index: int) -> dt.date:
    """Last day of the quarter numbered ``index``."""
    year, month = quarter_year(index), 3 * quarter_number(index)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_of_start(day: dt.date) -> int | None:
    """The quarter that begins on ``day``, or ``None`` if no quarter begins that day."""
    if day.day == 1 and day.month in (1, 4, 7, 10):
        return quarter_index(day.year, (day.month - 1) // 3 + 1)
    return None


def quarter_of_end(day: dt.date) -> int | None:
    """The quarter that ends on ``day``, or ``None`` if no quarter ends that day."""
    if day.month % 3 or day.day != calendar.monthrange(day.year, day.month)[1]:
        return None
    return quarter_index(day.year, day.month // 3)


@dataclass(frozen=True, order=True)
class QuarterSpan:
    """An inclusive run of whole calendar quarters.

    Parameters
    ----------
    first, last
        Indices of the first and the last quarter (see :func:`quarter_index`);
        ``first <= last``.
    """

    first: int
    last: int

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise ValueError(f"span starts after it ends: {self.first} > {self.last}")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> QuarterSpan:
        """The single quarter ``quarter`` (1-4) of ``year``."""
        index = quarter_index(year, quarter)
        return cls(index, index)

    @classmethod
    def half(cls, year: int, half: int) -> QuarterSpan:
        """Half-year ``half`` (1 or 2) of ``year``."""
        first = quarter_index(year, 2 * half - 1)
        return cls(first, first + 1)

    @classmethod
    def year(cls, year: int) -> QuarterSpan:
        """The whole calendar ``year``."""
        return cls(quarter_index(year, 1), quarter_index(year, 4))

    @classmethod
    def from_dates(cls, start: dt.date, end: dt.date) -> QuarterSpan | None:
        """The span running from ``start`` to ``end`` inclusive, if both fall on quarter edges."""
        first, last = quarter_of_start(start), quarter_of_end(end)
        if first is None or last is None or first > last:
            return None
        return cls(first, last)

    @property
    def length(self) -> int:
        """Number of quarters in the span."""
        return self.last - self.first + 1

    @property
    def start_date(self) -> dt.date:
        """First day of the span."""
        return quarter_start(self.first)

    @property
    def end_date(self) -> dt.date:
        """Last day of the span (inclusive)."""
        return quarter_end(self.last)

    def quarters(self) -> Iterator[int]:
        """Indices of the quarters in the span, in order."""
        return iter(range(self.first, self.last + 1))

    def contains(self, other: QuarterSpan) -> bool:
        """Whether every quarter of ``other`` lies inside this span."""
        return self.first <= other.first and other.last <= self.last

    def overlaps(self, other: QuarterSpan) -> bool:
        """Whether the two spans share at least one quarter."""
        return self.first <= other.last and other.first <= self.last

    @property
    def kind(self) -> str:
        """``"quarter"``, ``"half"``, ``"year"`` or ``"run"`` (any other run of quarters)."""
        if self.length == 1:
            return "quarter"
        same_year = quarter_year(self.first) == quarter_year(self.last)
        if same_year and self.length == 2 and quarter_number(self.first) in (1, 3):
            return "half"
        if same_year and self.length == 4:
            return "year"
        return "run"

    @property
    def code(self) -> str:
        """Short machine form, read back by :func:`parse_span` (``2024Q4``, ``2025H1``...)."""
        year = quarter_year(self.first)
        kind = self.kind
        if kind == "quarter":
            return f"{year}Q{quarter_number(self.first)}"
        if kind == "half":
            return f"{year}H{(quarter_number(self.first) + 1) // 2}"
        if kind == "year":
            return str(year)
        last_year = quarter_year(self.last)
        if quarter_number(self.first) == 1 and quarter_number(self.last) == 4:
            return f"{year}-{last_year}"
        return f"{year}Q{quarter_number(self.first)}-{last_year}Q{quarter_number(self.last)}"

    @property
    def label(self) -> str:
        """Label for people: ``Q4 2024``, ``H1 2025``, ``2024``, ``Jan–Sep 2024``, ``2024–2025``."""
        year, last_year = quarter_year(self.first), quarter_year(self.last)
        kind = self.kind
        if kind == "quarter":
            return f"Q{quarter_number(self.first)} {year}"
        if kind == "half":
            return f"H{(quarter_number(self.first) + 1) // 2} {year}"
        if kind == "year":
            return str(year)
        first_month = MONTH_ABBREVIATIONS[self.start_date.month - 1]
        last_month = MONTH_ABBREVIATIONS[self.end_date.month - 1]
        if year == last_year:
            return f"{first_month}–{last_month} {year}"
        if first_month == "Jan" and last_month == "Dec":
            return f"{year}–{last_year}"
        return f"{first_month} {year}–{last_month} {last_year}"

    def __str__(self) -> str:
        return self.code


def describe_dates(start: dt.date, end: dt.date) -> str:
    """Label for a date range, using the quarter label when the range is made of quarters."""
    span = QuarterSpan.from_dates(start, end)
    if span is not None:
        return span.label
    return f"{start.isoformat()} to {end.isoformat()}"


# re.ASCII: only 0-9 are digits (see periods.dates).
_PART = re.compile(r"(?P<year>\d{4})?(?:(?P<kind>[QH])(?P<number>\d))?", re.ASCII)
_RANGE_SEPARATORS = re.compile(r"\s*(?:\.\.|[-–—‒]|\bto\b)\s*")


def _parse_part(text: str, default_year: int | None, whole: str) -> QuarterSpan:
    match = _PART.fullmatch(text.strip().upper())
    if not match or not (match["year"] or match["kind"]):
        raise PeriodError(
            f"cannot read the period {quoted(whole)}: expected a year (2025), a half-year "
            "(2025H1), a quarter (2025Q1) or a range of them (2024Q1-2024Q3)"
        )
    year = int(match["year"]) if match["year"] else default_year
    if year is None:
        raise PeriodError(
            f"cannot read the period {quoted(whole)}: the first part must name a year"
        )
    if not is_supported_year(year):
        raise PeriodError(f"cannot read the period {quoted(whole)}: {unsupported_year(year)}")
    kind, number = match["kind"], int(match["number"]) if match["number"] else 0
    if kind is None:
        return QuarterSpan.year(year)
    if kind == "Q":
        if not 1 <= number <= 4:
            raise PeriodError(f"cannot read the period {quoted(whole)}: quarters run from Q1 to Q4")
        return QuarterSpan.quarter(year, number)
    if not 1 <= number <= 2:
        raise PeriodError(f"cannot read the period {quoted(whole)}: half-years are H1 and H2")
    return QuarterSpan.half(year, number)


def parse_span(text: str) -> QuarterSpan:
    """Read a period written as ``2025``, ``2025H1``, ``2025Q1`` or a range of those.

    A range runs from the start of its first part to the end of its second:
    ``2024Q1-2024Q3`` (Jan–Sep 2024), ``2024-2025`` (two years), ``2024Q4-2025Q1``.
    The second part may leave out a year it shares with the first (``2024Q1-Q3``).

    Raises
    ------
    PeriodError
        If the text is not such a period, or the range ends before it starts.
    """
    whole = text
    parts = _RANGE_SEPARATORS.split(text.strip(), maxsplit=1)
    if len(parts) == 1:
        return _parse_part(parts[0], None, whole)
    first = _parse_part(parts[0], None, whole)
    last = _parse_part(parts[1], quarter_year(first.first), whole)
    if last.last < first.first:
        raise PeriodError(f"the period {quoted(whole)} ends before it starts")
    return QuarterSpan(first.first, last.last)


def periods_in_range(span: QuarterSpan, granularity: Granularity) -> list[QuarterSpan]:
    """Split ``span`` into consecutive periods of ``granularity``, aligned to the calendar.

    Periods that stick out of ``span`` at either end are left out, so a range from Q2 to Q4
    holds no whole half-year but H2.
    """
    step = granularity.quarters
    first = span.first + (-span.first) % step
    return [
        QuarterSpan(start, start + step - 1) for start in range(first, span.last - step + 2, step)
    ]


def period_choices(whole: QuarterSpan | None) -> list[QuarterSpan]:
    """The periods offered where any one can be picked (compare, scatter): years, Jan–Sep,
    half-years and quarters of ``whole``, newest
    first within each kind."""
    if whole is None:
        return []
    years = periods_in_range(whole, Granularity.YEAR)
    jan_sep = [QuarterSpan(q, q + 2) for q in range(whole.first, whole.last - 1) if q % 4 == 0]
    halves = periods_in_range(whole, Granularity.HALF)
    quarters = periods_in_range(whole, Granularity.QUARTER)
    return [*reversed(years), *reversed(jan_sep), *reversed(halves), *reversed(quarters)]
