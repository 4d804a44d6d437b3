"""The differences :func:`tgviewer.core.library.diff.diff_bundles` finds, one kind per class.

Each change knows its country, service and period, says itself in one line for people
(:meth:`text`) and as flat rows for a table or a CSV file (:meth:`rows`). Lines name the
country and period first, so that a list of them reads without headings::

    FRA Q2 2026: added — requests 321, users 999
    GRC Q1 2025: changed — requests 69 → 70; users 202 (same)
    DEU Q3 2025 (derived): requests unknown → 12 (Jan–Sep 2025 (40) − H1 2025 (28))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from tgviewer.core.bundle.model import DEFAULT_SERVICE, Record
from tgviewer.core.periods.engine import Contradiction, SpanAnswer, Status
from tgviewer.core.periods.spans import QuarterSpan

#: Status in a row of a record change for a side that has no record at all.
ABSENT = "absent"


class ChangeKind(Enum):
    """What kind of difference a change is; the order is the order of a report."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RELABELLED = "relabelled"
    DERIVED = "derived"
    NEW_INCONSISTENCY = "new inconsistency"
    RESOLVED_INCONSISTENCY = "resolved inconsistency"

    @property
    def rank(self) -> int:
        """Position in a report, among changes of the same country and period."""
        return list(ChangeKind).index(self)


@dataclass(frozen=True)
class DiffRow:
    """One flat row of a diff, for CSV output and tables.

    Attributes
    ----------
    kind
        The :class:`ChangeKind` value (``added``, ``derived``...).
    country, service
        Whose figures.
    period, period_label
        Machine code (``2025Q1``; ``2024-01-15/2024-02-10`` for dates off quarter edges)
        and label for people (``Q1 2025``).
    measure
        The measure, or empty for a change of source or note only.
    old, new
        The figures before and after; ``None`` when unknown or absent.
    old_status, new_status
        ``reported``, ``derived``, ``unknown``, or ``absent`` when a bundle has no such record.
    detail
        Derivations, source or note changes, or the inconsistency in words.
    """

    kind: str
    country: str
    service: str
    period: str
    period_label: str
    measure: str
    old: int | None
    new: int | None
    old_status: str
    new_status: str
    detail: str


def _figure(value: int | None) -> str:
    return "unknown" if value is None else str(value)


def _where(country: str, service: str, label: str) -> str:
    return f"{country} {label}" + ("" if service == DEFAULT_SERVICE else f" ({service})")


@dataclass(frozen=True)
class RecordChange:
    """A record in one bundle only, or in both with other figures, source or note.

    Attributes
    ----------
    old, new
        The record in the old and the new bundle; one of them is ``None`` when the record
        was added or removed.
    measures
        Every measure compared (those of either manifest), in the manifests' order.
    differing
        The measures whose figure differs; empty for a record whose figures are the same
        but whose source or note changed (a *relabelled* record).
    """

    old: Record | None
    new: Record | None
    measures: tuple[str, ...]
    differing: tuple[str, ...] = ()

    @property
    def record(self) -> Record:
        """The record as the new bundle has it, or as the old one had it if removed."""
        record = self.new or self.old
        assert record is not None, "a record change has a record on at least one side"
        return record

    @property
    def kind(self) -> ChangeKind:
        """Added, removed, changed (figures differ) or relabelled (source or note only)."""
        if self.old is None:
            return ChangeKind.ADDED
        if self.new is None:
            return ChangeKind.REMOVED
        return ChangeKind.CHANGED if self.differing else ChangeKind.RELABELLED

    @property
    def country(self) -> str:
        return self.record.country

    @property
    def service(self) -> str:
        return self.record.service

    @property
    def dates(self) -> tuple[dt.date, dt.date]:
        """First and last day of the record."""
        return self.record.start, self.record.end

    @property
    def labels_changed(self) -> tuple[str, ...]:
        """Which of ``source`` and ``note`` differ between the two records."""
        if self.old is None or self.new is None:
            return ()
        return tuple(
            name
            for name in ("source", "note")
            if getattr(self.old, name) != getattr(self.new, name)
        )

    def label_detail(self) -> str:
        """``source a → b; note 'x' → 'y'``, or empty."""
        if self.old is None or self.new is None:
            return ""
        parts = []
        if "source" in self.labels_changed:
            parts.append(f"source {self.old.source or '(none)'} → {self.new.source or '(none)'}")
        if "note" in self.labels_changed:
            parts.append(f"note {self.old.note!r} → {self.new.note!r}")
        return "; ".join(parts)

    def text(self) -> str:
        """The change in one line (see the module's docstring)."""
        record = self.record
        where = _where(record.country, record.service, record.period_label)
        kind = self.kind
        if kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
            figures = ", ".join(f"{m} {_figure(record.value(m))}" for m in self.measures)
            return f"{where}: {kind.value} — {figures}"
        assert self.old is not None and self.new is not None
        if kind is ChangeKind.RELABELLED:
            return (
                f"{where}: {' and '.join(self.labels_changed)} changed, figures same — "
                f"{self.label_detail()}"
            )
        parts = []
        for m in self.measures:
            old, new = self.old.value(m), self.new.value(m)
            parts.append(
                f"{m} {_figure(old)} → {_figure(new)}"
                if m in self.differing
                else f"{m} {_figure(new)} (same)"
            )
        labels = self.label_detail()
        return f"{where}: changed — {'; '.join(parts)}" + (f"; {labels}" if labels else "")

    def rows(self) -> list[DiffRow]:
        """A row per measure added or removed, per measure changed, or one for a relabel."""
        record = self.record
        span = record.span
        period = span.code if span else f"{record.start.isoformat()}/{record.end.isoformat()}"
        kind = self.kind
        measures = self.differing if kind is ChangeKind.CHANGED else self.measures
        if kind is ChangeKind.RELABELLED:
            measures = ("",)
        rows = []
        for m in measures:
            old = self.old.value(m) if self.old and m else None
            new = self.new.value(m) if self.new and m else None
            rows.append(
                DiffRow(
                    kind.value,
                    record.country,
                    record.service,
                    period,
                    record.period_label,
                    m,
                    old,
                    new,
                    _record_status(self.old, m),
                    _record_status(self.new, m),
                    self.label_detail(),
                )
            )
        return rows


