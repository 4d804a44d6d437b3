"""The command line: output, exit codes and messages; never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import OFFLINE_BOOT, run
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.resources import default_bundle_path

ROOT = Path(__file__).resolve().parents[2]


def test_table_json_gives_values_status_and_flags(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "table", "--period", "2024Q4", "--measure", "users", "--format", "json"
    )
    assert (code, err) == (0, "")
    document = json.loads(out)
    rows = {row["country"]: row for row in document["rows"]}
    assert rows["FRA"]["value"] == 1386
    assert rows["FRA"]["status"] == "reported"
    assert rows["USA"]["value"] == 2145
    assert rows["GBR"]["inconsistent"] is True
    assert sum(row["inconsistent"] for row in rows.values()) == 1
    assert rows["ARG"]["value"] is None
    assert rows["ARG"]["status"] == "unknown"
    assert document["period"] == {
        "code": "2024Q4",
        "label": "Q4 2024",
        "start": "2024-10-01",
        "end": "2024-12-31",
    }
    assert "CC BY 4.0" in document["attribution"]


def test_table_text_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "table", "--period", "2024Q4", "--measure", "users", "--countries", "fra,gbr,usa"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Users affected, Q4 2024 (2024-10-01 to 2024-12-31)"
    gbr = next(line for line in lines if line.startswith("GBR"))
    assert "292  !  reported (records.csv line 71); inconsistent: 2024 is reported as 293" in gbr
    assert "3 countries: 3 reported, 0 derived, 0 unknown; 1 inconsistent (marked !)" in out
    assert out.rstrip().splitlines()[-1].startswith("Source: Telegram transparency reports")


def test_table_csv_with_derived_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "table",
        "--period",
        "2025Q1-2025Q3",
        "--countries",
        "DEU,MDA",
        "--measure",
        "users",
        "--format",
        "csv",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("country,name,period,period_label,measure,value,status")
    assert lines[1].startswith(
        "DEU,Germany,2025Q1-2025Q3,Jan–Sep 2025,users,10844,derived,"
        "False,,Q1 2025 (3777) + Q2 2025 (4534) + Q3 2025 (2533),"
    )
    assert lines[2].startswith("MDA,Moldova,2025Q1-2025Q3,Jan–Sep 2025,users,,unknown,False")
    assert not any(line.startswith("#") for line in lines)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["table", "--period", "2025Q5"], 2, "quarters run from Q1 to Q4"),
        (
            ["table", "--period", "2025", "--measure", "views"],
            2,
            "the bundle has no measure 'views'; it has requests, users",
        ),
        (["table", "--period", "2025", "--countries", "Frankreich!"], 2, "expected country codes"),
        (["table", "--period", "2025", "--service", "Signal"], 2, "no records for 'Signal'"),
        (["bundle", "info", "nowhere.tgbundle"], 1, "nowhere.tgbundle: cannot be used"),
        (["compare", "--a", "2024", "--b", "2025X"], 2, "2025X"),
        (
            ["compare", "--a", "2024", "--b", "2025", "--measure", "views"],
            2,
            "it has requests, users, users_per_request",
        ),
        (
            [
                "compare",
                "--a",
                "2024",
                "--b",
                "2025",
                "--measure",
                "users_per_request",
                "--per-capita",
            ],
            2,
            "cannot be taken per inhabitant",
        ),
    ],
)
def test_bad_input_gives_a_message_and_an_exit_code(
    capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str
) -> None:
    got, out, err = run(capsys, *args)
    assert got == code
    assert message in err
    assert "Traceback" not in err + out


def test_bundle_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "bundle", "validate", str(default_bundle_path()))
    assert code == 0
    assert "valid: 299 records, 83 countries, 1 warning, 2 cautions" in out
    assert (
        "  caution: records.csv, line 146: IND Q4 2025: more requests than users: several "
        "requests may concern the same users (12,146 requests, 8,855 users)"
    ) in out.splitlines()
    assert "  warning: records.csv, line 72, field 'users': GBR users" in out
    broken = tmp_path / "broken.tgbundle"
    broken.write_bytes(b"PK\x03\x04 not really")
    code, _, err = run(capsys, "bundle", "validate", str(broken))
    assert code == 1
    assert "broken.tgbundle: cannot be used (1 problem)" in err


def test_bundle_info_describes_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bundle", "info")
    assert code == 0
    assert "location:    embedded default bundle" in out
    assert "records:     299 (83 countries, Jan 2024–Mar 2026)" in out
    assert "warnings (1 warning, 2 cautions):" in out


def test_bundle_import_makes_a_valid_bundle_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "dataset.json"
    source.write_text(
        '{"FRA": [{"from": "20250101", "to": "20250331", "requests": 1, "users": 2}]}'
    )
    before = source.read_bytes()
    output = tmp_path / "mine.tgbundle"
    code, out, _ = run(
        capsys, "bundle", "import", str(source), "-o", str(output), "--as-of", "2026-11-22"
    )
    assert code == 0, out
    bundle = read_bundle(output)
    assert (bundle.manifest.id, bundle.manifest.title) == ("mine", "mine")
    assert bundle.records[0].values == {"requests": 1, "users": 2}
    assert source.read_bytes() == before
    stamp = output.read_bytes()
    code, _, err = run(capsys, "bundle", "import", str(source), "-o", str(output))
    assert code == 2  # a command line asking to overwrite
    assert "exists; choose another name or pass --force" in err
    assert output.read_bytes() == stamp


def test_bundle_import_reports_bad_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "dataset.json"
    source.write_text('{"FRA": [{"from": "2025011", "to": "20250331", "requests": 1}]}')
    code, _, err = run(capsys, "bundle", "import", str(source), "-o", str(tmp_path / "x.tgbundle"))
    assert code == 1
    assert "field 'FRA[0].from': '2025011': 7 digits where a date has 8" in err
    assert not (tmp_path / "x.tgbundle").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["table", "--period", "2024Q4", "--measure", "users"],
        ["bundle", "info"],
        ["compare", "--a", "2024Q1-Q3", "--b", "2025Q1-Q3"],
    ],
)
def test_commands_run_as_a_real_process_without_network(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_BOOT, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert result.returncode == 0, result.stderr
    assert "NETWORK USED" not in result.stderr
    assert result.stderr == ""


def test_the_installed_entry_point_and_module_run() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tgviewer", "table", "--period", "nonsense"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("tgviewer: cannot read the period 'nonsense'")
    assert "Traceback" not in result.stderr


def test_compare_json_matches_hand_computed_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "compare", "--a", "2024Q1-Q3", "--b", "2025Q1-Q3", "--format", "json"
    )
    assert (code, err) == (0, "")
    document = json.loads(out)
    rows = {row["country"]: row for row in document["rows"]}
    assert len(rows) == 23
    germany = rows["DEU"]
    assert (germany["a"], germany["b"], germany["change"]) == (115, 10844, 10729)
    assert germany["percent_change"] == pytest.approx(10729 / 115 * 100)
    assert (germany["a_status"], germany["b_status"]) == ("reported", "derived")
    left_out = {n["country"]: n["reason"] for n in document["not_comparable"]}
    assert left_out["AUT"].startswith("Jan–Sep 2025 unknown: records cover only Q1 2025")
    assert len(rows) + len(left_out) == 83
    assert document["per_quarter_average"] is False and document["note"] is None


def test_compare_per_capita_csv_of_unequal_periods(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "compare",
        "--a",
        "2024Q1-Q3",
        "--b",
        "2025Q4",
        "--countries",
        "DEU,ISL",
        "--per-capita",
        "--format",
        "csv",
    )
    assert code == 0
    rows = {row["country"]: row for row in csv.DictReader(io.StringIO(out))}
    assert not out.startswith("#")
    assert float(rows["DEU"]["a"]) == pytest.approx(115 / 3 / 83_516_593 * 1e6, rel=1e-3)
    assert rows["DEU"]["not_compared"] == "" and rows["ISL"]["a"] == ""
    assert rows["ISL"]["not_compared"].startswith("Jan–Sep 2024 unknown")


def test_compare_text_lists_the_countries_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "--a", "2024", "--b", "2025", "--sort", "name")
    assert code == 0
    assert "12 of 83 countries compared" in out
    assert "Not comparable (71):" in out


def test_bundle_library_lists_the_users_bundles(
    capsys: pytest.CaptureFixture[str], default_bundle: Bundle
) -> None:
    from tgviewer.core.library.bundle_library import Library

    code, out, _ = run(capsys, "bundle", "library")
    assert code == 0 and "no bundles yet" in out
    saved = Library().save("Mine", default_bundle.manifest, default_bundle.records)
    code, out, _ = run(capsys, "bundle", "library")
    assert code == 0
    line = out.splitlines()[1]
    assert line.startswith("Mine") and f"{len(default_bundle.records)} records" in line
    assert line.endswith(saved.location)
