"""Section 5 of ``run_benchmarks.py``: ``tgviewer render VIEW.tgview -o OUT.png`` against
``tgviewer --smoke``.

A saved view of the embedded default bundle (its default view, the trend) is written once; the
two commands then run alternately (which one goes first alternates too), ``runs`` times each
after one discarded warm-up of each, every process in a fresh, empty ``TGVIEWER_HOME``, timed
from outside (wall-clock, process start to exit). Target: the median render at most 1.5× the
median smoke start.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from common import BenchmarkError, Target, spread_text, summary, verdict

#: ``render`` may take at most this many times ``--smoke`` (medians of wall-clock).
RENDER_RATIO_TARGET = 1.5
#: How long one process may take before the benchmark gives up, in s.
PROCESS_TIMEOUT = 120.0


def write_default_view(path: Path) -> Path:
    """Save the default bundle's default view (what the window first shows) to ``path``."""
    from tgviewer.core.bundle.reader import read_default_bundle
    from tgviewer.core.state.view_file import BundleRef, SavedView, write_view
    from tgviewer.core.state.view_state import default_view_state

    bundle = read_default_bundle()
    write_view(path, SavedView(default_view_state(bundle), BundleRef.of(bundle)))
    return path


def timed_run(command: Sequence[str], env: Mapping[str, str], cwd: Path) -> float:
    """Run ``command`` to its end in a fresh ``TGVIEWER_HOME``: its wall-clock in ms.

    A non-zero exit stops the benchmark: a command that failed measured nothing.
    """
    with tempfile.TemporaryDirectory(prefix="tgviewer-bench-home-") as home:
        started = time.perf_counter()
        done = subprocess.run(
            list(command),
            env={**env, "TGVIEWER_HOME": home},
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=PROCESS_TIMEOUT,
            check=False,
        )
        wall_ms = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise BenchmarkError(
            f"{' '.join(command)} exited {done.returncode}\nstderr: {done.stderr.strip()[-800:]}"
        )
    return wall_ms


def render_benchmark(
    tgviewer: Sequence[str],
    runs: int,
    env: Mapping[str, str],
    cwd: Path,
    progress: Callable[[str], None],
) -> dict[str, Any]:
    """Time ``render`` and ``--smoke`` of ``tgviewer`` (the command that starts it)."""
    with tempfile.TemporaryDirectory(prefix="tgviewer-bench-render-") as folder:
        view = write_default_view(Path(folder) / "default.tgview")
        image = Path(folder) / "default.png"
        commands = {
            "render": [*tgviewer, "render", str(view), "-o", str(image)],
            "smoke": [*tgviewer, "--smoke"],
        }

        def run(name: str) -> float:
            image.unlink(missing_ok=True)
            wall = timed_run(commands[name], env, cwd)
            if name == "render" and not (image.is_file() and image.stat().st_size > 0):
                raise BenchmarkError(f"{' '.join(commands[name])} wrote no image")
            return wall

        progress("render vs smoke: warm-up (discarded)")
        for name in commands:
            run(name)
        found: dict[str, list[float]] = {name: [] for name in commands}
        for index in range(runs):
            for name in ("render", "smoke") if index % 2 == 0 else ("smoke", "render"):
                found[name].append(run(name))
            progress(f"render vs smoke: run {index + 1}/{runs}")
    ratio = statistics.median(found["render"]) / statistics.median(found["smoke"])
    paired = [r / s for r, s in zip(found["render"], found["smoke"], strict=True)]
    return {
        "runs": runs,
        "commands": {name: command[len(tgviewer) :] for name, command in commands.items()},
        "render_ms": {**summary(found["render"]), "samples": found["render"]},
        "smoke_ms": {**summary(found["smoke"]), "samples": found["smoke"]},
        "ratio": {
            "median": ratio,
            "paired_min": min(paired),
            "paired_max": max(paired),
            "target": RENDER_RATIO_TARGET,
            "met": ratio <= RENDER_RATIO_TARGET,
        },
    }


def render_report(figures: Mapping[str, Any]) -> list[str]:
    """The section's lines of the report."""
    ratio = figures["ratio"]
    lines = [
        "",
        f"5. render VIEW.tgview -o OUT.png against --smoke ({figures['runs']} runs each, "
        "alternating, wall-clock; one warm-up run each discarded)",
        "   the view: the default bundle's default view (the trend), drawn at 1920x1080",
        f"   {'':34}{'median':>10}{'min':>10}{'max':>10}",
    ]
    for key, label in (("render_ms", "tgviewer render"), ("smoke_ms", "tgviewer --smoke")):
        values = figures[key]
        lines.append(
            f"   {label:34}{values['median']:>7.0f} ms{values['min']:>7.0f} ms"
            f"{values['max']:>7.0f} ms"
        )
    lines.append(
        f"   {'ratio render/smoke':34}{ratio['median']:>9.2f}x{ratio['paired_min']:>9.2f}x"
        f"{ratio['paired_max']:>9.2f}x   target <= {ratio['target']:g}x (medians; min/max of "
        f"paired runs): {verdict(ratio['met'])}"
    )
    return lines


def render_targets(figures: Mapping[str, Any]) -> list[Target]:
    """The section's row of the closing table."""
    ratio = figures["ratio"]
    return [
        Target(
            "render -o PNG / --smoke (wall-clock)",
            f"{ratio['median']:.2f}x",
            spread_text(ratio["paired_min"], ratio["paired_max"], "x", 2, "min-max, paired"),
            f"<= {ratio['target']:g}x",
            ratio["met"],
        )
    ]
