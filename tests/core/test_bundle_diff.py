"""Differences between two bundles: records, derived figures and inconsistencies."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tgviewer.core.bundle.model import Bundle, Manifest, Measure, Record, Source
from tgviewer.core.library import diff
from tgviewer.core.library.changes import ChangeKind, DiffRow
from tgviewer.core.library.diff import BundleDiff, diff_bundles
from tgviewer.core.periods.engine import Status, engine_for
from tgviewer.core.periods.spans import QuarterSpan, parse_span

MANIFEST = Manifest(
    "t",
    "T",
    "",
    dt.date(2026, 1, 1),
    "CC BY 4.0",
    "Test",
    (Source("src", "A source"), Source("bot", "A bot answer")),
    (Measure("requests", "Requests"), Measure("users", "Users")),
)


def record(
    country: str,
    period: str,
    requests: int | None,
    users: int | None,
    source: str = "src",
    note: str = "",
) -> Record:
    span = parse_span(period)
    return Record(
        country,
        span.start_date,
        span.end_date,
        {"requests": requests, "users": users},
        source=source,
        note=note,
    )


def bundle(*records: Record) -> Bundle:
    """A bundle of ``records``, numbered by line as a reader would."""
    numbered = tuple(dataclasses.replace(r, line=i + 2) for i, r in enumerate(records))
    return Bundle(MANIFEST, numbered)


def test_records_added_removed_and_changed_are_matched_by_key_with_their_figures() -> None:
    old = bundle(
        record("GRC", "2025Q1", 69, 202),
        record("DEU", "2025Q3", 1165, 2533),
        record("ITA", "2025Q1", 5, 9),
    )
    new = bundle(
        record("ITA", "2025Q1", 5, 9),
        record("GRC", "2025Q1", 70, 202),
        record("FRA", "2026Q2", 321, 999),
    )
    diff = diff_bundles(old, new)
    assert [(c.record.country, c.record.period_label) for c in diff.added] == [("FRA", "Q2 2026")]
    assert diff.added[0].old is None
    assert dict(diff.added[0].record.values) == {"requests": 321, "users": 999}
    assert [(c.old, c.new) for c in diff.removed] == [(old.records[1], None)]
    (changed,) = diff.changed
    assert (changed.old, changed.new) == (old.records[0], new.records[1])
    assert changed.differing == ("requests",)
    assert (changed.old.value("requests"), changed.new.value("requests")) == (69, 70)
    assert (diff.relabelled, diff.derived) == ((), ())
    assert diff.countries() == ["DEU", "FRA", "GRC"]
    assert diff.lines() == [
        "DEU Q3 2025: removed — requests 1165, users 2533",
        "FRA Q2 2026: added — requests 321, users 999",
        "GRC Q1 2025: changed — requests 69 → 70; users 202 (same)",
    ]
    assert diff.summary() == (
        "1 record added, 1 removed, 1 changed; 0 derived values changed; "
        "0 new inconsistencies, 0 resolved"
    )
    assert [
        (r.kind, r.country, r.period, r.measure, r.old, r.new, r.old_status, r.new_status)
        for r in diff.rows()
    ] == [
        ("removed", "DEU", "2025Q3", "requests", 1165, None, "reported", "absent"),
        ("removed", "DEU", "2025Q3", "users", 2533, None, "reported", "absent"),
        ("added", "FRA", "2026Q2", "requests", None, 321, "absent", "reported"),
        ("added", "FRA", "2026Q2", "users", None, 999, "absent", "reported"),
        ("changed", "GRC", "2025Q1", "requests", 69, 70, "reported", "reported"),
    ]


def test_a_new_source_or_note_with_the_same_figures_is_relabelled_not_changed() -> None:
    old = bundle(record("FRA", "2025Q1", 668, 1425), record("FRA", "2025Q2", 547, 1024))
    new = bundle(
        record("FRA", "2025Q1", 668, 1425, source="bot"),
        record("FRA", "2025Q2", 548, 1024, source="bot", note="corrected"),
    )
    diff = diff_bundles(old, new)
    (relabelled,) = diff.relabelled
    assert relabelled.kind is ChangeKind.RELABELLED
    assert relabelled.labels_changed == ("source",)
    (changed,) = diff.changed
    assert changed.labels_changed == ("source", "note")
    assert diff.lines() == [
        "FRA Q1 2025: source changed, figures same — source src → bot",
        "FRA Q2 2025: changed — requests 547 → 548; users 1024 (same); source src → bot; "
        "note '' → 'corrected'",
    ]
    assert diff.rows()[0] == DiffRow(
        "relabelled",
        "FRA",
        "Telegram",
        "2025Q1",
        "Q1 2025",
        "",
        None,
        None,
        "reported",
        "reported",
        "source src → bot",
    )
    assert diff.summary().startswith(
        "0 records added, 0 removed, 1 changed, 1 with only their source or note changed;"
    )


def test_a_half_year_added_to_jan_sep_makes_q3_derived() -> None:
    old = bundle(record("DEU", "2025Q1-Q3", 40, 100))
    new = bundle(record("DEU", "2025Q1-Q3", 40, 100), record("DEU", "2025H1", 28, 70))
    diff = diff_bundles(old, new)
    assert [c.record.period_label for c in diff.added] == ["H1 2025"]
    q3 = QuarterSpan.quarter(2025, 3)
    assert [
        (c.country, c.measure, c.span, c.old.status, c.old.value, c.new.status, c.new.value)
        for c in diff.derived
    ] == [
        ("DEU", "requests", q3, Status.UNKNOWN, None, Status.DERIVED, 12),
        ("DEU", "users", q3, Status.UNKNOWN, None, Status.DERIVED, 30),
    ]
    assert diff.lines() == [
        "DEU H1 2025: added — requests 28, users 70",
        "DEU Q3 2025 (derived): requests unknown → 12 (Jan–Sep 2025 (40) − H1 2025 (28))",
        "DEU Q3 2025 (derived): users unknown → 30 (Jan–Sep 2025 (100) − H1 2025 (70))",
    ]
    row = diff.rows()[2]
    assert (row.kind, row.period, row.old_status, row.new_status, row.new) == (
        "derived",
        "2025Q3",
        "unknown",
        "derived",
        12,
    )


def test_a_changed_total_changes_the_figure_derived_from_it() -> None:
    old = bundle(record("FRA", "2024Q1-Q3", 220, 686), record("FRA", "2024", 893, 2072))
    new = bundle(record("FRA", "2024Q1-Q3", 220, 686), record("FRA", "2024", 900, 2072))
    diff = diff_bundles(old, new)
    assert [c.differing for c in diff.changed] == [("requests",)]
    assert diff.lines()[-1] == (
        "FRA Q4 2024 (derived): requests 673 → 680 "
        "(2024 (900) − Jan–Sep 2024 (220); "
        "was 2024 (893) − Jan–Sep 2024 (220))"
    )
    assert len(diff.derived) == 1


def test_a_removed_record_that_the_others_still_give_is_not_repeated_as_derived() -> None:
    records = [
        record("DEU", "2025Q1", 1, 10),
        record("DEU", "2025Q2", 2, 20),
        record("DEU", "2025", 6, 60),
    ]
    diff = diff_bundles(bundle(*records, record("DEU", "2025Q3-Q4", 3, 30)), bundle(*records))
    assert [c.kind for c in diff.changes()] == [ChangeKind.REMOVED]


def test_inconsistencies_introduced_and_resolved_are_matched_by_records_not_lines() -> None:
    old = bundle(
        record("GBR", "2024Q1-Q3", 3, 7),
        record("GBR", "2024Q4", 139, 292),
        record("GBR", "2024", 142, 293),
        record("DEU", "2024Q1-Q3", 53, 115),
        record("DEU", "2024Q4", 892, 2122),
        record("DEU", "2024", 945, 2237),
    )
    new = bundle(
        record("DEU", "2024Q1-Q3", 53, 115),
        record("DEU", "2024Q4", 892, 2122),
        record("DEU", "2024", 945, 2240),
        record("GBR", "2024Q1-Q3", 3, 7),
        record("GBR", "2024Q4", 139, 292),
        record("GBR", "2024", 142, 299),
    )
    diff = diff_bundles(old, new)
    (appeared,) = diff.new_inconsistencies
    (resolved,) = diff.resolved_inconsistencies
    assert (appeared.country, appeared.measure, appeared.resolved) == ("DEU", "users", False)
    assert (resolved.country, resolved.measure, resolved.resolved) == ("GBR", "users", True)
    assert (
        "DEU 2024: new inconsistency — users: 2024 is reported as 2240, but Jan–Sep 2024 "
        "(115) + Q4 2024 (2122) = 2237 (difference 3)" in diff.lines()
    )
    assert (
        "GBR 2024: resolved inconsistency — users: 2024 is reported as 293, but Jan–Sep "
        "2024 (7) + Q4 2024 (292) = 299 (difference 6)" in diff.lines()
    )
    assert diff.summary().endswith("; 1 new inconsistency, 1 resolved")
    # The same contradiction, on other lines and with other figures, is neither.
    moved = bundle(
        *reversed(
            [
                dataclasses.replace(r, values={"requests": 139, "users": 1})
                if r.period_label == "Q4 2024" and r.country == "GBR"
                else r
                for r in old.records
            ]
        )
    )
    shifted = diff_bundles(old, moved)
    assert (shifted.new_inconsistencies, shifted.resolved_inconsistencies) == ((), ())


def test_a_bundle_against_itself_or_its_records_reordered_is_empty(default_bundle: Bundle) -> None:
    assert diff_bundles(default_bundle, default_bundle).is_empty
    reordered = dataclasses.replace(
        default_bundle,
        cache={},
        records=tuple(
            dataclasses.replace(r, line=i + 2)
            for i, r in enumerate(reversed(default_bundle.records))
        ),
    )
    diff = diff_bundles(default_bundle, reordered)
    assert diff == BundleDiff()
    assert (diff.lines(), diff.rows(), diff.countries()) == ([], [], [])
    assert diff.summary() == (
        "0 records added, 0 removed, 0 changed; 0 derived values "
        "changed; 0 new inconsistencies, 0 resolved"
    )


def test_the_default_bundle_plus_one_quarter_lists_exactly_that_record(
    default_bundle: Bundle,
) -> None:
    extra = record("FRA", "2026Q2", 321, 999, source="telegram-transparency")
    plus = dataclasses.replace(default_bundle, records=(*default_bundle.records, extra), cache={})
    diff = diff_bundles(default_bundle, plus)
    assert [(c.old, c.new) for c in diff.changes()] == [(None, extra)]
    assert diff.lines() == ["FRA Q2 2026: added — requests 321, users 999"]


def test_a_diff_restricted_to_some_countries_keeps_only_theirs() -> None:
    old = bundle(record("FRA", "2025Q1", 1, 2), record("DEU", "2025Q1", 3, 4))
    new = bundle(
        record("FRA", "2025Q1", 1, 3), record("DEU", "2025Q1", 3, 5), record("ITA", "2025Q1", 6, 7)
    )
    diff = diff_bundles(old, new)
    assert diff.countries() == ["DEU", "FRA", "ITA"]
    assert list(diff.by_country()) == ["DEU", "FRA", "ITA"]
    only = diff.for_countries(["ITA", "FRA"])
    assert only.countries() == ["FRA", "ITA"]
    assert (len(only.added), len(only.changed)) == (1, 1)
    assert diff.for_countries([]).is_empty


# Only what can have changed is asked about: the countries whose records changed, every span
# where records crowd each other, else the spans of the records changed ------------------

spans_drawn = st.sampled_from(
    ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2024H1", "2024H2", "2024", "2025Q1", "2025"]
)
records_drawn = st.lists(
    st.tuples(
        st.sampled_from(["FRA", "DEU", "ITA"]),
        spans_drawn,
        st.one_of(st.none(), st.integers(0, 30)),
        st.one_of(st.none(), st.integers(0, 30)),
    ),
    max_size=10,
    unique_by=lambda r: (r[0], r[1]),
)


@settings(max_examples=500, deadline=None)
@given(records_drawn, records_drawn)
def test_the_countries_left_out_of_the_search_hold_no_change(old: list, new: list) -> None:  # type: ignore[type-arg]
    before = bundle(*(record(c, p, r, u) for c, p, r, u in old))
    after = bundle(*(record(c, p, r, u) for c, p, r, u in new))
    found = diff_bundles(before, after)
    # The same questions asked of every country and service of both bundles.
    measures = ("requests", "users")
    groups = diff._groups(before, after)
    engines = engine_for(before), engine_for(after)
    derived = diff._derived_changes(groups, measures, *engines)
    appeared, resolved = diff._inconsistency_changes(groups, measures, *engines)
    assert found.derived == tuple(derived)
    assert found.new_inconsistencies == tuple(appeared)
    assert found.resolved_inconsistencies == tuple(resolved)
