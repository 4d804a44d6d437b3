"""The import plan: kinds of source, repeats in a source, and the bundle an import makes."""

from __future__ import annotations

import datetime as dt

import pytest

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.importing.import_plan import (
    ImportKind,
    SourceError,
    SourceReading,
    guess_kind,
    new_source,
    plan_import,
    read_bot_answers,
    read_community_json,
    suggested_title,
)
from tgviewer.core.importing.merge import Fate

ANSWER = (
    "Transparency report for the period 01.04.26–30.06.26\n\n"
    "Fulfilled requests from France for IP address and/or phone number:\nQ2 — {r}\n\n"
    "Affected users:\nQ2 — {u}\n\n"
)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("dataset.json", b"", ImportKind.COMMUNITY_JSON),
        ("figures.CSV", b"", ImportKind.CSV),
        ("figures.tsv", b"", ImportKind.CSV),
        ("answer.txt", ANSWER.format(r=1, u=2).encode(), ImportKind.BOT_TEXT),
        ("export", b'\xef\xbb\xbf  {"FRA": []}', ImportKind.COMMUNITY_JSON),
        ("export", b"country;period;users\nFRA;2025Q1;3\n", ImportKind.CSV),
        (
            "notes.txt",
            b"Transparency report, for the period, see below, thanks\n",
            ImportKind.BOT_TEXT,
        ),
    ],
)
def test_the_kind_of_source_is_told_by_suffix_then_content(
    name: str, data: bytes, kind: ImportKind
) -> None:
    assert guess_kind(name, data) is kind


def test_a_repeated_answer_is_read_once(default_bundle: Bundle) -> None:
    text = ANSWER.format(r=3, u=4) * 2
    plan = plan_import(
        default_bundle,
        read_bot_answers(text, "mine"),
        new_source(ImportKind.BOT_TEXT, dt.date(2026, 11, 22), default_bundle),
        "pasted text",
    )
    assert [(i.fate, dict(i.record.values)) for i in plan.classified] == [
        (Fate.NEW, {"requests": 3, "users": 4})
    ]
    assert plan.reading.unread == ()


def test_a_source_that_contradicts_itself_gives_neither_record(default_bundle: Bundle) -> None:
    text = ANSWER.format(r=3, u=4) + ANSWER.format(r=3, u=5)
    plan = plan_import(
        default_bundle,
        read_bot_answers(text, "mine"),
        new_source(ImportKind.BOT_TEXT, dt.date(2026, 11, 22), default_bundle),
        "pasted text",
    )
    assert plan.classified == ()
    [message] = plan.reading.unread
    assert message.startswith("FRA Q2 2026 is given 2 times with different figures")
    assert "users 4" in message and "users 5" in message
    assert not plan.changes_anything


def test_an_import_records_its_source_in_the_new_bundles_manifest(default_bundle: Bundle) -> None:
    source = new_source(ImportKind.BOT_TEXT, dt.date(2026, 11, 22), default_bundle)
    plan = plan_import(
        default_bundle, read_bot_answers(ANSWER.format(r=3, u=4), source.id), source, "pasted text"
    )
    manifest = plan.manifest("Mine", dt.date(2026, 11, 22))
    assert manifest.sources == (*default_bundle.manifest.sources, source)
    assert source.title == "pasted bot answer, 2026-11-22"
    assert manifest.as_of == dt.date(2026, 11, 22)
    assert len(plan.records()) == len(default_bundle.records) + 1


def test_dataset_json_problems_and_nesting_are_source_errors() -> None:
    with pytest.raises(SourceError, match="nested too deeply"):
        read_community_json(b"[" * 100_000, "deep.json")
    with pytest.raises(SourceError, match=r"bad\.json, line 1"):
        read_community_json(b'{"FRA": [', "bad.json")
    assert read_community_json(b'{"FRA": []}', "empty.json") == SourceReading(())


def test_suggested_titles_do_not_repeat(default_bundle: Bundle) -> None:
    title = f"{default_bundle.manifest.title} + my additions"
    assert suggested_title(default_bundle, []) == title
    assert suggested_title(default_bundle, [title.upper()]) == f"{title} (2)"
