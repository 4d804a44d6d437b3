"""On-demand benchmarks of tgviewer's responsiveness (not part of the pytest run).

One run reports every target of issue 20, each with its spread and verdict, then a table of
them all:

1. time to interactive against a bare PySide6 window (``startup.py``; <= 3x, wall-clock);
2. filter change to repaint on the default bundle (``filter_changes.py``; median <= 16 ms);
3. loading a million records against ``pandas.read_csv``, and its peak memory
   (``big_load.py``; <= 3x, <= 1.5 GiB), in both shapes of ``big_bundles.py``;
4. filter change to repaint on those bundles (``big_filters.py``; median <= 50 ms);
5. ``tgviewer render VIEW -o OUT.png`` against ``tgviewer --smoke`` (``render_vs_smoke.py``;
   <= 1.5x).

tgviewer's modules are compiled to ``.pyc`` first, as an installed app has them
(``bytecode.py``).

Usage::

    python benchmarks/run_benchmarks.py [--runs 7] [--samples 100] [--big-runs 3]
        [--only startup|filters|big|render] [--json PATH] [--quiet]

Prints a plain-text report; exits 0 even when a target is missed (the line says MISSED),
1 when a benchmark could not run at all. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from big_filters import (
    BIG_FILTER_KINDS,
    BIG_FILTER_MEDIAN_TARGET_MS,
    big_filter_benchmark,
    big_filter_report,
    big_filter_targets,
)
from big_load import load_benchmark, load_report, load_targets, make_big_bundles
from bytecode import bytecode_note, bytecode_use, compile_checkout
from common import BenchmarkError, Report, Target, peak_memory_mib, target_table
from filter_changes import filter_benchmark, filter_targets, report_filters
from render_vs_smoke import render_benchmark, render_report, render_targets
from startup import report_startup, startup_benchmark, startup_targets

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

#: The parts ``--only`` can choose, in the order they run.
SECTIONS = ("startup", "render", "filters", "big")


# --------------------------------------------------------------------------- environment


def environment(requested_platform: str) -> dict[str, Any]:
    """Versions and machine; imports nothing heavy (no Qt platform is started here)."""
    import PySide6
    from PySide6.QtCore import qVersion

    import tgviewer

    return {
        "tgviewer": tgviewer.__version__,
        "tgviewer_path": str(Path(tgviewer.__file__).resolve().parent),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "python_executable": sys.executable,
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "pyqtgraph": importlib.metadata.version("pyqtgraph"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "qt_platform_requested": requested_platform,
        "display": os.environ.get("DISPLAY") or None,
    }


def report_environment(report: Report, env: dict[str, Any], plugin: str | None) -> None:
    report.add("tgviewer benchmarks")
    report.add(f"  tgviewer {env['tgviewer']} from {env['tgviewer_path']}")
    report.add(
        f"  Python {env['python']} ({env['python_implementation']}, "
        f"{env['python_executable']}), PySide6 {env['pyside6']} (Qt {env['qt']}), "
        f"pyqtgraph {env['pyqtgraph']}"
    )
    report.add(
        f"  {env['platform']}, {env['cpus']} CPUs; Qt platform plugin: "
        f"{plugin or '?'} (requested {env['qt_platform_requested']}); "
        f"DISPLAY={env['display'] or 'unset'}"
    )


def all_targets(results: dict[str, Any]) -> list[Target]:
    """Every target measured in this run, in the order of the report."""
    found: list[Target] = []
    for key, targets in (
        ("startup", startup_targets),
        ("filter_change", filter_targets),
        ("big_load", load_targets),
        ("big_filter_change", big_filter_targets),
        ("render", render_targets),
    ):
        if key in results:
            found.extend(targets(results[key]))
    return found


def full_report(results: dict[str, Any], plugin: str | None) -> str:
    """The whole report: environment, each section run, and the closing table."""
    report = Report()
    report_environment(report, results["environment"], plugin)
    bytecode = results["bytecode"]
    report.add(f"  {bytecode_note(bytecode['modules_compiled'], bytecode.get('smoke_start'))}")
    if "startup" in results:
        report_startup(report, results["startup"])
    for key in ("filter_change", "filter_change_forced"):
        if key in results:
            report_filters(report, results[key])
    for key, lines in (
        ("big_load", load_report),
        ("big_filter_change", big_filter_report),
        ("render", render_report),
    ):
        if key in results:
            report.lines.extend(lines(results[key]))
    targets = [Target(**target) for target in results["targets"]]
    missed = sum(not target.met for target in targets)
    report.add()
    report.add(
        f"Targets of issue 20 ({len(targets)} measured, "
        + (f"{missed} MISSED" if missed else "all met")
        + "; medians, or the worst peak; spread over the runs or samples)"
    )
    report.lines.extend(f"  {line}" for line in target_table(targets))
    return report.text()


# --------------------------------------------------------------------------- main


def parse_arguments(arguments: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark tgviewer's time to interactive and filter changes."
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=7,
        help="starts of each program, after one warm-up each (default 7)",
    )
    parser.add_argument(
        "--samples", type=int, default=100, help="timed filter changes per series (default 100)"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=5,
        help="untimed filter changes before the first series (default 5)",
    )
    parser.add_argument(
        "--platform",
        default=os.environ.get("QT_QPA_PLATFORM") or "offscreen",
        help="Qt platform plugin, e.g. offscreen or xcb (default: "
        "$QT_QPA_PLATFORM, else offscreen)",
    )
    parser.add_argument(
        "--screen",
        default="1920x1080",
        metavar="WxH",
        help="the offscreen platform's screen (default 1920x1080; Qt's own is 800x800, "
        "which under-reports painting)",
    )
    parser.add_argument(
        "--no-refcount-guard",
        action="store_true",
        help="do not protect None/True/False from PySide6's lost references "
        "(see the README); the filter benchmark then aborts where the "
        "app would",
    )
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        help="run one part: startup, filters (the default bundle), big (a million records: "
        "load and filter changes) or render",
    )
    parser.add_argument(
        "--big-runs",
        type=int,
        default=3,
        help="loads of each big bundle by each reader (default 3)",
    )
    parser.add_argument(
        "--big-samples",
        type=int,
        default=30,
        help="timed filter changes per series on each big bundle (default 30)",
    )
    parser.add_argument(
        "--big-records",
        type=int,
        default=1_000_000,
        help="records in each big bundle (default 1000000, the issue's size)",
    )
    # The big bundles' filter benchmark runs this script again, once per bundle.
    parser.add_argument("--filter-bundle", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument(
        "--app",
        type=Path,
        metavar="EXECUTABLE",
        help="time this frozen tgviewer (e.g. dist/tgviewer/tgviewer) instead "
        "of python -m tgviewer",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(arguments)
    if min(args.runs, args.samples, args.big_runs, args.big_samples) < 1 or args.warmup < 0:
        parser.error(
            "--runs, --samples, --big-runs and --big-samples must be at least 1, "
            "--warmup at least 0"
        )
    if args.big_records < 1000:
        parser.error("--big-records must be at least 1000")
    if args.platform.split(":")[0] in ("xcb", "wayland") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        parser.error(
            f"--platform {args.platform} needs a display; run under xvfb-run, or use "
            "--platform offscreen"
        )
    return args


def offscreen_screen(platform_name: str, size: str, folder: Path) -> str:
    """``platform_name`` with, when it is the offscreen plugin without options, a screen of
    ``size`` (``1920x1080``) from a configuration file written in ``folder``."""
    if platform_name != "offscreen":
        return platform_name
    width, height = (int(n) for n in size.lower().split("x"))
    config = folder / "offscreen.json"
    screen = {
        "name": "OffscreenScreen",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def filter_child(args: argparse.Namespace) -> int:
    """``--filter-bundle FOLDER``: the filter benchmark on that bundle, its figures as one
    line of JSON on stdout (read by ``big_filters.big_filter_benchmark``)."""
    with tempfile.TemporaryDirectory(prefix="tgviewer-bench-home-") as home:
        os.environ["TGVIEWER_HOME"] = home
        figures = filter_benchmark(
            args.samples,
            args.warmup,
            not args.no_refcount_guard,
            False,
            lambda text: None,
            args.filter_bundle,
            BIG_FILTER_MEDIAN_TARGET_MS,
            BIG_FILTER_KINDS,
        )
    figures["peak_memory_mib"] = peak_memory_mib()
    print(json.dumps(figures), flush=True)
    return 0


def run_sections(args: argparse.Namespace, progress: Callable[[str], None]) -> dict[str, Any]:
    """Run the sections asked for; their figures by name."""
    results: dict[str, Any] = {}
    wanted = SECTIONS if args.only is None else (args.only,)
    package = REPO / "tgviewer"
    results["bytecode"] = {"modules_compiled": compile_checkout(package)}
    tgviewer = [str(args.app.resolve())] if args.app else [sys.executable, "-m", "tgviewer"]
    if not args.app and ("startup" in wanted or "render" in wanted):
        with tempfile.TemporaryDirectory(prefix="tgviewer-bench-home-") as home:
            results["bytecode"]["smoke_start"] = bytecode_use(
                [*tgviewer, "--smoke"], package, {**os.environ, "TGVIEWER_HOME": home}
            )
    if "startup" in wanted:
        results["startup"] = startup_benchmark(
            args.runs, dict(os.environ), progress, args.app.resolve() if args.app else None
        )
    if "render" in wanted:
        results["render"] = render_benchmark(tgviewer, args.runs, os.environ, REPO, progress)
    if "filters" in wanted:
        with tempfile.TemporaryDirectory(prefix="tgviewer-bench-home-") as home:
            os.environ["TGVIEWER_HOME"] = home
            for key, forced in (("filter_change", False), ("filter_change_forced", True)):
                results[key] = filter_benchmark(
                    args.samples, args.warmup, not args.no_refcount_guard, forced, progress
                )
    if "big" in wanted:
        with tempfile.TemporaryDirectory(prefix="tgviewer-bench-big-") as folder:
            bundles = make_big_bundles(Path(folder), args.big_records, progress)
            results["big_load"] = load_benchmark(bundles, args.big_runs, progress)
            results["big_filter_change"] = big_filter_benchmark(
                bundles, args.big_samples, args.warmup, not args.no_refcount_guard, progress
            )
    return results


def main(arguments: Sequence[str] | None = None) -> int:
    args = parse_arguments(arguments)
    with tempfile.TemporaryDirectory(prefix="tgviewer-bench-qt-") as folder:
        return run(args, Path(folder))


def run(args: argparse.Namespace, settings_folder: Path) -> int:
    """Run what ``args`` ask for, print the report; the exit code. ``settings_folder`` holds
    the offscreen screen's configuration for as long as the run lasts."""
    # Before anything imports Qt, here and in every process started from here.
    args.platform = offscreen_screen(args.platform, args.screen, settings_folder)
    os.environ["QT_QPA_PLATFORM"] = args.platform
    # Benchmark the checkout this script belongs to, whatever is installed.
    sys.path.insert(0, str(REPO))
    python_path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), python_path]))

    def progress(text: str) -> None:
        if not args.quiet:
            print(f"[benchmarks] {text}", file=sys.stderr, flush=True)

    try:
        if args.filter_bundle is not None:
            return filter_child(args)
        results = {"environment": environment(args.platform), **run_sections(args, progress)}
    except (BenchmarkError, subprocess.TimeoutExpired) as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1

    plugin = (
        results.get("filter_change", {}).get("qt_platform")
        or results.get("startup", {}).get("qt_platform_bare")
        or next((f["qt_platform"] for f in results.get("big_filter_change", {}).values()), None)
    )
    results["environment"]["qt_platform"] = plugin
    results["targets"] = [dataclasses.asdict(target) for target in all_targets(results)]
    print(full_report(results, plugin), flush=True)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
