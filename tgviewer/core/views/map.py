"""The map view's model: every country of the bundle, coloured by its figure for one period.

The map shows all the bundle's countries, not only the selected ones (those are outlined),
for one period of the range at the chosen length; the slider under the map steps through
the range's periods. Its honesty rules are the other views':

- a figure is drawn only where the records determine it; a derived figure is marked (the
  view hatches it) and a reported zero is a colour of the scale, never "no data";
- a country with records but no figure for the period says why (hatched grey); a country
  with no record at all is plain land;
- countries whose records disagree are marked ⚠;
- a share is the country's part of the total of the countries with a figure for the period
  (the map has no selection to take it of), and the legend says so.

The colour classes (:mod:`tgviewer.core.figures.classes`) are computed from the figures of
the period shown, so the legend always fits what is on the map.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.classes import Classes, class_bounds
from tgviewer.core.figures.left_out import NotComparable
from tgviewer.core.figures.series import SeriesRow, measure_label, series_rows
from tgviewer.core.periods.spans import QuarterSpan, parse_span
from tgviewer.core.reference.countries import country_name
from tgviewer.core.state.view_state import MapClasses, Normalisation, ViewKind, ViewState
from tgviewer.core.views.base import INPUTS, ViewModel
from tgviewer.core.views.chart_text import chart_text
from tgviewer.core.views.data_table import DataTable
from tgviewer.core.views.formatting import NO_PERIOD_MESSAGE, format_value
from tgviewer.core.views.rules import not_drawn_reason, ratio_notes, scaled_measure

#: Columns of the map's data export: one row per country of the bundle.
MAP_COLUMNS = (
    "country",
    "country_name",
    "period",
    "period_label",
    "value",
    "unit",
    "records_figure",
    "status",
    "class",
    "records_disagree",
    "caution",
    "selected",
    "how_known",
)

#: What the classes method is called in the legend and the options.
CLASS_METHOD_WORDS = {
    MapClasses.NICE: "round steps",
    MapClasses.QUANTILE: "quantiles (as many countries in each class)",
    MapClasses.EQUAL: "equal steps from the smallest to the largest figure",
}


#: The classes of a map with nothing to draw.
NO_CLASSES = Classes((0.0, 1.0))


@dataclass(frozen=True)
class MapEntry:
    """One country as the map draws it.

    ``row`` holds the figure, its status and how it is known; ``klass`` is its colour class
    (``None`` when there is no figure); ``reason`` says why there is none.
    """

    row: SeriesRow
    klass: int | None
    selected: bool
    reason: str = ""

    @property
    def country(self) -> str:
        return self.row.country

    @property
    def known(self) -> bool:
        return self.klass is not None

    @property
    def derived(self) -> bool:
        """Whether the figure drawn is derived from other records rather than reported."""
        return self.known and self.row.status == "derived"


@dataclass(frozen=True, kw_only=True)
class MapModel(ViewModel):
    """Everything the map view draws.

    Attributes
    ----------
    choices
        The periods the slider steps through (the range's, at the chosen length).
    period
        The period shown (also ``shown[0]``).
    entries
        Every country of the bundle, by name.
    classes
        The colour classes; ``labels`` is how the legend reads them.
    unit
        What the figures are (``users affected per million inhabitants``), for the legend.
    """

    kind = ViewKind.MAP
    choices: tuple[QuarterSpan, ...] = ()
    period: QuarterSpan | None = None
    entries: tuple[MapEntry, ...] = ()
    classes: Classes = NO_CLASSES
    labels: tuple[str, ...] = ()
    unit: str = ""

    def entry(self, country: str) -> MapEntry | None:
        """The entry of ``country`` (``None`` when the bundle has no record of it)."""
        return next((e for e in self.entries if e.country == country), None)

    def data_table(self) -> DataTable:
        """One row per country of the bundle: its figure, status and class."""
        rows = []
        for entry in self.entries:
            row = entry.row
            rows.append(
                (
                    row.country,
                    row.name,
                    row.period,
                    row.period_label,
                    row.value if entry.known else None,
                    self.unit,
                    row.raw if row.raw == row.raw else None,
                    row.status if entry.known else "unknown",
                    self.labels[entry.klass] if entry.klass is not None else None,
                    row.inconsistent,
                    row.caution,
                    entry.selected,
                    how_known(entry),
                )
            )
        return DataTable(MAP_COLUMNS, tuple(rows))


def rows_state(state: ViewState, **changes: object) -> ViewState:
    """A state for :func:`series_rows` from the map's declared inputs alone (``replace``
    would read every field of ``state``), with ``changes``."""
    fields = {name: getattr(state, name) for name in INPUTS[ViewKind.MAP]}
    return ViewState(**{**fields, "view": ViewKind.MAP, **changes})


def map_period(
    state: ViewState, known: Callable[[QuarterSpan], int], most: int
) -> QuarterSpan | None:
    """The period the map shows: ``map_period`` when it is one of the range's periods, else
    the latest period with the most countries known (``known(period)`` of at most ``most``).

    Periods are tried from the latest, so the first with every country known ends the
    search: a range of a thousand years is not counted through."""
    periods = state.periods()
    if state.map_period is not None and (chosen := parse_span(state.map_period)) in periods:
        return chosen
    if not periods:
        return None
    best, chosen = 0, periods[-1]
    for period in reversed(periods):
        count = known(period)
        if count > best:
            best, chosen = count, period
        if count >= most:
            break
    return chosen


def known_count(
    bundle: Bundle, state: ViewState, countries: tuple[str, ...], period: QuarterSpan
) -> int:
    """How many of ``countries`` have a figure for ``period``."""
    everyone = rows_state(state, countries=countries, normalisation=Normalisation.ABSOLUTE)
    return sum(row.known for row in series_rows(bundle, everyone, [period]))


def map_rows(
    bundle: Bundle, state: ViewState, countries: tuple[str, ...], period: QuarterSpan
) -> tuple[SeriesRow, ...]:
    """``countries``' rows for ``period`` on the state's scale; a share is of the total of
    the countries with a figure."""
    rows = series_rows(bundle, rows_state(state, countries=countries), [period])
    if not state.share:
        return rows
    absolute = series_rows(
        bundle,
        rows_state(state, countries=countries, normalisation=Normalisation.ABSOLUTE),
        [period],
    )
    known = tuple(r.country for r in absolute if r.known)
    shared = {
        r.country: dataclasses.replace(
            r,
            scaling=r.scaling.replace(
                "the selected countries' total", "the total of the countries with a figure"
            ),
        )
        for r in series_rows(bundle, rows_state(state, countries=known), [period])
    }
    return tuple(shared.get(r.country, r) for r in absolute)


def map_model(bundle: Bundle, state: ViewState) -> MapModel:
    """Every country of the bundle coloured by its figure for the map's period."""
    countries = tuple(sorted(bundle.countries, key=lambda c: (country_name(c).casefold(), c)))
    period = map_period(
        state, lambda p: known_count(bundle, state, countries, p), most=len(countries)
    )
    scaled = scaled_measure(bundle, state)
    if state.share:
        scaled = f"{measure_label(bundle, state.measure)}, % of the total of the countries shown"
    title = scaled if period is None else f"{scaled}, {period.label}"
    base = MapModel(
        bundle=bundle,
        state=state,
        choices=tuple(state.periods()),
        period=period,
        shown=() if period is None else (period,),
        text=chart_text(bundle, state, title, state.per_capita),
        unit=scaled[:1].lower() + scaled[1:] if scaled[1:2].islower() else scaled,
        notes=ratio_notes(state),
    )
    if period is None:
        return dataclasses.replace(base, message=NO_PERIOD_MESSAGE)
    rows = map_rows(bundle, state, countries, period)
    classes = class_bounds(
        [r.value for r in rows if r.known], state.map_classes, log=state.log_scale
    )
    selected = set(state.countries)
    entries = tuple(
        MapEntry(
            row=row,
            klass=classes.of(row.value),
            selected=row.country in selected,
            reason="" if row.known else not_drawn_reason([row], "no figure for this period"),
        )
        for row in rows
    )
    drawn = sum(1 for e in entries if e.known)
    left_out = tuple(NotComparable(e.country, e.row.name, e.reason) for e in entries if not e.known)
    message = (
        ""
        if drawn
        else (
            f"No country has a figure for {period.label}.\n"
            "Move the slider to another period, or choose another length of period."
        )
    )
    return dataclasses.replace(
        base,
        message=message,
        entries=entries,
        classes=classes,
        labels=classes.labels(format_value),
        left_out=left_out,
        left_out_heading=(
            f"No figure ({len(left_out)}) for {period.label}"
            if left_out
            else "Every country of the bundle has a figure."
        ),
        caption=f"{title} — {drawn} of {len(entries)} countries with a figure",
    )


def how_known(entry: MapEntry) -> str:
    """How the entry's figure is known, or why there is none, for the data export."""
    row = entry.row
    scaled = row.explanation if row.scaling == "absolute" else f"{row.scaling}; {row.explanation}"
    if entry.known or entry.reason in scaled:
        return scaled
    return f"{entry.reason}: {scaled}"
