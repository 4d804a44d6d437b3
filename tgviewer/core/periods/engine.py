"""The period engine: what the records say about any run of quarters.

For a country, a measure and a span, :meth:`PeriodEngine.answer` tells whether the figure is
``reported`` (one record covers exactly that span), ``derived`` (records determine it by sums
and differences, which are listed) or ``unknown``, and flags it ``inconsistent`` when the
records over-determine it and disagree. Figures are exact integers; a total is never spread
over its quarters. Records whose dates do not fall on quarter edges are never used.

See :mod:`tgviewer.core.periods.span_graph` for how the derivations are found.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from tgviewer.core.bundle.model import DEFAULT_SERVICE, Bundle, Record, as_columns
from tgviewer.core.periods.span_graph import Conflict, Edge, SpanGraph, Step, path_value
from tgviewer.core.periods.spans import QuarterSpan

if TYPE_CHECKING:
    from tgviewer.core.periods.chains import Chain, Chains

#: A derivation spelled in a message names at most this many records, then counts the rest.
MAX_SPELLED_TERMS = 12


class Status(Enum):
    """How a figure for a span is known."""

    REPORTED = "reported"
    DERIVED = "derived"
    UNKNOWN = "unknown"


#: How many records a derivation's formula names before counting the rest: tooltips, the
#: Details dock and data exports spell it for every figure shown.
FORMULA_TERMS = 12


@dataclass(frozen=True)
class Term:
    """A record added (``sign=1``) or subtracted (``sign=-1``) in a derivation."""

    record: Record
    sign: int


@dataclass(frozen=True)
class Derivation:
    """A figure computed from records: the signed sum of their figures for ``measure``."""

    terms: tuple[Term, ...]
    measure: str

    @property
    def value(self) -> int:
        """The computed figure."""
        total = 0
        for term in self.terms:
            figure = term.record.value(self.measure)
            assert figure is not None, "derivations only use records with a figure"
            total += term.sign * figure
        return total

    @property
    def records(self) -> tuple[Record, ...]:
        """The records used, in the order of the formula."""
        return tuple(term.record for term in self.terms)

    @property
    def formula(self) -> str:
        """``2024 (293) − Jan–Sep 2024 (7)``: the derivation in words and figures (its
        first :data:`FORMULA_TERMS` records, then how many more)."""
        return self.spelled(most=FORMULA_TERMS)

    def spelled(self, in_words: bool = False, most: int | None = None) -> str:
        """The derivation as :attr:`formula` gives it, or with ``in_words`` as a sentence
        reads it: ``2024 (293) minus Jan–Sep 2024 (7)``, figures with thousands separators.

        With ``most``, a derivation of more records names the first ``most`` and counts the
        others (``… and 1,588 more records``): records chained over centuries would
        otherwise make a message of megabytes.
        """
        if in_words:
            plus, minus, leading_minus = "plus ", "minus ", "minus "
        else:
            plus, minus, leading_minus = "+ ", "− ", "−"
        terms = self.terms
        if most is not None and len(terms) > most:
            terms = terms[:most]
        parts = []
        for index, term in enumerate(terms):
            value = term.record.value(self.measure)
            figure = f"{value or 0:,}".replace("-", "−") if in_words else str(value)
            text = f"{term.record.period_label} ({figure})"
            if index == 0:
                parts.append(text if term.sign > 0 else leading_minus + text)
            else:
                parts.append((plus if term.sign > 0 else minus) + text)
        if len(terms) < len(self.terms):
            more = len(self.terms) - len(terms)
            parts.append(f"… and {more:,} more record{'s' * (more != 1)}")
        return " ".join(parts)


@dataclass(frozen=True)
class Contradiction:
    """Records that disagree about a span.

    Attributes
    ----------
    span
        The span the two derivations are about.
    first
        One way the records give the span (often a single record stating it).
    second
        Another way that gives a different figure; ``None`` when ``first`` is negative,
        which no count can be (a total smaller than its part).
    """

    country: str
    measure: str
    span: QuarterSpan
    first: Derivation
    second: Derivation | None

    @property
    def difference(self) -> int:
        """How far apart the two figures are (``first - second``), or ``first`` if negative."""
        if self.second is None:
            return self.first.value
        return self.first.value - self.second.value

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record involved."""
        second = self.second.records if self.second else ()
        return tuple(dict.fromkeys(self.first.records + second))

    def describe(self) -> str:
        """The contradiction in plain words."""
        first = self.first
        most = MAX_SPELLED_TERMS
        if self.second is None:
            return (
                f"{self.span.label}: {first.spelled(most=most)} = {first.value}, a negative "
                "count: a total is smaller than its parts"
            )
        if len(first.terms) == 1 and first.terms[0].sign > 0:
            stated = f"{self.span.label} is reported as {first.value}"
        else:
            stated = f"{self.span.label} is {first.spelled(most=most)} = {first.value}"
        return (
            f"{stated}, but {self.second.spelled(most=most)} = {self.second.value} "
            f"(difference {abs(self.difference)})"
        )


