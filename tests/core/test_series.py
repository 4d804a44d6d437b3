"""What views draw: per-period figures, normalisations, ratios and span totals."""

from __future__ import annotations

import math

import pytest

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.series import SeriesRow, index_value, series_rows, span_totals
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.state.view_state import USERS_PER_REQUEST, Normalisation, ViewState


def state(**changes: object) -> ViewState:
    span = parse_span("2024-2025")
    base = ViewState(
        countries=("FRA", "DEU", "USA"), first=span.first, last=span.last, measure="users"
    )
    return ViewState(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def cell(rows: tuple[SeriesRow, ...], country: str, period: str) -> SeriesRow:
    return next(r for r in rows if r.country == country and r.period == period)


def test_quarterly_users_with_status(default_bundle: Bundle) -> None:
    rows = series_rows(default_bundle, state())
    assert len(rows) == 3 * 8
    assert cell(rows, "FRA", "2024Q1").value == 17
    assert cell(rows, "FRA", "2024Q1").status == "reported"
    assert math.isnan(cell(rows, "DEU", "2024Q1").value)  # inside a Jan–Sep total
    assert cell(rows, "DEU", "2024Q1").status == "unknown"
    assert cell(rows, "USA", "2024Q4").value == 2145


def test_yearly_granularity_uses_reported_years(default_bundle: Bundle) -> None:
    rows = series_rows(default_bundle, state(granularity=Granularity.YEAR))
    assert list(dict.fromkeys(row.period for row in rows)) == ["2024", "2025"]
    assert cell(rows, "DEU", "2025").value == 12455


def test_per_million_uses_the_population_of_the_period_year(default_bundle: Bundle) -> None:
    rows = series_rows(default_bundle, state(normalisation=Normalisation.PER_MILLION))
    row = cell(rows, "FRA", "2025Q1")
    assert row.value == pytest.approx(1425 / 68551653 * 1e6)
    assert row.scaling == (
        "per million inhabitants, population 68,551,653 (2024), latest available for 2025"
    )
    assert row.raw == 1425


def test_share_needs_every_selected_figure(default_bundle: Bundle) -> None:
    rows = series_rows(default_bundle, state(normalisation=Normalisation.SHARE))
    q4 = cell(rows, "FRA", "2024Q4")
    assert q4.value == pytest.approx(1386 / (1386 + 2122 + 2145) * 100)
    q1 = cell(rows, "FRA", "2024Q1")
    assert math.isnan(q1.value)
    assert "not every selected country's figure is known for Q1 2024" in q1.scaling


def test_index_uses_each_countrys_own_base_figure(default_bundle: Bundle) -> None:
    rows = series_rows(
        default_bundle, state(normalisation=Normalisation.INDEX, index_base="2024Q4")
    )
    # France, users: 17 in Q1 2024, 1,386 in Q4 2024 (the base), 1,425 in Q1 2025.
    assert cell(rows, "FRA", "2024Q4").value == 100
    assert cell(rows, "FRA", "2025Q1").value == pytest.approx(1425 / 1386 * 100)
    assert cell(rows, "FRA", "2024Q1").value == pytest.approx(17 / 1386 * 100)
    assert cell(rows, "FRA", "2025Q1").raw == 1425
    assert cell(rows, "FRA", "2025Q1").scaling == "index, Q4 2024 = 100 (base figure 1386)"
    assert cell(rows, "USA", "2025Q1").value == pytest.approx(1664 / 2145 * 100)
    # Germany's Q4 2024 is reported, but its Q1 2024 lies inside a Jan–Sep total.
    assert math.isnan(cell(rows, "DEU", "2024Q1").value)
    assert span_totals(default_bundle, state(normalisation=Normalisation.INDEX)) == []


def test_index_base_of_another_length_gives_way_to_the_first_period(default_bundle: Bundle) -> None:
    chosen = state(
        normalisation=Normalisation.INDEX, index_base="2025", granularity=Granularity.QUARTER
    )
    assert chosen.index_span() == parse_span("2024Q1")
    yearly = state(
        normalisation=Normalisation.INDEX, index_base="2025", granularity=Granularity.YEAR
    )
    rows = series_rows(default_bundle, yearly)
    assert cell(rows, "DEU", "2025").value == 100
    per_year = series_rows(default_bundle, state(granularity=Granularity.YEAR))
    assert cell(rows, "USA", "2024").value == pytest.approx(
        cell(per_year, "USA", "2024").value / cell(per_year, "USA", "2025").value * 100
    )


def test_index_on_a_zero_base_is_undefined() -> None:
    value, words = index_value(5.0, 0.0, parse_span("2025Q1"), parse_span("2025Q2"))
    assert value is None and words == "index undefined: the base figure (Q1 2025) is 0"
    value, words = index_value(5.0, 2.0, parse_span("2025"), parse_span("2025Q2"))
    assert value is None and "length differs" in words


def test_users_per_request(default_bundle: Bundle) -> None:
    rows = series_rows(default_bundle, state(measure=USERS_PER_REQUEST))
    assert cell(rows, "FRA", "2024Q1").value == pytest.approx(17 / 4)
    assert cell(rows, "FRA", "2024Q1").status == "reported"


def test_nine_month_totals_come_back_as_span_totals_never_split(default_bundle: Bundle) -> None:
    totals = span_totals(default_bundle, state())
    assert [(t.country, t.record.period_label, t.value) for t in totals] == [
        ("DEU", "Jan–Sep 2024", 115.0),
        ("USA", "Jan–Sep 2024", 108.0),
    ]
    assert span_totals(default_bundle, state(normalisation=Normalisation.SHARE)) == []


def test_the_series_cache_is_bounded(default_bundle: Bundle) -> None:
    from tgviewer.core.figures.cache import CACHE_SIZE

    first = series_rows(default_bundle, state())
    assert series_rows(default_bundle, state()) is first  # same state: the cached rows
    for year in range(1950, 1950 + CACHE_SIZE + 5):  # none equals the first state
        series_rows(default_bundle, state(first=parse_span(str(year)).first))
    frames = default_bundle.cache["series_rows"]
    assert len(frames) == CACHE_SIZE  # type: ignore[arg-type]
    assert series_rows(default_bundle, state()) is not first  # evicted, then rebuilt


def test_whole_quarter_span_of_the_bundle(default_bundle: Bundle) -> None:
    assert default_bundle.quarter_span == parse_span("2024Q1-2026Q1")
