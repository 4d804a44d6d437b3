"""Country metadata and reference population."""

from __future__ import annotations

from tgviewer.core.reference.countries import country_info
from tgviewer.core.reference.population import population_table


def test_country_names_regions_and_groups() -> None:
    france = country_info("FRA")
    assert (france.name, france.continent, france.subregion, france.eu27) == (
        "France",
        "Europe",
        "Western Europe",
        True,
    )
    assert country_info("KOR").name == "South Korea"
    assert country_info("USA").official_name == "United States of America"
    assert country_info("NOR").subregion == "Northern Europe"  # ISO_A3_EH is -99 for Norway
    assert country_info("GBR").eu27 is False


def test_small_countries_missing_from_the_map_still_have_regions() -> None:
    for code, subregion in (
        ("MLT", "Southern Europe"),
        ("SGP", "South-Eastern Asia"),
        ("HKG", "Eastern Asia"),
        ("COK", "Polynesia"),
    ):
        assert country_info(code).subregion == subregion


def test_an_unknown_code_still_works_shown_by_its_code() -> None:
    unknown = country_info("ZZZ")
    assert (unknown.name, unknown.known, unknown.continent) == ("ZZZ", False, "")
    assert country_info("XKX").name == "Kosovo"


def test_population_of_a_year_and_the_latest_standing_in() -> None:
    table = population_table()
    assert "World Bank" in table.attribution
    figure = table.population("FRA", 2024)
    assert figure is not None
    assert (figure.value, figure.year, figure.stands_in) == (68551653, 2024, False)
    later = table.population("FRA", 2026)
    assert later is not None
    assert (later.value, later.year, later.stands_in) == (68551653, 2024, True)
    assert later.describe() == "population 68,551,653 (2024), latest available for 2026"
    assert table.population("FRA", 2019) is None
    assert table.population("COK", 2025) is None  # the World Bank lists no Cook Islands
    assert table.population("WLD", 2024) is None  # aggregates are not countries
