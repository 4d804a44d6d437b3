"""The data behind a view, as a table: exactly the figures the view draws.

Each view hands the results it drew (rows of figures, a comparison, a coverage grid, a
scatter) to one of the builders here, so the CSV holds the very numbers on screen, in the
order shown, with what a reader needs to trust them: whether each figure was reported or
derived, how it was scaled, which population was used, whether records disagree, and how it
is known (the records' lines). Figures are written in full (no rounding, no thousands
separators), so an export is exact and can be reproduced.

How a table is written to a file, with what it says of itself (the chart's title, the
source and licence, the bundle, the ViewState, each column's meaning), is
:mod:`tgviewer.core.export`'s job.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tgviewer.core.bundle.cautions import MORE_REQUESTS_THAN_USERS
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.series import (
    SeriesRow,
    SpanTotal,
    population_year,
)
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.reference.countries import country_name
from tgviewer.core.reference.population import population_table
from tgviewer.core.state.view_state import ViewState
from tgviewer.core.views.rules import scaled_measure

if TYPE_CHECKING:  # annotations only: a view's module imports what its table needs
    from tgviewer.core.figures.comparison import CompareRow, Comparison, Side
    from tgviewer.core.figures.coverage import Coverage
    from tgviewer.core.figures.scatter import Scatter

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def spreadsheet_safe(cell: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers
    are left alone."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def number_text(value: float | int | None) -> str:
    """A figure in full: ``4534`` for whole numbers, the shortest exact form otherwise, and
    an empty cell when unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, int) or (
        math.isfinite(value) and value == int(value) and abs(value) < 2**53
    ):
        return str(int(value))
    return repr(float(value))


def cell_text(cell: Cell) -> str:
    """How one cell is written: numbers in full, text made safe for spreadsheets."""
    if cell is None or isinstance(cell, bool):
        return "" if cell is None else ("yes" if cell else "no")
    if isinstance(cell, int | float):
        return number_text(cell)
    return str(spreadsheet_safe(cell))


