"""The coverage grid: how each quarter is known, marked contradictions, and the orders."""

from __future__ import annotations

from tgviewer.core.bundle.model import DEFAULT_SERVICE, Bundle
from tgviewer.core.figures.coverage import CellKind, coverage_grid
from tgviewer.core.periods.spans import parse_span
from tgviewer.core.state.view_state import USERS_PER_REQUEST, CoverageOrder


def kinds(bundle: Bundle, country: str, order: CoverageOrder = CoverageOrder.NAME) -> str:
    grid = coverage_grid(
        bundle, (country,), parse_span("2024Q1-2026Q1"), "users", DEFAULT_SERVICE, order
    )
    return "".join(cell.kind.value[0] for cell in grid.rows[0].cells)


def test_each_quarter_says_how_it_is_known(default_bundle: Bundle) -> None:
    assert kinds(default_bundle, "FRA") == "rrrrrrrrr"
    assert kinds(default_bundle, "DEU") == "cccrrrrrr"  # Jan–Sep 2024 is one total
    assert kinds(default_bundle, "AUT") == "cccuruuur"
    assert kinds(default_bundle, "ISL") == "ccccuuuuu"  # a 2024 total, nothing since


def test_covered_cells_name_the_total_and_contradictions_are_marked(default_bundle: Bundle) -> None:
    grid = coverage_grid(
        default_bundle, ("GBR", "DEU"), parse_span("2024"), "users", DEFAULT_SERVICE
    )
    germany, britain = (next(r for r in grid.rows if r.country == c) for c in ("DEU", "GBR"))
    q1 = germany.cells[0]
    assert q1.kind is CellKind.COVERED and q1.value is None
    assert q1.describe() == (
        "Q1 2024: only inside a longer total — 2024 (2,237; "
        "records.csv line 31), Jan–Sep 2024 (115; records.csv line 29)"
    )
    assert [c.inconsistent for c in britain.cells] == [True] * 4
    assert not any(c.inconsistent for c in germany.cells)
    assert britain.cells[3].kind is CellKind.REPORTED and britain.cells[3].value == 292


def test_orders(default_bundle: Bundle) -> None:
    span = parse_span("2024Q1-2026Q1")
    countries = ("ISL", "FRA", "AUT", "DEU")

    def order(how: CoverageOrder) -> list[str]:
        grid = coverage_grid(default_bundle, countries, span, "users", DEFAULT_SERVICE, how)
        return [row.country for row in grid.rows]

    assert order(CoverageOrder.NAME) == ["AUT", "FRA", "DEU", "ISL"]
    assert order(CoverageOrder.COVERAGE) == ["FRA", "DEU", "AUT", "ISL"]
    by_latest = order(CoverageOrder.MEASURE)
    assert by_latest[-1] == "ISL"  # no known quarter: last
    grid = coverage_grid(
        default_bundle, countries, span, "users", DEFAULT_SERVICE, CoverageOrder.MEASURE
    )
    latest = [row.latest for row in grid.rows[:-1]]
    assert latest == sorted(latest, reverse=True)


def test_a_ratio_shows_the_coverage_of_users(default_bundle: Bundle) -> None:
    grid = coverage_grid(
        default_bundle, ("DEU",), parse_span("2024"), USERS_PER_REQUEST, DEFAULT_SERVICE
    )
    assert grid.measure == "users"
