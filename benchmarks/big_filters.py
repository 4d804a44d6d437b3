"""Section 4 of ``run_benchmarks.py``: filter changes in the window on a million records.

For each big bundle a fresh process (``run_benchmarks.py --filter-bundle FOLDER``, so memory
and caches of one shape never help the other) reads the bundle, builds and shows the
``MainWindow`` on the same offscreen screen as section 2, and times the same kind of changes:
``store.update(...)`` and the ``processEvents()`` in which Qt repaints what it made dirty, the
chart's repaint checked after every change. Target: median at most 50 ms on unseen states.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from common import BenchmarkError, Target, records_label, spread_text, verdict

RUN_BENCHMARKS = Path(__file__).resolve().parent / "run_benchmarks.py"
#: The median filter change on a million records, from the update to the end of the repaint.
BIG_FILTER_MEDIAN_TARGET_MS = 50.0
#: The changes made: those of the default bundle but per million, since the big bundles'
#: years (1900-2899) have no population figures, so that per-million figures show a notice
#: instead of a chart.
BIG_FILTER_KINDS = ("country", "measure", "first")
#: Reading a million records, building the window and the changes, in s.
CHILD_TIMEOUT = 900.0


def big_filter_benchmark(
    folders: Mapping[str, Path],
    samples: int,
    warmup: int,
    guard: bool,
    progress: Callable[[str], None],
) -> dict[str, Any]:
    """Run the filter benchmark on each bundle of ``folders``, each in a process of its own."""
    figures = {}
    for shape, folder in folders.items():
        progress(f"big bundles: {samples} filter changes in the window ({shape}), own process")
        command = [
            sys.executable,
            str(RUN_BENCHMARKS),
            "--filter-bundle",
            str(folder),
            "--samples",
            str(samples),
            "--warmup",
            str(warmup),
            "--quiet",
            *([] if guard else ["--no-refcount-guard"]),
        ]
        done = subprocess.run(
            command,
            env=dict(os.environ),
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
        if done.returncode != 0:
            raise BenchmarkError(
                f"the filter benchmark on {shape} exited {done.returncode}\n"
                f"stderr: {done.stderr.strip()[-1500:]}"
            )
        figures[shape] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def big_filter_report(figures: Mapping[str, Any]) -> list[str]:
    """The section's lines of the report."""
    some = next(iter(figures.values()))
    lines = [
        "",
        f"4. Filter change to repaint on {some['records']:,} records, as Qt repaints it "
        f"(a process per shape; {some['fresh']['count']} samples each, after "
        f"{some['warmup_changes']} warm-up changes)",
        "   one sample = store.update(...) + app.processEvents(), the chart painted every time;",
        f"   changes: {', '.join(some['kinds'])} (not per million: the synthetic years "
        "1900-2899 have no population, the chart would give way to a notice)",
        f"   {'':34}{'median':>10}{'p10':>10}{'p90':>10}{'max':>10}",
    ]
    for shape, found in figures.items():
        for key, label in (("fresh", "unseen states"), ("cached", "states just seen")):
            values = found[key]
            suffix = (
                f"   target median <= {found['target_median_ms']:g} ms: {verdict(found['met'])}"
                if key == "fresh"
                else ""
            )
            lines.append(
                f"   {shape + ', ' + label:34}{values['median']:>7.1f} ms{values['p10']:>7.1f} ms"
                f"{values['p90']:>7.1f} ms{values['max']:>7.1f} ms{suffix}"
            )
        kinds = ", ".join(
            f"{kind} {value:.1f} ms" for kind, value in found["fresh"]["by_kind_median"].items()
        )
        lines.append(f"   {shape}, unseen, median by change: {kinds}")
        lines.append(
            f"   {shape}: read {found['read_ms'] / 1000:.1f} s, window built and shown in "
            f"{found['window_shown_ms']:.0f} ms; the window's process peaked at "
            f"{found['peak_memory_mib']:.0f} MiB"
        )
    return lines


def big_filter_targets(figures: Mapping[str, Any]) -> list[Target]:
    """The section's rows of the closing table."""
    targets = []
    for shape, found in figures.items():
        fresh = found["fresh"]
        size = records_label(found["records"])
        targets.append(
            Target(
                f"filter change, {size} {shape} (median)",
                f"{fresh['median']:.1f} ms",
                spread_text(fresh["p10"], fresh["p90"], " ms", 1, "p10-p90"),
                f"<= {found['target_median_ms']:g} ms",
                found["met"],
            )
        )
    return targets
