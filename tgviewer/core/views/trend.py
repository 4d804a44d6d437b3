"""The trend view's model: a line per selected country over the periods of the range."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.left_out import NotComparable
from tgviewer.core.figures.series import (
    SeriesRow,
    SpanTotal,
    measure_label,
    scale_label,
    series_rows,
    span_totals,
)
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.state.view_state import Normalisation, ViewKind, ViewState
from tgviewer.core.views.base import ViewModel
from tgviewer.core.views.chart_text import chart_text, range_words
from tgviewer.core.views.formatting import (
    NO_COUNTRY_MESSAGE,
    NO_PERIOD_MESSAGE,
    unscalable_message,
)
from tgviewer.core.views.rules import not_drawn_reason, ratio_notes, scaled_measure

if TYPE_CHECKING:
    from tgviewer.core.views.data_table import DataTable


@dataclass(frozen=True)
class EventMark:
    """A dated event of the bundle, at its place along the periods (0 is the first)."""

    position: float
    title: str
    tooltip: str


@dataclass(frozen=True, kw_only=True)
class TrendModel(ViewModel):
    """Everything the trend view draws.

    Attributes
    ----------
    periods
        The periods along the x axis, in order.
    rows
        One row per period and selected country, period by period, countries in selection
        order (unknown figures included, as NaN).
    totals
        Totals over longer spans the records do not split, drawn dashed.
    events
        The bundle's events inside the periods shown.
    unit
        The measure's label as it reads after a figure (``users affected``).
    axis_label
        The value axis's wording for the scale (``index, Q1 2024 = 100``).
    """

    kind = ViewKind.TREND
    periods: tuple[QuarterSpan, ...] = ()
    rows: tuple[SeriesRow, ...] = ()
    totals: tuple[SpanTotal, ...] = ()
    events: tuple[EventMark, ...] = ()
    unit: str = ""
    axis_label: str = ""

    @property
    def countries(self) -> tuple[str, ...]:
        """The selected countries, in the order they were picked (the legend's order)."""
        return self.state.countries

    @property
    def index_level(self) -> float | None:
        """The index's base level (100), drawn as a line; ``None`` on other scales."""
        return 100.0 if self.state.normalisation is Normalisation.INDEX else None

    def rows_of(self, country: str) -> list[SeriesRow]:
        """``country``'s rows, period by period."""
        return self._rows_by_country.get(country, [])

    @cached_property
    def _rows_by_country(self) -> dict[str, list[SeriesRow]]:
        """The rows of each country, gathered in one pass (asking each country to scan all
        rows took 24 s for 250 countries over 4,000 quarters)."""
        found: dict[str, list[SeriesRow]] = {}
        for row in self.rows:
            found.setdefault(row.country, []).append(row)
        return found

    def values(self) -> list[float]:
        """Every value drawn (NaN for unknown ones), for fitting the axis."""
        level = [] if self.index_level is None else [self.index_level]
        return [r.value for r in self.rows] + [t.value for t in self.totals] + level

    def data_table(self) -> DataTable:
        """Each country's points, then the dashed longer totals."""
        from tgviewer.core.views.data_table import series_table  # when exporting, not at start

        return series_table(self.bundle, self.state, self.rows, self.totals)


def trend_model(bundle: Bundle, state: ViewState) -> TrendModel:
    """The trend of ``state``'s countries over its range."""
    periods = tuple(state.periods())
    text = chart_text(
        bundle,
        state,
        f"{scaled_measure(bundle, state)}, {range_words(state.span)}",
        state.per_capita,
    )
    base = TrendModel(
        bundle=bundle,
        state=state,
        text=text,
        periods=periods,
        unit=measure_label(bundle, state.measure).lower(),
        axis_label=scale_label(state),
    )
    message = _message(state, periods)
    if message:
        return dataclasses.replace(base, message=message)
    rows = series_rows(bundle, state)
    if not any(row.known for row in rows):
        message = unscalable_message(rows) or (
            "No figure is known for these countries in this range.\n"
            "Try another range, or the coverage of other countries."
        )
        return dataclasses.replace(base, message=message, rows=rows)
    notes = ratio_notes(state)
    totals = tuple(span_totals(bundle, state))
    left_out = _left_out(rows, totals)
    text = base.text
    if left_out:  # an export shows no list: its subtitle says who is missing, and why
        missing = "; ".join(f"{left.name} ({left.reason})" for left in left_out)
        text = dataclasses.replace(text, subtitle=f"{text.subtitle} Not drawn: {missing}.")
    return dataclasses.replace(
        base,
        text=text,
        rows=rows,
        totals=totals,
        events=_events(bundle, periods),
        notes=notes,
        left_out=left_out,
        left_out_heading=f"Not drawn ({len(left_out)}): nothing to draw in this range"
        if left_out
        else "",
    )


def _message(state: ViewState, periods: tuple[QuarterSpan, ...]) -> str:
    if not state.countries:
        return NO_COUNTRY_MESSAGE
    if not periods:
        return NO_PERIOD_MESSAGE
    if len(periods) == 1:
        return (
            f"The range holds only one period ({periods[0].label}), and a trend needs "
            "two.\nWiden the range or choose a shorter granularity, or compare "
            "countries in the Ranking view (Ctrl+2)."
        )
    return ""


def _left_out(
    rows: tuple[SeriesRow, ...], totals: tuple[SpanTotal, ...]
) -> tuple[NotComparable, ...]:
    """Countries with nothing drawn: no figure in any period, or none the scale applies to."""
    drawn = {row.country for row in rows if row.known} | {t.country for t in totals}
    by_country: dict[str, list[SeriesRow]] = {}
    for row in rows:
        if row.country not in drawn:
            by_country.setdefault(row.country, []).append(row)
    return tuple(
        NotComparable(
            code, own[0].name, not_drawn_reason(own, "no figure for any period of the range")
        )
        for code, own in by_country.items()
    )


def _events(bundle: Bundle, periods: tuple[QuarterSpan, ...]) -> tuple[EventMark, ...]:
    marks = []
    for event in bundle.events:
        for index, period in enumerate(periods):
            if period.start_date <= event.date <= period.end_date:
                days = (period.end_date - period.start_date).days + 1
                offset = (event.date - period.start_date).days / days
                marks.append(
                    EventMark(
                        index - 0.5 + offset,
                        event.title,
                        f"{event.date}: {event.title}\n{event.description}",
                    )
                )
    return tuple(marks)
