"""What every benchmark section shares: its error, medians with their spread, verdicts, and
the closing table of targets.

Pure functions of numbers, importable without Qt or tgviewer (``tests/test_benchmark_common.py``
checks them).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


class BenchmarkError(Exception):
    """A benchmark could not run (a process failed, its output could not be read)."""


def peak_memory_mib() -> float:
    """This process's peak resident memory, in MiB.

    On Linux from ``VmHWM`` in ``/proc/self/status``: ``ru_maxrss`` would do elsewhere, but on
    Linux a child started by ``subprocess`` keeps, across its ``exec``, the resident size its
    parent had when it forked, so a benchmark holding a big bundle would report its own size as
    every child's peak.
    """
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with ``fraction`` of values at or below."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median, p10, p90, min and max of ``values``."""
    return {
        "median": statistics.median(values),
        "p10": percentile(values, 0.1),
        "p90": percentile(values, 0.9),
        "min": min(values),
        "max": max(values),
    }


def verdict(met: bool) -> str:
    """``ok`` or ``MISSED``."""
    return "ok" if met else "MISSED"


@dataclass(frozen=True)
class Target:
    """One target of the issue, as measured: a row of the closing table.

    ``measured`` is the figure the target applies to (a median, or the worst peak), ``spread``
    how far the runs went either side of it (``min-max`` or ``p10-p90``), both as printed.
    """

    name: str
    measured: str
    spread: str
    target: str
    met: bool


def spread_text(low: float, high: float, unit: str, digits: int = 0, kind: str = "min-max") -> str:
    """``120-180 ms (min-max)``: the range of the runs, in ``unit``."""
    return f"{low:.{digits}f}-{high:.{digits}f}{unit} ({kind})"


def records_label(count: int) -> str:
    """``1M`` for a million records and more, ``60,000`` below."""
    return f"{count / 1e6:g}M" if count >= 1_000_000 else f"{count:,}"


def target_table(targets: Sequence[Target]) -> list[str]:
    """The closing table, one line per target, columns padded to their widest cell."""
    header = ("target", "measured", "spread", "wanted", "verdict")
    rows = [header] + [(t.name, t.measured, t.spread, t.target, verdict(t.met)) for t in targets]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return [line.rstrip() for line in lines]


@dataclass
class Report:
    """The report's lines, added one at a time."""

    lines: list[str] = field(default_factory=list)

    def add(self, text: str = "") -> None:
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines)
