"""Requests against users, one point per country, for one period.

:func:`scatter_points` answers "for this period, how many requests did each country's
authorities get fulfilled, and how many users did they concern". Honesty rules applied here:

* a country is drawn only when the records determine both figures for the period
  (reported or derived); otherwise it is left out with the reason, never drawn at zero;
* per-capita figures scale both axes by the same population (of the period's year, the
  latest available when newer) and name it; the ratio of users to requests is unchanged;
* the reference line is the median of the drawn countries' users per request (countries
  with no request have no ratio and do not count).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.cache import cached
from tgviewer.core.figures.knowable import knowable_choices
from tgviewer.core.figures.left_out import NotComparable
from tgviewer.core.figures.series import per_million, raw_figure
from tgviewer.core.periods.engine import Status
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.reference.countries import country_name


@dataclass(frozen=True)
class Figure:
    """One axis of a point: the figure drawn, the records' figure, and how it is known."""

    value: float
    raw: float
    status: Status
    explanation: str


@dataclass(frozen=True)
class ScatterPoint:
    """A country known on both axes."""

    country: str
    name: str
    requests: Figure
    users: Figure
    inconsistent: bool
    #: How both figures are scaled (``absolute``, ``per million inhabitants, population ...``).
    scaling: str

    @property
    def ratio(self) -> float | None:
        """Users per request; ``None`` when no request was fulfilled."""
        return None if self.requests.raw == 0 else self.users.raw / self.requests.raw


@dataclass(frozen=True)
class Scatter:
    """Every selected country's point for one period, and the countries left out."""

    span: QuarterSpan
    per_capita: bool
    points: tuple[ScatterPoint, ...]
    left_out: tuple[NotComparable, ...]

    @property
    def median_ratio(self) -> float | None:
        """The median users per request of the points that have one."""
        ratios = [r for p in self.points if (r := p.ratio) is not None]
        return statistics.median(ratios) if ratios else None


def scatter_points(
    bundle: Bundle,
    countries: Sequence[str],
    span: QuarterSpan,
    service: str,
    per_capita: bool = False,
) -> Scatter:
    """The points of ``countries`` for ``span`` (cached per question)."""
    key = (tuple(countries), span, service, per_capita)
    return cached(
        bundle, "scatter", key, lambda: _scatter(bundle, countries, span, service, per_capita)
    )


def _scatter(
    bundle: Bundle, countries: Sequence[str], span: QuarterSpan, service: str, per_capita: bool
) -> Scatter:
    points, left_out = [], []
    for country in countries:
        figures: dict[str, Figure] = {}
        unknown: dict[str, list[str]] = {}  # why -> the measures it applies to
        per_capita_reasons: list[str] = []
        inconsistent, scaling = False, "absolute"
        for measure in ("requests", "users"):
            raw, status, disagree, text = raw_figure(bundle, country, span, measure, service)
            inconsistent = inconsistent or disagree
            if raw is None:
                unknown.setdefault(text, []).append(measure)
                continue
            value = float(raw)
            if per_capita:
                scaled, scaling = per_million(country, span, value)
                if scaled is None:
                    per_capita_reasons.append("no population figure for per-capita values")
                    continue
                value = scaled
            figures[measure] = Figure(value, float(raw), status, text)
        reasons = [f"{' and '.join(measures)} {text}" for text, measures in unknown.items()]
        reasons += list(dict.fromkeys(per_capita_reasons))
        if reasons:
            left_out.append(
                NotComparable(
                    country, country_name(country), f"{span.label}: " + "; ".join(reasons)
                )
            )
            continue
        points.append(
            ScatterPoint(
                country,
                country_name(country),
                figures["requests"],
                figures["users"],
                inconsistent,
                scaling,
            )
        )
    return Scatter(span, per_capita, tuple(points), tuple(left_out))


def best_scatter_span(bundle: Bundle, countries: Sequence[str], service: str) -> QuarterSpan | None:
    """The period that puts the most of ``countries`` on the chart (both figures known);
    ties go to the most recent, then the shorter period.

    Periods are tried in that order of preference, so the first that puts every country
    on the chart ends the search (a bundle spanning centuries is not searched through).
    """
    best: tuple[int, int, int] | None = None
    chosen = None
    # No period but these has a figure for anyone.
    choices = sorted(knowable_choices(bundle), key=lambda s: (-s.last, s.length))
    for span in choices:
        count = len(scatter_points(bundle, countries, span, service).points)
        rank = (count, span.last, -span.length)
        if count and (best is None or rank > best):
            best, chosen = rank, span
            if count == len(countries):
                break
    return chosen
