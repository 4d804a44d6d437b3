"""The figures a view draws: per country and period, scaled as the ViewState asks.

:func:`series_rows` answers "which rows, which periods, which values" for the trend view,
the table and the ranking. It is a pure function of (bundle, state), cached per pair (the
last few), so views do no arithmetic of their own. The rows are plain tuples rather than a
pandas frame: the window then starts without importing pandas (a fifth of a second) and a
filter change costs no pandas overhead.

Honesty rules applied here:
* a figure is drawn only for a period the records determine (reported or derived);
* a longer total that covers an unknown period is returned separately (``span_totals``),
  never split into per-period values;
* the share of the selected countries' total needs every selected country's figure for
  that period; otherwise it is left unknown and says why;
* per-capita figures name the population and year used;
* an index divides each country's figure by its own figure for the base period (of the same
  length), and is unknown when that base figure is unknown or zero;
* a figure whose records include one with more requests than users carries a caution
  (``SeriesRow.caution``), whatever the measure and scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tgviewer.core.bundle.cautions import any_caution, has_caution
from tgviewer.core.bundle.model import Bundle, Record
from tgviewer.core.figures.cache import cached
from tgviewer.core.periods.engine import SpanAnswer, Status, engine_for
from tgviewer.core.periods.spans import QuarterSpan, quarter_year
from tgviewer.core.plurals import plural
from tgviewer.core.reference.countries import country_name
from tgviewer.core.reference.population import population_table
from tgviewer.core.state.view_state import USERS_PER_REQUEST, Normalisation, ViewState

#: Axis and legend wording for each scale; a row's own ``scaling`` adds its population.
SCALE_LABELS = {
    Normalisation.ABSOLUTE: "",
    Normalisation.PER_MILLION: "per million inhabitants",
    Normalisation.SHARE: "% of the selected countries' total",
    Normalisation.INDEX: "index",
}


def measure_label(bundle: Bundle, measure: str) -> str:
    """The measure's name as the bundle gives it (``Users affected``)."""
    if measure == USERS_PER_REQUEST:
        return "Users per request"
    try:
        return bundle.manifest.measure(measure).label
    except KeyError:
        return measure


def measure_words(bundle: Bundle, measure: str) -> str:
    """``users affected``: the measure's label as it reads inside a sentence."""
    label = measure_label(bundle, measure)
    # "Users affected" -> "users affected", but "IP addresses" stays as it is.
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def scale_label(state: ViewState) -> str:
    """Axis and legend wording for the state's scale (the index names its base)."""
    if state.normalisation is Normalisation.INDEX:
        base = state.index_span()
        return f"index, {base.label} = 100" if base is not None else "index"
    if state.ratio_as_is:
        return ""  # a ratio is never taken per inhabitant nor as a share
    return SCALE_LABELS[state.normalisation]


@dataclass(frozen=True)
class SeriesRow:
    """One country and period as a view draws it.

    ``raw`` is the figure before scaling, ``value`` the figure drawn (NaN when unknown),
    ``scaling`` says how ``value`` was scaled (``absolute``, ``per million inhabitants,
    population 68,551,653 (2024)``...). ``inconsistent`` says that records disagree about
    the figure; ``caution`` that a record it is reported or derived from has more requests
    than users (:mod:`tgviewer.core.bundle.cautions`).
    """

    country: str
    name: str
    period: str
    period_label: str
    first: int
    last: int
    raw: float
    value: float
    status: str
    inconsistent: bool
    explanation: str
    scaling: str
    caution: bool = False

    @property
    def known(self) -> bool:
        """Whether a figure is drawn for this row."""
        return self.value == self.value  # NaN is the only float unequal to itself


@dataclass(frozen=True)
class SpanTotal:
    """A total over a longer span covering periods the records cannot split.

    Drawn as a flat dashed segment across its periods, labelled as a span total.
    """

    country: str
    record: Record
    value: float
    scaling: str

    @property
    def caution(self) -> bool:
        """Whether the total's record has more requests than users."""
        return has_caution(self.record)


