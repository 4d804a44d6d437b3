"""On-demand benchmarks of tgviewer's responsiveness (not part of the pytest run).

1. Time to interactive: ``python -m tgviewer --smoke`` against ``bare_window.py`` (a bare
   PySide6 window shown the same way), run alternately in fresh processes; in-process and
   wall-clock times, and their ratio (target: tgviewer <= 3x the bare window).
2. Filter change to repaint on the default bundle: one ``store.update(...)`` followed by a
   synchronous repaint of the whole window (target: median <= 16 ms).

Usage::

    python benchmarks/run_benchmarks.py [--runs 7] [--samples 100] [--json PATH]

Prints a plain-text report; exits 0 even when a target is missed (the line says MISSED),
1 when a benchmark could not run at all. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib.metadata
import json
import math
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from big_filters import (
    BIG_FILTER_KINDS,
    BIG_FILTER_MEDIAN_TARGET_MS,
    big_filter_benchmark,
    big_filter_report,
    big_filter_targets,
)
from big_load import load_benchmark, load_report, load_targets, make_big_bundles
from bytecode import bytecode_note, bytecode_use, compile_checkout
from common import BenchmarkError, Target, spread_text, summary, target_table, verdict
from render_vs_smoke import render_benchmark, render_report, render_targets

if TYPE_CHECKING:
    from tgviewer.core.state.view_state import ViewState

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BARE_WINDOW = HERE / "bare_window.py"

#: tgviewer's time to interactive may be at most this many times the bare window's.
STARTUP_RATIO_TARGET = 3.0
#: The median filter change, from the store update to the end of the repaint, in ms.
FILTER_MEDIAN_TARGET_MS = 16.0
#: The parts ``--only`` can choose, in the order they run.
SECTIONS = ("startup", "render", "filters", "big")
#: How long one start of either program may take before the benchmark gives up, in s.
PROCESS_TIMEOUT = 120.0

TIME_TO_INTERACTIVE = re.compile(r"time to interactive (\d+(?:\.\d+)?) ms")
BARE_PLATFORM = re.compile(r"platform (\S+)")


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


# --------------------------------------------------------------------------- 1. start-up


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


# --------------------------------------------------------------------------- 2. filters


class ChangePlanner:
    """Realistic one-field filter changes that, where possible, lead to unseen states.

    The changes rotate through: toggling one country in (then out again), switching the
    measure between users and requests, switching between absolute and per-million figures,
    and moving the start of the range by one quarter. A change whose state was already seen is
    skipped for the next kind; if every kind would repeat a state, a new country is added.
    ``kinds`` can leave some of them out.
    """

    KINDS = ("country", "measure", "normalisation", "first")

    def __init__(
        self,
        start: ViewState,
        countries: Sequence[str],
        lowest_first: int,
        kinds: Sequence[str] = KINDS,
    ) -> None:
        self.kinds = tuple(kinds)
        self.base = set(start.countries)
        pool = [c for c in countries if c not in self.base]
        if "USA" in pool:
            pool.remove("USA")
            pool.insert(0, "USA")
        self.pool = pool
        self.next_country = 0
        self.lowest_first = lowest_first
        self.step = 1
        self.turn = 0
        self.seen: set[ViewState] = {start}

    def new_country(self, state: ViewState) -> str:
        """The next country of the pool that ``state`` does not select."""
        for offset in range(len(self.pool)):
            code = self.pool[(self.next_country + offset) % len(self.pool)]
            if code not in state.countries:
                return code
        raise BenchmarkError("no country left to add")

    def _change(self, kind: str, state: ViewState) -> dict[str, Any]:
        from tgviewer.core.state.view_state import Normalisation

        if kind == "country":
            added = [c for c in state.countries if c not in self.base]
            if added:
                return {"countries": tuple(c for c in state.countries if c != added[-1])}
            return {"countries": (*state.countries, self.new_country(state))}
        if kind == "measure":
            return {"measure": "requests" if state.measure == "users" else "users"}
        if kind == "normalisation":
            return {
                "normalisation": Normalisation.PER_MILLION
                if state.normalisation is Normalisation.ABSOLUTE
                else Normalisation.ABSOLUTE
            }
        first = state.first + self.step
        if not self.lowest_first <= first < state.last:
            first = state.first - self.step
        return {"first": first}

    def _accept(self, kind: str, state: ViewState, change: dict[str, Any]) -> None:
        if kind == "country" and len(change["countries"]) > len(state.countries):
            self.next_country = self.pool.index(change["countries"][-1]) + 1
        if kind == "first" and change["first"] != state.first + self.step:
            self.step = -self.step
        self.seen.add(dataclasses.replace(state, **change))

    def next(self, state: ViewState) -> tuple[str, dict[str, Any], bool]:
        """The next change from ``state``: its kind, its fields, whether its state is new."""
        for offset in range(len(self.kinds)):
            kind = self.kinds[(self.turn + offset) % len(self.kinds)]
            change = self._change(kind, state)
            if dataclasses.replace(state, **change) not in self.seen:
                self.turn = (self.turn + offset + 1) % len(self.kinds)
                self._accept(kind, state, change)
                return kind, change, True
        if not self.pool:
            raise BenchmarkError("every country of the bundle is already selected")
        new = False
        for _ in range(len(self.pool)):
            change = {"countries": (*state.countries, self.new_country(state))}
            new = dataclasses.replace(state, **change) not in self.seen
            self._accept("country", state, change)
            if new:
                break
        return "country", change, new


#: How many of the last states the "just seen" series goes back and forth through; well within
#: the series cache (``tgviewer.core.figures.cache.CACHE_SIZE``, 32 states).
REPLAYED_STATES = 8


def difference(current: ViewState, target: ViewState) -> dict[str, Any]:
    """The fields to pass to ``store.update`` to go from ``current`` to ``target``."""
    return {
        f.name: getattr(target, f.name)
        for f in dataclasses.fields(target)
        if getattr(current, f.name) != getattr(target, f.name)
    }


def replay_path(history: Sequence[ViewState], count: int) -> list[ViewState]:
    """From the last of ``history``, back through the ``REPLAYED_STATES`` before it and
    forward again, repeated: ``count`` targets, each one change away from the one before."""
    window = list(history[-(REPLAYED_STATES + 1) :])
    if len(window) < 2:
        raise BenchmarkError("no state to go back to")
    one_round = window[-2::-1] + window[1:]  # back to the oldest, then forward to the newest
    return [one_round[index % len(one_round)] for index in range(count)]


#: Extra references given to None, True and False by the refcount guard.
PINNED_REFERENCES = 1 << 40


def void_calls_drop_none() -> bool:
    """Whether calling a PySide6 method that returns nothing loses a reference to None.

    Seen with PySide6 6.12.0 on CPython 3.11 (where None is not yet immortal): every such
    call drops one reference, and the process aborts with ``none_dealloc`` once None's count
    reaches zero; True and False lose references the same way.
    """
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 50


def pin_singletons() -> bool:
    """Give None, True and False so many references that the leak cannot free them.

    Only on CPython before 3.12 (from 3.12 they are immortal). Returns whether it did so.
    """
    if platform.python_implementation() != "CPython" or sys.version_info >= (3, 12):
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += PINNED_REFERENCES
    return True


def changes_before_abort(counts: Sequence[tuple[int, float]]) -> int | None:
    """How many more changes until the first of (references left, lost per change) hits 0."""
    left = [math.floor(have / lost) for have, lost in counts if lost > 0]
    return min(left) if left else None


class PaintCounter:
    """Counts the paint events a widget receives."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt names it)
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self.filter = Filter()
        widget.installEventFilter(self.filter)