@dataclass(frozen=True)
class SpanAnswer:
    """What the records say about one country, measure and span.

    Attributes
    ----------
    status
        Reported, derived or unknown.
    value
        The figure, or ``None`` when unknown.
    derivation
        The records and signs giving ``value`` (one record when reported).
    contradictions
        Disagreements between records that make ``value`` ambiguous; empty if consistent.
    overlapping
        Every record with a figure for the measure that shares days with the span,
        including longer totals and records not aligned to quarters.
    """

    country: str
    measure: str
    span: QuarterSpan
    status: Status
    value: int | None
    derivation: Derivation | None
    contradictions: tuple[Contradiction, ...]
    overlapping: tuple[Record, ...]

    @property
    def inconsistent(self) -> bool:
        """Whether the records disagree about this figure."""
        return bool(self.contradictions)

    @property
    def records(self) -> tuple[Record, ...]:
        """The records the figure was computed from."""
        return self.derivation.records if self.derivation else ()

    @property
    def enclosing(self) -> tuple[Record, ...]:
        """Longer totals that contain the span (drawn as span totals when it is unknown)."""
        return tuple(
            r
            for r in self.overlapping
            if r.span is not None and r.span != self.span and r.span.contains(self.span)
        )

    def explain(self) -> str:
        """One line for people: how the figure is known, or why it is not."""
        if self.status is Status.REPORTED:
            assert self.derivation is not None
            text = f"reported ({self.derivation.records[0].reference()})"
        elif self.status is Status.DERIVED:
            assert self.derivation is not None
            text = f"derived: {self.derivation.formula}"
        else:
            text = f"unknown: {self._unknown_reason()}"
        if self.contradictions:
            text += "; inconsistent: " + "; ".join(c.describe() for c in self.contradictions)
        return text

    def _unknown_reason(self) -> str:
        if not self.overlapping:
            return f"no record covers {self.span.label}"
        covered: set[int] = set()
        for record in self.overlapping:
            if record.span is not None:
                covered.update(record.span.quarters())
        missing = [q for q in self.span.quarters() if q not in covered]
        known = ", ".join(r.period_label for r in self.overlapping)
        if missing:
            gap = _describe_quarters(missing)
            return f"records cover only {known}; nothing covers {gap}"
        return f"records cover only {known}, which do not separate {self.span.label}"


def _describe_quarters(quarters: list[int]) -> str:
    runs: list[QuarterSpan] = []
    for quarter in quarters:
        if runs and runs[-1].last == quarter - 1:
            runs[-1] = QuarterSpan(runs[-1].first, quarter)
        else:
            runs.append(QuarterSpan(quarter, quarter))
    return ", ".join(run.label for run in runs)


