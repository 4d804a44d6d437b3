"""Adding imported records to a bundle: new, duplicate and conflicting records."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tgviewer.core.bundle.model import Bundle, Record, Source
from tgviewer.core.importing.merge import (
    Fate,
    Resolution,
    classify,
    derived_manifest,
    import_source,
    key_of,
    merged_records,
)

D = dt.date


def test_records_are_new_duplicate_or_in_conflict_and_conflicts_are_settled_one_by_one(
    default_bundle: Bundle,
) -> None:
    first_quarter = [r for r in default_bundle.records if r.start == D(2025, 1, 1)]
    greece = next(r for r in first_quarter if r.country == "GRC")
    france = next(r for r in first_quarter if r.country == "FRA")
    incoming = [
        Record("GRC", greece.start, greece.end, dict(greece.values)),  # the same figures
        Record("GRC", greece.start, greece.end, {"requests": 70, "users": 202}),
        Record("FRA", france.start, france.end, {"requests": 1, "users": 2}),
        Record("FRA", D(2026, 4, 1), D(2026, 6, 30), {"requests": 3, "users": 4}),
    ]
    classified = classify(default_bundle, incoming)
    assert [i.fate for i in classified] == [Fate.DUPLICATE, Fate.CONFLICT, Fate.CONFLICT, Fate.NEW]
    assert classified[1].existing is greece
    merged = merged_records(
        default_bundle, classified, {key_of(incoming[1]): Resolution.TAKE_INCOMING}
    )
    by_key = {key_of(r): r for r in merged}
    assert len(merged) == len(default_bundle.records) + 1
    assert by_key[key_of(greece)].value("requests") == 70  # taken
    assert by_key[key_of(france)].value("requests") == france.value("requests")  # kept
    assert by_key[key_of(incoming[3])].value("users") == 4
    assert merged == sorted(merged, key=lambda r: (r.country, r.start, r.end, r.service))


def test_an_incoming_record_twice_is_a_duplicate_of_itself(default_bundle: Bundle) -> None:
    bundle = dataclasses.replace(default_bundle, records=())
    record = Record("FRA", D(2026, 4, 1), D(2026, 6, 30), {"requests": 3, "users": 4})
    assert [i.fate for i in classify(bundle, [record, record])] == [Fate.NEW, Fate.DUPLICATE]


def test_import_sources_say_what_and_when_with_ids_of_their_own(default_bundle: Bundle) -> None:
    when = D(2026, 11, 22)
    first = import_source("pasted bot answer", when)
    assert (first.id, first.title, first.retrieved) == (
        "pasted-bot-answer-2026-11-22",
        "pasted bot answer, 2026-11-22",
        when,
    )
    second = import_source("pasted bot answer", when, [first])
    assert second.id == "pasted-bot-answer-2026-11-22-2"
    base = default_bundle.manifest
    manifest = derived_manifest(base, "mine", "Default + mine", when, [first, second])
    assert manifest.sources == (*base.sources, first, second)
    assert manifest.as_of == when and manifest.measures == base.measures
    assert isinstance(manifest.sources[0], Source)
