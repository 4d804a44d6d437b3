"""Stepping one period at a time: each view moves its own periods, never past the data."""

from __future__ import annotations

import dataclasses

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.state.view_state import ViewKind, default_view_state
from tgviewer.core.views.registry import view_model
from tgviewer.core.views.stepping import next_of_kind, step_state


def test_a_period_moves_to_the_next_of_its_kind() -> None:
    assert next_of_kind(parse_span("2025Q1"), 1).code == "2025Q2"
    assert next_of_kind(parse_span("2025H1"), 1).code == "2025H2"
    assert next_of_kind(parse_span("2024Q1-2024Q3"), 1).code == parse_span("2025Q1-2025Q3").code
    assert next_of_kind(parse_span("2025"), -1).code == "2024"


def test_the_ranking_steps_through_its_periods(default_bundle: Bundle) -> None:
    state = dataclasses.replace(default_view_state(default_bundle), view=ViewKind.RANKING)
    opening = parse_span("2025Q4")  # the latest quarter with all five countries' figures
    assert view_model(default_bundle, state).shown == (opening,)
    back = step_state(state, default_bundle, -1)
    assert back.ranking_period == "2025Q3"
    assert step_state(back, default_bundle, 1).ranking_period is None  # the opening again
    last = step_state(state, default_bundle, 1)
    assert last.ranking_period == "2026Q1"
    assert step_state(last, default_bundle, 1) == last  # the end: unchanged


def test_a_year_ranked_in_a_quarterly_range_steps_by_years(default_bundle: Bundle) -> None:
    state = dataclasses.replace(
        default_view_state(default_bundle), view=ViewKind.RANKING, ranking_period="2025"
    )
    assert view_model(default_bundle, state).shown == (parse_span("2025"),)
    back = step_state(state, default_bundle, -1)
    assert back.ranking_period == "2024"
    assert step_state(back, default_bundle, -1) == back  # 2023 is outside the range


def test_compare_moves_both_periods_or_neither(default_bundle: Bundle) -> None:
    state = dataclasses.replace(default_view_state(default_bundle), view=ViewKind.COMPARE)
    quarters = dataclasses.replace(state, compare_a="2025Q1", compare_b="2025Q2")
    moved = step_state(quarters, default_bundle, -1)
    assert (moved.compare_a, moved.compare_b) == ("2024Q4", "2025Q1")
    spans = dataclasses.replace(state, compare_a="2024Q1-2024Q3", compare_b="2025Q1-2025Q3")
    assert step_state(spans, default_bundle, 1) == spans  # Jan–Sep 2026 is not in the data


def test_the_scatter_steps_its_period(default_bundle: Bundle) -> None:
    state = dataclasses.replace(default_view_state(default_bundle), view=ViewKind.SCATTER)
    state = dataclasses.replace(state, scatter_period="2025H2")
    assert step_state(state, default_bundle, -1).scatter_period == "2025H1"


def test_views_along_time_move_the_end_of_their_range(default_bundle: Bundle) -> None:
    state = dataclasses.replace(default_view_state(default_bundle), view=ViewKind.TREND)
    shorter = step_state(state, default_bundle, -1)
    assert (shorter.first, shorter.last) == (state.first, state.last - 1)
    assert step_state(shorter, default_bundle, 1) == state
    assert step_state(state, default_bundle, 1) == state  # already at the data's end
    years = dataclasses.replace(state, granularity=Granularity.YEAR, view=ViewKind.TABLE)
    assert step_state(years, default_bundle, -1).last == years.last - 4
    one = dataclasses.replace(state, last=state.first)
    assert step_state(one, default_bundle, -1) == one  # at least one period stays
