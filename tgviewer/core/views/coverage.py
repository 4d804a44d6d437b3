"""The coverage view's model: how each quarter of each selected country is known."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.coverage import Coverage, coverage_grid
from tgviewer.core.figures.series import measure_label, measure_words
from tgviewer.core.plurals import plural
from tgviewer.core.state.view_state import USERS_PER_REQUEST, ViewKind, ViewState
from tgviewer.core.views.base import ViewModel
from tgviewer.core.views.chart_text import chart_text, range_words
from tgviewer.core.views.data_table import COVERAGE_COLUMNS, DataTable, coverage_table
from tgviewer.core.views.formatting import NO_COUNTRY_MESSAGE


@dataclass(frozen=True, kw_only=True)
class CoverageModel(ViewModel):
    """Everything the coverage view draws.

    Attributes
    ----------
    grid
        Countries (in the state's ``coverage_order``) by quarters; ``None`` when there is
        nothing to draw.
    """

    kind = ViewKind.COVERAGE
    grid: Coverage | None = None

    @property
    def order(self) -> tuple[str, ...]:
        """Country codes from the top row down."""
        return () if self.grid is None else tuple(row.country for row in self.grid.rows)

    def data_table(self) -> DataTable:
        """Every cell of the grid drawn."""
        if self.grid is None:
            return DataTable(COVERAGE_COLUMNS, ())
        return coverage_table(self.grid)


def coverage_model(bundle: Bundle, state: ViewState) -> CoverageModel:
    """The coverage of ``state``'s countries, quarter by quarter over its range."""
    title = (
        f"What the records say about {measure_words(bundle, state.measure)}, quarter by "
        f"quarter, {range_words(state.span)}"
    )
    base = CoverageModel(
        bundle=bundle, state=state, text=chart_text(bundle, state, title, per_capita=False)
    )
    if not state.countries:
        return dataclasses.replace(base, message=NO_COUNTRY_MESSAGE)
    grid = coverage_grid(
        bundle, state.countries, state.span, state.measure, state.service, state.coverage_order
    )
    if not grid.quarters:
        return dataclasses.replace(
            base, message="The range holds no whole quarter.\nWiden the range."
        )
    measure = measure_label(bundle, grid.measure)
    notes = (
        ("Users per request is known where users are: the grid shows how users are known.",)
        if state.measure == USERS_PER_REQUEST
        else ()
    )
    known = sum(row.known for row in grid.rows)
    total = len(grid.rows) * len(grid.quarters)
    return dataclasses.replace(
        base,
        grid=grid,
        notes=notes,
        caption=(
            f"How each quarter of {measure.lower()} is known — "
            f"{known:,} of {plural(total, 'country-quarter')} {'has' if known == 1 else 'have'} "
            "a figure. Click a cell "
            "for its records."
        ),
    )
