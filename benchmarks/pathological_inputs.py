"""Hostile inputs found by fuzzing, each timed against a normal input of the same size.

Each line of the report gives the pathological input's time, the normal input's, and their
ratio; a ratio near 1 means the cost depends on the size of the input and not on its shape.
Not part of the pytest run (speed is measured here, never asserted by a test).

Usage::

    python benchmarks/pathological_inputs.py [--repeat 3] [--no-smoke]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tgviewer.core.bundle.reader import read_bundle  # noqa: E402
from tgviewer.core.importing.bot_answer_reader import parse_bot_text  # noqa: E402
from tgviewer.core.importing.csv_import import ColumnMapping, read_table, table_records  # noqa: E402
from tgviewer.core.periods.spans import QuarterSpan, quarter_index  # noqa: E402

RECORDS_HEADER = "country,start,end,requests,users,service,source,note\n"
MAPPING = ColumnMapping("country", period="period", measures={"requests": "r", "users": "u"})
COUNTRIES = ("FRA", "DEU", "ITA", "ESP", "POL", "BEL", "NLD", "AUT", "GRC", "PRT")


def first_model(path: Path, kind: str) -> object:
    """The model of ``kind``'s view on a freshly read bundle (nothing cached)."""
    import dataclasses

    from tgviewer.core.state.view_state import ViewKind, default_view_state
    from tgviewer.core.views.registry import view_model

    bundle = read_bundle(path)
    state = dataclasses.replace(default_view_state(bundle), view=ViewKind(kind))
    return view_model(bundle, state)


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs of ``work``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def csv_import(body: str) -> Callable[[], object]:
    data = ("country,period,r,u\n" + body).encode()
    return lambda: table_records(read_table(data, "data.csv"), MAPPING, ("requests", "users"))


def distinct_rows(count: int) -> str:
    """``count`` rows, each a different country and quarter."""
    return "".join(
        f"{COUNTRIES[n % 10]},{1900 + n // 40}Q{n // 10 % 4 + 1},4,17\n" for n in range(count)
    )


def write_bundle(folder: Path, records: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "records.csv").write_text(records)
    manifest = {
        "format": "tgbundle",
        "format_version": 1,
        "id": "bench",
        "title": "Benchmark bundle",
        "as_of": "2026-05-30",
        "licence": "CC BY 4.0",
        "attribution": "Benchmark figures",
        "sources": [{"id": "src", "title": "A source"}],
        "measures": [
            {"key": "requests", "label": "Requests"},
            {"key": "users", "label": "Users"},
        ],
        "files": {"records.csv": {"sha256": hashlib.sha256(records.encode()).hexdigest()}},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def quarter_rows(count: int, length: int, single: bool) -> str:
    """Records of ``length`` quarters starting at each of ``count`` quarters from 1900."""
    first = quarter_index(1900, 1)
    rows = ["FRA,1900-01-01,1900-03-31,7,7,Telegram,src,\n"] if single else []
    for k in range(count):
        span = QuarterSpan(first + k, first + k + length - 1)
        figure = (k * 37) % 100
        rows.append(f"FRA,{span.start_date},{span.end_date},{figure},{figure},Telegram,src,\n")
    return RECORDS_HEADER + "".join(rows)


BOT_HEADER = (
    "Transparency report for the period 01.01.25–31.03.25\n"
    "Fulfilled requests from France for IP address and/or phone number:\n"
    "Q1 — 3\nAffected users: 4\n"
)


def smoke(bundle: Path, home: Path) -> float:
    """Wall-clock seconds of ``tgviewer --smoke BUNDLE`` in a fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TGVIEWER_HOME": str(home)}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tgviewer", "--smoke", str(bundle)],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return time.perf_counter() - start


def report(name: str, hostile: float, normal: float) -> None:
    ratio = hostile / normal if normal else float("inf")
    print(f"{name:<58} {hostile * 1000:9.1f} ms {normal * 1000:9.1f} ms {ratio:7.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--no-smoke", action="store_true", help="skip the tgviewer --smoke runs")
    args = parser.parse_args(argv)
    repeat = args.repeat
    print(f"{'input':<58} {'hostile':>12} {'normal':>12} {'ratio':>8}")

    for count in (4_000, 20_000):
        same = csv_import("FRA,2025Q1,4,17\n" * count)
        normal = best_of(repeat, csv_import(distinct_rows(count)))
        report(f"1. CSV, {count:,} identical rows", best_of(repeat, same), normal)
        conflicting = csv_import("".join(f"FRA,2025Q1,{n % 7},17\n" for n in range(count)))
        report(
            f"1. CSV, {count:,} rows of one period, different figures",
            best_of(repeat, conflicting),
            normal,
        )

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        hostile_bundle = write_bundle(folder / "overlapping", quarter_rows(3_200, 2, True))
        normal_bundle = write_bundle(folder / "consecutive", quarter_rows(3_200, 1, False))
        report(
            "2. bundle, 3,200 overlapping two-quarter records",
            best_of(repeat, lambda: read_bundle(hostile_bundle)),
            best_of(repeat, lambda: read_bundle(normal_bundle)),
        )

        long_line = BOT_HEADER + "[" * 64_000 + "\n"
        ordinary = BOT_HEADER + ("An ordinary line of text that is no part of a report.\n" * 1_200)
        report(
            "3. bot answer, a line of 64,000 '['",
            best_of(repeat, lambda: parse_bot_text(long_line)),
            best_of(repeat, lambda: parse_bot_text(ordinary[: len(long_line)])),
        )
        near_limit = BOT_HEADER + ("[" * 1_999 + "\n") * 32
        report(
            "3. bot answer, 32 lines of 1,999 '['",
            best_of(repeat, lambda: parse_bot_text(near_limit)),
            best_of(repeat, lambda: parse_bot_text(ordinary[: len(near_limit)])),
        )

        if not args.no_smoke:
            rows = (
                "FRA,2025-01-01,2025-03-31,4,17,Telegram,src,\n"
                "FRA,2025-04-01,2025-06-30,5,20,Telegram,src,\n"
            )
            wide = write_bundle(
                folder / "wide",
                RECORDS_HEADER + rows + "ITA,1900-01-01,2999-12-31,2,8,Telegram,src,\n",
            )
            small = write_bundle(
                folder / "small",
                RECORDS_HEADER + rows + "ITA,2025-01-01,2025-03-31,2,8,Telegram,src,\n",
            )
            for kind in ("compare", "scatter"):
                report(
                    f"5. {kind} view model, 3 records, one over 1900-2999",
                    best_of(repeat, lambda k=kind: first_model(wide, k)),
                    best_of(repeat, lambda k=kind: first_model(small, k)),
                )
            home = folder / "home"
            smoke(small, home)  # warm the disk cache
            runs = max(repeat, 3)
            report(
                "4. tgviewer --smoke, 3 records, one over 1900-2999",
                statistics.median(smoke(wide, home) for _ in range(runs)),
                statistics.median(smoke(small, home) for _ in range(runs)),
            )
            overlapping = write_bundle(folder / "overlap", quarter_rows(3200, 2, single=True))
            tiled = write_bundle(folder / "tiled", quarter_rows(3200, 1, single=False))
            report(
                "6. tgviewer --smoke, 3,200 overlapping two-quarter records",
                statistics.median(smoke(overlapping, home) for _ in range(runs)),
                statistics.median(smoke(tiled, home) for _ in range(runs)),
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
