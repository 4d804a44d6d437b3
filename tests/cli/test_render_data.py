"""``tgviewer render VIEW -o data.csv`` (or .xlsx) needs no Qt: the data comes from the view's
model."""

from __future__ import annotations

import codecs
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import BLOCK_QT
from tgviewer.cli.main import main
from tgviewer.core.bundle.reader import read_default_bundle
from tgviewer.core.state.view_file import BundleRef, SavedView, write_view
from tgviewer.core.state.view_state import ViewKind, default_view_state
from tgviewer.core.views.registry import data_csv

ROOT = Path(__file__).resolve().parents[2]

#: Runs the CLI with PySide6, shiboken6 and pyqtgraph made unimportable.
WITHOUT_QT = (
    BLOCK_QT
    + """
from tgviewer.cli.main import main
code = main(sys.argv[1:])
assert not any(m.split(".")[0] in ("PySide6", "pyqtgraph") for m in sys.modules)
sys.exit(code)
"""
)


@pytest.fixture
def compare_view(tmp_path: Path) -> Path:
    bundle = read_default_bundle()
    state = dataclasses.replace(default_view_state(bundle), view=ViewKind.COMPARE)
    path = tmp_path / "compare.tgview"
    write_view(path, SavedView(state, BundleRef.of(bundle)))
    return path


def test_render_csv_writes_the_models_data(
    compare_view: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "compare.csv"
    assert main(["render", str(compare_view), "-o", str(out)]) == 0
    bundle = read_default_bundle()
    state = dataclasses.replace(default_view_state(bundle), view=ViewKind.COMPARE)
    assert out.read_bytes() == codecs.BOM_UTF8 + data_csv(bundle, state).encode("utf-8")
    assert (tmp_path / "compare.csv-metadata.json").is_file()
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize("kind", list(ViewKind))
def test_render_csv_runs_where_qt_cannot_be_imported(kind: ViewKind, tmp_path: Path) -> None:
    bundle = read_default_bundle()
    state = dataclasses.replace(default_view_state(bundle), view=kind)
    view = tmp_path / "view.tgview"
    write_view(view, SavedView(state, BundleRef.of(bundle)))
    out = tmp_path / "data.csv"
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_QT, "render", str(view), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == codecs.BOM_UTF8 + data_csv(bundle, state).encode("utf-8")
    workbook = subprocess.run(
        [sys.executable, "-c", WITHOUT_QT, "render", str(view), "-o", str(tmp_path / "d.xlsx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert workbook.returncode == 0, workbook.stderr
    assert (tmp_path / "d.xlsx").read_bytes()[:2] == b"PK"  # a zip, as every .xlsx
    png = subprocess.run(
        [sys.executable, "-c", WITHOUT_QT, "render", str(view), "-o", str(tmp_path / "chart.png")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert png.returncode == 1
    assert "PySide6 is not installed here" in png.stderr


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("measure", "userz", "field 'state.measure': 'userz' is not a measure of"),
        ("service", "Signal", "field 'state.service': 'Signal' is not a service of"),
        ("view", "pie", "field 'state.view': 'pie' is not one of"),
        ("normalisation", "per_cat", "field 'state.normalisation': 'per_cat' is not one of"),
        ("granularity", "decade", "field 'state.granularity': 'decade' is not one of"),
    ],
)
def test_render_refuses_a_view_naming_what_the_bundle_lacks(
    compare_view: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    key: str,
    value: str,
    message: str,
) -> None:
    document = json.loads(compare_view.read_text(encoding="utf-8"))
    document["state"][key] = value
    compare_view.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "nothing.csv"
    assert main(["render", str(compare_view), "-o", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"tgviewer: compare.tgview, {message}")
    assert not out.exists()


def test_render_writes_countries_by_periods_where_the_view_has_them(
    compare_view: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = read_default_bundle()
    state = dataclasses.replace(default_view_state(bundle), view=ViewKind.TABLE)
    table_view = tmp_path / "table.tgview"
    write_view(table_view, SavedView(state, BundleRef.of(bundle)))
    out = tmp_path / "table.xlsx"
    assert main(["render", str(table_view), "-o", str(out), "--layout", "wide"]) == 0
    data = list(openpyxl.load_workbook(out)["Data"].iter_rows(values_only=True))
    assert data[0] == ("country", "country_name", *(p.label for p in state.periods()))
    assert [row[0] for row in data[1:]] == list(state.countries)
    assert capsys.readouterr().err == ""

    refused = tmp_path / "compare.csv"
    assert main(["render", str(compare_view), "-o", str(refused), "--layout", "wide"]) == 2
    assert "--layout wide: The compare view's data already has one row per country" in (
        capsys.readouterr().err
    )
    assert not refused.exists() and not (tmp_path / "compare.csv-metadata.json").exists()


def test_a_folder_that_cannot_be_written_exits_1(
    compare_view: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "data.csv"
    assert main(["render", str(compare_view), "-o", str(out)]) == 1
    assert "cannot write here" in capsys.readouterr().err
