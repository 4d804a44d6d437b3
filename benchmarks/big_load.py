"""Section 3 of ``run_benchmarks.py``: loading a bundle of a million records.

For each shape of ``big_bundles.py`` (``quarters``: 250 countries × 4,000 quarters;
``services``: 40 quarters × 250 countries × 100 services), ``read_bundle`` and
``pandas.read_csv`` of the same ``records.csv`` are timed alternately, each in a fresh process
(``big_bundles.load_once``), ``runs`` times; the targets are the issue's: the median load at most
3× the median ``read_csv``, and the loading process's peak memory at most 1.5 GiB in every run.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import big_bundles
from common import BenchmarkError, Target, records_label, spread_text, summary, verdict

#: The shapes measured, as ``big_bundles.make_bundle`` names them.
SHAPES = ("quarters", "services")
#: ``read_bundle`` may take at most this many times ``pandas.read_csv`` (medians).
LOAD_RATIO_TARGET = 3.0
#: The peak memory of the process that loads the bundle, in MiB (1.5 GiB).
PEAK_MEMORY_TARGET_MIB = 1536.0


def make_big_bundles(folder: Path, size: int, progress: Callable[[str], None]) -> dict[str, Path]:
    """One bundle of ``size`` records per shape, written under ``folder`` (not timed)."""
    made = {}
    for shape in SHAPES:
        progress(f"big bundles: writing {size:,} records ({shape})")
        made[shape] = big_bundles.make_bundle(folder / shape, size, shape)
    return made


def load_benchmark(
    folders: Mapping[str, Path], runs: int, progress: Callable[[str], None]
) -> dict[str, Any]:
    """``runs`` loads of each bundle by each reader, alternating which goes first."""
    figures: dict[str, Any] = {}
    for shape, folder in folders.items():
        found: dict[str, list[dict[str, float]]] = {how: [] for how in big_bundles.LOADERS}
        for index in range(runs):
            order = big_bundles.LOADERS if index % 2 == 0 else big_bundles.LOADERS[::-1]
            for how in order:
                try:
                    found[how].append(big_bundles.load_once(folder, how))
                except RuntimeError as exc:
                    raise BenchmarkError(str(exc)) from exc
            progress(f"big bundles: load run {index + 1}/{runs} ({shape})")
        figures[shape] = load_figures(found)
    return figures


def load_figures(found: Mapping[str, list[dict[str, float]]]) -> dict[str, Any]:
    """Medians, spreads, paired ratios and verdicts of one shape's runs."""
    bundle = [run["seconds"] * 1000 for run in found["read_bundle"]]
    pandas = [run["seconds"] * 1000 for run in found["read_csv"]]
    records = {int(run["records"]) for runs in found.values() for run in runs}
    if len(records) != 1:
        raise BenchmarkError(f"the readers disagree on the number of records: {sorted(records)}")
    ratio = statistics.median(bundle) / statistics.median(pandas)
    paired = [b / p for b, p in zip(bundle, pandas, strict=True)]
    peaks = [run["peak_memory_mib"] for run in found["read_bundle"]]
    pandas_import = statistics.median(
        run["import_seconds"] * 1000 for runs in found.values() for run in runs
    )
    return {
        "records": records.pop(),
        "runs": len(bundle),
        "read_bundle_ms": {**summary(bundle), "samples": bundle},
        "read_csv_ms": {**summary(pandas), "samples": pandas},
        "pandas_import_ms": pandas_import,
        "first_load_ratio": (statistics.median(bundle) + pandas_import) / statistics.median(pandas),
        "ratio": {
            "median": ratio,
            "paired_min": min(paired),
            "paired_max": max(paired),
            "target": LOAD_RATIO_TARGET,
            "met": ratio <= LOAD_RATIO_TARGET,
        },
        "peak_memory_mib": {
            **summary(peaks),
            "read_csv_median": statistics.median(
                run["peak_memory_mib"] for run in found["read_csv"]
            ),
            "target": PEAK_MEMORY_TARGET_MIB,
            "met": max(peaks) <= PEAK_MEMORY_TARGET_MIB,
        },
    }


def load_report(figures: Mapping[str, Any]) -> list[str]:
    """The section's lines of the report."""
    some = next(iter(figures.values()))
    lines = [
        "",
        f"3. Loading {some['records']:,} records (fresh process per load, {some['runs']} runs "
        "of each reader, alternating)",
        "   each process imports pandas before its clock starts, so the two compare like for like;",
        "   the app's first big bundle also pays that import (the 'first load' ratio below).",
        f"   {'':34}{'median':>10}{'min':>10}{'max':>10}",
    ]
    for shape, found in figures.items():
        for key, label in (("read_bundle_ms", "read_bundle"), ("read_csv_ms", "pandas.read_csv")):
            values = found[key]
            lines.append(
                f"   {shape + ', ' + label:34}{values['median']:>7.0f} ms{values['min']:>7.0f} ms"
                f"{values['max']:>7.0f} ms"
            )
        ratio, peak = found["ratio"], found["peak_memory_mib"]
        lines.append(
            f"   {shape + ', ratio':34}{ratio['median']:>9.2f}x{ratio['paired_min']:>9.2f}x"
            f"{ratio['paired_max']:>9.2f}x   target <= {ratio['target']:g}x (medians; min/max of "
            f"paired runs): {verdict(ratio['met'])}"
        )
        lines.append(
            f"   {shape + ', peak memory':34}{peak['median']:>6.0f} MiB{peak['min']:>6.0f} MiB"
            f"{peak['max']:>6.0f} MiB   target <= {peak['target']:,.0f} MiB (every run): "
            f"{verdict(peak['met'])}"
        )
        lines.append(
            f"   {shape}: import pandas {found['pandas_import_ms']:.0f} ms (median); first load, "
            f"that import included: {found['first_load_ratio']:.2f}x read_csv; read_csv's "
            f"process peaks at {peak['read_csv_median']:.0f} MiB"
        )
    return lines


def load_targets(figures: Mapping[str, Any]) -> list[Target]:
    """The section's rows of the closing table."""
    targets = []
    for shape, found in figures.items():
        ratio, peak = found["ratio"], found["peak_memory_mib"]
        size = records_label(found["records"])
        targets.append(
            Target(
                f"load {size} {shape}, read_bundle / read_csv",
                f"{ratio['median']:.2f}x",
                spread_text(ratio["paired_min"], ratio["paired_max"], "x", 2, "min-max, paired"),
                f"<= {ratio['target']:g}x",
                ratio["met"],
            )
        )
        targets.append(
            Target(
                f"load {size} {shape}, peak memory",
                f"{peak['max']:.0f} MiB (worst)",
                spread_text(peak["min"], peak["max"], " MiB"),
                f"<= {peak['target']:,.0f} MiB",
                peak["met"],
            )
        )
    return targets
