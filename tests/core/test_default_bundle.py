"""The embedded default bundle: valid, reproducible, and giving the figures the issue names."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tests.helpers import SHARED_DATA, needs_shared
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.problems import cautions_in, warnings_in
from tgviewer.core.figures.queries import span_table
from tgviewer.core.periods.engine import Status, engine_for
from tgviewer.core.periods.spans import QuarterSpan, parse_span
from tgviewer.resources import default_bundle_path

ROOT = Path(__file__).resolve().parents[2]
DATASET = SHARED_DATA / "telegram-transparency" / "dataset.json"


def test_default_bundle_is_valid_with_only_the_real_contradiction(default_bundle: Bundle) -> None:
    assert len(default_bundle.countries) == 83
    assert len(default_bundle.records) == 299
    warnings = warnings_in(default_bundle.warnings)
    assert [w.field for w in warnings] == ["users"]
    assert "GBR users: 2024 is reported as 293" in str(warnings[0])
    # India's 2025 figures hold more requests than users: cautions, not contradictions.
    assert [w.line for w in cautions_in(default_bundle.warnings)] == [146, 147]
    assert default_bundle.manifest.licence == "CC BY 4.0"
    assert "telegram-transparency project (Te-k)" in default_bundle.manifest.attribution


def test_default_bundle_marks_the_two_events(default_bundle: Bundle) -> None:
    events = {e.date.isoformat(): e for e in default_bundle.events}
    assert "arrested" in events["2024-08-24"].title
    assert events["2024-08-24"].source_url.startswith("https://")
    assert "Privacy policy" in events["2024-09-23"].title
    assert events["2024-09-23"].source_url.startswith("https://telegram.org/privacy")


def test_q4_2024_users_as_the_issue_states(default_bundle: Bundle) -> None:
    frame = span_table(default_bundle, parse_span("2024Q4"), "users").set_index("country")
    assert frame.loc["FRA", "value"] == 1386
    assert frame.loc["USA", "value"] == 2145
    assert frame.loc["GBR", "inconsistent"]
    assert not frame.loc["FRA", "inconsistent"]
    assert frame["inconsistent"].sum() == 1
    assert frame.loc["DEU", "status"] == "reported"
    assert frame.loc["BGR", "status"] == "derived"
    assert frame.loc["BGR", "value"] == 40


def test_jan_sep_2025_is_derived_for_every_country_whose_quarters_are_known(
    default_bundle: Bundle,
) -> None:
    frame = span_table(default_bundle, parse_span("2025Q1-2025Q3"), "users").set_index("country")
    quarters = [QuarterSpan.quarter(2025, q) for q in (1, 2, 3)]
    engine = engine_for(default_bundle)
    for country in default_bundle.countries:
        parts = [engine.answer(country, "users", q) for q in quarters]
        row = frame.loc[country]
        if all(p.value is not None for p in parts):
            assert row["status"] == "derived", country
            assert row["value"] == sum(p.value for p in parts if p.value is not None)
    assert (frame["status"] == "derived").sum() == 23
    assert frame.loc["DEU", "value"] == 3777 + 4534 + 2533
    # Equivalent spans: H1 2025 + Q3 2025, and Q1 2025 + Apr–Sep 2025.
    assert frame.loc["ARG", "derivation"] == "H1 2025 (2) + Q3 2025 (42)"
    assert frame.loc["ARE", "derivation"] == "Q1 2025 (0) + Apr–Sep 2025 (0)"
    assert frame.loc["MDA", "status"] == "unknown"


def test_nine_month_only_countries_have_unknown_quarters(default_bundle: Bundle) -> None:
    engine = engine_for(default_bundle)
    answer = engine.answer("RUS", "users", parse_span("2024Q2"))
    assert answer.status is Status.UNKNOWN
    assert [r.period_label for r in answer.enclosing] == ["Jan–Sep 2024"]


def test_every_record_traces_to_its_entry_in_the_dataset(default_bundle: Bundle) -> None:
    assert all(
        r.note.startswith("dataset.json ") and r.source == "telegram-transparency"
        for r in default_bundle.records
    )


@needs_shared("telegram-transparency", "dataset.json")
def test_default_bundle_matches_a_rebuild_from_the_shared_dataset() -> None:
    spec = importlib.util.spec_from_file_location(
        "build", ROOT / "scripts" / "build_default_bundle.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build(DATASET) == default_bundle_path().read_bytes()


@needs_shared("telegram-transparency", "dataset.json")
def test_default_bundle_holds_every_figure_of_the_dataset(default_bundle: Bundle) -> None:
    dataset = json.loads(DATASET.read_text())
    shipped = {
        (
            r.country,
            r.start.strftime("%Y%m%d"),
            r.end.strftime("%Y%m%d"),
            r.value("requests"),
            r.value("users"),
        )
        for r in default_bundle.records
    }
    original = {
        (c, e["from"], e["to"], e["requests"], e["users"])
        for c, entries in dataset.items()
        for e in entries
    }
    assert shipped == original