def filter_benchmark(
    samples: int,
    warmup: int,
    guard: bool,
    forced: bool,
    progress: Callable[[str], None],
    bundle_folder: Path | None = None,
    target_ms: float = FILTER_MEDIAN_TARGET_MS,
    kinds: Sequence[str] = ChangePlanner.KINDS,
) -> dict[str, Any]:
    """Time filter changes in this process on the default bundle, or the bundle in
    ``bundle_folder`` (Qt starts here); ``target_ms`` is the median's target, ``kinds`` the
    changes made (see :class:`ChangePlanner`).

    With ``forced`` every sample repaints the whole window (docks, status bar and all);
    without it Qt repaints what the change made dirty, as it does for a user, and the chart's
    viewport must have been painted after every change.
    """
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    leaking = void_calls_drop_none()
    pinned = PINNED_REFERENCES if leaking and guard and pin_singletons() else 0

    from tgviewer.core.bundle.reader import read_bundle, read_default_bundle
    from tgviewer.ui.window.main_window import MainWindow

    started = time.perf_counter()
    bundle = read_default_bundle() if bundle_folder is None else read_bundle(bundle_folder)
    read = time.perf_counter()
    window = MainWindow(bundle)
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    paints = PaintCounter(window.trend.plot.viewport())
    none_at_show = sys.getrefcount(None) - pinned
    true_at_show = sys.getrefcount(True) - pinned
    store = window.store
    first_state = store.state.to_dict()
    whole = bundle.quarter_span
    if whole is None or whole.first >= whole.last:
        raise BenchmarkError("the bundle's range is too short to move")

    def timed(change: dict[str, Any]) -> tuple[float, float]:
        """(update to end of repaint, update alone) in ms."""
        started = time.perf_counter()
        if not store.update(**change):
            raise BenchmarkError(f"store.update({change}) changed nothing")
        updated = time.perf_counter()
        painted = paints.count
        if forced:
            window.repaint()
        app.processEvents()
        finished = time.perf_counter()
        if paints.count == painted:
            raise BenchmarkError(f"the chart was not painted after store.update({change})")
        return (finished - started) * 1000, (updated - started) * 1000

    planner = ChangePlanner(store.state, bundle.countries, whole.first, kinds)
    how = "whole window forced" if forced else "Qt's own repaint"
    progress(f"filters ({how}): {warmup} warm-up changes")
    for _ in range(warmup):
        timed(planner.next(store.state)[1])

    progress(f"filters ({how}): {samples} changes to unseen states")
    gc.collect()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    fresh: list[float] = []
    fresh_update: list[float] = []
    by_kind: dict[str, list[float]] = {kind: [] for kind in kinds}
    repeated = 0
    history = [store.state]
    for _ in range(samples):
        kind, change, new = planner.next(store.state)
        total, update = timed(change)
        history.append(store.state)
        fresh.append(total)
        fresh_update.append(update)
        by_kind[kind].append(total)
        repeated += not new
    none_lost = (none_before - sys.getrefcount(None)) / samples
    true_lost = (true_before - sys.getrefcount(True)) / samples

    progress(f"filters ({how}): {samples} changes to states just seen")
    replayed = min(REPLAYED_STATES, len(history) - 1)
    gc.collect()
    cached: list[float] = []
    cached_update: list[float] = []
    for target in replay_path(history, samples):
        total, update = timed(difference(store.state, target))
        cached.append(total)
        cached_update.append(update)

    def figures(totals: list[float], updates: list[float]) -> dict[str, Any]:
        return {
            **summary(totals),
            "update_median": statistics.median(updates),
            "repaint_median": statistics.median(
                [t - u for t, u in zip(totals, updates, strict=True)]
            ),
            "count": len(totals),
            "samples": totals,
        }

    fresh_figures = figures(fresh, fresh_update)
    result: dict[str, Any] = {
        "qt_platform": QGuiApplication.platformName(),
        "forced_whole_window_repaint": forced,
        "bundle": f"{bundle.manifest.title}, {len(bundle.records):,} records",
        "records": len(bundle.records),
        "read_ms": (read - started) * 1000,
        "window_shown_ms": (shown - read) * 1000,
        "start_state": first_state,
        "warmup_changes": warmup,
        "kinds": list(kinds),
        "replayed_states": replayed,
        "replayed_states_first_visit_median": statistics.median(fresh[-replayed:]),
        "fresh": {
            **fresh_figures,
            "repeated_states": repeated,
            "by_kind_median": {
                kind: statistics.median(values) for kind, values in by_kind.items() if values
            },
        },
        "cached": figures(cached, cached_update),
        "target_median_ms": target_ms,
        "met": fresh_figures["median"] <= target_ms,
        "paints_of_the_chart": paints.count,
        "refcount_leak": {
            "void_calls_drop_none": leaking,
            "guard_applied": bool(pinned),
            "none_references_at_window_shown": none_at_show,
            "true_references_at_window_shown": true_at_show,
            "none_references_lost_per_change": none_lost,
            "true_references_lost_per_change": true_lost,
            "estimated_changes_before_abort": changes_before_abort(
                [(none_at_show, none_lost), (true_at_show, true_lost)]
            ),
        },
    }
    window.close()
    app.processEvents()
    return result


