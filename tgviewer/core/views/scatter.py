"""The scatter view's model: requests against users, one point per country, for one period."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.scatter import Scatter, best_scatter_span, scatter_points
from tgviewer.core.figures.series import measure_label, measure_words
from tgviewer.core.periods.spans import QuarterSpan, parse_span
from tgviewer.core.plurals import plural, quantity
from tgviewer.core.state.view_state import Normalisation, ViewKind, ViewState
from tgviewer.core.views.base import ViewModel
from tgviewer.core.views.chart_text import chart_text
from tgviewer.core.views.data_table import SCATTER_COLUMNS, DataTable, scatter_table
from tgviewer.core.views.formatting import NO_COUNTRY_MESSAGE, format_value
from tgviewer.core.views.rules import choices_with


@dataclass(frozen=True, kw_only=True)
class ScatterModel(ViewModel):
    """Everything the scatter view draws.

    Attributes
    ----------
    choices
        The periods the user can pick (every period of the bundle, and the one shown).
    period
        The period shown (also ``shown[0]``).
    scatter
        The points and the countries left out; ``None`` when nothing can be drawn.
    per_capita
        Whether both axes are per million inhabitants (both are counts, so they are
        whenever asked).
    x_label, y_label
        The axes' measures, with their unit.
    """

    kind = ViewKind.SCATTER
    choices: tuple[QuarterSpan, ...] = ()
    period: QuarterSpan | None = None
    scatter: Scatter | None = None
    per_capita: bool = False
    x_label: str = ""
    y_label: str = ""

    def data_table(self) -> DataTable:
        """The points drawn, then the countries left out."""
        if self.scatter is None:
            return DataTable(SCATTER_COLUMNS, ())
        return scatter_table(self.scatter)


def scatter_period(bundle: Bundle, state: ViewState) -> QuarterSpan | None:
    """The period the scatter shows: ``scatter_period``, else the period that puts the most
    selected countries on the chart."""
    if state.scatter_period is not None:
        return parse_span(state.scatter_period)
    return best_scatter_span(bundle, state.countries, state.service)


def scatter_model(bundle: Bundle, state: ViewState) -> ScatterModel:
    """``state``'s countries as points of requests against users for one period."""
    period = scatter_period(bundle, state)
    per_capita = state.normalisation is Normalisation.PER_MILLION
    unit = ", per million inhabitants" if per_capita else ""
    choices = choices_with(bundle, (period,))
    requests = measure_label(bundle, "requests")
    title = f"{requests} against {measure_words(bundle, 'users')}{unit}"
    base = ScatterModel(
        bundle=bundle,
        state=state,
        choices=choices,
        period=period,
        shown=() if period is None else (period,),
        per_capita=per_capita,
        x_label=requests + unit,
        y_label=measure_label(bundle, "users") + unit,
        text=chart_text(
            bundle, state, title if period is None else f"{title}, {period.label}", per_capita
        ),
    )
    if not state.countries:
        return dataclasses.replace(base, message=NO_COUNTRY_MESSAGE)
    if period is None or not {"requests", "users"} <= set(bundle.manifest.measure_keys):
        return dataclasses.replace(
            base,
            message=(
                "No period has both requests and users for the selected "
                "countries.\nSelect more countries, for example All "
                "with data."
            ),
        )
    notes: tuple[str, ...] = ()
    if state.normalisation in (Normalisation.SHARE, Normalisation.INDEX):
        notes = (
            "Shares and indexes are not applied here (each axis would have its own): "
            "the figures are absolute.",
        )
    scatter = scatter_points(bundle, state.countries, period, state.service, per_capita)
    count = len(scatter.left_out)
    median = scatter.median_ratio
    message = (
        ""
        if scatter.points
        else (
            f"None of the selected countries has both figures for {period.label}.\nPick another "
            "period above; the list below says what is missing."
        )
    )
    return dataclasses.replace(
        base,
        message=message,
        scatter=scatter,
        notes=notes,
        left_out=scatter.left_out,
        left_out_heading=(
            f"Not drawn ({count}): a figure unknown for {period.label}"
            if count
            else "Every selected country is drawn."
        ),
        caption=(
            f"{title}, {period.label} — "
            f"{len(scatter.points)} of {plural(len(state.countries), 'selected country')} drawn"
            + (
                f"; median {quantity(median, 'users per request', format_value(median))} "
                "(dashed line)"
                if median is not None
                else ""
            )
        ),
    )