@dataclass(frozen=True)
class DataTable:
    """Columns and rows, in the view's order."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def column(self, name: str) -> list[Cell]:
        """Every row's cell in column ``name``."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict[str, Cell]]:
        """Rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _population(country: str, span: QuarterSpan, used: bool) -> tuple[Cell, Cell]:
    """The population and its year that scaled a figure for ``span``; blank when unused."""
    if not used:
        return None, None
    figure = population_table().population(country, population_year(span))
    return (None, None) if figure is None else (figure.value, figure.year)


SERIES_COLUMNS = (
    "country",
    "country_name",
    "period",
    "period_label",
    "value",
    "unit",
    "records_figure",
    "status",
    "records_disagree",
    "caution",
    "population",
    "population_year",
    "how_known",
)


def series_table(
    bundle: Bundle, state: ViewState, rows: Sequence[SeriesRow], totals: Sequence[SpanTotal] = ()
) -> DataTable:
    """Rows of figures as drawn (trend, ranking, table), then longer totals drawn dashed.

    ``value`` is the figure drawn in the view's unit, ``records_figure`` the records'
    figure before scaling; unknown figures have empty values and say why in ``how_known``.
    ``caution`` is empty, or says that a record behind the figure has more requests than
    users, in the words the tooltips use.
    """
    unit = scaled_measure(bundle, state)
    per_capita = state.per_capita
    out: list[tuple[Cell, ...]] = []
    for row in rows:
        span = QuarterSpan(row.first, row.last)
        population, year = _population(row.country, span, per_capita and row.known)
        scaled = row.raw == row.raw and row.scaling != "absolute"
        how = f"{row.explanation}; {row.scaling}" if scaled else row.explanation
        out.append(
            (
                row.country,
                row.name,
                row.period,
                row.period_label,
                row.value if row.known else None,
                unit,
                None if row.raw != row.raw else row.raw,
                row.status,
                row.inconsistent,
                MORE_REQUESTS_THAN_USERS if row.caution else "",
                population,
                year,
                how,
            )
        )
    for total in totals:
        record = total.record
        covered = record.span
        assert covered is not None  # only records with a span make totals
        population, year = _population(total.country, covered, per_capita)
        out.append(
            (
                total.country,
                country_name(total.country),
                covered.code,
                covered.label,
                total.value,
                unit,
                record.value(state.measure),
                "span total",
                False,
                MORE_REQUESTS_THAN_USERS if total.caution else "",
                population,
                year,
                f"a total over {covered.label} the records do not "
                f"split, drawn dashed across its periods; {record.reference()}",
            )
        )
    return DataTable(SERIES_COLUMNS, tuple(out))


COMPARE_COLUMNS = (
    "country",
    "country_name",
    "period_a",
    "period_b",
    "value_a",
    "value_b",
    "change",
    "percent_change",
    "unit",
    "records_figure_a",
    "records_figure_b",
    "status_a",
    "status_b",
    "records_disagree",
    "population_a",
    "population_year_a",
    "population_b",
    "population_year_b",
    "how_known",
)


def comparison_table(comparison: Comparison, rows: Sequence[CompareRow]) -> DataTable:
    """The compared countries in the order drawn, then those left out and why."""
    unit = comparison.unit or "total"
    a, b = comparison.a, comparison.b
    out: list[tuple[Cell, ...]] = []
    for row in rows:
        pop_a = _population(row.country, a, comparison.per_capita)
        pop_b = _population(row.country, b, comparison.per_capita)
        out.append(
            (
                row.country,
                row.name,
                a.code,
                b.code,
                row.a.value,
                row.b.value,
                row.change,
                row.percent,
                unit,
                row.a.raw,
                row.b.raw,
                row.a.status.value,
                row.b.status.value,
                row.inconsistent,
                *pop_a,
                *pop_b,
                f"A: {_side_words(row.a)}; B: {_side_words(row.b)}",
            )
        )
    for left in comparison.not_comparable:
        out.append(
            (
                left.country,
                left.name,
                a.code,
                b.code,
                None,
                None,
                None,
                None,
                unit,
                None,
                None,
                "",
                "",
                False,
                None,
                None,
                None,
                None,
                f"not compared: {left.reason}",
            )
        )
    return DataTable(COMPARE_COLUMNS, tuple(out))


def _side_words(side: Side) -> str:
    return (
        side.explanation
        if side.scaling in ("", "absolute")
        else (f"{side.explanation}; {side.scaling}")
    )


COVERAGE_COLUMNS = (
    "country",
    "country_name",
    "quarter",
    "quarter_label",
    "cell",
    "value",
    "records_disagree",
    "records",
    "how_known",
)


def coverage_table(coverage: Coverage) -> DataTable:
    """Every cell of the grid, country by country in the order drawn, quarter by quarter."""
    out: list[tuple[Cell, ...]] = []
    for row in coverage.rows:
        for cell in row.cells:
            out.append(
                (
                    row.country,
                    row.name,
                    cell.quarter.code,
                    cell.quarter.label,
                    cell.kind.value,
                    cell.value,
                    cell.inconsistent,
                    "; ".join(record.reference() for record in cell.records),
                    cell.explanation,
                )
            )
    return DataTable(COVERAGE_COLUMNS, tuple(out))


SCATTER_COLUMNS = (
    "country",
    "country_name",
    "period",
    "requests",
    "users",
    "users_per_request",
    "unit",
    "records_requests",
    "records_users",
    "status_requests",
    "status_users",
    "records_disagree",
    "population",
    "population_year",
    "how_known",
)


def scatter_table(scatter: Scatter) -> DataTable:
    """The points drawn, then the countries left out and why."""
    unit = "per million inhabitants" if scatter.per_capita else "total"
    span = scatter.span
    out: list[tuple[Cell, ...]] = []
    for point in scatter.points:
        population, year = _population(point.country, span, scatter.per_capita)
        out.append(
            (
                point.country,
                point.name,
                span.code,
                point.requests.value,
                point.users.value,
                point.ratio,
                unit,
                point.requests.raw,
                point.users.raw,
                point.requests.status.value,
                point.users.status.value,
                point.inconsistent,
                population,
                year,
                f"requests: {point.requests.explanation}; users: {point.users.explanation}",
            )
        )
    for left in scatter.left_out:
        out.append(
            (
                left.country,
                left.name,
                span.code,
                None,
                None,
                None,
                unit,
                None,
                None,
                "",
                "",
                False,
                None,
                None,
                f"not drawn: {left.reason}",
            )
        )
    return DataTable(SCATTER_COLUMNS, tuple(out))
