"""``tgviewer bundle import --from bot-text``: pasted answers into a new bundle."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from tests.helpers import run
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_bundle

GREECE_Q1_2025_OTHER = (
    "Transparency report for the period from 1 January 2025 to 31 March "
    "2025\n\nFulfilled requests from Greece for IP address and/or phone "
    "number:\n70\n\nAffected users:\n202\n"
)
FRANCE_Q2_2026 = (
    "Transparency report for the period 01.04.26–30.06.26\n\n"
    "Fulfilled requests from France for IP address and/or phone number:\n"
    "Q2 — 321\n\nAffected users:\nQ2 — 999\n"
)


def write(tmp_path: Path, text: str, name: str = "answer.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def record(path: Path, country: str, start: dt.date) -> dict[str, int | None]:
    bundle = read_bundle(path)
    found = [r for r in bundle.records if r.country == country and r.start == start]
    assert len(found) == 1
    return dict(found[0].values)


def test_a_new_quarter_is_added_to_a_copy_of_the_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, default_bundle: Bundle
) -> None:
    answer = write(tmp_path, FRANCE_Q2_2026)
    before = answer.read_bytes()
    out = tmp_path / "mine.tgbundle"
    code, stdout, _ = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "bot-text",
        str(answer),
        "--into",
        "default",
        "-o",
        str(out),
        "--title",
        "Default + mine",
        "--as-of",
        "2026-11-22",
    )
    assert code == 0
    assert "1 new, 0 already in" in stdout
    assert record(out, "FRA", dt.date(2026, 4, 1)) == {"requests": 321, "users": 999}
    bundle = read_bundle(out)
    assert len(bundle.records) == len(default_bundle.records) + 1
    assert bundle.manifest.title == "Default + mine"
    added = bundle.manifest.sources[-1]
    assert added.title == "pasted bot answer, 2026-11-22"
    assert [r.source for r in bundle.records if r.start == dt.date(2026, 4, 1)] == [added.id]
    assert answer.read_bytes() == before  # the source is only read


def test_a_conflict_is_listed_and_kept_unless_replace_is_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = write(tmp_path, GREECE_Q1_2025_OTHER)
    kept, replaced = tmp_path / "kept.tgbundle", tmp_path / "replaced.tgbundle"
    code, stdout, _ = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "bot-text",
        str(answer),
        "--into",
        "default",
        "-o",
        str(kept),
    )
    assert code == 0
    assert (
        "conflict (kept the bundle's): GRC Q1 2025: requests 70, users 202 (the bundle "
        "has requests 69, users 202" in stdout
    )
    assert record(kept, "GRC", dt.date(2025, 1, 1))["requests"] == 69
    code, stdout, _ = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "bot-text",
        str(answer),
        "--into",
        "default",
        "--on-conflict",
        "replace",
        "-o",
        str(replaced),
    )
    assert code == 0 and "conflict (replaced)" in stdout
    assert record(replaced, "GRC", dt.date(2025, 1, 1))["requests"] == 70


def test_an_answer_from_your_country_needs_country(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "Transparency report for the period 01.01.26–31.03.26\n\n"
        "Fulfilled requests from your country for IP address and/or phone number: 5\n"
        "Affected users: 9\n"
    )
    out = tmp_path / "out.tgbundle"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, _, stderr = run(capsys, "bundle", "import", "--from", "bot-text", "-", "-o", str(out))
    assert code == 2  # the command line must name the country
    assert (
        "standard input: the report on line 1 (Q1 2026) is about 'your country': name "
        "the country with --country ISO3" in stderr
    )
    assert not out.exists()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, _, _ = run(
        capsys, "bundle", "import", "--from", "bot-text", "-", "--country", "rus", "-o", str(out)
    )
    assert code == 0
    assert record(out, "RUS", dt.date(2026, 1, 1)) == {"requests": 5, "users": 9}


def test_text_that_is_not_an_answer_is_refused_with_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = write(tmp_path, "Dear all,\nhere are the numbers\n")
    out = tmp_path / "out.tgbundle"
    code, _, stderr = run(
        capsys, "bundle", "import", "--from", "bot-text", str(answer), "-o", str(out)
    )
    assert code == 1
    assert f"{answer}: no answer of the @transparency bot was found" in stderr
    assert "line 1: not part of a report: 'Dear all,'" in stderr
    assert not out.exists()


def test_lines_not_read_are_reported_but_the_rest_is_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = write(tmp_path, "Look at this:\n" + FRANCE_Q2_2026)
    out = tmp_path / "out.tgbundle"
    code, _, stderr = run(
        capsys, "bundle", "import", "--from", "bot-text", str(answer), "-o", str(out)
    )
    assert code == 0
    assert "line 1: not part of a report: 'Look at this:'" in stderr
    assert len(read_bundle(out).records) == 1
