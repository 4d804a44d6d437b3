"""Stepping through time one period at a time (presentation mode's Left and Right keys).

What "the next period" means depends on the view: the ranking and the scatter move their
one period, the compare view moves both A and B, and the views along time move the end of
their range (in class, the story is told period by period: Left hides the last period,
Right reveals the next). A period always moves to the next one of its own kind (a quarter
to the next quarter, Jan–Sep 2024 to Jan–Sep 2025), so stepping never makes unlike periods
meet; a step past the bundle's first or last quarter leaves the state as it is.
"""

from __future__ import annotations

import dataclasses

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.state.view_state import ViewKind, ViewState
from tgviewer.core.views.registry import view_model
from tgviewer.core.views.rules import ranking_choice


def next_of_kind(span: QuarterSpan, delta: int) -> QuarterSpan:
    """The period ``delta`` steps from ``span`` of the same kind: quarters and halves move
    by their length, anything of three quarters or more by a year."""
    step = span.length if span.length < 3 else 4
    return QuarterSpan(span.first + delta * step, span.last + delta * step)


def step_state(state: ViewState, bundle: Bundle, delta: int) -> ViewState:
    """``state`` moved ``delta`` periods (negative: back); unchanged at either end.

    The periods a view picks for itself (the ranking's period, the compare view's A and B,
    the scatter's period) are those its model shows.
    """
    shown = view_model(bundle, state).shown
    whole = bundle.quarter_span
    if whole is None or delta == 0:
        return state
    kind = state.view
    if kind in (ViewKind.RANKING, ViewKind.MAP) and shown:
        periods = state.periods()
        if shown[0] in periods:
            index = periods.index(shown[0]) + delta
            if not 0 <= index < len(periods):
                return state
            moved_to = periods[index]
        elif kind is ViewKind.RANKING:  # a year or half ranked in a range of another length
            moved_to = next_of_kind(shown[0], delta)
            if not state.span.contains(moved_to):
                return state
        else:
            return state
        if kind is ViewKind.MAP:
            return dataclasses.replace(state, map_period=moved_to.code)
        return dataclasses.replace(state, ranking_period=ranking_choice(bundle, state, moved_to))
    if kind in (ViewKind.SCATTER, ViewKind.COMPARE) and shown:
        moved = [next_of_kind(span, delta) for span in shown]
        if not all(whole.contains(span) for span in moved):
            return state
        if kind is ViewKind.SCATTER:
            return dataclasses.replace(state, scatter_period=moved[0].code)
        if len(moved) == 2:
            return dataclasses.replace(state, compare_a=moved[0].code, compare_b=moved[1].code)
        return state
    if kind in (ViewKind.TREND, ViewKind.TABLE, ViewKind.COVERAGE):
        quarters = state.granularity.quarters
        span = state.span
        last = span.last + delta * quarters
        if last > whole.last or last - span.first + 1 < quarters:
            return state
        return dataclasses.replace(state, first=span.first, last=last)
    return state
