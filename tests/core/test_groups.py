"""Quick country groups: regions, EU-27, the top 10 and the countries with data."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tgviewer.core.bundle.model import Bundle, Manifest, Measure, Record
from tgviewer.core.periods.engine import engine_for
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.reference.countries import EU27, country_info, country_name
from tgviewer.core.state.view_state import (
    USERS_PER_REQUEST,
    Normalisation,
    ViewState,
    default_view_state,
)
from tgviewer.core.views.groups import (
    CountryGroup,
    GroupKind,
    continent_groups,
    fixed_groups,
    group_menu,
    resolve_group,
    subregion_groups,
)
from tgviewer.core.views.ranking import ranking_model
from tgviewer.core.views.rules import ranking_period

MANIFEST = Manifest(
    "t",
    "T",
    "",
    dt.date(2026, 1, 1),
    "",
    "",
    (),
    (Measure("requests", "Fulfilled requests"), Measure("users", "Users affected")),
)

#: Q4 2025 figures (requests, users); None where unknown.
Q4_2025: dict[str, tuple[int | None, int | None]] = {
    "FRA": (10, 500),
    "DEU": (20, 400),
    "ITA": (5, 400),
    "ESP": (1, 90),
    "POL": (0, 0),
    "GBR": (30, 600),
    "NOR": (2, 10),
    "USA": (100, 900),
    "CAN": (4, 40),
    "BRA": (50, 700),
    "JPN": (3, 30),
    "IND": (60, 800),
    "KEN": (1, 5),
    "AUS": (None, 300),
}


def record(country: str, period: str, requests: int | None, users: int | None, line: int) -> Record:
    span = parse_span(period)
    return Record(
        country, span.start_date, span.end_date, {"requests": requests, "users": users}, line=line
    )


def small_bundle() -> Bundle:
    records = [record(code, "2025Q4", r, u, 0) for code, (r, u) in Q4_2025.items()]
    records += [
        # Q4 2025 is derived for NLD: the year minus Jan–Sep.
        record("NLD", "2025", 12, 1000, 0),
        record("NLD", "2025Q1-Q3", 2, 150, 0),
        # Only a year total for MEX: nothing per quarter.
        record("MEX", "2025", 9, 99, 0),
        # Only a figure for 2024 for ARG: nothing in 2025 at all.
        record("ARG", "2024Q4", 7, 70, 0),
    ]
    numbered = tuple(dataclasses.replace(r, line=i + 2) for i, r in enumerate(records))
    return Bundle(MANIFEST, numbered)


def state(**changes: object) -> ViewState:
    span = parse_span("2025")
    base = ViewState(first=span.first, last=span.last, measure="users")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def by_name(codes: list[str] | set[str]) -> tuple[str, ...]:
    return tuple(sorted(codes, key=lambda c: country_name(c).casefold()))


def test_eu27_resolves_to_the_members_with_records_by_name() -> None:
    bundle = small_bundle()
    eu = resolve_group(bundle, state(), "eu27")
    assert set(eu) == {"FRA", "DEU", "ITA", "ESP", "POL", "NLD"}
    assert eu == by_name(set(eu))
    assert all(code in EU27 for code in eu)


def test_region_groups_list_only_regions_present_sorted_by_label() -> None:
    bundle = small_bundle()
    continents = continent_groups(bundle)
    assert [g.label for g in continents] == [
        "Africa",
        "Asia",
        "Europe",
        "North America",
        "Oceania",
        "South America",
    ]
    assert continents[0] == CountryGroup("continent:Africa", "Africa", GroupKind.CONTINENT)
    assert continents[0].kind == "continent"  # a StrEnum: equal to its value
    subregions = [g.label for g in subregion_groups(bundle)]
    expected = sorted({country_info(c).subregion for c in bundle.countries})
    assert subregions == expected
    assert "Western Europe" in subregions and "Caribbean" not in subregions


def test_region_groups_resolve_to_their_countries_by_name() -> None:
    bundle = small_bundle()
    assert resolve_group(bundle, state(), "continent:North America") == ("CAN", "MEX", "USA")
    assert resolve_group(bundle, state(), "subregion:Western Europe") == ("FRA", "DEU", "NLD")
    assert resolve_group(bundle, state(), "continent:Antarctica") == ()


def test_top10_ranks_the_known_figures_of_the_ranking_period() -> None:
    bundle = small_bundle()
    # Ranked independently: Q4 2025 users where known, NLD's derived (1000 − 150).
    values = {code: users for code, (_, users) in Q4_2025.items() if users is not None}
    values["NLD"] = 1000 - 150
    expected = tuple(sorted(values, key=lambda c: (-values[c], c))[:10])
    top = resolve_group(bundle, state(), "top10")
    assert top == expected
    assert len(top) == 10
    assert top[:3] == ("USA", "NLD", "IND")
    assert top.index("DEU") < top.index("ITA")  # a tie at 400 goes to the code
    assert "MEX" not in top  # only a year total: unknown for Q4


def test_top10_uses_the_period_the_ranking_shows() -> None:
    bundle = small_bundle()
    yearly = resolve_group(bundle, state(granularity=Granularity.YEAR), "top10")
    assert yearly == ("NLD", "MEX")  # the last period of a yearly range is the year
    chosen = state(granularity=Granularity.YEAR, ranking_period="2025")
    assert resolve_group(bundle, chosen, "top10") == ("NLD", "MEX")
    # A year inside a quarterly range is ranked as it is, by the ranking and by the group
    # alike (one rule, ranking_period, for both); a year outside the range gives way to the
    # range's last quarter (no country is selected here to prefer another).
    assert ranking_period(bundle, state(ranking_period="2025")) == parse_span("2025")
    assert resolve_group(bundle, state(ranking_period="2025"), "top10") == ("NLD", "MEX")
    assert ranking_period(bundle, state(ranking_period="2024")) == parse_span("2025Q4")
    assert resolve_group(bundle, state(ranking_period="2024"), "top10") == resolve_group(
        bundle, state(), "top10"
    )


def test_top10_ranks_on_the_scale_shown(default_bundle: Bundle) -> None:
    bundle = default_bundle
    base = dataclasses.replace(
        default_view_state(bundle),
        granularity=Granularity.YEAR,
        ranking_period="2025",
        normalisation=Normalisation.PER_MILLION,
    )
    top = resolve_group(bundle, base, "top10")
    everyone = dataclasses.replace(base, countries=tuple(bundle.countries))
    model = ranking_model(bundle, everyone)
    assert top == tuple(row.country for row in model.ranked[:10])
    absolute = resolve_group(
        bundle, dataclasses.replace(base, normalisation=Normalisation.ABSOLUTE), "top10"
    )
    assert top != absolute  # small countries with many disclosures per inhabitant come in
    label = fixed_groups(bundle, base)[1].label
    assert label == "Top 10 by users affected, per million inhabitants, 2025"


def test_top10_falls_back_to_the_whole_range_without_a_period() -> None:
    bundle = small_bundle()
    # Two quarters cannot hold a year: no period, so the ranking covers the range, where
    # nothing is known.
    short = state(first=parse_span("2025Q3").first, granularity=Granularity.YEAR)
    assert ranking_period(bundle, short) is None
    assert resolve_group(bundle, short, "top10") == ()


def test_top10_by_users_per_request_skips_zero_requests() -> None:
    bundle = small_bundle()
    ratios = {
        code: users / requests
        for code, (requests, users) in Q4_2025.items()
        if requests and users is not None
    }
    ratios["NLD"] = (1000 - 150) / (12 - 2)
    expected = tuple(sorted(ratios, key=lambda c: (-ratios[c], c))[:10])
    top = resolve_group(bundle, state(measure=USERS_PER_REQUEST), "top10")
    assert top == expected
    assert top[0] == "ESP"  # 90 users for 1 request
    assert "POL" not in top and "AUS" not in top


def test_with_data_needs_a_known_figure_in_one_period() -> None:
    bundle = small_bundle()
    quarterly = resolve_group(bundle, state(), "with_data")
    assert set(quarterly) == set(Q4_2025) | {"NLD"}  # not MEX (a year only), not ARG (2024)
    assert quarterly == by_name(set(quarterly))
    yearly = resolve_group(bundle, state(granularity=Granularity.YEAR), "with_data")
    assert yearly == ("MEX", "NLD")
    ratio = resolve_group(bundle, state(measure=USERS_PER_REQUEST), "with_data")
    assert "POL" not in ratio and "AUS" not in ratio


def test_none_and_unknown_keys() -> None:
    bundle = small_bundle()
    assert resolve_group(bundle, state(), "none") == ()
    for key in ("top5", "continent:", "region:Europe", ""):
        with pytest.raises(KeyError):
            resolve_group(bundle, state(), key)


def test_group_menu_sections() -> None:
    bundle = small_bundle()
    menu = group_menu(bundle, state())
    assert [heading for heading, _ in menu] == ["", "Continent", "UN subregion"]
    fixed = menu[0][1]
    assert [g.key for g in fixed] == ["eu27", "top10", "with_data", "none"]
    assert [g.label for g in fixed] == [
        "EU-27",
        "Top 10 by users affected, Q4 2025",
        "All with data in the period",
        "None",
    ]
    assert menu[1][1] == continent_groups(bundle)
    assert menu[2][1] == subregion_groups(bundle)
    assert group_menu(bundle)[0][1][1].label == "Top 10 by the chosen measure"
    ratio = group_menu(bundle, state(measure=USERS_PER_REQUEST))[0][1][1]
    assert ratio.label == "Top 10 by users per request, Q4 2025"
    for _, groups in menu:
        for group in groups:
            assert set(resolve_group(bundle, state(), group.key)) <= set(bundle.countries)


def test_default_bundle_groups(default_bundle: Bundle) -> None:
    view = default_view_state(default_bundle)
    span = ranking_period(default_bundle, view)
    assert span is not None
    values = {}
    for code in default_bundle.countries:
        value = engine_for(default_bundle).answer(code, "users", span).value
        if value is not None:
            values[code] = value
    top = resolve_group(default_bundle, view, "top10")
    assert top == tuple(sorted(values, key=lambda c: (-values[c], c))[:10])
    eu = resolve_group(default_bundle, view, "eu27")
    assert eu and set(eu) <= EU27 & set(default_bundle.countries)
    assert "GBR" in resolve_group(default_bundle, view, "continent:Europe")
    assert "GBR" not in eu
