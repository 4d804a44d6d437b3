"""Section 1 of ``run_benchmarks.py``: time to interactive.

``python -m tgviewer --smoke`` (or a frozen tgviewer) against ``bare_window.py`` (a bare PySide6
window shown the same way) and ``bare_window.py --plot`` (the same window with one pyqtgraph
plot: the floor of the stack tgviewer is built on), run alternately in fresh processes;
in-process and wall-clock times, and their ratio (target: tgviewer <= 3x the bare window,
wall-clock medians).
"""

from __future__ import annotations

import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import BenchmarkError, Report, Target, spread_text, summary, verdict

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BARE_WINDOW = HERE / "bare_window.py"

#: tgviewer's time to interactive may be at most this many times the bare window's.
STARTUP_RATIO_TARGET = 3.0
#: How long one start of either program may take before the benchmark gives up, in s.
PROCESS_TIMEOUT = 120.0

TIME_TO_INTERACTIVE = re.compile(r"time to interactive (\d+(?:\.\d+)?) ms")
BARE_PLATFORM = re.compile(r"platform (\S+)")


@dataclass
class StartRun:
    """One start of a program: its own figure and the whole process's, in ms."""

    in_process_ms: float
    wall_ms: float
    stdout: str
    returncode: int
    stderr: str


def start_once(command: list[str], env: dict[str, str]) -> StartRun:
    """Run ``command`` to its end in a fresh, empty ``TGVIEWER_HOME``; time it from outside."""
    with tempfile.TemporaryDirectory(prefix="tgviewer-bench-home-") as home:
        started = time.perf_counter()
        result = subprocess.run(
            command,
            env={**env, "TGVIEWER_HOME": home},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=PROCESS_TIMEOUT,
            check=False,
        )
        wall_ms = (time.perf_counter() - started) * 1000
    match = TIME_TO_INTERACTIVE.search(result.stdout)
    if match is None:  # a failure after the time was printed is reported, not fatal
        raise BenchmarkError(
            f"{' '.join(command)} exited {describe_exit(result.returncode)} "
            f"without printing its time\nstdout: "
            f"{result.stdout.strip()[-800:]}\nstderr: "
            f"{result.stderr.strip()[-800:]}"
        )
    return StartRun(
        float(match.group(1)),
        wall_ms,
        result.stdout.strip(),
        result.returncode,
        result.stderr.strip(),
    )


def describe_exit(code: int) -> str:
    """``0``, ``1``, or ``-6 (SIGABRT)`` for a signal."""
    if code >= 0:
        return str(code)
    try:
        return f"{code} ({signal.Signals(-code).name})"
    except ValueError:
        return str(code)


def startup_benchmark(
    runs: int, env: dict[str, str], progress: Callable[[str], None], app: Path | None = None
) -> dict[str, Any]:
    """Alternate tgviewer and the bare window ``runs`` times each, after one warm-up each.

    ``app`` is a frozen tgviewer executable to time instead of ``python -m tgviewer``.
    """
    commands = {
        "tgviewer": [str(app), "--smoke"] if app else [sys.executable, "-m", "tgviewer", "--smoke"],
        "bare": [sys.executable, str(BARE_WINDOW)],
        "floor": [sys.executable, str(BARE_WINDOW), "--plot"],
    }
    progress("start-up: warm-up (discarded)")
    warm = {name: start_once(command, env) for name, command in commands.items()}
    results: dict[str, list[StartRun]] = {name: [] for name in commands}
    for index in range(runs):
        # Alternate which goes first, so neither always follows the other.
        order = ["tgviewer", "bare", "floor"] if index % 2 == 0 else ["floor", "bare", "tgviewer"]
        for name in order:
            results[name].append(start_once(commands[name], env))
        progress(f"start-up: run {index + 1}/{runs}")

    figures: dict[str, Any] = {"runs": runs, "warmup_runs_discarded": 1}
    for name, found in results.items():
        in_process = [r.in_process_ms for r in found]
        wall = [r.wall_ms for r in found]
        outside = [r.wall_ms - r.in_process_ms for r in found]
        figures[name] = {
            "command": commands[name],
            "in_process_ms": {**summary(in_process), "samples": in_process},
            "wall_ms": {**summary(wall), "samples": wall},
            "outside_in_process_clock_ms": {"median": statistics.median(outside)},
            "exit_codes": [r.returncode for r in [warm[name], *found]],
            "first_failure_stderr": next(
                (r.stderr[-1500:] for r in [warm[name], *found] if r.returncode != 0), None
            ),
        }
    bare_platform = BARE_PLATFORM.search(warm["bare"].stdout)
    figures["qt_platform_bare"] = bare_platform.group(1) if bare_platform else None
    figures["smoke_line"] = results["tgviewer"][-1].stdout.splitlines()[-1]
    ratios: dict[str, Any] = {}
    for clock in ("in_process_ms", "wall_ms"):
        ours, bare = figures["tgviewer"][clock], figures["bare"][clock]
        median_ratio = ours["median"] / bare["median"]
        paired = [a / b for a, b in zip(ours["samples"], bare["samples"], strict=True)]
        ratios[clock.removesuffix("_ms")] = {
            "median": median_ratio,
            "min": ours["min"] / bare["min"],
            "paired_min": min(paired),
            "paired_max": max(paired),
            "target": STARTUP_RATIO_TARGET,
            "met": median_ratio <= STARTUP_RATIO_TARGET,
        }
    figures["ratio_tgviewer_to_bare"] = ratios
    floor, bare = figures["floor"]["wall_ms"], figures["bare"]["wall_ms"]
    figures["ratio_floor_to_bare"] = {
        "median": floor["median"] / bare["median"],
        "min": floor["min"] / bare["min"],
    }
    return figures


