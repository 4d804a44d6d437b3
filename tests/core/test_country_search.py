"""Finding countries by what people type: codes, official and common names, aliases, and
lists pasted from elsewhere."""

from __future__ import annotations

import pytest

from tgviewer.core.reference.countries import (
    country_choices,
    match_rank,
    read_country_list,
    search_terms,
)


def best_match(query: str) -> str:
    """The code a search for ``query`` puts first among every country."""
    ranked = sorted(
        (rank, name, code)
        for code, name in country_choices()
        if (rank := match_rank(code, query)) is not None
    )
    return ranked[0][2]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("great britain", "GBR"),
        ("USA", "USA"),
        ("United States", "USA"),
        ("America", "USA"),
        ("Russia", "RUS"),
        ("Korea", "KOR"),
        ("south korea", "KOR"),
        ("North Korea", "PRK"),
        ("Czech Republic", "CZE"),
        ("Turkey", "TUR"),
        ("turkiye", "TUR"),
        ("Holland", "NLD"),
        ("de", "DEU"),
        ("fra", "FRA"),
        ("Côte d'Ivoire", "CIV"),
        ("Kosovo", "XKX"),
    ],
)
def test_a_common_name_or_code_finds_its_country_first(query: str, code: str) -> None:
    assert best_match(query) == code
    assert match_rank(code, query) == 0


def test_search_terms_hold_codes_names_and_aliases() -> None:
    terms = search_terms("GBR")
    for term in ("gbr", "gb", "united kingdom", "uk", "britain"):
        assert term in terms
    assert "russia" in search_terms("RUS")


def test_a_partial_name_ranks_below_a_whole_one() -> None:
    assert match_rank("UKR", "UK") == 1  # "ukraine" starts with "uk"
    assert match_rank("GBR", "UK") == 0
    assert match_rank("PRK", "korea") is not None
    assert match_rank("FRA", "xyz") is None
    assert match_rank("FRA", "  ") == 0


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        ("FRA, DEU, USA", ("FRA", "DEU", "USA"), ()),
        ("France; Germany; United States", ("FRA", "DEU", "USA"), ()),
        ("UK\nRussia\r\nKorea\n", ("GBR", "RUS", "KOR"), ()),
        ("fra\tde\tUS", ("FRA", "DEU", "USA"), ()),
        ("FRA, Atlantis, FRA, , Narnia", ("FRA",), ("Atlantis", "Narnia")),
        ("", (), ()),
    ],
)
def test_a_pasted_list_names_its_countries_and_what_it_could_not_read(
    text: str, codes: tuple[str, ...], unknown: tuple[str, ...]
) -> None:
    assert read_country_list(text) == (codes, unknown)