class PeriodEngine:
    """Answers spans for every country and measure of a bundle; results are cached.

    Parameters
    ----------
    bundle
        The bundle whose records are used. The engine never changes it.
    """

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        #: Per (service, country), its records, gathered when first asked for (a bundle of a
        #: million records makes only those of the countries shown).
        self._records: dict[tuple[str, str], list[Record]] = {}
        #: Per (service, country, measure), the records with a figure by start date, their
        #: starts, and the longest of them in days: what :meth:`overlapping` searches.
        self._by_start: dict[tuple[str, str, str], tuple[list[Record], list[dt.date], int]] = {}
        self._graphs: dict[tuple[str, str, str], tuple[SpanGraph, dict[int, Record]]] = {}
        self._answers: dict[tuple[str, str, str, QuarterSpan], SpanAnswer] = {}
        self._chains: Chains | None = None
        columns = as_columns(bundle.records)
        if columns is not None:  # read in bulk: see periods.chains
            from tgviewer.core.periods.chains import Chains

            self._chains = Chains(bundle, columns)

    def _graph(
        self, country: str, measure: str, service: str
    ) -> tuple[SpanGraph, dict[int, Record]]:
        key = (service, country, measure)
        if key not in self._graphs:
            by_edge: dict[int, Record] = {}
            edges: list[Edge] = []
            for record in self._records_of(service, country):
                value = record.value(measure)
                if record.span is None or value is None:
                    continue
                edge = Edge(len(edges), record.span.first, record.span.last + 1, value)
                edges.append(edge)
                by_edge[edge.id] = record
            self._graphs[key] = (SpanGraph(edges), by_edge)
        return self._graphs[key]

    def answer(
        self, country: str, measure: str, span: QuarterSpan, service: str = DEFAULT_SERVICE
    ) -> SpanAnswer:
        """What the records say about ``measure`` for ``country`` over ``span``."""
        key = (service, country, measure, span)
        cached = self._answers.get(key)
        if cached is None:
            cached = self._answers[key] = self._answer(country, measure, span, service)
        return cached

    def pairs(self) -> list[tuple[str, str]]:
        """Every (service, country) with a record, sorted."""
        return self.bundle.pairs

    def _records_of(self, service: str, country: str) -> list[Record]:
        found = self._records.get((service, country))
        if found is None:
            found = self._records[(service, country)] = self.bundle.records_for(country, service)
        return found

    def overlapping(
        self, country: str, measure: str, span: QuarterSpan, service: str = DEFAULT_SERVICE
    ) -> tuple[Record, ...]:
        """The records with a figure for ``measure`` that share days with ``span``, by start
        (longest first), then line; found by bisection, not by a scan of every record."""
        chain = self._chain(service, country, measure)
        if chain is not None:
            return tuple(self._made(chain.rows[chain.overlapping(span)]))
        key = (service, country, measure)
        found = self._by_start.get(key)
        if found is None:
            ordered = sorted(
                (r for r in self._records_of(service, country) if r.value(measure) is not None),
                key=lambda r: (r.start, -(r.end - r.start).days, r.line),
            )
            longest = max(((r.end - r.start).days for r in ordered), default=0)
            found = self._by_start[key] = (ordered, [r.start for r in ordered], longest)
        ordered, starts, longest = found
        start, end = span.start_date, span.end_date
        # Every record that overlaps starts on or before the span's end, and no earlier than
        # the longest record's length before its start.
        low = bisect.bisect_left(starts, start - dt.timedelta(days=longest))
        high = bisect.bisect_right(starts, end)
        return tuple(r for r in ordered[low:high] if start <= r.end)

    def _chain(self, service: str, country: str, measure: str) -> Chain | None:
        return None if self._chains is None else self._chains.chain(service, country, measure)

    def _made(self, rows: list[int]) -> list[Record]:
        assert self._chains is not None
        return self._chains.columns.records(rows)

    def _chain_answer(
        self, chain: Chain, country: str, measure: str, span: QuarterSpan, service: str
    ) -> SpanAnswer:
        """The answer where records each cover their own quarters (see
        :mod:`tgviewer.core.periods.chains`): the same as the graph's, found by bisection."""
        near = chain.overlapping(span)
        overlapping = tuple(self._made(chain.rows[near]))  # made once, for both uses
        found = chain.covering(span)
        if found is None:
            return SpanAnswer(country, measure, span, Status.UNKNOWN, None, None, (), overlapping)
        covering = overlapping[found.start - near.start : found.stop - near.start]
        terms = tuple(Term(record, 1) for record in covering)
        return SpanAnswer(
            country,
            measure,
            span,
            Status.REPORTED if len(terms) == 1 else Status.DERIVED,
            chain.total(found),
            Derivation(terms, measure),
            (),
            overlapping,
        )

    def _answer(self, country: str, measure: str, span: QuarterSpan, service: str) -> SpanAnswer:
        chain = self._chain(service, country, measure)
        if chain is not None:
            return self._chain_answer(chain, country, measure, span, service)
        graph, by_edge = self._graph(country, measure, service)
        overlapping = self.overlapping(country, measure, span, service)
        path = graph.best_path(span.first, span.last + 1)
        if path is None:
            return SpanAnswer(country, measure, span, Status.UNKNOWN, None, None, (), overlapping)
        derivation = _derivation(path, by_edge, measure)
        exact = len(path) == 1 and path[0].sign > 0
        contradictions = [
            _contradiction(country, measure, graph, conflict, by_edge)
            for conflict in graph.conflicts_on(path)
        ]
        value = path_value(path)
        if value < 0:
            contradictions.append(Contradiction(country, measure, span, derivation, None))
        return SpanAnswer(
            country,
            measure,
            span,
            Status.REPORTED if exact else Status.DERIVED,
            value,
            derivation,
            tuple(contradictions),
            overlapping,
        )

    def contradictions(
        self,
        country: str,
        measure: str,
        service: str = DEFAULT_SERVICE,
        limit: int | None = None,
    ) -> list[Contradiction]:
        """Every disagreement among the records of ``country`` for ``measure`` (the first
        ``limit`` when given; :meth:`contradiction_count` counts them all cheaply).

        Two kinds: records that over-determine a span and disagree, and records that imply
        a negative figure for the stretch between two boundaries (a total smaller than its
        part). The second kind is only looked for where the first is absent, since two
        disagreeing records already make every figure in between ambiguous.
        """
        return list(itertools.islice(self._contradictions(country, measure, service), limit))

    def _contradictions(self, country: str, measure: str, service: str) -> Iterator[Contradiction]:
        if self._chain(service, country, measure) is not None:
            return  # records that each cover their own quarters cannot disagree
        graph, by_edge = self._graph(country, measure, service)
        for conflict in graph.conflicts:
            yield _contradiction(country, measure, graph, conflict, by_edge)
        for left, right in self._negative_stretches(country, measure, service):
            path = graph.best_path(left, right)
            assert path is not None
            yield Contradiction(
                country,
                measure,
                QuarterSpan(left, right - 1),
                _derivation(path, by_edge, measure),
                None,
            )

    def contradiction_count(
        self, country: str, measure: str, service: str = DEFAULT_SERVICE
    ) -> int:
        """How many contradictions :meth:`contradictions` gives, without making them (linear
        in the records: making each spells a derivation that may be as long as they are)."""
        if self._chain(service, country, measure) is not None:
            return 0
        graph, _ = self._graph(country, measure, service)
        return len(graph.conflicts) + len(self._negative_stretches(country, measure, service))

    def _negative_stretches(
        self, country: str, measure: str, service: str
    ) -> list[tuple[int, int]]:
        """Boundaries next to each other between which the records imply a negative figure,
        in components without a conflict; linear, from the potentials."""
        graph, _ = self._graph(country, measure, service)
        troubled = {graph.component_of(c.edge.tail) for c in graph.conflicts}
        return [
            (left, right)
            for component, nodes in graph.component_nodes().items()
            if component not in troubled
            for left, right in itertools.pairwise(nodes)
            if graph.potential_difference(left, right) < 0
        ]


def _derivation(path: tuple[Step, ...], by_edge: dict[int, Record], measure: str) -> Derivation:
    terms = tuple(Term(by_edge[step.edge.id], step.sign) for step in path)
    # Additions first, then subtractions, each in date order: "2024 − Jan–Sep 2024".
    ordered = sorted(terms, key=lambda t: (-t.sign, t.record.start, t.record.end))
    return Derivation(tuple(ordered), measure)


def _contradiction(
    country: str, measure: str, graph: SpanGraph, conflict: Conflict, by_edge: dict[int, Record]
) -> Contradiction:
    record = by_edge[conflict.edge.id]
    assert record.span is not None
    stated = Derivation((Term(record, 1),), measure)
    path = graph.conflict_path(conflict)
    return Contradiction(country, measure, record.span, stated, _derivation(path, by_edge, measure))


def engine_for(bundle: Bundle) -> PeriodEngine:
    """The engine of ``bundle``, made once and kept with it."""
    engine = bundle.cache.get("period_engine")
    if not isinstance(engine, PeriodEngine):
        engine = bundle.cache["period_engine"] = PeriodEngine(bundle)
    return engine
