"""Which of the ranking's countries without a figure are rows of the chart and which are
listed below it, computed without Qt."""

from __future__ import annotations

import dataclasses

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.view_state import ViewKind, default_view_state
from tgviewer.core.views.ranking import MOST_ROWS_WITHOUT_FIGURE, RankingModel, ranking_model


def ranking(bundle: Bundle, countries: tuple[str, ...], period: str) -> RankingModel:
    state = dataclasses.replace(
        default_view_state(bundle),
        view=ViewKind.RANKING,
        countries=countries,
        ranking_period=period,
    )
    return ranking_model(bundle, state)


def test_many_countries_without_a_figure_are_listed_below_not_drawn(
    default_bundle: Bundle,
) -> None:
    model = ranking(default_bundle, tuple(default_bundle.countries), "2025Q1")
    assert len(model.unranked) > MOST_ROWS_WITHOUT_FIGURE
    assert not model.unranked_drawn
    assert model.drawn_rows == model.ranked
    assert [left.country for left in model.left_out] == [r.country for r in model.unranked]
    assert model.left_out[0].reason == "no figure for this period"
    assert model.left_out_heading == (
        f"Without a figure ({len(model.unranked)}): not ranked in Q1 2025"
    )
    # An export shows no list: its subtitle names them.
    codes = ", ".join(r.country for r in model.unranked)
    assert model.text.subtitle.endswith(f" No figure for Q1 2025: {codes}.")
    # The data behind the chart still holds every selected country.
    assert len(model.data_table().rows) >= len(model.rows)


def test_a_few_countries_without_a_figure_are_rows_of_the_chart(
    default_bundle: Bundle,
) -> None:
    # Q2 2024: Germany only has the Jan–Sep total, which cannot be split.
    model = ranking(default_bundle, ("FRA", "DEU"), "2024Q2")
    assert [r.country for r in model.unranked] == ["DEU"]
    assert model.unranked_drawn
    assert [r.country for r in model.drawn_rows] == ["FRA", "DEU"]
    assert model.left_out == () and model.left_out_heading == ""
    assert "No figure for" not in model.text.subtitle
