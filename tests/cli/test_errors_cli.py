"""The command line reports every error of the family once: ``tgviewer: <where>: <what>``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tgviewer.cli.errors import report_error
from tgviewer.cli.main import main
from tgviewer.core.errors import TgviewerError
from tgviewer.core.library.bundle_library import LibraryError
from tgviewer.core.periods.spans import PeriodError


def test_a_damaged_view_file_exits_1_naming_the_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    view = tmp_path / "damaged.tgview"
    view.write_text(
        '{"format": "tgviewer-view",\n  "format_version": 1,\n  "bundle": {', encoding="utf-8"
    )
    code, out, err = run(capsys, "render", str(view), "-o", str(tmp_path / "out.png"))
    assert code == 1
    assert err.startswith("tgviewer: damaged.tgview, line 3, column 14: ")
    assert err.endswith("; not a saved view\n")
    assert out == ""
    assert not (tmp_path / "out.png").exists()


def test_a_damaged_import_source_exits_1_naming_the_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "answers.txt"
    source.write_bytes(b"Transparency report for the period 01.01.26-31.03.26\n\xff\n")
    code, _, err = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "bot-text",
        str(source),
        "-o",
        str(tmp_path / "out.tgbundle"),
    )
    assert code == 1
    assert err == f"tgviewer: {source}, line 2: not UTF-8 text (byte 53)\n"


def test_a_damaged_bundle_exits_1_naming_it_in_a_real_process(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tgbundle"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    result = subprocess.run(
        [sys.executable, "-m", "tgviewer", "bundle", "info", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"tgviewer: {broken}: cannot be used (1 problem)\n")
    assert "Traceback" not in result.stderr


def test_any_error_of_the_family_is_reported_by_the_one_handler(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise LibraryError("the library folder is read-only", file="/data/bundles")

    monkeypatch.setattr("tgviewer.core.library.bundle_library.Library.entries", refuse)
    code, _, err = run(capsys, "bundle", "library")
    assert (code, err) == (1, "tgviewer: /data/bundles: the library folder is read-only\n")


def test_report_error_keeps_the_usage_code_for_periods(capsys: pytest.CaptureFixture[str]) -> None:
    assert report_error(PeriodError("cannot read the period 'x'")) == 2
    assert report_error(TgviewerError("y", file="f.csv", line=4, field="users")) == 1
    assert capsys.readouterr().err.splitlines() == [
        "tgviewer: cannot read the period 'x'",
        "tgviewer: f.csv, line 4, field 'users': y",
    ]
    assert main(["table", "--period", "2025Q9"]) == 2
