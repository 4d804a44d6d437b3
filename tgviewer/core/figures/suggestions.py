"""Like-for-like comparisons worth making: the pairs of equally long periods that the most
of the chosen countries can be compared on.

The candidates are the calendar's natural pairs inside the bundle's range: a year against
the next, the same months of consecutive years (Jan–Sep, each half-year, each quarter), and
consecutive quarters and half-years. In the default bundle, for every country, Jan–Sep 2024
against Jan–Sep 2025 covers 23 countries, 2024 against 2025 only 12.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.cache import cached
from tgviewer.core.figures.knowable import knowable_choices
from tgviewer.core.figures.series import raw_figure
from tgviewer.core.periods.spans import QuarterSpan, quarter_index, quarter_year
from tgviewer.core.plurals import plural


@dataclass(frozen=True)
class Suggestion:
    """Compare ``a`` with ``b``: ``covered`` of the ``asked`` countries are known in both."""

    a: QuarterSpan
    b: QuarterSpan
    covered: tuple[str, ...]
    asked: int

    def describe(self) -> str:
        """``Jan–Sep 2024 vs Jan–Sep 2025: 23 of 83 countries``."""
        asked = plural(self.asked, "country")
        return f"{self.a.label} vs {self.b.label}: {len(self.covered)} of {asked}"


def candidate_pairs(whole: QuarterSpan) -> Iterator[tuple[QuarterSpan, QuarterSpan]]:
    """Every natural like-for-like pair of periods inside ``whole``, earlier period first."""
    first_year, last_year = quarter_year(whole.first), quarter_year(whole.last)
    seen: set[tuple[QuarterSpan, QuarterSpan]] = set()

    def inside(pair: tuple[QuarterSpan, QuarterSpan]) -> bool:
        return whole.contains(pair[0]) and whole.contains(pair[1]) and pair not in seen

    pairs: list[tuple[QuarterSpan, QuarterSpan]] = []
    for year in range(first_year, last_year):
        for first_quarter, last_quarter in (
            (1, 4),
            (1, 3),
            (1, 2),
            (3, 4),
            (1, 1),
            (2, 2),
            (3, 3),
            (4, 4),
        ):
            spans = [
                QuarterSpan(quarter_index(y, first_quarter), quarter_index(y, last_quarter))
                for y in (year, year + 1)
            ]
            pairs.append((spans[0], spans[1]))
    for quarter in range(whole.first, whole.last):
        pairs.append((QuarterSpan(quarter, quarter), QuarterSpan(quarter + 1, quarter + 1)))
        if quarter % 2 == 0:
            pairs.append((QuarterSpan(quarter, quarter + 1), QuarterSpan(quarter + 2, quarter + 3)))
    for pair in pairs:
        if inside(pair):
            seen.add(pair)
            yield pair


def knowable_pairs(bundle: Bundle) -> list[tuple[QuarterSpan, QuarterSpan]]:
    """The pairs :func:`candidate_pairs` gives for the bundle's span in which both periods
    :func:`~tgviewer.core.figures.knowable.may_be_known`, found from the record edges (in
    another order): every like period with the same months a year later, each quarter with
    the next, each half-year with the next."""
    choices = set(knowable_choices(bundle))
    pairs: set[tuple[QuarterSpan, QuarterSpan]] = set()
    for a in choices:
        nexts = [QuarterSpan(a.first + 4, a.last + 4)]
        if a.length in (1, 2):  # consecutive quarters and half-years too
            nexts.append(QuarterSpan(a.first + a.length, a.last + a.length))
        pairs.update((a, b) for b in nexts if b in choices)
    return sorted(pairs, key=lambda pair: (pair[0].first, pair[0].last, pair[1].first))


def suggest_comparisons(
    bundle: Bundle, countries: Sequence[str], measure: str, service: str, limit: int = 6
) -> list[Suggestion]:
    """The ``limit`` pairs that cover the most of ``countries``: most countries first, then
    longer periods (steadier figures), then the most recent."""
    whole = bundle.quarter_span
    chosen = tuple(dict.fromkeys(countries))
    if whole is None or not chosen:
        return []
    key = (chosen, measure, service, limit)
    return cached(
        bundle, "suggestions", key, lambda: _suggest(bundle, whole, chosen, measure, service, limit)
    )


def _suggest(
    bundle: Bundle,
    whole: QuarterSpan,
    countries: tuple[str, ...],
    measure: str,
    service: str,
    limit: int,
) -> list[Suggestion]:
    found = []
    whole_count = 0
    # Longer, then more recent pairs first: once ``limit`` pairs cover every country, no
    # pair after them can rank higher (a bundle spanning centuries is not searched through).
    preferred = sorted(
        knowable_pairs(bundle), key=lambda p: (-p[0].length, -p[1].last, -p[0].first)
    )
    for a, b in preferred:
        covered = tuple(
            c
            for c in countries
            if raw_figure(bundle, c, a, measure, service)[0] is not None
            and raw_figure(bundle, c, b, measure, service)[0] is not None
        )
        if covered:
            found.append(Suggestion(a, b, covered, len(countries)))
        whole_count += len(covered) == len(countries)
        if whole_count == limit:
            break
    found.sort(key=lambda s: (-len(s.covered), -s.a.length, -s.b.last, -s.a.first))
    return found[:limit]
