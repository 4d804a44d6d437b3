"""Periods as people write them: the labels tgviewer shows, read back.

:func:`parse_period` reads what :func:`~tgviewer.core.periods.spans.parse_span` reads
(``2025Q1``, ``2024Q1-2024Q3``) and the words of :attr:`QuarterSpan.label
<tgviewer.core.periods.spans.QuarterSpan.label>` and the charts' titles: ``Q1 2025``,
``2025 Q1``, ``H1 2025``, ``Jan–Sep 2024`` (or ``Jan-Sep 2024``, ``January to September
2024``), ``Oct 2024–Mar 2025``, ``Q1 2024 – Q1 2026``, ``2024–2025``. A range starts at the
start of its first part and ends at the end of its second; a part without a year takes the
other's. Months must begin (first part) or end (second part) a quarter.
"""

from __future__ import annotations

import re

from tgviewer.core.errors import quoted
from tgviewer.core.periods.spans import (
    MONTH_ABBREVIATIONS,
    PeriodError,
    QuarterSpan,
    parse_span,
    quarter_index,
)
from tgviewer.core.periods.years import is_supported_year, unsupported_year

_SEPARATOR = re.compile(r"\s*(?:\.\.|[-–—‒]|\bto\b)\s*", re.IGNORECASE)
_PART = re.compile(
    r"(?:(?P<kind>[QH])(?P<number>\d)|(?P<month>[A-Z]{3,9})\.?)?\s*(?P<year>\d{4})?"
    r"|(?P<year2>\d{4})\s*(?P<kind2>[QH])(?P<number2>\d)",
    re.ASCII | re.IGNORECASE,
)
_MONTHS = {name.casefold(): number for number, name in enumerate(MONTH_ABBREVIATIONS, start=1)}

EXPECTED = (
    "expected a year (2025), a half-year (2025H1 or H1 2025), a quarter (2025Q1 or "
    "Q1 2025) or a range of them (2024Q1-2024Q3, Jan–Sep 2024, Q4 2024 – Q1 2025)"
)


def parse_period(text: str) -> QuarterSpan:
    """The quarters ``text`` names, written as a code or in words (see the module).

    Raises
    ------
    PeriodError
        When ``text`` is neither, or the range ends before it starts.
    """
    try:
        return parse_span(text)
    except PeriodError as exc:
        code_error = exc
    parts = _SEPARATOR.split(text.strip(), maxsplit=1)
    read = [_read_part(part) for part in parts]
    if any(part is None for part in read):
        if re.search(r"[A-Za-z]{3}", text) is None:
            raise code_error  # a code gone wrong: parse_span says best what
        raise PeriodError(f"cannot read the period {quoted(text)}: {EXPECTED}")
    first, last = read[0], read[-1]
    assert first is not None and last is not None
    first_year = first.year if first.year is not None else last.year
    last_year = last.year if last.year is not None else first_year
    if first_year is None or last_year is None:
        raise PeriodError(f"cannot read the period {quoted(text)}: it names no year")
    for year in (first_year, last_year):
        if not is_supported_year(year):
            raise PeriodError(f"cannot read the period {quoted(text)}: {unsupported_year(year)}")
    start = first.start(first_year, text)
    end = last.end(last_year, text)
    if end < start:
        raise PeriodError(f"the period {quoted(text)} ends before it starts")
    return QuarterSpan(start, end)


class _Part:
    """One side of a period in words: a year, a half, a quarter or a month, maybe without
    its year."""

    def __init__(self, year: int | None, kind: str, number: int) -> None:
        self.year, self.kind, self.number = year, kind, number

    def start(self, year: int, whole: str) -> int:
        """The first quarter this part begins."""
        if self.kind == "M":
            if (self.number - 1) % 3:
                raise PeriodError(
                    f"cannot read the period {quoted(whole)}: "
                    f"{MONTH_ABBREVIATIONS[self.number - 1]} does not begin a quarter"
                )
            return quarter_index(year, (self.number - 1) // 3 + 1)
        return self._span(year, whole).first

    def end(self, year: int, whole: str) -> int:
        """The last quarter this part ends."""
        if self.kind == "M":
            if self.number % 3:
                raise PeriodError(
                    f"cannot read the period {quoted(whole)}: "
                    f"{MONTH_ABBREVIATIONS[self.number - 1]} does not end a quarter"
                )
            return quarter_index(year, self.number // 3)
        return self._span(year, whole).last

    def _span(self, year: int, whole: str) -> QuarterSpan:
        if self.kind == "Y":
            return QuarterSpan.year(year)
        limit = 4 if self.kind == "Q" else 2
        if not 1 <= self.number <= limit:
            raise PeriodError(
                f"cannot read the period {quoted(whole)}: "
                + ("quarters run from Q1 to Q4" if self.kind == "Q" else "half-years are H1 and H2")
            )
        if self.kind == "Q":
            return QuarterSpan.quarter(year, self.number)
        return QuarterSpan.half(year, self.number)


def _read_part(text: str) -> _Part | None:
    match = _PART.fullmatch(text.strip())
    if match is None or not any(match.groups()):
        return None
    year_text = match["year"] or match["year2"]
    year = int(year_text) if year_text else None
    kind = (match["kind"] or match["kind2"] or "").upper()
    if kind:
        return _Part(year, kind, int(match["number"] or match["number2"]))
    if match["month"]:
        number = _MONTHS.get(match["month"][:3].casefold())
        full = match["month"].casefold()
        if number is None or not _month_name(number).startswith(full[:3]):
            return None
        if len(full) > 3 and not _month_name(number).startswith(full):
            return None
        return _Part(year, "M", number)
    return _Part(year, "Y", 0) if year is not None else None


def _month_name(number: int) -> str:
    names = (
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    )  # fmt: skip
    return names[number - 1]
