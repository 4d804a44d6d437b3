"""Adding imported records to a bundle: what is new, what is already there, what conflicts.

A record is identified by its country, service and dates. An incoming record whose key is not
in the bundle is **new**; one with the same key and the same figures is a **duplicate** (left
out); one with the same key and other figures is a **conflict**, which the user settles per
record: keep the bundle's figures or take the incoming ones. Nothing is merged silently, and
no record is ever split or summed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from tgviewer.core.bundle.model import Bundle, Manifest, Record, Source

RecordKey = tuple[str, str, dt.date, dt.date]


class Fate(Enum):
    """What becomes of an incoming record."""

    NEW = "new"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"


class Resolution(Enum):
    """How a conflict is settled."""

    KEEP_EXISTING = "keep"
    TAKE_INCOMING = "replace"


@dataclass(frozen=True)
class Incoming:
    """An incoming record, what it meets in the bundle, and so its fate."""

    record: Record
    fate: Fate
    existing: Record | None = None

    @property
    def key(self) -> RecordKey:
        return key_of(self.record)

    def describe(self) -> str:
        r = self.record
        figures = ", ".join(f"{k} {figure_text(v)}" for k, v in r.values.items())
        text = f"{r.country} {r.period_label}: {figures}"
        if self.existing is not None and self.fate is Fate.CONFLICT:
            old = ", ".join(f"{k} {figure_text(v)}" for k, v in self.existing.values.items())
            text += f" (the bundle has {old}, {self.existing.reference()})"
        return text


def figure_text(value: int | None) -> str:
    """``12``, or ``unknown`` for a figure not known."""
    return "unknown" if value is None else str(value)


def key_of(record: Record) -> RecordKey:
    return (record.country, record.service, record.start, record.end)


def classify(bundle: Bundle, incoming: Sequence[Record]) -> list[Incoming]:
    """The fate of each incoming record against ``bundle``, in the incoming order.

    Two incoming records with the same key: the second is judged against the first.
    """
    present: dict[RecordKey, Record] = {key_of(r): r for r in bundle.records}
    result = []
    for record in incoming:
        existing = present.get(key_of(record))
        if existing is None:
            result.append(Incoming(record, Fate.NEW))
            present[key_of(record)] = record
        elif dict(existing.values) == dict(record.values):
            result.append(Incoming(record, Fate.DUPLICATE, existing))
        else:
            result.append(Incoming(record, Fate.CONFLICT, existing))
    return result


def merged_records(
    bundle: Bundle,
    classified: Sequence[Incoming],
    resolutions: Mapping[RecordKey, Resolution] | None = None,
    default: Resolution = Resolution.KEEP_EXISTING,
) -> list[Record]:
    """The bundle's records with the new ones added and each conflict settled (by
    ``resolutions``, else ``default``), in country and date order."""
    chosen = resolutions or {}
    records: dict[RecordKey, Record] = {key_of(r): r for r in bundle.records}
    for item in classified:
        if item.fate is Fate.NEW or (
            item.fate is Fate.CONFLICT and chosen.get(item.key, default) is Resolution.TAKE_INCOMING
        ):
            records[item.key] = item.record
    ordered = sorted(records.values(), key=lambda r: (r.country, r.start, r.end, r.service))
    return [replace(r, line=0) for r in ordered]


def import_source(kind: str, when: dt.date, existing: Sequence[Source] = ()) -> Source:
    """A source for records imported on ``when``: ``pasted bot answer, 2026-11-22``, with an
    id unlike those of ``existing``."""
    base = re.sub(r"[^a-z0-9]+", "-", f"{kind} {when.isoformat()}".lower()).strip("-")
    taken = {s.id for s in existing}
    source_id, number = base, 1
    while source_id in taken:
        number += 1
        source_id = f"{base}-{number}"
    return Source(source_id, f"{kind}, {when.isoformat()}", retrieved=when)


def derived_manifest(
    base: Manifest,
    bundle_id: str,
    title: str,
    as_of: dt.date,
    added: Sequence[Source],
    description: str = "",
) -> Manifest:
    """The manifest of a bundle made from ``base`` plus the sources ``added``."""
    return replace(
        base,
        id=bundle_id,
        title=title,
        as_of=max(as_of, base.as_of),
        description=description or base.description,
        sources=(*base.sources, *added),
    )
