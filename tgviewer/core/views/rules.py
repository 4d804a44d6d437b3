"""The rules every view, export and command reads, each written once.

* which period the ranking and the top-N group show (:func:`ranking_period`), and how they
  order countries (:func:`rank_rows`); the compare view's pair and the scatter's period are
  chosen in their own modules (``compare.compare_pair``, ``scatter.scatter_period``);
* a ratio (users per request) is never taken per inhabitant (``ViewState.per_capita``);
* how a measure reads with its scale, in captions and titles (:func:`scaled_measure`).
"""

from __future__ import annotations

from collections.abc import Sequence

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.knowable import knowable_choices
from tgviewer.core.figures.series import SeriesRow, measure_label, scale_label
from tgviewer.core.periods.spans import QuarterSpan, parse_span
from tgviewer.core.state.view_state import Normalisation, ViewState

#: Said with the chart when a ratio is asked for per inhabitant.
RATIO_NOT_PER_CAPITA = "Users per request is a ratio: it is shown as it is, not per inhabitant."
RATIO_NOT_SHARED = (
    "Users per request is a ratio: ratios do not add up to a total, so it is shown as it is, "
    "not as a share."
)


def ratio_notes(state: ViewState) -> tuple[str, ...]:
    """What to say when the state asks for a ratio per inhabitant or as a share (it is
    shown as it is: see ``ViewState.ratio_as_is``)."""
    if not state.ratio_as_is:
        return ()
    per_million = state.normalisation is Normalisation.PER_MILLION
    return (RATIO_NOT_PER_CAPITA if per_million else RATIO_NOT_SHARED,)


def ranking_period(state: ViewState) -> QuarterSpan | None:
    """The period the ranking shows, and the top-N group ranks on: ``ranking_period`` when
    it is one of the periods of the range, else the range's last period (``None`` when the
    range holds no whole period)."""
    periods = state.periods()
    if state.ranking_period is not None and (chosen := parse_span(state.ranking_period)) in periods:
        return chosen
    return periods[-1] if periods else None


def ranking_choice(state: ViewState, span: QuarterSpan) -> str | None:
    """The ``ranking_period`` that shows ``span``: ``None`` for the range's last period,
    the default, so the ranking follows the range when it later moves; its code otherwise."""
    periods = state.periods()
    return None if periods and span == periods[-1] else span.code


def not_drawn_reason(rows: Sequence[SeriesRow], absent: str) -> str:
    """Why nothing is drawn from ``rows`` (one country's): the reason the scale cannot
    apply to a known figure, else ``absent`` (no figure at all)."""
    stuck = [row for row in rows if row.raw == row.raw]
    return stuck[0].scaling if stuck else absent


def choices_with(bundle: Bundle, shown: Sequence[QuarterSpan | None]) -> tuple[QuarterSpan, ...]:
    """The periods a view lets the user pick (the periods of the bundle, as
    :func:`period_choices` lists them, that some record could give a figure for), and the
    ``shown`` ones when they are not among them."""
    choices = knowable_choices(bundle)
    return tuple(choices + [s for s in dict.fromkeys(shown) if s is not None and s not in choices])


def rank_rows(rows: Sequence[SeriesRow]) -> tuple[tuple[SeriesRow, ...], tuple[SeriesRow, ...]]:
    """``rows`` split into those with a value, largest first (ties by code), and the rest in
    their order: the one ordering of a ranking, the ranking view's and the top-N group's."""
    ranked = sorted((r for r in rows if r.known), key=lambda r: (-r.value, r.country))
    return tuple(ranked), tuple(r for r in rows if not r.known)


def scaled_measure(bundle: Bundle, state: ViewState) -> str:
    """``Users affected, per million inhabitants``: the measure and the scale applied."""
    scale = scale_label(state)
    measure = measure_label(bundle, state.measure)
    return f"{measure}, {scale}" if scale else measure
