"""The map's model: colour classes, every country of the bundle, honest statuses."""

from __future__ import annotations

import dataclasses
import math

import pytest

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.classes import Classes, class_bounds, nice_step
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.state.view_state import (
    MapClasses,
    Normalisation,
    ViewKind,
    ViewState,
    default_view_state,
)
from tgviewer.core.views.map import MapModel, map_period
from tgviewer.core.views.registry import view_model
from tgviewer.core.views.stepping import step_state


def map_of(bundle: Bundle, **changes: object) -> MapModel:
    state = dataclasses.replace(default_view_state(bundle), view=ViewKind.MAP, **changes)
    model = view_model(bundle, state)
    assert isinstance(model, MapModel)
    return model


@pytest.mark.parametrize(
    ("span", "step"), [(60, 10), (10_000, 2_000), (7.2, 2), (0.06, 0.01), (1, 0.2)]
)
def test_nice_steps_are_round_and_give_four_to_six_classes(span: float, step: float) -> None:
    assert nice_step(span, 5) == pytest.approx(step)
    assert 4 <= math.ceil(span / step - 1e-9) <= 6


def test_nice_classes_start_at_zero_so_a_zero_is_a_colour() -> None:
    classes = class_bounds([0, 12, 60], MapClasses.NICE)
    assert classes.bounds[0] == 0
    assert classes.of(0) == 0 and classes.of(60) == classes.count - 1
    assert classes.of(float("nan")) is None


def test_quantile_classes_hold_about_as_many_countries() -> None:
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 1000, 12000]
    classes = class_bounds(values, MapClasses.QUANTILE)
    sizes = [sum(1 for v in values if classes.of(v) == k) for k in range(classes.count)]
    assert max(sizes) <= 4 and min(sizes) >= 1
    assert classes.bounds[-1] == 12000 and classes.of(12000) == classes.count - 1


def test_equal_classes_run_from_the_smallest_to_the_largest() -> None:
    classes = class_bounds([3, 10_000], MapClasses.EQUAL)
    assert classes.bounds[0] == 3 and classes.bounds[-1] == 10_000 and classes.count == 5


def test_log_classes_are_powers_of_ten_with_a_class_for_zero() -> None:
    classes = class_bounds([0, 3, 10_000], MapClasses.NICE, log=True)
    assert classes.zero_class and classes.bounds == (1, 10, 100, 1_000, 10_000)
    assert classes.of(0) == 0 and classes.of(3) == 1 and classes.of(10_000) == 4
    assert classes.labels()[:2] == ("0", "1–10")


def test_the_map_shows_every_country_of_the_bundle(default_bundle: Bundle) -> None:
    model = map_of(default_bundle)
    assert {e.country for e in model.entries} == set(default_bundle.countries)
    assert model.period is not None and model.shown == (model.period,)
    known = [e for e in model.entries if e.known]
    assert known and all(e.klass is not None for e in known)
    unknown = [e for e in model.entries if not e.known]
    assert all(e.reason for e in unknown)
    assert [n.country for n in model.left_out] == [e.country for e in unknown]
    table = model.data_table()
    assert len(table.rows) == len(default_bundle.countries)
    assert table.column("country") == [e.country for e in model.entries]


def test_the_default_period_is_the_latest_with_most_countries(default_bundle: Bundle) -> None:
    model = map_of(default_bundle)
    state = model.state
    counts = {
        p: sum(1 for e in map_of(default_bundle, map_period=p.code).entries if e.known)
        for p in state.periods()
    }
    best = max(counts.values())
    assert model.period == max(p for p, n in counts.items() if n == best)


def test_the_search_for_the_default_period_stops_at_the_first_with_every_country() -> None:
    state = ViewState(countries=("FRA",), first=0, last=4000 * 4 - 1)  # a thousand years
    periods = state.periods()
    asked: list[object] = []

    def known(period: object) -> int:
        asked.append(period)
        return 3 if period == periods[-3] else 2

    assert map_period(state, known, most=3) == periods[-3]
    assert asked == [periods[-1], periods[-2], periods[-3]]
    # With no period holding every country, all are counted and the latest best wins.
    asked.clear()
    assert map_period(state, lambda p: asked.append(p) or 2, most=3) == periods[-1]
    assert len(asked) == len(periods)


def test_a_chosen_period_is_shown_and_stepping_moves_it(default_bundle: Bundle) -> None:
    state = dataclasses.replace(
        default_view_state(default_bundle),
        view=ViewKind.MAP,
        granularity=Granularity.YEAR,
        map_period="2024",
    )
    assert view_model(default_bundle, state).shown == (parse_span("2024"),)
    moved = step_state(state, default_bundle, 1)
    assert moved.map_period == "2025"


def test_a_reported_zero_is_coloured_not_missing(default_bundle: Bundle) -> None:
    for model in (
        map_of(default_bundle, map_period=p.code)
        for p in default_view_state(default_bundle).periods()
    ):
        zeros = [e for e in model.entries if e.known and e.row.value == 0]
        if zeros:
            assert all(e.klass == 0 for e in zeros)
            return
    pytest.skip("the default bundle reports no zero")


def test_per_million_classes_and_title_say_the_scale(default_bundle: Bundle) -> None:
    model = map_of(
        default_bundle, normalisation=Normalisation.PER_MILLION, granularity=Granularity.YEAR
    )
    assert "per million inhabitants" in model.text.title
    assert model.labels and model.classes.bounds[-1] >= max(
        e.row.value for e in model.entries if e.known
    )


def test_a_share_is_of_the_countries_with_a_figure(default_bundle: Bundle) -> None:
    model = map_of(default_bundle, normalisation=Normalisation.SHARE)
    known = [e.row.value for e in model.entries if e.known]
    assert sum(known) == pytest.approx(100)
    assert "countries shown" in model.text.title
    assert all("selected" not in e.row.scaling for e in model.entries)


def test_selected_countries_are_marked(default_bundle: Bundle) -> None:
    model = map_of(default_bundle, countries=("FRA", "DEU"))
    assert {e.country for e in model.entries if e.selected} == {"FRA", "DEU"}


def test_the_map_credits_natural_earth_and_names_its_borders(default_bundle: Bundle) -> None:
    footer = map_of(default_bundle).text.footer
    assert "Natural Earth" in footer and "de facto" in footer and "Crimea" in footer


def test_a_saved_map_view_round_trips() -> None:
    state = ViewState(
        first=parse_span("2024Q1").first,
        last=parse_span("2025Q4").last,
        view=ViewKind.MAP,
        map_period="2025H1",
        map_classes=MapClasses.QUANTILE,
    )
    assert ViewState.from_dict(state.to_dict()) == state


def test_unknown_class_method_is_refused_with_its_field() -> None:
    document = {**ViewState(first=8096, last=8099).to_dict(), "map_classes": "jenks"}
    with pytest.raises(ValueError, match="map_classes"):
        ViewState.from_dict(document)


def test_classes_of_one_value() -> None:
    assert class_bounds([5, 5], MapClasses.EQUAL) == Classes((5, 6))


def test_quantile_ends_are_rounded_outwards_so_they_read_well() -> None:
    classes = class_bounds([2.28, 17, 35, 70, 120, 149.3], MapClasses.QUANTILE)
    assert classes.bounds[0] == 2.2 and classes.bounds[-1] == 150
    assert classes.of(2.28) == 0 and classes.of(149.3) == classes.count - 1
