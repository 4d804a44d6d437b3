"""The table view's model: the selected countries by the periods of the range."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.series import SeriesRow, measure_label, series_rows
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.state.view_state import ViewKind, ViewState
from tgviewer.core.views.base import ViewModel
from tgviewer.core.views.chart_text import chart_text, range_words
from tgviewer.core.views.data_table import DataTable, series_table
from tgviewer.core.views.formatting import NO_COUNTRY_MESSAGE, NO_PERIOD_MESSAGE
from tgviewer.core.views.rules import ratio_notes, scaled_measure


@dataclass(frozen=True, kw_only=True)
class TableModel(ViewModel):
    """Everything the table view shows.

    Attributes
    ----------
    periods
        The columns after the country, in order.
    rows
        One row per period and selected country, period by period, countries in selection
        order (the table's rows before the user sorts them).
    unit
        The measure as it reads after a figure, for tooltips.
    """

    kind = ViewKind.TABLE
    periods: tuple[QuarterSpan, ...] = ()
    rows: tuple[SeriesRow, ...] = ()
    unit: str = ""

    def data_table(self) -> DataTable:
        """Every cell, country by country in selection order, period by period."""
        order = {code: i for i, code in enumerate(self.state.countries)}
        return series_table(
            self.bundle, self.state, sorted(self.rows, key=lambda row: order[row.country])
        )


def table_model(bundle: Bundle, state: ViewState) -> TableModel:
    """The table of ``state``'s countries over its range."""
    periods = tuple(state.periods())
    scaled = scaled_measure(bundle, state)
    base = TableModel(
        bundle=bundle,
        state=state,
        periods=periods,
        text=chart_text(bundle, state, f"{scaled}, {range_words(state.span)}", state.per_capita),
        unit=measure_label(bundle, state.measure).lower(),
    )
    if not state.countries:
        return dataclasses.replace(base, message=NO_COUNTRY_MESSAGE)
    if not periods:
        return dataclasses.replace(base, message=NO_PERIOD_MESSAGE)
    return dataclasses.replace(
        base,
        rows=series_rows(bundle, state),
        caption=f"{scaled}; hover a cell to see how it is known.",
        notes=ratio_notes(state),
    )