def population_year(span: QuarterSpan) -> int:
    """The year whose population scales a figure for ``span``: that of its middle quarter."""
    return quarter_year((span.first + span.last) // 2)


def _ratio(users: SpanAnswer, requests: SpanAnswer) -> tuple[float | None, Status, str]:
    """Users per request for one span, with its status and explanation."""
    if users.value is None or requests.value is None:
        missing = users if users.value is None else requests
        reason = missing.explain().removeprefix("unknown: ")
        return None, Status.UNKNOWN, f"unknown: {missing.measure}: {reason}"
    if requests.value == 0:
        return None, Status.UNKNOWN, "undefined: no request was fulfilled"
    status = (
        Status.REPORTED if users.status is requests.status is Status.REPORTED else Status.DERIVED
    )
    text = (
        f"{plural(users.value, 'user')} / {plural(requests.value, 'request')}; "
        f"users {users.explain()}; "
        f"requests {requests.explain()}"
    )
    return users.value / requests.value, status, text


def raw_figure(
    bundle: Bundle, country: str, span: QuarterSpan, measure: str, service: str
) -> tuple[float | None, Status, bool, str]:
    """``measure`` (or :data:`USERS_PER_REQUEST`) for ``country`` over ``span`` before
    scaling: (figure or ``None``, status, whether records disagree, how it is known)."""
    engine = engine_for(bundle)
    if measure == USERS_PER_REQUEST:
        users = engine.answer(country, "users", span, service)
        requests = engine.answer(country, "requests", span, service)
        value, status, text = _ratio(users, requests)
        return value, status, users.inconsistent or requests.inconsistent, text
    answer = engine.answer(country, measure, span, service)
    raw = None if answer.value is None else float(answer.value)
    return raw, answer.status, answer.inconsistent, answer.explain()


def figure_caution(
    bundle: Bundle, country: str, span: QuarterSpan, measure: str, service: str
) -> bool:
    """Whether a record the figure is reported or derived from has a caution (for users per
    request, a record behind either figure); ``False`` for an unknown figure."""
    engine = engine_for(bundle)
    measures = ("users", "requests") if measure == USERS_PER_REQUEST else (measure,)
    return any(any_caution(engine.answer(country, key, span, service).records) for key in measures)


def per_million(country: str, span: QuarterSpan, raw: float) -> tuple[float | None, str]:
    """``raw`` per million inhabitants of ``country`` in the year of ``span`` (the latest
    year available when newer), and the words saying which population was used."""
    figure = population_table().population(country, population_year(span))
    if figure is None:
        return None, "no population figure"
    return raw / figure.value * 1_000_000, f"per million inhabitants, {figure.describe()}"


def index_value(
    raw: float, base: float | None, base_span: QuarterSpan | None, span: QuarterSpan
) -> tuple[float | None, str]:
    """``raw`` as an index on ``base`` (the same country's figure for ``base_span``) = 100,
    and the words saying so; unknown when the base is unknown, zero, or of another length."""
    if base_span is None or base_span.length != span.length:
        return None, "index undefined: the base period's length differs from this period's"
    if base is None:
        return None, f"index unknown: the base figure ({base_span.label}) is unknown"
    if base == 0:
        return None, f"index undefined: the base figure ({base_span.label}) is 0"
    return raw / base * 100, f"index, {base_span.label} = 100 (base figure {base:g})"


def series_rows(
    bundle: Bundle, state: ViewState, periods: Sequence[QuarterSpan] | None = None
) -> tuple[SeriesRow, ...]:
    """One row per period and selected country (the state's periods by default), period by
    period, countries in selection order."""
    chosen = state.periods() if periods is None else list(periods)
    # Keyed on what the rows depend on, so views that share rows (trend, table) share them.
    base = state.index_span() if state.normalisation is Normalisation.INDEX else None
    key = (state.countries, state.measure, state.normalisation, base, state.service, tuple(chosen))
    return cached(bundle, "series_rows", key, lambda: _compute_rows(bundle, state, chosen))


def _compute_rows(
    bundle: Bundle, state: ViewState, chosen: list[QuarterSpan]
) -> tuple[SeriesRow, ...]:
    nan = float("nan")
    rows = []
    base_span = state.index_span() if state.normalisation is Normalisation.INDEX else None
    bases = (
        {}
        if base_span is None
        else {
            c: raw_figure(bundle, c, base_span, state.measure, state.service)[0]
            for c in state.countries
        }
    )
    for span in chosen:
        cells = {
            c: raw_figure(bundle, c, span, state.measure, state.service) for c in state.countries
        }
        known_total = sum(raw for raw, *_ in cells.values() if raw is not None)
        all_known = all(raw is not None for raw, *_ in cells.values())
        for country, (raw, status, inconsistent, text) in cells.items():
            value, scaling = raw, "absolute"
            if raw is not None and state.per_capita:
                value, scaling = per_million(country, span, raw)
            elif raw is not None and state.share:
                if not all_known:
                    value, scaling = (
                        None,
                        (
                            "share unknown: not every selected country's "
                            f"figure is known for {span.label}"
                        ),
                    )
                elif known_total == 0:
                    value, scaling = None, "share undefined: the selected countries' total is 0"
                else:
                    value = raw / known_total * 100
                    scaling = f"% of the selected countries' total ({known_total:g})"
            elif raw is not None and state.normalisation is Normalisation.INDEX:
                value, scaling = index_value(raw, bases.get(country), base_span, span)
            rows.append(
                SeriesRow(
                    country=country,
                    name=country_name(country),
                    period=span.code,
                    period_label=span.label,
                    first=span.first,
                    last=span.last,
                    raw=nan if raw is None else float(raw),
                    value=nan if value is None else float(value),
                    status=status.value,
                    inconsistent=bool(inconsistent),
                    explanation=text,
                    scaling=scaling,
                    caution=figure_caution(bundle, country, span, state.measure, state.service),
                )
            )
    return tuple(rows)


def span_totals(bundle: Bundle, state: ViewState) -> list[SpanTotal]:
    """The tightest longer totals covering periods of the range whose figures are unknown.

    Only absolute figures and per-million figures can be drawn this way; a share, an index
    or a ratio over a different span would not compare with the periods around it.
    """
    key = (
        state.countries,
        state.measure,
        state.normalisation,
        state.service,
        state.span,
        state.granularity,
    )
    return list(
        cached(bundle, "span_totals", key, lambda: tuple(_compute_span_totals(bundle, state)))
    )


def _compute_span_totals(bundle: Bundle, state: ViewState) -> list[SpanTotal]:
    if state.measure == USERS_PER_REQUEST or state.normalisation in (
        Normalisation.SHARE,
        Normalisation.INDEX,
    ):
        return []
    engine = engine_for(bundle)
    found: dict[tuple[str, int], SpanTotal] = {}
    for span in state.periods():
        for country in state.countries:
            answer = engine.answer(country, state.measure, span, state.service)
            if answer.status is not Status.UNKNOWN:
                continue
            enclosing = [(r, r.span) for r in answer.enclosing if r.span is not None]
            # Only the tightest totals: the year adds nothing where Jan–Sep already covers.
            tightest = [
                (record, covered)
                for record, covered in enclosing
                if not any(other != covered and covered.contains(other) for _, other in enclosing)
            ]
            for record, covered in tightest:
                value = record.value(state.measure)
                if value is None or not state.span.overlaps(covered):
                    continue
                scaled, scaling = float(value), "absolute"
                if state.per_capita:
                    scaled_value, scaling = per_million(country, covered, float(value))
                    if scaled_value is None:
                        continue
                    scaled = scaled_value
                found[(country, record.line)] = SpanTotal(country, record, scaled, scaling)
    return sorted(found.values(), key=lambda t: (t.country, t.record.start, t.record.end))
