"""Comparing two periods: hand-computed figures on the default bundle, reasons for the
countries left out, per-quarter averages for unequal periods, and the suggestions."""

from __future__ import annotations

import pytest

from tgviewer.core.bundle.model import DEFAULT_SERVICE, Bundle
from tgviewer.core.figures.comparison import Comparison, compare_periods
from tgviewer.core.figures.suggestions import candidate_pairs, suggest_comparisons
from tgviewer.core.periods.engine import Status
from tgviewer.core.periods.spans import parse_span
from tgviewer.core.reference.population import population_table
from tgviewer.core.state.view_state import USERS_PER_REQUEST, CompareOrder

JAN_SEP_2024, JAN_SEP_2025 = parse_span("2024Q1-2024Q3"), parse_span("2025Q1-2025Q3")


def compare(
    bundle: Bundle,
    a: str,
    b: str,
    countries: tuple[str, ...] = (),
    measure: str = "users",
    per_capita: bool = False,
) -> Comparison:
    return compare_periods(
        bundle,
        countries or bundle.countries,
        parse_span(a),
        parse_span(b),
        measure,
        DEFAULT_SERVICE,
        per_capita,
    )


def test_germany_users_jan_sep_2024_against_jan_sep_2025(default_bundle: Bundle) -> None:
    comparison = compare(default_bundle, "2024Q1-Q3", "2025Q1-Q3", ("DEU",))
    (row,) = comparison.rows
    # records.csv: Jan–Sep 2024 = 115 (one record); 2025: Q1 3777 + Q2 4534 + Q3 2533.
    assert (row.a.value, row.b.value) == (115, 3777 + 4534 + 2533)
    assert row.a.status is Status.REPORTED and row.b.status is Status.DERIVED
    assert row.change == 10844 - 115
    assert row.percent == pytest.approx((10844 - 115) / 115 * 100)
    assert "Q1 2025 (3777) + Q2 2025 (4534) + Q3 2025 (2533)" in row.b.explanation
    assert not comparison.per_quarter and comparison.length_note() == ""


def test_per_capita_uses_the_shipped_population_of_each_year(default_bundle: Bundle) -> None:
    (row,) = compare(default_bundle, "2024Q1-Q3", "2025Q1-Q3", ("DEU",), per_capita=True).rows
    table = population_table()
    germany_2024 = table.population("DEU", 2024)
    germany_2025 = table.population("DEU", 2025)
    assert germany_2024 is not None and germany_2025 is not None
    assert row.a.value == pytest.approx(115 / germany_2024.value * 1e6)
    assert row.b.value == pytest.approx(10844 / germany_2025.value * 1e6)
    assert f"{germany_2024.value:,}" in row.a.scaling
    if germany_2025.stands_in:
        assert "latest available for 2025" in row.b.scaling


def test_jan_sep_covers_23_countries_and_the_rest_say_why(default_bundle: Bundle) -> None:
    comparison = compare(default_bundle, "2024Q1-Q3", "2025Q1-Q3")
    assert len(comparison.rows) == 23
    assert len(comparison.rows) + len(comparison.not_comparable) == len(default_bundle.countries)
    reasons = {n.country: n.reason for n in comparison.not_comparable}
    assert reasons["AUT"] == (
        "Jan–Sep 2025 unknown: records cover only Q1 2025; nothing covers Apr–Sep 2025"
    )
    assert reasons["ISL"].startswith(
        "Jan–Sep 2024 unknown: records cover only 2024, which "
        "do not separate Jan–Sep 2024; Jan–Sep 2025 unknown"
    )
    assert len(compare(default_bundle, "2024", "2025").rows) == 12


def test_unequal_periods_are_compared_as_per_quarter_averages(default_bundle: Bundle) -> None:
    comparison = compare(default_bundle, "2024Q1-Q3", "2025Q4", ("DEU", "FRA"))
    assert comparison.per_quarter and not comparison.same_length
    assert "differ in length" in comparison.length_note()
    assert comparison.unit == "per-quarter average"
    germany = next(r for r in comparison.rows if r.country == "DEU")
    assert germany.a.raw == 115 and germany.a.value == pytest.approx(115 / 3)
    assert germany.b.value == germany.b.raw  # one quarter: its own figure
    assert "total / 3" in germany.a.scaling


def test_a_ratio_is_never_averaged_nor_taken_per_capita(default_bundle: Bundle) -> None:
    comparison = compare(default_bundle, "2024Q1-Q3", "2025Q4", ("DEU",), measure=USERS_PER_REQUEST)
    assert not comparison.per_quarter
    with pytest.raises(ValueError):
        compare(
            default_bundle, "2024", "2025", ("DEU",), measure=USERS_PER_REQUEST, per_capita=True
        )


def test_orders_put_unknown_percentages_last(default_bundle: Bundle) -> None:
    comparison = compare(default_bundle, "2024Q1-Q3", "2025Q1-Q3")
    by_percent = comparison.ordered(CompareOrder.PERCENT)
    percents = [r.percent for r in by_percent]
    known = [p for p in percents if p is not None]
    assert known == sorted(known, reverse=True)
    assert percents[len(known) :] == [None] * (len(percents) - len(known))
    assert all(r.a.value == 0 for r in by_percent[len(known) :])
    by_b = [r.b.value for r in comparison.ordered(CompareOrder.B)]
    assert by_b == sorted(by_b, reverse=True)
    names = [r.name for r in comparison.ordered(CompareOrder.NAME)]
    assert names == sorted(names)


def test_suggestions_rank_by_countries_covered(default_bundle: Bundle) -> None:
    found = suggest_comparisons(
        default_bundle, default_bundle.countries, "users", DEFAULT_SERVICE, limit=20
    )
    by_pair = {(s.a.code, s.b.code): s for s in found}
    assert len(by_pair[("2024Q1-2024Q3", "2025Q1-2025Q3")].covered) == 23
    assert len(by_pair[("2024", "2025")].covered) == 12
    counts = [len(s.covered) for s in found]
    assert counts == sorted(counts, reverse=True)
    assert all(s.a.length == s.b.length for s in found)
    assert found[0].describe().endswith(f"{len(found[0].covered)} of 83 countries")


def test_suggestions_follow_the_chosen_countries(default_bundle: Bundle) -> None:
    found = suggest_comparisons(default_bundle, ("FRA", "DEU", "USA"), "users", DEFAULT_SERVICE)
    assert found[0].a.code == "2024" and len(found[0].covered) == 3  # longest first on ties
    assert suggest_comparisons(default_bundle, (), "users", DEFAULT_SERVICE) == []


def test_candidates_stay_inside_the_range() -> None:
    whole = parse_span("2024Q1-2025Q2")
    pairs = list(candidate_pairs(whole))
    assert pairs and all(whole.contains(a) and whole.contains(b) for a, b in pairs)
    assert (parse_span("2024H1"), parse_span("2025H1")) in pairs
    assert (parse_span("2024"), parse_span("2025")) not in pairs
    assert len(pairs) == len(set(pairs))
