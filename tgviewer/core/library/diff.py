"""What changed between two bundles: records, the figures derived from them, inconsistencies.

:func:`diff_bundles` compares an old and a new bundle in three ways.

Records
    Matched by key (country, service, first and last day; see :func:`merge.key_of`), never by
    line. A key in the new bundle only is *added*, in the old only *removed*; a key in both
    with another figure for any measure is *changed*. A key in both with the same figures but
    another source or note is *relabelled*: a list of its own, so that a reader can tell
    "the source changed, the figures did not" from a correction. A changed record whose
    source also changed is in ``changed`` only (its :attr:`RecordChange.labels_changed` says
    so). Line numbers are never compared.
Derived figures
    For each country and each measure of both manifests, the period engine of each bundle
    answers every single quarter from the first to the last either bundle covers for the
    country, and every span a record of either bundle covers. A difference in status or
    value is listed as a :class:`DerivedChange` only when at least one side is *derived*
    and the figure is not one a record change already explains: a figure reported on
    one side and derived with the same value on the other (a record added or removed that
    the other records agreed with) is left out, as are reported-to-reported changes.
Inconsistencies
    Contradictions among each bundle's records (``PeriodEngine.contradictions``) are matched
    by measure and by the keys of the records involved, so a contradiction between the same
    records is the same one whatever their lines or figures.

The result is pure data; turning it into text or rows is left to :class:`BundleDiff`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from tgviewer.core.bundle.model import Bundle, Record
from tgviewer.core.importing.merge import RecordKey, key_of
from tgviewer.core.library.changes import (
    Change,
    DerivedChange,
    DiffRow,
    InconsistencyChange,
    RecordChange,
)
from tgviewer.core.periods.engine import Contradiction, PeriodEngine, Status, engine_for
from tgviewer.core.periods.spans import QuarterSpan

_C = TypeVar("_C", RecordChange, DerivedChange, InconsistencyChange)


@dataclass(frozen=True)
class BundleDiff:
    """The differences from an old bundle to a new one (see the module's docstring).

    Attributes
    ----------
    added, removed
        Records in the new bundle only, and in the old only.
    changed
        Records in both with another figure for at least one measure.
    relabelled
        Records in both with the same figures but another source or note.
    derived
        Figures the period engine gives differently, at least one side derived.
    new_inconsistencies, resolved_inconsistencies
        Contradictions the new bundle has and the old had not, and the other way round.

    Each tuple is in country, service and date order.
    """

    added: tuple[RecordChange, ...] = ()
    removed: tuple[RecordChange, ...] = ()
    changed: tuple[RecordChange, ...] = ()
    relabelled: tuple[RecordChange, ...] = ()
    derived: tuple[DerivedChange, ...] = ()
    new_inconsistencies: tuple[InconsistencyChange, ...] = ()
    resolved_inconsistencies: tuple[InconsistencyChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether the bundles hold the same records, figures, sources and notes."""
        return not self.changes()

    def changes(self) -> list[Change]:
        """Every change, in report order: by country, service, period, then kind."""
        every: list[Change] = [
            *self.added,
            *self.removed,
            *self.changed,
            *self.relabelled,
            *self.derived,
            *self.new_inconsistencies,
            *self.resolved_inconsistencies,
        ]
        # A stable sort keeps measures in the manifest's order within a kind.
        return sorted(every, key=lambda c: (c.country, c.service, *c.dates, c.kind.rank))

    def countries(self) -> list[str]:
        """Codes of the countries with at least one change, sorted."""
        return sorted({change.country for change in self.changes()})

    def by_country(self) -> dict[str, list[Change]]:
        """The changes of each country, countries sorted, changes in report order."""
        grouped: dict[str, list[Change]] = {}
        for change in self.changes():
            grouped.setdefault(change.country, []).append(change)
        return grouped

    def for_countries(self, codes: Iterable[str]) -> BundleDiff:
        """The same diff restricted to the countries ``codes``."""
        keep = set(codes)

        def only(changes: tuple[_C, ...]) -> tuple[_C, ...]:
            return tuple(c for c in changes if c.country in keep)

        return BundleDiff(
            only(self.added),
            only(self.removed),
            only(self.changed),
            only(self.relabelled),
            only(self.derived),
            only(self.new_inconsistencies),
            only(self.resolved_inconsistencies),
        )

    def summary(self) -> str:
        """``3 records added, 1 removed, 2 changed; 4 derived values changed; 1 new
        inconsistency, 0 resolved`` (relabelled records are counted only when any)."""
        records = (
            f"{len(self.added)} record{_s(self.added)} added, {len(self.removed)} "
            f"removed, {len(self.changed)} changed"
        )
        if self.relabelled:
            records += f", {len(self.relabelled)} with only their source or note changed"
        new = len(self.new_inconsistencies)
        return (
            f"{records}; {len(self.derived)} derived value{_s(self.derived)} changed; "
            f"{new} new inconsistenc{'y' if new == 1 else 'ies'}, "
            f"{len(self.resolved_inconsistencies)} resolved"
        )

    def lines(self) -> list[str]:
        """The report for people, one line per change, by country then period."""
        return [change.text() for change in self.changes()]

    def rows(self) -> list[DiffRow]:
        """The changes as flat rows (see :class:`DiffRow`), in report order."""
        return [row for change in self.changes() for row in change.rows()]


def _s(items: tuple[object, ...]) -> str:
    return "" if len(items) == 1 else "s"


def diff_bundles(old: Bundle, new: Bundle) -> BundleDiff:
    """The differences from ``old`` to ``new``; neither bundle is changed.

    Only each bundle's cached period engine (``engine_for``) is filled in on the way.
    """
    measures = tuple(dict.fromkeys((*old.manifest.measure_keys, *new.manifest.measure_keys)))
    added, removed, changed, relabelled = _record_changes(old, new, measures)
    shared = tuple(m for m in old.manifest.measure_keys if m in new.manifest.measure_keys)
    # Derived figures and contradictions can differ only where a record's figures do (a new
    # source or note changes neither). Where records also each cover their own quarters, in
    # both bundles, nothing can disagree, and a figure can be derived only for a span that
    # several records lie end to end across: among the spans asked (each quarter, each
    # record's span), the span of a record added, removed or changed.
    asked: dict[tuple[str, str], set[QuarterSpan]] = defaultdict(set)
    for change in (*added, *removed, *changed):
        for record in (change.old, change.new):
            if record is not None:
                spans = asked[(record.service, record.country)]  # the country is asked about
                if record.span is not None:
                    spans.add(record.span)
    crowded = {*old.index.crowded_pairs(), *new.index.crowded_pairs()}
    every = _groups(old, new)
    groups = {key: records for key, records in every.items() if key in asked and key in crowded}
    chains = {
        key: sorted(asked[key], key=lambda s: (s.first, s.last))
        for key in asked
        if key not in crowded
    }
    old_engine, new_engine = engine_for(old), engine_for(new)
    derived = _derived_changes(groups, shared, old_engine, new_engine, chains)
    appeared, resolved = _inconsistency_changes(groups, measures, old_engine, new_engine)
    return BundleDiff(
        tuple(added),
        tuple(removed),
        tuple(changed),
        tuple(relabelled),
        tuple(derived),
        tuple(appeared),
        tuple(resolved),
    )


def _by_key(records: Iterable[Record]) -> dict[RecordKey, Record]:
    # A bundle that repeats a key gives it the same figures (or it would not load): keep
    # the first, as validation's messages do.
    found: dict[RecordKey, Record] = {}
    for record in records:
        found.setdefault(key_of(record), record)
    return found


def _record_changes(
    old: Bundle, new: Bundle, measures: tuple[str, ...]
) -> tuple[list[RecordChange], ...]:
    before, after = _by_key(old.records), _by_key(new.records)
    added, removed, changed, relabelled = [], [], [], []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if was is None:
            added.append(RecordChange(None, now, measures))
        elif now is None:
            removed.append(RecordChange(was, None, measures))
        else:
            differing = tuple(m for m in measures if was.value(m) != now.value(m))
            if differing:
                changed.append(RecordChange(was, now, measures, differing))
            elif (was.source, was.note) != (now.source, now.note):
                relabelled.append(RecordChange(was, now, measures))
    return added, removed, changed, relabelled


#: The records of one (service, country) in both bundles, for the engine questions.
_Groups = dict[tuple[str, str], list[Record]]


def _groups(old: Bundle, new: Bundle) -> _Groups:
    groups: _Groups = defaultdict(list)
    for record in (*old.records, *new.records):
        groups[(record.service, record.country)].append(record)
    return dict(sorted(groups.items()))


def _spans_asked(records: list[Record]) -> list[QuarterSpan]:
    """Every quarter from the first to the last the records cover, and each record's span."""
    spans = {r.span for r in records if r.span is not None}
    if not spans:
        return []
    first, last = min(s.first for s in spans), max(s.last for s in spans)
    spans.update(QuarterSpan(q, q) for q in range(first, last + 1))
    return sorted(spans, key=lambda s: (s.first, s.last))


def _derived_changes(
    groups: _Groups,
    measures: tuple[str, ...],
    old_engine: PeriodEngine,
    new_engine: PeriodEngine,
    chains: Mapping[tuple[str, str], list[QuarterSpan]] | None = None,
) -> list[DerivedChange]:
    """The figures derived differently, for every span asked of ``groups`` and for the
    ``chains``' spans given (records that each cover their own quarters)."""
    asked = {key: _spans_asked(records) for key, records in groups.items()}
    asked.update(chains or {})
    found = []
    for (service, country), spans in sorted(asked.items()):
        for span in spans:
            for measure in measures:
                was = old_engine.answer(country, measure, span, service)
                now = new_engine.answer(country, measure, span, service)
                statuses = {was.status, now.status}
                if (was.status, was.value) == (
                    now.status,
                    now.value,
                ) or Status.DERIVED not in statuses:
                    continue
                if Status.REPORTED in statuses and was.value == now.value:
                    continue  # a record added or removed that agrees: in added/removed
                found.append(DerivedChange(service, was, now))
    return found


_Signature = tuple[str, frozenset[RecordKey], bool]


def _by_signature(contradictions: Iterable[Contradiction]) -> dict[_Signature, Contradiction]:
    """Contradictions by measure, the keys of their records and their kind (lines and
    figures left out, since both change from one bundle to the next)."""
    found: dict[_Signature, Contradiction] = {}
    for c in contradictions:
        found.setdefault((c.measure, frozenset(key_of(r) for r in c.records), c.second is None), c)
    return found


#: How many contradictions per country and measure are compared between two bundles (each
#: is spelled out to compare it; a hostile bundle can hold thousands).
COMPARED = 500


def _inconsistency_changes(
    groups: _Groups, measures: tuple[str, ...], old_engine: PeriodEngine, new_engine: PeriodEngine
) -> tuple[list[InconsistencyChange], list[InconsistencyChange]]:
    appeared, resolved = [], []
    for service, country in groups:
        for measure in measures:
            was = _by_signature(old_engine.contradictions(country, measure, service, COMPARED))
            now = _by_signature(new_engine.contradictions(country, measure, service, COMPARED))
            appeared += [
                InconsistencyChange(service, c, resolved=False)
                for key, c in now.items()
                if key not in was
            ]
            resolved += [
                InconsistencyChange(service, c, resolved=True)
                for key, c in was.items()
                if key not in now
            ]
    return appeared, resolved
