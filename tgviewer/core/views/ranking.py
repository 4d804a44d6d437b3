"""The ranking view's model: the selected countries' figures for one period, largest first.

A few countries without a figure are drawn as rows of their own under the bars ("no figure
for this period"); more than :data:`MOST_ROWS_WITHOUT_FIGURE` are listed under the chart
instead (``left_out``), so that fifty such rows do not bury the bars.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.left_out import NotComparable
from tgviewer.core.figures.series import SeriesRow, measure_label, scale_label, series_rows
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.state.view_state import ViewKind, ViewState
from tgviewer.core.views.base import ViewModel
from tgviewer.core.views.chart_text import chart_text
from tgviewer.core.views.data_table import DataTable, series_table
from tgviewer.core.views.formatting import (
    NO_COUNTRY_MESSAGE,
    NO_PERIOD_MESSAGE,
    unscalable_message,
)
from tgviewer.core.views.rules import (
    not_drawn_reason,
    rank_rows,
    ranking_choices,
    ranking_period,
    ratio_notes,
    scaled_measure,
)

#: The most countries without a figure drawn as rows of the chart; more are listed below it.
MOST_ROWS_WITHOUT_FIGURE = 5


@dataclass(frozen=True, kw_only=True)
class RankingModel(ViewModel):
    """Everything the ranking view draws.

    Attributes
    ----------
    choices
        The periods the user can rank on: the range's, then years, halves and quarters of
        other lengths inside it (see :func:`~tgviewer.core.views.rules.ranking_choices`).
    period
        The period ranked (also ``shown[0]``); ``None`` when the range holds none.
    ranked
        Countries with a figure, largest first, ties by code.
    unranked
        Countries without a figure (or one the scale cannot apply to), in selection order.
    unit, axis_label
        The measure as it reads after a figure, and the axis's wording for the scale.
    """

    kind = ViewKind.RANKING
    choices: tuple[QuarterSpan, ...] = ()
    period: QuarterSpan | None = None
    ranked: tuple[SeriesRow, ...] = ()
    unranked: tuple[SeriesRow, ...] = ()
    unit: str = ""
    axis_label: str = ""

    @property
    def rows(self) -> tuple[SeriesRow, ...]:
        """Every row from the top bar down: ranked first, then those without a figure."""
        return self.ranked + self.unranked

    @property
    def unranked_drawn(self) -> bool:
        """Whether the countries without a figure are rows of the chart (they are few) or
        listed below it (``left_out``)."""
        return len(self.unranked) <= MOST_ROWS_WITHOUT_FIGURE

    @property
    def drawn_rows(self) -> tuple[SeriesRow, ...]:
        """The chart's rows from the top down: the bars, then, when few, those without a
        figure."""
        return self.rows if self.unranked_drawn else self.ranked

    def data_table(self) -> DataTable:
        """The figures drawn, largest first, then the countries listed without one."""
        return series_table(self.bundle, self.state, self.rows)


def unranked_reason(row: SeriesRow) -> str:
    """Why ``row`` has no bar: the scale cannot apply, or no figure."""
    return not_drawn_reason([row], "no figure for this period")


def ranking_model(bundle: Bundle, state: ViewState) -> RankingModel:
    """The ranking of ``state``'s countries for its ranking period."""
    period = ranking_period(bundle, state)
    scaled = scaled_measure(bundle, state)
    title = f"{scaled}, {period.label}" if period is not None else scaled
    base = RankingModel(
        bundle=bundle,
        state=state,
        choices=ranking_choices(bundle, state),
        period=period,
        shown=() if period is None else (period,),
        text=chart_text(bundle, state, title, state.per_capita),
        unit=measure_label(bundle, state.measure).lower(),
        axis_label=scale_label(state),
    )
    if not state.countries:
        return dataclasses.replace(base, message=NO_COUNTRY_MESSAGE)
    if period is None:
        return dataclasses.replace(base, message=NO_PERIOD_MESSAGE)
    rows = series_rows(bundle, state, [period])
    ranked, unranked = rank_rows(rows)
    listed = len(unranked) > MOST_ROWS_WITHOUT_FIGURE
    left_out = tuple(NotComparable(r.country, r.name, unranked_reason(r)) for r in unranked)
    message = (
        ""
        if ranked
        else (
            unscalable_message(rows)
            or (
                f"No figure is known for the selected countries in {period.label}."
                "\nPick another period above, or widen the range."
            )
        )
    )
    text = base.text
    if listed and ranked:  # an export shows no list: its subtitle says who has no figure
        codes = ", ".join(r.country for r in unranked)
        text = dataclasses.replace(
            text, subtitle=f"{text.subtitle} No figure for {period.label}: {codes}."
        )
    return dataclasses.replace(
        base,
        text=text,
        message=message,
        caption=title,
        ranked=ranked,
        unranked=unranked,
        left_out=left_out if listed and ranked else (),
        left_out_heading=(
            f"Without a figure ({len(left_out)}): not ranked in {period.label}"
            if listed and ranked
            else ""
        ),
        notes=ratio_notes(state),
    )
