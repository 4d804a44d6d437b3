"""What the user has chosen to look at: one typed, immutable ``ViewState``, and its store.

Widgets write changes into the :class:`ViewStateStore`; views render from the state it holds
and from nothing else. One call to :meth:`ViewStateStore.update` is one user action: however
many fields it changes, listeners hear about it once, so each view redraws once.
The state is plain data, so it can be saved (settings, ``.tgview`` files) and compared.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from tgviewer.core.bundle.model import DEFAULT_SERVICE, Bundle
from tgviewer.core.figures.knowable import record_boundaries
from tgviewer.core.periods.engine import engine_for
from tgviewer.core.periods.spans import Granularity, QuarterSpan, parse_span, periods_in_range

#: The ratio measure, computed from two of a Telegram bundle's measures.
USERS_PER_REQUEST = "users_per_request"


class Normalisation(Enum):
    """How figures are scaled before they are compared."""

    ABSOLUTE = "absolute"
    PER_MILLION = "per_million"
    SHARE = "share"
    INDEX = "index"


class ViewKind(Enum):
    """The view shown in the centre of the window."""

    TREND = "trend"
    RANKING = "ranking"
    TABLE = "table"
    COMPARE = "compare"
    COVERAGE = "coverage"
    SCATTER = "scatter"
    MAP = "map"


class CompareOrder(Enum):
    """What the compare view sorts countries by (largest first, names A to Z)."""

    A = "a"
    B = "b"
    CHANGE = "change"
    PERCENT = "percent"
    NAME = "name"


class CoverageOrder(Enum):
    """How the coverage view sorts its countries."""

    NAME = "name"
    COVERAGE = "coverage"
    MEASURE = "measure"


class MapClasses(Enum):
    """How the map's colour classes are bounded (see :mod:`tgviewer.core.figures.classes`)."""

    NICE = "nice"
    QUANTILE = "quantile"
    EQUAL = "equal"


