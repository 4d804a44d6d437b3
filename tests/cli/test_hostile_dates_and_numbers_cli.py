"""Dates outside the supported years and numbers thousands of digits long on the command
line: exit 1 naming the file, never 70 (an internal error)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.bundles import records_csv, write_folder
from tests.helpers import run
from tgviewer.core.bundle.reader import read_default_bundle
from tgviewer.core.state.view_file import BundleRef, SavedView
from tgviewer.core.state.view_state import default_view_state

OUTSIDE = "is outside the years tgviewer supports, 1900–2999"


def test_validating_a_bundle_with_a_record_in_1500_exits_1_naming_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "old", records_csv("FRA,1500-01-01,2024-03-31,1,2,,src,"))
    code, out, err = run(capsys, "bundle", "validate", str(folder))
    assert (code, out) == (1, "")
    assert err.startswith(f"tgviewer: {folder}: cannot be used (1 problem)\n")
    assert f"records.csv, line 2, field 'start': '1500-01-01': year 1500 {OUTSIDE}" in err


def test_importing_a_dataset_in_year_0_exits_1_naming_the_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "dataset.json"
    source.write_text(
        json.dumps({"FRA": [{"from": "00000101", "to": "20240331", "requests": 1, "users": 1}]}),
        encoding="utf-8",
    )
    out_path = tmp_path / "out.tgbundle"
    code, _, err = run(
        capsys, "bundle", "import", "--from", "tek-json", str(source), "-o", str(out_path)
    )
    assert code == 1
    assert f"dataset.json, field 'FRA[0].from': '00000101': year 0 {OUTSIDE}" in err
    assert not out_path.exists()


def test_an_as_of_date_outside_the_range_is_refused_by_the_argument_parser(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "dataset.json"
    source.write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        run(
            capsys,
            "bundle",
            "import",
            "--from",
            "tek-json",
            str(source),
            "-o",
            str(tmp_path / "out.tgbundle"),
            "--as-of",
            "1500-01-01",
        )
    assert caught.value.code == 2
    assert f"'1500-01-01': year 1500 {OUTSIDE}" in capsys.readouterr().err


def test_rendering_a_view_with_periods_in_1500_exits_1_naming_the_file_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bundle = read_default_bundle()
    document = SavedView(default_view_state(bundle), BundleRef.of(bundle)).to_dict()
    document["state"]["range"] = "1500Q1-1500Q4"
    view = tmp_path / "old.tgview"
    view.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run(capsys, "render", str(view), "-o", str(tmp_path / "out.csv"))
    assert (code, out) == (1, "")
    assert err == (
        "tgviewer: old.tgview, field 'state.range': cannot read the period '1500Q1-1500Q4': "
        f"year 1500 {OUTSIDE}\n"
    )
    assert not (tmp_path / "out.csv").exists()


HUGE = "1" + "0" * 5000  # beyond the 4,300 digits Python converts


def test_validating_a_manifest_with_a_huge_format_version_exits_1_naming_the_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "huge", records_csv("FRA,2024-01-01,2024-03-31,1,2,,src,"))
    path = folder / "manifest.json"
    path.write_text(
        path.read_text().replace('"format_version": 1', f'"format_version": {HUGE}'),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "bundle", "validate", str(folder))
    assert (code, out) == (1, "")
    assert err == (
        f"tgviewer: {folder}: cannot be used (1 problem)\n"
        "  manifest.json, field 'format_version': expected the whole number 1, found a number "
        "5,001 digits long\n"
    )


def test_importing_a_dataset_with_a_huge_count_exits_1_naming_the_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "dataset.json"
    source.write_text(
        '{"FRA": [{"from": "20240101", "to": "20240331", "requests": ' + HUGE + ', "users": 1}]}',
        encoding="utf-8",
    )
    out_path = tmp_path / "out.tgbundle"
    code, _, err = run(
        capsys, "bundle", "import", "--from", "tek-json", str(source), "-o", str(out_path)
    )
    assert code == 1
    assert err.startswith("tgviewer: ")
    assert (
        "dataset.json, field 'FRA[0].requests': a number 5,001 digits long, more than the 15 "
        "digits tgviewer reads; expected a whole number >= 0"
    ) in err
    assert not out_path.exists()
