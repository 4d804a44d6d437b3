"""The rules every view, export and command reads, each written once.

* which period the ranking shows (:func:`ranking_period`), which pair the compare view sets
  side by side (:func:`compare_pair`), which period the scatter shows (:func:`scatter_period`);
* a ratio (users per request) is never taken per inhabitant (``ViewState.per_capita``);
* how a measure reads with its scale, in captions and titles (:func:`scaled_measure`).
"""

from __future__ import annotations

from collections.abc import Sequence

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.scatter import best_scatter_span
from tgviewer.core.figures.series import measure_label, scale_label
from tgviewer.core.figures.suggestions import Suggestion
from tgviewer.core.periods.spans import QuarterSpan, parse_span
from tgviewer.core.state.view_state import Normalisation, ViewState

#: Said with the chart when a ratio is asked for per inhabitant.
RATIO_NOT_PER_CAPITA = "Users per request is a ratio: it is shown as it is, not per inhabitant."


def ratio_notes(state: ViewState) -> tuple[str, ...]:
    """:data:`RATIO_NOT_PER_CAPITA` when the state asks for a ratio per inhabitant."""
    asked = state.normalisation is Normalisation.PER_MILLION
    return (RATIO_NOT_PER_CAPITA,) if asked and not state.per_capita else ()


def ranking_period(state: ViewState) -> QuarterSpan | None:
    """The period the ranking shows, and the top-N group ranks on: ``ranking_period`` when
    it is one of the periods of the range, else the range's last period (``None`` when the
    range holds no whole period)."""
    periods = state.periods()
    chosen = state.ranking_span()
    if chosen in periods:
        return chosen
    return periods[-1] if periods else None


def compare_pair(
    state: ViewState, suggestions: Sequence[Suggestion]
) -> tuple[QuarterSpan | None, QuarterSpan | None]:
    """Periods A and B of the compare view: the state's pair when it names both, else the
    like-for-like pair covering the most selected countries (the first suggestion)."""
    if state.compare_a is not None and state.compare_b is not None:
        return parse_span(state.compare_a), parse_span(state.compare_b)
    if suggestions:
        return suggestions[0].a, suggestions[0].b
    return None, None


def scatter_period(bundle: Bundle, state: ViewState) -> QuarterSpan | None:
    """The period the scatter shows: ``scatter_period``, else the period that puts the most
    selected countries on the chart."""
    if state.scatter_period is not None:
        return parse_span(state.scatter_period)
    return best_scatter_span(bundle, state.countries, state.service)


def scaled_measure(bundle: Bundle, state: ViewState) -> str:
    """``Users affected, per million inhabitants``: the measure and the scale applied."""
    scale = scale_label(state)
    measure = measure_label(bundle, state.measure)
    return f"{measure}, {scale}" if scale else measure
