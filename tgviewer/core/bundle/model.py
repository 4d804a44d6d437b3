"""The data a bundle holds: its manifest, its records and its events.

These are plain immutable values. Reading and writing them lives in ``bundle_reader`` and
``bundle_writer``; what they mean over time lives in ``period_engine``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from tgviewer.core.bundle.problems import Problem
from tgviewer.core.periods.spans import QuarterSpan, describe_dates

if TYPE_CHECKING:
    from tgviewer.core.bundle.record_columns import RecordColumns
    from tgviewer.core.bundle.record_index import RecordIndex

FORMAT_NAME = "tgbundle"
FORMAT_VERSION = 1
DEFAULT_SERVICE = "Telegram"
MANIFEST_FILE = "manifest.json"
RECORDS_FILE = "records.csv"
EVENTS_FILE = "events.csv"


@dataclass(frozen=True)
class Measure:
    """A figure the records carry, one column of ``records.csv``.

    Attributes
    ----------
    key
        Column name (``requests``, ``users``).
    label
        Short name for people (``Fulfilled requests``).
    description
        One sentence saying exactly what is counted.
    """

    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Source:
    """Where records come from; records name it by ``id``."""

    id: str
    title: str
    url: str = ""
    retrieved: dt.date | None = None


@dataclass(frozen=True)
class Manifest:
    """What a bundle says about itself (``manifest.json``)."""

    id: str
    title: str
    description: str
    as_of: dt.date
    licence: str
    attribution: str
    sources: tuple[Source, ...]
    measures: tuple[Measure, ...]
    format_version: int = FORMAT_VERSION

    @property
    def measure_keys(self) -> tuple[str, ...]:
        """Keys of the measures, in the manifest's order."""
        return tuple(m.key for m in self.measures)

    def measure(self, key: str) -> Measure:
        """The measure called ``key``; ``KeyError`` if the bundle has none."""
        for measure in self.measures:
            if measure.key == key:
                return measure
        raise KeyError(key)

    def source(self, source_id: str) -> Source | None:
        """The source called ``source_id``, if any."""
        return next((s for s in self.sources if s.id == source_id), None)


@lru_cache(maxsize=1 << 16)
def span_of(start: dt.date, end: dt.date) -> QuarterSpan | None:
    """:meth:`QuarterSpan.from_dates`, once per pair of dates (records share their dates)."""
    return QuarterSpan.from_dates(start, end)


@dataclass(frozen=True, slots=True)
class Record:
    """One row of ``records.csv``: figures for a country over a date range.

    Attributes
    ----------
    country
        ISO 3166-1 alpha-3 code.
    start, end
        First and last day covered, inclusive.
    values
        Figure per measure key; ``None`` where the figure is unknown.
    service
        The service reporting (``Telegram``).
    source
        Id of a :class:`Source` in the manifest, or empty.
    note
        Free text kept with the record.
    line
        Line of ``records.csv`` the record was read from (0 for records made in memory).
    span
        The quarters covered, or ``None`` if the dates do not fall on quarter edges (worked
        out when the record is made; a million records each keep it in a slot, with no
        ``__dict__``).
    """

    country: str
    start: dt.date
    end: dt.date
    values: Mapping[str, int | None]
    service: str = DEFAULT_SERVICE
    source: str = ""
    note: str = ""
    line: int = 0
    span: QuarterSpan | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Freeze the mapping so that a record can be shared safely between views.
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "span", span_of(self.start, self.end))

    def __hash__(self) -> int:
        return hash((self.country, self.start, self.end, self.service, self.line))

    @property
    def period_label(self) -> str:
        """``Jan–Sep 2024``, ``Q4 2024``, or the dates when not made of quarters."""
        return describe_dates(self.start, self.end)

    def value(self, measure: str) -> int | None:
        """The figure for ``measure``, or ``None`` if unknown."""
        return self.values.get(measure)

    def reference(self) -> str:
        """Where the record comes from, for people: ``records.csv line 12``."""
        return f"records.csv line {self.line}" if self.line else "record"


def as_columns(records: Sequence[Record]) -> RecordColumns | None:
    """``records`` when held as columns (read in bulk), else ``None``; numpy is not
    imported for a bundle held as a tuple (no columns exist before the bulk reader is)."""
    module = sys.modules.get("tgviewer.core.bundle.record_columns")
    columns: RecordColumns | None = None
    if module is not None and isinstance(records, module.RecordColumns):
        columns = records
    return columns


@dataclass(frozen=True)
class Event:
    """Something that happened, drawn as a marker on time charts (``events.csv``)."""

    date: dt.date
    title: str
    description: str = ""
    source_url: str = ""
    line: int = 0


@dataclass(frozen=True)
class Bundle:
    """A loaded bundle: the manifest, the records and events, and the warnings found.

    Attributes
    ----------
    manifest
        What the bundle says about itself.
    records
        All records, in file order, including those not aligned to quarters: a tuple, or
        for a big bundle read in bulk a :class:`~tgviewer.core.bundle.record_columns.RecordColumns`
        that makes each record only when it is asked for.
    events
        Events to mark on charts, in file order.
    warnings
        Problems that did not prevent loading (inconsistent totals, unknown countries...),
        and cautions (records with more requests than users).
    location
        Path the bundle was read from, or a description such as ``(embedded default)``.
    checksum
        SHA-256 of the bundle's ``manifest.json`` as stored; since the manifest holds the
        checksum of every other file, this identifies the whole content.
    """

    manifest: Manifest
    records: Sequence[Record]
    events: tuple[Event, ...] = ()
    warnings: tuple[Problem, ...] = ()
    location: str = ""
    checksum: str = ""
    #: Cache for values computed from the records (see ``period_engine.engine_for``).
    cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def countries(self) -> list[str]:
        """Country codes with at least one record, sorted."""
        return list(self.index.countries)

    @property
    def services(self) -> list[str]:
        """Services with at least one record, sorted."""
        return list(self.index.services)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """Every (service, country) with a record, sorted."""
        return list(self.index.pairs)

    @property
    def spans(self) -> frozenset[QuarterSpan]:
        """The distinct spans of quarters the records cover (those on quarter edges)."""
        return self.index.spans

    def records_for(self, country: str, service: str | None = None) -> list[Record]:
        """Records of ``country`` (and ``service``, when given), in file order."""
        found = self.index.records_of(country)
        return [r for r in found if service is None or r.service == service]

    @property
    def quarter_span(self) -> QuarterSpan | None:
        """The quarters from the first to the last that any quarter-aligned record covers."""
        return self.index.quarter_span

    @property
    def index(self) -> RecordIndex:
        """What is known about all the records, found once and kept (a bundle never
        changes): see :mod:`tgviewer.core.bundle.record_index`."""
        index = self.cache.get("index")
        if index is None:
            from tgviewer.core.bundle.record_index import RecordIndex

            index = self.cache["index"] = RecordIndex(self.records)
        return index  # type: ignore[return-value]

    @property
    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """First and last day covered by any record."""
        return self.index.date_range
