"""The pure helpers of ``benchmarks/``: spreads, the closing table of targets, the load
section's verdicts and the reading of ``python -v``. Nothing here is timed."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def modules() -> Iterator[dict[str, ModuleType]]:
    """``common``, ``big_load`` and ``bytecode`` imported as the benchmark script imports them."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import big_load
        import bytecode
        import common
    finally:
        sys.path.remove(str(BENCHMARKS))
    yield {"common": common, "big_load": big_load, "bytecode": bytecode}


def test_summary_gives_the_median_and_nearest_rank_percentiles(
    modules: dict[str, ModuleType],
) -> None:
    common = modules["common"]
    values = [float(v) for v in (7, 1, 10, 3, 5, 2, 9, 4, 8, 6)]
    assert common.summary(values) == {"median": 5.5, "p10": 1, "p90": 9, "min": 1, "max": 10}
    assert common.percentile([42.0], 0.1) == 42.0
    with pytest.raises(ValueError, match="no values"):
        common.percentile([], 0.5)


def test_the_closing_table_lines_up_its_columns(modules: dict[str, ModuleType]) -> None:
    common = modules["common"]
    table = common.target_table(
        [
            common.Target("start-up", "2.51x", "2.40-2.70x (min-max)", "<= 3x", True),
            common.Target("load 1M quarters, peak memory", "330 MiB", "", "<= 1,536 MiB", False),
        ]
    )
    assert table[0].split() == ["target", "measured", "spread", "wanted", "verdict"]
    assert set(table[1]) == {"-", " "}
    measured, verdict = table[0].index("measured"), table[0].index("verdict")
    assert table[1][measured - 2 : measured + 1] == "  -"
    assert [line[measured:].split()[0] for line in table[2:]] == ["2.51x", "330"]
    assert [line[verdict:] for line in table[2:]] == ["ok", "MISSED"]


def test_records_and_spreads_are_written_short(modules: dict[str, ModuleType]) -> None:
    common = modules["common"]
    assert common.records_label(1_000_000) == "1M"
    assert common.records_label(20_000) == "20,000"
    assert common.spread_text(12.25, 19.0, " ms", 1, "p10-p90") == "12.2-19.0 ms (p10-p90)"


def load_run(seconds: float, peak: float, records: int = 1_000_000) -> dict[str, float]:
    return {"seconds": seconds, "peak_memory_mib": peak, "records": records, "import_seconds": 0.2}


def test_load_figures_compare_medians_and_hold_every_peak_to_the_target(
    modules: dict[str, ModuleType],
) -> None:
    big_load = modules["big_load"]
    found = {
        "read_bundle": [load_run(0.6, 300), load_run(0.9, 1600), load_run(0.7, 320)],
        "read_csv": [load_run(0.2, 200), load_run(0.25, 210), load_run(0.3, 205)],
    }
    figures = big_load.load_figures(found)
    assert figures["records"] == 1_000_000
    assert figures["read_bundle_ms"]["median"] == pytest.approx(700)
    assert figures["ratio"]["median"] == pytest.approx(0.7 / 0.25)
    assert figures["ratio"]["paired_min"] == pytest.approx(0.7 / 0.3)
    assert figures["ratio"]["paired_max"] == pytest.approx(0.9 / 0.25)
    assert figures["ratio"]["met"]
    assert figures["peak_memory_mib"]["max"] == 1600
    assert not figures["peak_memory_mib"]["met"]  # one run over 1.5 GiB is enough to miss
    assert figures["pandas_import_ms"] == pytest.approx(200)
    assert figures["first_load_ratio"] == pytest.approx((700 + 200) / 250)
    rows = big_load.load_targets({"quarters": figures})
    assert [(row.measured, row.met) for row in rows] == [
        ("2.80x", True),
        ("1600 MiB (worst)", False),
    ]


def test_load_figures_refuse_readers_that_disagree(modules: dict[str, ModuleType]) -> None:
    big_load, common = modules["big_load"], modules["common"]
    found = {"read_bundle": [load_run(0.6, 300)], "read_csv": [load_run(0.2, 200, 999_999)]}
    with pytest.raises(common.BenchmarkError, match="disagree"):
        big_load.load_figures(found)


def test_python_verbose_output_tells_bytecode_from_source(
    modules: dict[str, ModuleType], tmp_path: Path
) -> None:
    package = tmp_path / "tgviewer"
    verbose = "\n".join(
        [
            f"# code object from '{package}/__pycache__/__init__.cpython-311.pyc'",
            f"# {package}/__pycache__/main.cpython-311.pyc matches {package}/main.py",
            f"# code object from '{package}/__pycache__/main.cpython-311.pyc'",
            f"# code object from {package}/late.py",
            f"# code object from '{tmp_path}/tgviewer_other/__pycache__/x.cpython-311.pyc'",
            "# code object from '/usr/lib/python3.11/__pycache__/os.cpython-311.pyc'",
        ]
    )
    assert modules["bytecode"].code_origins(verbose, package) == {
        "from_bytecode": 2,
        "from_source": 1,
    }


def test_the_peak_memory_is_this_process_high_water_mark(modules: dict[str, ModuleType]) -> None:
    common = modules["common"]
    before = common.peak_memory_mib()
    block = bytearray(96 * 1024 * 1024)
    block[::4096] = b"\1" * len(block[::4096])  # touch every page, so it is resident
    assert common.peak_memory_mib() >= 96
    del block
    assert common.peak_memory_mib() >= max(before, 96)  # a peak never goes down