def report_startup(report: Report, figures: dict[str, Any]) -> None:
    report.add()
    runs = figures["runs"]
    report.add(
        f"1. Time to interactive ({runs} run{'s' * (runs != 1)} each, alternating; one "
        "warm-up run each discarded)"
    )
    report.add(f"   last smoke line: {figures['smoke_line']}")
    report.add(f"   {'':38}{'median':>10}{'min':>10}{'max':>10}")
    frozen = figures["tgviewer"]["command"][0] != sys.executable
    app_label = "frozen tgviewer --smoke" if frozen else "tgviewer --smoke"
    if frozen:
        report.add(f"   frozen app: {figures['tgviewer']['command'][0]}")
    for name, label in (
        ("tgviewer", app_label),
        ("bare", "bare PySide6 window"),
        ("floor", "one-plot pyqtgraph window"),
    ):
        for clock, where in (("in_process_ms", "in-process"), ("wall_ms", "wall-clock")):
            values = figures[name][clock]
            report.add(
                f"   {label + ', ' + where:38}{values['median']:>7.0f} ms{values['min']:>7.0f} ms"
                f"{values['max']:>7.0f} ms"
            )
    for clock, where in (("in_process", "in-process"), ("wall", "wall-clock")):
        ratio = figures["ratio_tgviewer_to_bare"][clock]
        report.add(
            f"   {'ratio tgviewer/bare, ' + where:38}{ratio['median']:>9.2f}x"
            f"{ratio['min']:>9.2f}x{'':10}target <= {ratio['target']:g}x (median): "
            f"{verdict(ratio['met'])}"
        )
        report.add(
            f"   {'':38}paired runs {ratio['paired_min']:.2f}x-{ratio['paired_max']:.2f}x "
            "(each run's ratio, min-max)"
        )
    floor = figures["ratio_floor_to_bare"]
    report.add(
        f"   {'ratio one-plot/bare, wall-clock':38}{floor['median']:>9.2f}x"
        f"{floor['min']:>9.2f}x{'':10}(the floor: PySide6 + numpy + pyqtgraph, one line)"
    )
    for name, label in (
        ("tgviewer", "tgviewer --smoke"),
        ("bare", "bare_window.py"),
        ("floor", "bare_window.py --plot"),
    ):
        codes = figures[name]["exit_codes"]
        failed = [describe_exit(code) for code in codes if code != 0]
        if failed:
            last_line = (figures[name]["first_failure_stderr"] or "").splitlines()
            fatal = next(
                (line for line in last_line if line.startswith("Fatal Python error")),
                last_line[-1] if last_line else "",
            )
            report.add(
                f"   WARNING: {label} exited abnormally in {len(failed)} of {len(codes)} "
                f"starts (warm-up included) after printing its time: "
                f"{', '.join(sorted(set(failed)))}"
            )
            if fatal:
                report.add(f"     {fatal}")
    outside = [
        figures[name]["outside_in_process_clock_ms"]["median"] for name in ("tgviewer", "bare")
    ]  # the floor's clock starts as the bare one
    report.add(
        f"   outside the in-process clock (wall - in-process, median): tgviewer "
        f"{outside[0]:.0f} ms, bare {outside[1]:.0f} ms"
    )
    report.add(
        "   (tgviewer's in-process clock starts in tgviewer.ui.app.run, after Python "
        "start-up and the imports before it;"
    )
    report.add(
        "   the bare window's starts at the top of its script, before PySide6 is "
        "imported. Wall-clock is the fair comparison.)"
    )


def startup_targets(figures: dict[str, Any]) -> list[Target]:
    """Start-up's row of the closing table (wall-clock, the fair comparison)."""
    ratio = figures["ratio_tgviewer_to_bare"]["wall"]
    return [
        Target(
            "start-up, tgviewer / bare window (wall)",
            f"{ratio['median']:.2f}x",
            spread_text(ratio["paired_min"], ratio["paired_max"], "x", 2, "min-max, paired"),
            f"<= {ratio['target']:g}x",
            ratio["met"],
        )
    ]