# --------------------------------------------------------------------------- report


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def add(self, text: str = "") -> None:
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines)


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


def report_filters(report: Report, figures: dict[str, Any]) -> None:
    fresh, cached = figures["fresh"], figures["cached"]
    report.add()
    forced = figures["forced_whole_window_repaint"]
    report.add(
        f"2{'b' if forced else 'a'}. Filter change to repaint, "
        f"{'the whole window forced' if forced else 'as Qt repaints it'} "
        f"({figures['bundle']}; {fresh['count']} samples each, after "
        f"{figures['warmup_changes']} warm-up changes)"
    )
    report.add(
        "   one sample = store.update(...) + "
        + (
            "window.repaint() + app.processEvents() (stricter: docks and status bar repainted too);"
            if forced
            else "app.processEvents(), in which Qt paints what the change "
            "made dirty (the chart, every time);"
        )
    )
    report.add(
        f"   'just seen' goes back and forth through the last "
        f"{figures['replayed_states']} unseen states, so every frame comes from the "
        "series cache"
    )
    report.add(f"   {'':30}{'median':>10}{'p90':>10}{'max':>10}")

    def row(label: str, values: dict[str, Any], suffix: str = "") -> None:
        report.add(
            f"   {label:30}{values['median']:>7.1f} ms{values['p90']:>7.1f} ms"
            f"{values['max']:>7.1f} ms{suffix}"
        )

    row(
        "unseen states",
        fresh,
        f"   target median <= {figures['target_median_ms']:g} ms: "
        + (
            f"{'(would be met)' if figures['met'] else '(would be missed)'} on this "
            "stricter measure"
            if forced
            else verdict(figures["met"])
        ),
    )
    row(
        "states just seen (cached)",
        cached,
        f"   (first visits of those {figures['replayed_states']} states: median "
        f"{figures['replayed_states_first_visit_median']:.1f} ms)",
    )
    for label, values in (("unseen", fresh), ("cached", cached)):
        report.add(
            f"   {label}: update + redraw median {values['update_median']:.1f} ms, "
            f"repaint + events median {values['repaint_median']:.1f} ms"
        )
    kinds = ", ".join(f"{kind} {value:.1f} ms" for kind, value in fresh["by_kind_median"].items())
    report.add(f"   unseen, median by change: {kinds}")
    leak = figures["refcount_leak"]
    if leak["void_calls_drop_none"]:
        report.add(
            f"   WARNING: this PySide6 drops references to None/True/False: about "
            f"{leak['none_references_lost_per_change']:,.0f} to None and "
            f"{leak['true_references_lost_per_change']:,.0f} to True per change;"
        )
        report.add(
            f"   an unprotected process aborts (Fatal Python error: none_dealloc or "
            f"bool_dealloc) after about {leak['estimated_changes_before_abort']} "
            "filter changes."
        )
        report.add(
            "   "
            + (
                "The benchmark pinned their reference counts so it could run; the "
                "app has no such guard."
                if leak["guard_applied"]
                else "No guard was applied (--no-refcount-guard, or Python >= 3.12)."
            )
        )
    if fresh["repeated_states"]:
        report.add(f"   note: {fresh['repeated_states']} of the 'unseen' changes repeated a state")


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


def filter_targets(figures: dict[str, Any]) -> list[Target]:
    """The default bundle's filter change (as Qt repaints it) as a row of the closing table."""
    fresh = figures["fresh"]
    return [
        Target(
            f"filter change, default bundle ({figures['records']} records)",
            f"{fresh['median']:.1f} ms",
            spread_text(fresh["p10"], fresh["p90"], " ms", 1, "p10-p90"),
            f"<= {figures['target_median_ms']:g} ms",
            figures["met"],
        )
    ]


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
    figures["peak_memory_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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
    # Before anything imports Qt, here and in every process started from here.
    settings_folder = Path(tempfile.mkdtemp(prefix="tgviewer-bench-qt-"))
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

    plugin = results.get("filter_change", {}).get("qt_platform") or results.get("startup", {}).get(
        "qt_platform_bare"
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
