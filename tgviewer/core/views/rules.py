"""The rules every view, export and command reads, each written once.

* which period the ranking and the top-N group show (:func:`ranking_period`: by default the
  latest where the most selected countries have a figure), which periods the ranking offers
  (:func:`ranking_choices`: a year or half too, whatever the range's period length), and how
  they order countries (:func:`rank_rows`); the compare view's pair and the scatter's period are
  chosen in their own modules (``compare.compare_pair``, ``scatter.scatter_period``);
* a ratio (users per request) is never taken per inhabitant (``ViewState.per_capita``);
* how a measure reads with its scale, in captions and titles (:func:`scaled_measure`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.knowable import knowable_choices
from tgviewer.core.figures.series import SeriesRow, measure_label, scale_label, series_rows
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


#: The lengths of period the ranking offers besides the range's own: years, halves and
#: quarters (in quarters), each starting where a period of its kind starts.
RANKING_LENGTHS = (4, 2, 1)


def _is_rankable(state: ViewState, span: QuarterSpan) -> bool:
    """Whether the ranking may show ``span``: one of the range's periods, or a whole year,
    half or quarter inside the range."""
    if span in state.periods():
        return True
    return (
        span.length in RANKING_LENGTHS
        and span.first % span.length == 0
        and state.span.contains(span)
    )


def ranking_choices(bundle: Bundle, state: ViewState) -> tuple[QuarterSpan, ...]:
    """The periods the ranking offers: the range's periods, oldest first, then the years,
    halves and quarters of other lengths inside the range that a record could give a figure
    for (longest first, each kind oldest first), so a year or a half is ranked without changing the
    range's period length first."""
    periods = state.periods()
    shown, whole = set(periods), state.span
    others = [  # what _is_rankable allows besides the range's periods
        span
        for span in knowable_choices(bundle)
        if span.length in RANKING_LENGTHS
        and span.length != state.granularity.quarters
        and span.first % span.length == 0
        and whole.contains(span)
        and span not in shown
    ]
    # Longest first (years, halves, quarters), each kind oldest first, as the range's are.
    return (*periods, *sorted(others, key=lambda span: (-span.length, span.first)))


def default_ranking_period(bundle: Bundle, state: ViewState) -> QuarterSpan | None:
    """The period the ranking opens on: the latest of the range's periods where the most
    selected countries have a figure (on the state's measure and scale); the range's last
    period when none has one (``None`` when the range holds no whole period)."""
    periods = state.periods()
    if not periods:
        return None
    counts = Counter(row.period for row in series_rows(bundle, state, periods) if row.known)
    best = max(counts.values(), default=0)
    if best == 0:
        return periods[-1]
    return next(span for span in reversed(periods) if counts[span.code] == best)


def ranking_period(bundle: Bundle, state: ViewState) -> QuarterSpan | None:
    """The period the ranking shows, and the top-N group ranks on: ``ranking_period`` when
    it is one of the range's periods or a whole year, half or quarter inside the range, else
    :func:`default_ranking_period`."""
    if state.ranking_period is not None:
        chosen = parse_span(state.ranking_period)
        if _is_rankable(state, chosen):
            return chosen
    return default_ranking_period(bundle, state)


def ranking_choice(bundle: Bundle, state: ViewState, span: QuarterSpan) -> str | None:
    """The ``ranking_period`` that shows ``span``: ``None`` for the period the ranking opens
    on, so the ranking follows the range and the selection when they later change; its code
    otherwise."""
    return None if span == default_ranking_period(bundle, state) else span.code


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
