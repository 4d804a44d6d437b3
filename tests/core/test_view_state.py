"""The ViewState and its store: one source of truth, one notification per action."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from tgviewer.core.bundle.model import Bundle, Manifest, Measure, Record
from tgviewer.core.periods.spans import Granularity, QuarterSpan, parse_span
from tgviewer.core.state.view_state import (
    CompareOrder,
    CoverageOrder,
    Normalisation,
    ViewKind,
    ViewState,
    ViewStateStore,
    default_range,
    default_view_state,
    fit_to_bundle,
)
from tgviewer.core.views.rules import ranking_period


def test_default_state_shows_the_whole_range_and_the_largest_countries(
    default_bundle: Bundle,
) -> None:
    state = default_view_state(default_bundle)
    assert state.span == parse_span("2024Q1-2026Q1")
    assert state.measure == "users"
    # The five with most users affected in 2025, the latest year with enough figures.
    assert state.countries == ("IND", "DEU", "KOR", "POL", "FRA")  # FRA 4821 > USA 4807
    # The ranking opens on Q4 2025, the latest quarter with a figure for all five (Q1 2026
    # has three).
    assert ranking_period(default_bundle, state) == QuarterSpan.quarter(2025, 4)


def bundle_of(*rows: tuple[str, str, int]) -> Bundle:
    """A bundle of records ``(country, period, users)``."""
    manifest = Manifest("t", "T", "", dt.date(2026, 1, 1), "", "", (), (Measure("users", "U"),))
    records = []
    for line, (country, period, users) in enumerate(rows, start=2):
        span = parse_span(period)
        records.append(Record(country, span.start_date, span.end_date, {"users": users}, line=line))
    return Bundle(manifest, tuple(records))


def test_a_record_running_to_2999_does_not_stretch_the_first_view_over_a_millennium() -> None:
    # Found by fuzzing: a 3-record bundle with a record ending 9999-12-31 made the first
    # chart enumerate 31,904 periods (38 s to start); the default range is now the 25-year
    # window holding most record edges, which nothing walks quarter by quarter to find.
    bundle = bundle_of(("FRA", "2025Q1", 17), ("FRA", "2025Q2", 20), ("ITA", "1900-2999", 8))
    assert default_range(bundle) == parse_span("2025Q1-2025Q2")
    state = default_view_state(bundle)
    assert (state.span, state.countries) == (parse_span("2025Q1-2025Q2"), ("FRA", "ITA"))
    assert len(state.periods()) == 2


def test_the_default_range_is_the_latest_of_equally_full_windows_and_spans_its_edges() -> None:
    old = bundle_of(("FRA", "1950Q1", 1), ("FRA", "1951Q4", 1))
    assert default_range(old) == parse_span("1950Q1-1951Q4")
    both = bundle_of(("FRA", "1950", 1), ("DEU", "2990-2999", 1))
    assert default_range(both) == parse_span("2990Q1-2999Q4")
    within = bundle_of(("FRA", "2000", 1), ("FRA", "2024Q1-2024Q4", 1))
    assert default_range(within) == parse_span("2000-2024")
    assert default_range(bundle_of()) is None


def test_one_update_notifies_once_whatever_it_changes() -> None:
    store = ViewStateStore(ViewState(countries=("FRA",)))
    heard: list[tuple[ViewState, ViewState]] = []
    unsubscribe = store.subscribe(lambda old, new: heard.append((old, new)))
    assert store.update(
        countries=("FRA", "DEU"), measure="requests", normalisation=Normalisation.SHARE
    )
    assert len(heard) == 1
    assert heard[0][0].countries == ("FRA",)
    assert heard[0][1] == store.state
    assert not store.update(measure="requests")  # no change, no notification
    assert len(heard) == 1
    unsubscribe()
    store.update(view=ViewKind.TABLE)
    assert len(heard) == 1


def test_state_round_trips_through_json() -> None:
    state = ViewState(
        countries=("FRA", "DEU", "USA"),
        granularity=Granularity.HALF,
        first=parse_span("2024").first,
        last=parse_span("2026Q1").last,
        measure="users",
        normalisation=Normalisation.PER_MILLION,
        view=ViewKind.RANKING,
        ranking_period="2025Q4",
        compare_a="2024Q1-2024Q3",
        compare_b="2025Q1-2025Q3",
        compare_order=CompareOrder.B,
        coverage_order=CoverageOrder.COVERAGE,
        index_base="2025H1",
        log_scale=True,
    )
    assert ViewState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    assert [p.code for p in state.periods()] == ["2024H1", "2024H2", "2025H1", "2025H2"]


def test_a_state_saved_before_compare_existed_still_reads() -> None:
    document = ViewState(countries=("FRA",), first=8096, last=8100).to_dict()
    for name in (
        "compare_a",
        "compare_b",
        "compare_order",
        "coverage_order",
        "index_base",
        "log_scale",
    ):
        del document[name]
    state = ViewState.from_dict(document)
    assert (state.compare_a, state.compare_order) == (None, CompareOrder.PERCENT)
    assert (state.index_base, state.log_scale) == (None, False)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"countries": "FRA"}, "field 'countries': expected list"),
        ({"granularity": "month"}, "'month' is not one of quarter, half, year"),
        ({"range": "2024Q9"}, "field 'range': cannot read"),
        ({"range": "1500"}, "field 'range': .* year 1500 is outside the years tgviewer supports"),
        ({"ranking_period": "1500Q1"}, "field 'ranking_period': .* year 1500 is outside"),
        ({"index_base": "3000H1"}, "field 'index_base': .* year 3000 is outside"),
        ({"view": 3}, "field 'view': expected str"),
        ({"compare_a": "2024Q7"}, "field 'compare_a'"),
        ({"compare_order": "size"}, "'size' is not one of a, b, change, percent, name"),
        ({"log_scale": "yes"}, "field 'log_scale': expected bool"),
        ({"index_base": "base"}, "field 'index_base'"),
    ],
)
def test_a_bad_saved_state_names_the_field(change: dict[str, object], message: str) -> None:
    document = {**ViewState(countries=("FRA",), first=8096, last=8100).to_dict(), **change}
    with pytest.raises(ValueError, match=message):
        ViewState.from_dict(document)


def test_a_saved_state_is_fitted_to_the_bundle_it_reopens_on(default_bundle: Bundle) -> None:
    saved = ViewState(
        countries=("FRA", "ZZZ", "USA"),
        first=parse_span("2023Q1").first,
        last=parse_span("2025Q4").first,
        measure="users_per_request",
        service="Telegram",
        ranking_period="2023Q2",
    )
    fitted = fit_to_bundle(saved, default_bundle)
    assert fitted is not None
    assert fitted.countries == ("FRA", "USA")  # ZZZ has no records here
    assert fitted.span == parse_span("2024Q1-2025Q4")  # clipped to the bundle's quarters
    assert fitted.measure == "users_per_request"
    assert fitted.ranking_period is None  # 2023Q2 is outside the range now


@pytest.mark.parametrize(
    "change",
    [
        {"countries": ("ZZZ",)},
        {"first": parse_span("2019Q1").first, "last": parse_span("2019Q4").first},
    ],
)
def test_a_saved_state_that_no_longer_applies_is_dropped(
    change: dict[str, object], default_bundle: Bundle
) -> None:
    saved = ViewState(
        countries=("FRA",), first=parse_span("2024Q1").first, last=parse_span("2025Q4").first
    )
    assert fit_to_bundle(dataclasses.replace(saved, **change), default_bundle) is None


def test_a_measure_or_service_the_bundle_lacks_falls_back_to_the_default(
    default_bundle: Bundle,
) -> None:
    saved = ViewState(
        countries=("FRA",),
        first=parse_span("2024Q1").first,
        last=parse_span("2025Q4").first,
        measure="kittens",
        service="Signal",
    )
    fitted = fit_to_bundle(saved, default_bundle)
    assert fitted is not None
    assert (fitted.measure, fitted.service) == ("users", "Telegram")
