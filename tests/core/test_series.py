"""What views draw: per-period figures, normalisations, ratios and span totals."""

from __future__ import annotations

import math

import pytest

from tgviewer.core.bundle_reader import read_default_bundle
from tgviewer.core.model import Bundle
from tgviewer.core.periods import Granularity, parse_span
from tgviewer.core.series import series_frame, span_totals
from tgviewer.core.view_state import USERS_PER_REQUEST, Normalisation, ViewState


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return read_default_bundle()


def state(**changes: object) -> ViewState:
    span = parse_span("2024-2025")
    base = ViewState(countries=("FRA", "DEU", "USA"), first=span.first, last=span.last,
                     measure="users")
    return ViewState(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def cell(frame, country: str, period: str):  # type: ignore[no-untyped-def]
    return frame[(frame["country"] == country) & (frame["period"] == period)].iloc[0]


def test_quarterly_users_with_status(bundle: Bundle) -> None:
    frame = series_frame(bundle, state())
    assert len(frame) == 3 * 8
    assert cell(frame, "FRA", "2024Q1")["value"] == 17
    assert cell(frame, "FRA", "2024Q1")["status"] == "reported"
    assert math.isnan(cell(frame, "DEU", "2024Q1")["value"])  # inside a Jan–Sep total
    assert cell(frame, "DEU", "2024Q1")["status"] == "unknown"
    assert cell(frame, "USA", "2024Q4")["value"] == 2145


def test_yearly_granularity_uses_reported_years(bundle: Bundle) -> None:
    frame = series_frame(bundle, state(granularity=Granularity.YEAR))
    assert list(frame["period"].unique()) == ["2024", "2025"]
    assert cell(frame, "DEU", "2025")["value"] == 12455


def test_per_million_uses_the_population_of_the_period_year(bundle: Bundle) -> None:
    frame = series_frame(bundle, state(normalisation=Normalisation.PER_MILLION))
    row = cell(frame, "FRA", "2025Q1")
    assert row["value"] == pytest.approx(1425 / 68551653 * 1e6)
    assert row["scaling"] == ("per million inhabitants, population 68,551,653 (2024), "
                              "latest available for 2025")
    assert row["raw"] == 1425


def test_share_needs_every_selected_figure(bundle: Bundle) -> None:
    frame = series_frame(bundle, state(normalisation=Normalisation.SHARE))
    q4 = cell(frame, "FRA", "2024Q4")
    assert q4["value"] == pytest.approx(1386 / (1386 + 2122 + 2145) * 100)
    q1 = cell(frame, "FRA", "2024Q1")
    assert math.isnan(q1["value"])
    assert "not every selected country's figure is known for Q1 2024" in q1["scaling"]


def test_users_per_request(bundle: Bundle) -> None:
    frame = series_frame(bundle, state(measure=USERS_PER_REQUEST))
    assert cell(frame, "FRA", "2024Q1")["value"] == pytest.approx(17 / 4)
    assert cell(frame, "FRA", "2024Q1")["status"] == "reported"


def test_nine_month_totals_come_back_as_span_totals_never_split(bundle: Bundle) -> None:
    totals = span_totals(bundle, state())
    assert [(t.country, t.record.period_label, t.value) for t in totals] == [
        ("DEU", "Jan–Sep 2024", 115.0), ("USA", "Jan–Sep 2024", 108.0),
    ]
    assert span_totals(bundle, state(normalisation=Normalisation.SHARE)) == []


def test_the_frame_cache_is_bounded(bundle: Bundle) -> None:
    from tgviewer.core.series import CACHE_SIZE

    first = series_frame(bundle, state())
    assert series_frame(bundle, state()) is first  # same state: the cached frame
    for year in range(1950, 1950 + CACHE_SIZE + 5):  # none equals the first state
        series_frame(bundle, state(first=parse_span(str(year)).first))
    frames = bundle.cache["series_frames"]
    assert len(frames) == CACHE_SIZE  # type: ignore[arg-type]
    assert series_frame(bundle, state()) is not first  # evicted, then rebuilt


def test_whole_quarter_span_of_the_bundle(bundle: Bundle) -> None:
    assert bundle.quarter_span == parse_span("2024Q1-2026Q1")
