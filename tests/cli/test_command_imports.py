"""Each command imports what it needs and no more: ``render`` and ``bundle info`` start
without pandas (a fifth of a second), which only the commands that make tables import, and
a bundle of ordinary size is read and checked without numpy (which reads big ones in bulk)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from tgviewer.core.bundle.reader import read_default_bundle
from tgviewer.core.state.view_file import BundleRef, SavedView, write_view
from tgviewer.core.state.view_state import ViewKind, default_view_state

#: Runs the command line, then says which of the heavy libraries it imported.
RUN_AND_LIST = """
import sys
from tgviewer.cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:  # --help
    code = stop.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pandas", "numpy", "openpyxl", "PySide6"})
print("IMPORTED", ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def imported(*args: str) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    line = next(li for li in done.stderr.splitlines() if li.startswith("IMPORTED"))
    return done.returncode, [name for name in line.split(" ", 1)[1].split(",") if name]


@pytest.mark.parametrize(
    "args",
    [("bundle", "info"), ("render", "--help"), ("table", "--help"), ("compare", "--help")],
)
def test_commands_start_without_pandas(args: tuple[str, ...]) -> None:
    code, heavy = imported(*args)
    assert code == 0 and "pandas" not in heavy


def test_bundle_info_on_an_ordinary_bundle_needs_no_numpy() -> None:
    code, heavy = imported("bundle", "info")
    assert code == 0 and heavy == []


def test_render_to_csv_needs_neither_pandas_nor_qt(tmp_path: Path) -> None:
    bundle = read_default_bundle()
    state = dataclasses.replace(default_view_state(bundle), view=ViewKind.TREND)
    saved = tmp_path / "trend.tgview"
    write_view(saved, SavedView(state, BundleRef.of(bundle)))
    code, heavy = imported("render", str(saved), "-o", str(tmp_path / "trend.csv"))
    assert code == 0 and heavy == []
    assert (tmp_path / "trend.csv").stat().st_size > 0


def test_a_table_command_still_makes_its_table() -> None:
    code, heavy = imported("table", "--period", "2025", "--format", "csv")
    assert code == 0 and "pandas" in heavy