@dataclass(frozen=True)
class ViewState:
    """Everything the user has chosen; the single source of truth for every view.

    Attributes
    ----------
    countries
        ISO codes of the selected countries, in the order they were picked.
    granularity
        Length of the periods shown along time: quarter, half-year or year.
    first, last
        Quarter indices (see ``periods.quarter_index``) of the range shown, inclusive.
    measure
        A measure key of the bundle, or :data:`USERS_PER_REQUEST`.
    normalisation
        Absolute figures, per million inhabitants, share of the selected countries' total,
        or an index (each country's figure for ``index_base`` = 100).
    index_base
        Code of the base period of the index; ``None`` for the first period of the range. A
        base that is not one of the periods shown (another length, outside the range) gives
        way to the first period too (a quarter is never indexed on a year); the axis names
        the base used, and :meth:`index_span` says which it is.
    log_scale
        Whether value axes are logarithmic (zeros are drawn at the axis's foot and marked).
    service
        The service whose records are shown.
    view
        The view shown in the centre.
    ranking_period
        Code of the period the ranking shows (``2025Q4``, or a year or half inside the range
        whatever ``granularity`` is); ``None`` for the latest period of the range where the
        most selected countries have a figure (``rules.ranking_period``).
    compare_a, compare_b
        Codes of the two periods the compare view sets side by side; ``None`` for the
        like-for-like pair that covers the most selected countries.
    compare_order
        What the compare view sorts by.
    coverage_order
        How the coverage view sorts its countries.
    scatter_period
        Code of the period the scatter view shows; ``None`` for the period that puts the
        most selected countries on it.
    map_period
        Code of the period the map shows; ``None`` for the latest period of the range (at
        the chosen length) with the most countries known.
    map_classes
        How the map's colour classes are bounded: quantiles (the default: figures this
        skewed use every colour), round steps or equal steps.
    """

    countries: tuple[str, ...] = ()
    granularity: Granularity = Granularity.QUARTER
    first: int = 0
    last: int = 0
    measure: str = "users"
    normalisation: Normalisation = Normalisation.ABSOLUTE
    index_base: str | None = None
    log_scale: bool = False
    service: str = DEFAULT_SERVICE
    view: ViewKind = ViewKind.TREND
    ranking_period: str | None = None
    compare_a: str | None = None
    compare_b: str | None = None
    compare_order: CompareOrder = CompareOrder.PERCENT
    coverage_order: CoverageOrder = CoverageOrder.NAME
    scatter_period: str | None = None
    map_period: str | None = None
    map_classes: MapClasses = MapClasses.QUANTILE

    @property
    def per_capita(self) -> bool:
        """Whether figures are taken per million inhabitants: asked for, and not a ratio
        (users per request is the same per inhabitant as in total, so it is never scaled)."""
        return self.normalisation is Normalisation.PER_MILLION and self.measure != USERS_PER_REQUEST

    @property
    def share(self) -> bool:
        """Whether figures are shares of the selected countries' total: asked for, and not a
        ratio (ratios do not add up to a total, so users per request is never shared)."""
        return self.normalisation is Normalisation.SHARE and self.measure != USERS_PER_REQUEST

    @property
    def ratio_as_is(self) -> bool:
        """Whether a scale was asked for that a ratio is shown without (per inhabitant, a
        share): users per request is then drawn as it is, and the view says so."""
        return self.measure == USERS_PER_REQUEST and self.normalisation in (
            Normalisation.PER_MILLION,
            Normalisation.SHARE,
        )

    @property
    def span(self) -> QuarterSpan:
        """The range shown, as a span."""
        return QuarterSpan(min(self.first, self.last), max(self.first, self.last))

    def periods(self) -> list[QuarterSpan]:
        """The periods along time: the range cut into periods of the chosen granularity."""
        return periods_in_range(self.span, self.granularity)

    def index_span(self) -> QuarterSpan | None:
        """The base period of the index: ``index_base`` when it is one of the periods shown,
        else the first period of the range."""
        periods = self.periods()
        if not periods:
            return None
        if self.index_base is not None:
            base = parse_span(self.index_base)
            if base in periods:
                return base
        return periods[0]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (periods as codes, enums as their values)."""
        return {
            "countries": list(self.countries),
            "granularity": self.granularity.value,
            "range": self.span.code,
            "measure": self.measure,
            "normalisation": self.normalisation.value,
            "index_base": self.index_base,
            "log_scale": self.log_scale,
            "service": self.service,
            "view": self.view.value,
            "ranking_period": self.ranking_period,
            "compare_a": self.compare_a,
            "compare_b": self.compare_b,
            "compare_order": self.compare_order.value,
            "coverage_order": self.coverage_order.value,
            "scatter_period": self.scatter_period,
            "map_period": self.map_period,
            "map_classes": self.map_classes.value,
        }

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> ViewState:
        """Read the form :meth:`to_dict` writes.

        Raises
        ------
        ValueError
            Naming the field that cannot be read and what was expected.
        """

        def field(name: str, kind: type) -> Any:
            value = document.get(name)
            if not isinstance(value, kind):
                raise ValueError(f"field {name!r}: expected {kind.__name__}, found {value!r:.60}")
            return value

        def choice(name: str, enum: type[Enum]) -> Any:
            value = field(name, str)
            try:
                return enum(value)
            except ValueError:
                options = ", ".join(str(member.value) for member in enum)
                raise ValueError(f"field {name!r}: {value!r} is not one of {options}") from None

        def optional_period(name: str) -> str | None:
            value = document.get(name)
            if value is None:
                return None
            try:
                return parse_span(str(value)).code
            except ValueError as exc:
                raise ValueError(f"field {name!r}: {exc}") from None

        countries = field("countries", list)
        if not all(isinstance(c, str) for c in countries):
            raise ValueError("field 'countries': expected a list of country codes")
        range_code = field("range", str)
        try:
            span = parse_span(range_code)
        except ValueError as exc:
            raise ValueError(f"field 'range': {exc}") from None
        ranking = document.get("ranking_period")
        if ranking is not None:
            try:
                parse_span(str(ranking))
            except ValueError as exc:
                raise ValueError(f"field 'ranking_period': {exc}") from None
        return cls(
            countries=tuple(countries),
            granularity=choice("granularity", Granularity),
            first=span.first,
            last=span.last,
            measure=field("measure", str),
            normalisation=choice("normalisation", Normalisation),
            service=field("service", str),
            view=choice("view", ViewKind),
            ranking_period=None if ranking is None else str(ranking),
            # Fields added after the first release: absent in older files, defaults then.
            compare_a=optional_period("compare_a"),
            compare_b=optional_period("compare_b"),
            compare_order=choice("compare_order", CompareOrder)
            if "compare_order" in document
            else CompareOrder.PERCENT,
            coverage_order=choice("coverage_order", CoverageOrder)
            if "coverage_order" in document
            else CoverageOrder.NAME,
            index_base=optional_period("index_base"),
            scatter_period=optional_period("scatter_period"),
            map_period=optional_period("map_period"),
            map_classes=choice("map_classes", MapClasses)
            if "map_classes" in document
            else MapClasses.QUANTILE,
            log_scale=field("log_scale", bool) if "log_scale" in document else False,
        )


#: The default range spans at most this many years: the window of them holding the most
#: record edges (a record ending in 9999 must not make the first chart thousands of periods).
DEFAULT_RANGE_YEARS = 25


def default_range(bundle: Bundle) -> QuarterSpan | None:
    """The range a first view of ``bundle`` shows: the quarters where its records start and
    end, or, when they spread over more than :data:`DEFAULT_RANGE_YEARS` years, the window
    of that many years holding most of them (the latest such window), clipped to them.

    Linear in the records (after sorting their edges): nothing here walks quarter by quarter.
    """
    edges = sorted({q for span in bundle.spans for q in (span.first, span.last)})
    if not edges:
        return None
    width = 4 * DEFAULT_RANGE_YEARS
    best = (0, 0)  # (edges held, index of the first edge)
    start = 0
    for end, edge in enumerate(edges):  # two pointers: edges[start..end] within one window
        while edge - edges[start] >= width:
            start += 1
        if end - start + 1 >= best[0]:
            best = (end - start + 1, start)
    held, start = best
    return QuarterSpan(edges[start], edges[start + held - 1])


def default_view_state(bundle: Bundle, top: int = 5) -> ViewState:
    """A useful first view of ``bundle``: its time range (see :func:`default_range`) and its
    largest countries.

    The countries chosen are the ``top`` with the most users affected (or the bundle's first
    measure) over the most recent year in the range every record allows; ties go to the code.
    Only years that start and end on record edges are tried (no other year can be known).
    """
    measures = bundle.manifest.measure_keys
    measure = "users" if "users" in measures else measures[0]
    shown = default_range(bundle)
    if shown is None:
        return ViewState(measure=measure)
    first, last = shown.first, shown.last
    engine = engine_for(bundle)
    service = DEFAULT_SERVICE if DEFAULT_SERVICE in bundle.services else bundle.services[0]
    boundaries = record_boundaries(bundle)
    years = sorted(
        (q for q in boundaries if q % 4 == 0 and q + 4 in boundaries and first <= q <= last),
        reverse=True,
    )
    earliest = first + (-first) % 4
    if earliest <= last and (not years or years[-1] != earliest):
        years.append(earliest)  # as when every year was tried: the earliest one decides
    ranked: list[tuple[int, str]] = []
    for year_first in years:
        year = QuarterSpan(year_first, year_first + 3)
        ranked = sorted(
            (
                (-(answer.value or 0), code)
                for code in bundle.countries
                if (answer := engine.answer(code, measure, year, service)).value is not None
            ),
        )
        if len(ranked) >= top:
            break
    chosen = tuple(code for _, code in ranked[:top]) or tuple(bundle.countries[:top])
    return ViewState(countries=chosen, first=first, last=last, measure=measure, service=service)


def measures_of(bundle: Bundle) -> tuple[str, ...]:
    """The measures a view of ``bundle`` can show: its manifest's, in order, then
    :data:`USERS_PER_REQUEST` when it has both users and requests."""
    measures = bundle.manifest.measure_keys
    ratio = (USERS_PER_REQUEST,) if {"users", "requests"} <= set(measures) else ()
    return measures + ratio


def fit_to_bundle(state: ViewState, bundle: Bundle) -> ViewState | None:
    """``state`` adapted to ``bundle``, or ``None`` when nothing of it applies.

    Used to reopen the last view on a bundle that may have changed since: countries the
    bundle lacks are dropped, the range is clipped to the bundle's quarters, and a measure or
    service the bundle lacks gives way to the default view's. When no selected country is
    left, or the range falls outside the bundle, the state does not apply.
    """
    whole = bundle.quarter_span
    present = set(bundle.countries)
    countries = tuple(c for c in state.countries if c in present)
    if whole is None or not countries or not whole.overlaps(state.span):
        return None
    default = default_view_state(bundle)
    measure_ok = state.measure in measures_of(bundle)
    first = max(state.span.first, whole.first)
    last = min(state.span.last, whole.last)
    ranking = state.ranking_period
    if ranking is not None and not QuarterSpan(first, last).contains(parse_span(ranking)):
        ranking = None
    base = state.index_base
    if base is not None and not QuarterSpan(first, last).contains(parse_span(base)):
        base = None
    pair = (state.compare_a, state.compare_b)
    if not all(code is not None and whole.contains(parse_span(code)) for code in pair):
        pair = (None, None)
    scatter = state.scatter_period
    if scatter is not None and not whole.contains(parse_span(scatter)):
        scatter = None
    return dataclasses.replace(
        state,
        countries=countries,
        first=first,
        last=last,
        compare_a=pair[0],
        compare_b=pair[1],
        measure=state.measure if measure_ok else default.measure,
        service=state.service if state.service in bundle.services else default.service,
        ranking_period=ranking,
        index_base=base,
        scatter_period=scatter,
    )


Listener = Callable[[ViewState, ViewState], None]


class ViewStateStore:
    """Holds the current :class:`ViewState` and tells listeners once per change.

    Parameters
    ----------
    state
        The first state.
    """

    def __init__(self, state: ViewState) -> None:
        self._state = state
        self._listeners: list[Listener] = []

    @property
    def state(self) -> ViewState:
        """The current state."""
        return self._state

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(old, new)`` after each change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def update(self, **changes: Any) -> bool:
        """Change some fields as one action; returns whether anything changed."""
        return self.replace(dataclasses.replace(self._state, **changes))

    def replace(self, state: ViewState) -> bool:
        """Make ``state`` current as one action (a reset, a loaded view)."""
        if state == self._state:
            return False
        old, self._state = self._state, state
        for listener in list(self._listeners):
            listener(old, state)
        return True