def _record_status(record: Record | None, measure: str) -> str:
    if record is None:
        return ABSENT
    if not measure or record.value(measure) is not None:
        return Status.REPORTED.value
    return Status.UNKNOWN.value


@dataclass(frozen=True)
class DerivedChange:
    """A figure the period engine gives differently, where at least one side is derived.

    Attributes
    ----------
    service
        The service whose records were used.
    old, new
        What the old and the new bundle's records say about the span (status, value and
        the derivation).
    """

    service: str
    old: SpanAnswer
    new: SpanAnswer

    @property
    def kind(self) -> ChangeKind:
        return ChangeKind.DERIVED

    @property
    def country(self) -> str:
        return self.new.country

    @property
    def measure(self) -> str:
        return self.new.measure

    @property
    def span(self) -> QuarterSpan:
        return self.new.span

    @property
    def dates(self) -> tuple[dt.date, dt.date]:
        return self.span.start_date, self.span.end_date

    def detail(self) -> str:
        """The derivations: ``Jan–Sep 2025 (40) − H1 2025 (28)``, ``was ...`` for the old."""
        parts = []
        if self.new.status is Status.DERIVED and self.new.derivation is not None:
            parts.append(self.new.derivation.formula)
        if self.old.status is Status.DERIVED and self.old.derivation is not None:
            parts.append(f"was {self.old.derivation.formula}")
        return "; ".join(parts)

    def text(self) -> str:
        """The change in one line (see the module's docstring)."""
        where = _where(self.country, self.service, self.span.label)
        detail = self.detail()
        return f"{where} (derived): {self.measure} {_side(self.old)} → {_side(self.new)}" + (
            f" ({detail})" if detail else ""
        )

    def rows(self) -> list[DiffRow]:
        """One row."""
        return [
            DiffRow(
                self.kind.value,
                self.country,
                self.service,
                self.span.code,
                self.span.label,
                self.measure,
                self.old.value,
                self.new.value,
                self.old.status.value,
                self.new.status.value,
                self.detail(),
            )
        ]


def _side(answer: SpanAnswer) -> str:
    if answer.status is Status.REPORTED:
        return f"{answer.value} (reported)"
    return _figure(answer.value)


@dataclass(frozen=True)
class InconsistencyChange:
    """A disagreement between records that only one of the bundles has.

    Attributes
    ----------
    service
        The service of the records.
    contradiction
        The disagreement, as the bundle that has it describes it.
    resolved
        ``True`` when the old bundle had it and the new one does not.
    """

    service: str
    contradiction: Contradiction
    resolved: bool

    @property
    def kind(self) -> ChangeKind:
        return ChangeKind.RESOLVED_INCONSISTENCY if self.resolved else ChangeKind.NEW_INCONSISTENCY

    @property
    def country(self) -> str:
        return self.contradiction.country

    @property
    def measure(self) -> str:
        return self.contradiction.measure

    @property
    def span(self) -> QuarterSpan:
        return self.contradiction.span

    @property
    def dates(self) -> tuple[dt.date, dt.date]:
        return self.span.start_date, self.span.end_date

    def text(self) -> str:
        """The change in one line: ``GBR 2024: new inconsistency — users: 2024 is ...``."""
        where = _where(self.country, self.service, self.span.label)
        return f"{where}: {self.kind.value} — {self.measure}: {self.contradiction.describe()}"

    def rows(self) -> list[DiffRow]:
        """One row, the inconsistency in words as its detail."""
        return [
            DiffRow(
                self.kind.value,
                self.country,
                self.service,
                self.span.code,
                self.span.label,
                self.measure,
                None,
                None,
                "",
                "",
                self.contradiction.describe(),
            )
        ]


#: Any change a diff lists.
Change = RecordChange | DerivedChange | InconsistencyChange
