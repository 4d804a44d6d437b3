"""Each view's model, computed without Qt: what it shows, its rules, and what it depends on."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.series import series_rows
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.state.view_state import (
    USERS_PER_REQUEST,
    CompareOrder,
    Normalisation,
    ViewKind,
    ViewState,
    default_view_state,
)
from tgviewer.core.views.base import INPUTS, model_inputs
from tgviewer.core.views.compare import CompareModel
from tgviewer.core.views.coverage import CoverageModel
from tgviewer.core.views.formatting import NO_COUNTRY_MESSAGE, NO_PERIOD_MESSAGE
from tgviewer.core.views.ranking import RankingModel
from tgviewer.core.views.registry import BUILDERS, builder, data_csv, view_model
from tgviewer.core.views.rules import RATIO_NOT_PER_CAPITA, RATIO_NOT_SHARED, rank_rows
from tgviewer.core.views.scatter import ScatterModel
from tgviewer.core.views.table import TableModel
from tgviewer.core.views.trend import TrendModel


@pytest.fixture
def bundle(default_bundle: Bundle) -> Bundle:
    return default_bundle


def state_for(bundle: Bundle, kind: ViewKind, **changes: object) -> ViewState:
    return dataclasses.replace(default_view_state(bundle), view=kind, **changes)


@pytest.mark.parametrize("kind", list(ViewKind))
def test_every_view_has_a_model_a_title_and_its_data(bundle: Bundle, kind: ViewKind) -> None:
    model = view_model(bundle, state_for(bundle, kind))
    assert model.kind is kind and not model.empty
    assert model.text.title and "Source:" in model.text.footer
    table = model.data_table()
    assert table.rows, kind
    text = data_csv(bundle, state_for(bundle, kind))
    assert text.startswith(",".join(table.columns) + "\r\n")
    assert len(text.splitlines()) == 1 + len(table.rows)


@pytest.mark.parametrize("kind", [k for k in ViewKind if k is not ViewKind.MAP])
def test_without_countries_every_view_says_what_to_do(bundle: Bundle, kind: ViewKind) -> None:
    """(The map needs no selection: it shows every country of the bundle.)"""
    model = view_model(bundle, state_for(bundle, kind, countries=()))
    assert model.message == NO_COUNTRY_MESSAGE
    assert model.data_table().rows == ()


def test_the_trend_holds_every_point_and_span_total(bundle: Bundle) -> None:
    state = state_for(bundle, ViewKind.TREND, countries=("FRA", "DEU", "USA", "GBR"))
    model = view_model(bundle, state)
    assert isinstance(model, TrendModel)
    assert model.periods == tuple(state.periods())
    assert len(model.rows) == len(model.periods) * 4
    assert [r.country for r in model.rows[:4]] == ["FRA", "DEU", "USA", "GBR"]
    assert any(t.record.period_label == "Jan–Sep 2024" for t in model.totals)
    assert model.unit == "users affected" and model.axis_label == ""
    assert model.left_out == ()


def test_the_trend_lists_countries_an_index_cannot_draw(bundle: Bundle) -> None:
    state = state_for(
        bundle,
        ViewKind.TREND,
        countries=("FRA", "DEU"),
        normalisation=Normalisation.INDEX,
        index_base="2024Q1",
    )
    model = view_model(bundle, state)
    assert isinstance(model, TrendModel)
    germany = [r for r in model.rows_of("DEU") if r.raw == r.raw]
    assert germany and not any(r.known for r in model.rows_of("DEU"))
    assert [left.country for left in model.left_out] == ["DEU"]
    assert "index unknown: the base figure (Q1 2024) is unknown" in model.left_out[0].reason


def ratio_models(bundle: Bundle, kind: ViewKind, scale: Normalisation) -> tuple[Any, Any]:
    """The view of users per request for three countries on ``scale``, and as it is."""
    countries = ("FRA", "DEU", "USA")
    asked = state_for(
        bundle, kind, countries=countries, measure=USERS_PER_REQUEST, normalisation=scale
    )
    plain = state_for(bundle, kind, countries=countries, measure=USERS_PER_REQUEST)
    return view_model(bundle, asked), view_model(bundle, plain)


@pytest.mark.parametrize(
    ("scale", "note"),
    [(Normalisation.PER_MILLION, RATIO_NOT_PER_CAPITA), (Normalisation.SHARE, RATIO_NOT_SHARED)],
)
@pytest.mark.parametrize(
    "kind", [ViewKind.TREND, ViewKind.RANKING, ViewKind.TABLE, ViewKind.COMPARE]
)
def test_a_ratio_is_shown_as_it_is_on_any_scale(
    bundle: Bundle, kind: ViewKind, scale: Normalisation, note: str
) -> None:
    scaled, plain = ratio_models(bundle, kind, scale)
    column = "value_a" if kind is ViewKind.COMPARE else "value"
    figures = scaled.data_table().column(column)
    assert figures and figures == plain.data_table().column(column)
    assert "per million" not in scaled.text.title and "%" not in scaled.text.title
    assert "population" not in scaled.text.subtitle
    assert scaled.notes.count(note) == 1
    assert not any("figures are absolute" in n for n in scaled.notes)
    populations = [
        cell
        for name in scaled.data_table().columns
        if name.startswith("population")
        for cell in scaled.data_table().column(name)
    ]
    assert not any(populations)  # no population scaled a ratio


def test_a_ratio_is_compared_as_it_is_but_counts_per_inhabitant(bundle: Bundle) -> None:
    countries = ("FRA", "DEU", "USA")
    compare, _ = ratio_models(bundle, ViewKind.COMPARE, Normalisation.PER_MILLION)
    assert isinstance(compare, CompareModel) and compare.comparison is not None
    assert not compare.comparison.per_capita
    # Counts per inhabitant are scaled, though.
    users = view_model(
        bundle,
        state_for(
            bundle, ViewKind.TREND, countries=countries, normalisation=Normalisation.PER_MILLION
        ),
    )
    assert "per million inhabitants" in users.text.title


def test_the_ranking_orders_by_value_then_code(bundle: Bundle) -> None:
    state = state_for(
        bundle, ViewKind.RANKING, countries=("USA", "FRA", "DEU", "ISL"), ranking_period="2025Q1"
    )
    model = view_model(bundle, state)
    assert isinstance(model, RankingModel)
    assert model.shown == (parse_span("2025Q1"),) and model.period == parse_span("2025Q1")
    values = [r.value for r in model.ranked]
    assert values == sorted(values, reverse=True)
    assert [r.country for r in model.unranked] == [
        c for c in state.countries if c not in {r.country for r in model.ranked}
    ]
    assert model.caption == model.text.title == "Users affected, Q1 2025"
    rows = series_rows(bundle, state, [parse_span("2025Q1")])
    tied = tuple(dataclasses.replace(r, value=5.0) for r in rows if r.known)
    assert [r.country for r in rank_rows(tied)[0]] == sorted(r.country for r in tied)


def test_a_ranking_period_outside_the_range_gives_the_opening_period(bundle: Bundle) -> None:
    state = state_for(bundle, ViewKind.RANKING, ranking_period="2023")
    model = view_model(bundle, state)
    assert model.shown == (parse_span("2025Q4"),)  # where it opens (see below)
    # A yearly range of two quarters holds no whole period: the ranking says so.
    short = state_for(
        bundle,
        ViewKind.RANKING,
        granularity=Granularity.YEAR,
        first=parse_span("2025Q3").first,
        last=parse_span("2025Q4").last,
        ranking_period="2024Q1",
    )
    empty = view_model(bundle, short)
    assert empty.shown == () and empty.message == NO_PERIOD_MESSAGE


def test_the_ranking_opens_on_the_latest_period_with_the_most_figures(bundle: Bundle) -> None:
    state = state_for(bundle, ViewKind.RANKING)
    assert state.periods()[-1] == parse_span("2026Q1")  # where three of five are known
    model = view_model(bundle, state)
    assert isinstance(model, RankingModel)
    assert model.period == parse_span("2025Q4") and len(model.ranked) == 5
    # When every period has the same count, the latest wins.
    two = state_for(bundle, ViewKind.RANKING, countries=("DEU", "FRA"))
    assert view_model(bundle, two).shown == (parse_span("2026Q1"),)


def test_the_ranking_ranks_a_year_or_half_whatever_the_period_length(bundle: Bundle) -> None:
    state = state_for(bundle, ViewKind.RANKING)
    model = view_model(bundle, state)
    assert isinstance(model, RankingModel)
    codes = [span.code for span in model.choices]
    # The range's quarters first, then the years and halves inside it.
    assert codes[: len(state.periods())] == [span.code for span in state.periods()]
    assert codes[len(state.periods()) :] == ["2024", "2025", "2024H1", "2024H2", "2025H1", "2025H2"]
    year = view_model(bundle, dataclasses.replace(state, ranking_period="2025"))
    assert isinstance(year, RankingModel)
    assert year.period == parse_span("2025") and year.caption == "Users affected, 2025"
    assert state.granularity is Granularity.QUARTER  # unchanged
    # A yearly range offers its years, then halves and quarters.
    yearly = view_model(bundle, dataclasses.replace(state, granularity=Granularity.YEAR))
    assert [s.code for s in yearly.choices][:3] == ["2024", "2025", "2024H1"]
    assert "2026Q1" in [s.code for s in yearly.choices]


def test_the_table_keeps_selection_order(bundle: Bundle) -> None:
    model = view_model(bundle, state_for(bundle, ViewKind.TABLE, countries=("USA", "FRA")))
    assert isinstance(model, TableModel)
    assert model.data_table().column("country")[:2] == ["USA", "USA"]
    assert model.caption.startswith("Users affected; hover a cell")


def test_compare_picks_a_like_for_like_pair_and_orders_rows(bundle: Bundle) -> None:
    state = state_for(bundle, ViewKind.COMPARE, compare_order=CompareOrder.NAME)
    model = view_model(bundle, state)
    assert isinstance(model, CompareModel)
    assert model.suggestions and (model.a, model.b) == (
        model.suggestions[0].a,
        model.suggestions[0].b,
    )
    assert model.shown == (model.a, model.b)
    names = [r.name for r in model.rows]
    assert names == sorted(names)
    assert model.a in model.choices and model.b in model.choices


def test_compare_of_unequal_periods_says_it_compares_averages(bundle: Bundle) -> None:
    model = view_model(
        bundle, state_for(bundle, ViewKind.COMPARE, compare_a="2024Q1-2024Q3", compare_b="2025Q1")
    )
    assert model.notes and model.notes[0].startswith("⚠ Jan–Sep 2024 (3 quarters)")
    assert model.text.title.endswith("Jan–Sep 2024 against Q1 2025 (per-quarter averages)")
    assert isinstance(model, CompareModel) and "per-quarter average" in model.unit


def test_coverage_and_scatter(bundle: Bundle) -> None:
    coverage = view_model(bundle, state_for(bundle, ViewKind.COVERAGE))
    assert isinstance(coverage, CoverageModel) and coverage.grid is not None
    assert coverage.order == tuple(row.country for row in coverage.grid.rows)
    assert "per million" not in coverage.text.subtitle
    scatter = view_model(
        bundle, state_for(bundle, ViewKind.SCATTER, normalisation=Normalisation.PER_MILLION)
    )
    assert isinstance(scatter, ScatterModel) and scatter.scatter is not None
    assert scatter.per_capita and scatter.x_label.endswith("per million inhabitants")
    assert scatter.shown == (scatter.period,)
    assert "Population" in scatter.text.footer


def test_each_view_declares_the_fields_it_is_drawn_from(bundle: Bundle) -> None:
    assert set(INPUTS) == set(ViewKind) == set(BUILDERS)
    state = state_for(bundle, ViewKind.TREND)
    assert model_inputs(
        ViewKind.TREND, dataclasses.replace(state, ranking_period="2025Q1")
    ) == model_inputs(ViewKind.TREND, state)
    assert "ranking_period" in INPUTS[ViewKind.RANKING]
    assert "log_scale" not in INPUTS[ViewKind.TABLE]
    assert "granularity" not in INPUTS[ViewKind.COMPARE]
    # A model is computed once per set of inputs: an undeclared field changes nothing.
    first = view_model(bundle, state)
    assert view_model(bundle, dataclasses.replace(state, compare_order=CompareOrder.A)) is first
    assert view_model(bundle, dataclasses.replace(state, log_scale=True)) is not first
    table = view_model(bundle, dataclasses.replace(state, view=ViewKind.TABLE))
    logged = view_model(bundle, dataclasses.replace(state, view=ViewKind.TABLE, log_scale=True))
    assert table is logged


def test_trend_and_table_share_their_rows(bundle: Bundle) -> None:
    state = state_for(bundle, ViewKind.TREND, countries=("FRA", "ISL"))
    trend = view_model(bundle, state)
    table = view_model(bundle, dataclasses.replace(state, view=ViewKind.TABLE))
    assert isinstance(trend, TrendModel) and isinstance(table, TableModel)
    assert trend.rows is table.rows


class Poisoned(ViewState):
    """A state whose fields outside ``allowed`` cannot be read."""

    allowed: frozenset[str] = frozenset()

    def __getattribute__(self, name: str) -> object:
        fields = {f.name for f in dataclasses.fields(ViewState)}
        if name in fields and name not in object.__getattribute__(self, "allowed"):
            raise AssertionError(f"the model read the undeclared field {name!r}")
        return object.__getattribute__(self, name)


@pytest.mark.parametrize("kind", list(ViewKind))
def test_a_builder_reads_only_its_declared_fields(bundle: Bundle, kind: ViewKind) -> None:
    inputs = model_inputs(kind, state_for(bundle, kind))
    poisoned = Poisoned(**{f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)})
    object.__setattr__(poisoned, "allowed", frozenset((*INPUTS[kind], "view")))
    model = builder(kind)(bundle, poisoned)
    assert model.text.title and (model.empty or model.data_table().rows)
