"""``tgviewer render``: saved views to files without a display, through the GUI's export."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.core.bundles import small_bundle
from tgviewer.cli.main import main
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.view_file import BundleRef, SavedView, write_view
from tgviewer.core.state.view_state import ViewKind, default_view_state
from tgviewer.ui.export.chart_page import export_chart


@pytest.fixture
def view_file(tmp_path: Path, default_bundle: Bundle) -> Path:
    state = dataclasses.replace(
        default_view_state(default_bundle),
        view=ViewKind.RANKING,
        countries=("GBR", "FRA", "DEU", "ITA"),
    )
    path = tmp_path / "ranking.tgview"
    write_view(path, SavedView(state, BundleRef.of(default_bundle)))
    return path


def test_render_writes_the_same_png_as_the_window_export(
    qtbot: QtBot,
    tmp_path: Path,
    view_file: Path,
    capsys: pytest.CaptureFixture[str],
    default_bundle: Bundle,
) -> None:
    out = tmp_path / "ranking.png"
    assert (
        main(["render", str(view_file), "-o", str(out), "--size", "1200x800", "--scale", "1.5"])
        == 0
    )
    assert "wrote" in capsys.readouterr().out
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    from tgviewer.core.state.view_file import read_view
    from tgviewer.ui.export.size import ExportSize

    export_chart(
        default_bundle, read_view(view_file).state, tmp_path / "gui.png", ExportSize(1200, 800, 1.5)
    )
    assert QImage(str(tmp_path / "gui.png")) == image  # the same code, the same pixels


def test_render_svg_and_csv(qtbot: QtBot, tmp_path: Path, view_file: Path) -> None:
    assert main(["render", str(view_file), "-o", str(tmp_path / "r.svg")]) == 0
    svg = (tmp_path / "r.svg").read_text(encoding="utf-8")
    assert "Source: Telegram transparency reports" in svg
    assert main(["render", str(view_file), "-o", str(tmp_path / "r.csv")]) == 0
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("country,country_name,period,")
    assert len(text.splitlines()) == 5
    assert main(["render", str(view_file), "-o", str(tmp_path / "r.xlsx")]) == 0
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert workbook.sheetnames == ["Data", "About"]
    assert workbook["Data"].max_row == 5


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-o", "x.gif"], "the suffix must be .png, .svg, .csv or .xlsx"),
        (["-o", "x.png", "--layout", "wide"], "--layout: a chart has no layout"),
        (["-o", "x.png", "--size", "big"], "--size 'big': expected WIDTHxHEIGHT"),
        (["-o", "x.png", "--size", "50x50"], "each side must be between 200 and 10000"),
        (["-o", "x.png", "--scale", "9"], "scale 9: must be between 0.5 and 4"),
    ],
)
def test_bad_arguments_say_why(
    qtbot: QtBot,
    tmp_path: Path,
    view_file: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    assert main(["render", str(view_file), *arguments]) == 2  # a command line asking the impossible
    assert message in capsys.readouterr().err


def test_a_bad_view_file_exits_1_with_a_clear_message(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.tgview"
    bad.write_text('{"format": "tgviewer-view", "format_version": 1', encoding="utf-8")
    assert main(["render", str(bad), "-o", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tgviewer: bad.tgview, line 1, column 48:")
    assert "Traceback" not in err
    assert not (tmp_path / "x.png").exists()
    assert main(["render", str(tmp_path / "none.tgview"), "-o", str(tmp_path / "x.png")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_a_view_of_a_bundle_not_at_hand_needs_bundle(
    qtbot: QtBot,
    tmp_path: Path,
    view_file: Path,
    capsys: pytest.CaptureFixture[str],
    default_bundle: Bundle,
) -> None:
    text = view_file.read_text(encoding="utf-8").replace(default_bundle.checksum, "ab" * 32)
    view_file.write_text(text, encoding="utf-8")
    assert main(["render", str(view_file), "-o", str(tmp_path / "x.png")]) == 1
    assert "not at hand" in capsys.readouterr().err
    other = small_bundle(tmp_path)
    assert (
        main(["render", str(view_file), "-o", str(tmp_path / "x.csv"), "--bundle", str(other)]) == 0
    )
    err = capsys.readouterr().err
    assert "warning: ranking.tgview was made with Telegram disclosures" in err
    assert "without DEU, GBR" in err
    rows = [
        line
        for line in (tmp_path / "x.csv").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    assert [row.split(",")[0] for row in rows[1:]] == ["FRA", "ITA"]


def test_render_runs_without_a_display(tmp_path: Path, view_file: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environment["QT_QPA_PLATFORM"] = "xcb"  # asked for a display: render draws offscreen anyway
    environment["TGVIEWER_DEBUG"] = ""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tgviewer",
            "render",
            str(view_file),
            "-o",
            str(tmp_path / "headless.png"),
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # nothing from Qt (the offscreen platform's warnings)
    assert done.stdout.startswith("wrote ")
    assert QImage(str(tmp_path / "headless.png")).width() == 1920
