"""Requests against users for one period: the points, the countries left out, the median."""

from __future__ import annotations

import pytest

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.scatter import best_scatter_span, scatter_points
from tgviewer.core.periods.engine import Status
from tgviewer.core.periods.spans import parse_span

JAN_SEP_2024 = parse_span("2024Q1-2024Q3")


def test_points_hold_both_reported_figures(default_bundle: Bundle) -> None:
    scatter = scatter_points(default_bundle, ["DEU", "FRA", "USA"], JAN_SEP_2024, "Telegram")
    points = {p.country: p for p in scatter.points}
    # The community dataset's Jan–Sep 2024 totals.
    assert (points["DEU"].requests.value, points["DEU"].users.value) == (53, 115)
    assert (points["FRA"].requests.value, points["FRA"].users.value) == (220, 686)
    assert (points["USA"].requests.value, points["USA"].users.value) == (14, 108)
    assert points["DEU"].users.status is Status.REPORTED
    assert points["DEU"].ratio == pytest.approx(115 / 53)
    # The median of 115/53, 686/220 and 108/14.
    assert scatter.median_ratio == pytest.approx(686 / 220)


def test_a_country_without_both_figures_is_left_out_with_the_reason(default_bundle: Bundle) -> None:
    scatter = scatter_points(default_bundle, ["DEU", "ISL"], JAN_SEP_2024, "Telegram")
    assert [p.country for p in scatter.points] == ["DEU"]
    (left,) = scatter.left_out
    assert left.country == "ISL"
    assert left.reason == (
        "Jan–Sep 2024: requests and users unknown: records cover only "
        "2024, which do not separate Jan–Sep 2024"
    )


def test_zero_requests_have_no_ratio_and_do_not_move_the_median(default_bundle: Bundle) -> None:
    scatter = scatter_points(default_bundle, ["DEU", "SRB"], JAN_SEP_2024, "Telegram")
    serbia = next(p for p in scatter.points if p.country == "SRB")
    assert (serbia.requests.value, serbia.users.value, serbia.ratio) == (0, 0, None)
    assert scatter.median_ratio == pytest.approx(115 / 53)


def test_per_capita_scales_both_axes_by_one_population(default_bundle: Bundle) -> None:
    scatter = scatter_points(
        default_bundle, ["FRA"], parse_span("2025Q2"), "Telegram", per_capita=True
    )
    (france,) = scatter.points
    assert france.users.value == pytest.approx(1024 / 68551653 * 1e6)
    assert france.requests.value == pytest.approx(france.requests.raw / 68551653 * 1e6)
    assert france.ratio == pytest.approx(1024 / france.requests.raw)
    assert france.scaling.startswith("per million inhabitants, population 68,551,653 (2024)")


def test_the_default_period_puts_the_most_countries_on_the_chart(default_bundle: Bundle) -> None:
    everyone = list(default_bundle.countries)
    assert best_scatter_span(default_bundle, everyone, "Telegram") == JAN_SEP_2024
    # Three countries with quarters everywhere: the most recent quarter wins the tie.
    assert best_scatter_span(default_bundle, ["DEU", "FRA", "USA"], "Telegram") == parse_span(
        "2026Q1"
    )
    assert best_scatter_span(default_bundle, [], "Telegram") is None
