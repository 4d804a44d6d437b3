"""Big bundles: how loading, the first chart and a filter change scale with the records.

Makes bundles of 10,000, 100,000 and 1,000,000 records (or the sizes given) in two shapes,
and times, each in a fresh process:

- **load**: ``read_bundle`` (reading, validating and indexing), against ``pandas.read_csv``
  of the same ``records.csv`` (the issue's yardstick: at most 3×), and the peak memory;
- **first model**: the trend's model for the bundle's default view (what the window draws
  first), then a **filter change**: the trend's model after a change of measure, of scale,
  and of the countries (median of several, each a state not seen before).

Shapes: ``quarters`` is 250 countries × as many quarters as it takes (4,000 for a million:
the years 1900 to 2899); ``services`` is 40 quarters × 250 countries × as many services.

Not part of the pytest run (speed is measured here, never asserted by a test).

Usage::

    python benchmarks/big_bundles.py [--sizes 10000,100000,1000000] [--shapes quarters,services]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

COUNTRIES = 250
FIRST_YEAR = 1900


def country_codes(count: int) -> list[str]:
    """``count`` distinct three-letter codes: real ISO codes first, then made-up ones."""
    from tgviewer.core.reference.iso_countries import iso_countries

    codes = sorted(iso_countries())[:count]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    extra = (a + b + c for a in letters for b in letters for c in letters)
    taken = set(codes)
    while len(codes) < count:
        code = next(extra)
        if code not in taken:
            codes.append(code)
    return codes


def quarter_dates(index: int) -> tuple[str, str]:
    """First and last day of quarter ``index`` counted from 1900 Q1."""
    year, quarter = FIRST_YEAR + index // 4, index % 4
    ends = ("03-31", "06-30", "09-30", "12-31")
    starts = ("01-01", "04-01", "07-01", "10-01")
    return f"{year:04d}-{starts[quarter]}", f"{year:04d}-{ends[quarter]}"


def scatter(text: str) -> int:
    """A number that looks random but is the same in every process (``hash`` of a string is
    salted per process, so bundles made by two runs would hold other figures)."""
    return zlib.crc32(text.encode())


def make_bundle(folder: Path, size: int, shape: str) -> Path:
    """Write an unzipped bundle of ``size`` records into ``folder``; returns it."""
    import hashlib

    from tgviewer.core.bundle.reader import read_default_bundle

    default = read_default_bundle()
    countries = country_codes(COUNTRIES)
    if shape == "quarters":
        quarters, services = max(1, size // COUNTRIES), ["Telegram"]
    else:
        quarters = 40
        services = ["Telegram"] + [
            f"Service {i}" for i in range(max(0, size // (40 * COUNTRIES) - 1))
        ]
    lines = ["country,start,end,requests,users,service,source,note"]
    count = 0
    for service in services:
        for q in range(quarters):
            start, end = quarter_dates(q + (FIRST_YEAR and 0))
            for code in countries:
                if count >= size:
                    break
                requests = (scatter(f"{code}|{q}|{service}") % 5000) + 1
                users = requests + scatter(f"{service}|{code}|{q}") % 3000
                lines.append(f"{code},{start},{end},{requests},{users},{service},,")
                count += 1
    data = ("\n".join(lines) + "\n").encode()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "records.csv").write_bytes(data)
    manifest = json.loads(
        __import__("tgviewer.core.bundle.manifest_json", fromlist=["x"])
        .manifest_to_json(default.manifest, {})
        .decode()
    )
    manifest["files"] = {"records.csv": {"sha256": hashlib.sha256(data).hexdigest()}}
    manifest["sources"] = []
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


MEASURE = r"""
import gc, json, statistics, sys, time, dataclasses
sys.path.insert(0, sys.argv[2])
sys.path.insert(0, sys.argv[2] + "/benchmarks")
from common import peak_memory_mib
folder = sys.argv[1]
out = {}
import pandas
start = time.perf_counter()
frame = pandas.read_csv(folder + "/records.csv")
out["pandas_read_csv"] = time.perf_counter() - start
del frame
gc.collect()
from tgviewer.core.bundle.reader import read_bundle
start = time.perf_counter()
bundle = read_bundle(folder)
out["load"] = time.perf_counter() - start
out["records"] = len(bundle.records)
from tgviewer.core.state.view_state import Normalisation, default_view_state
from tgviewer.core.views.registry import view_model
start = time.perf_counter()
state = default_view_state(bundle)
model = view_model(bundle, state)
out["first_model"] = time.perf_counter() - start
out["periods_shown"] = len(state.periods())
changes = []
countries = bundle.countries
for i, change in enumerate((
    {"measure": "requests"},
    {"normalisation": Normalisation.PER_MILLION},
    {"countries": tuple(countries[10:15])},
    {"measure": "users", "normalisation": Normalisation.ABSOLUTE},
    {"countries": tuple(countries[20:26])},
)):
    state = dataclasses.replace(state, **change)
    start = time.perf_counter()
    view_model(bundle, state)
    changes.append(time.perf_counter() - start)
out["filter_change_median"] = statistics.median(changes)
out["filter_changes"] = changes
out["peak_memory_mib"] = peak_memory_mib()
print(json.dumps(out))
"""


def measure(folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


LOAD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
sys.path.insert(0, sys.argv[2] + "/benchmarks")
from common import peak_memory_mib
folder, how = sys.argv[1], sys.argv[3]
out = {}
start = time.perf_counter()
import pandas
out["import_seconds"] = time.perf_counter() - start
if how == "read_csv":
    start = time.perf_counter()
    read = pandas.read_csv(folder + "/records.csv")
else:
    from tgviewer.core.bundle.reader import read_bundle
    start = time.perf_counter()
    read = read_bundle(folder)
out["seconds"] = time.perf_counter() - start  # before anything is freed
out["records"] = len(read.records if how == "read_bundle" else read)
out["peak_memory_mib"] = peak_memory_mib()
print(json.dumps(out))
"""

#: What ``load_once`` can time: tgviewer's reader, or pandas' (the issue's yardstick).
LOADERS = ("read_bundle", "read_csv")


def load_once(folder: Path, how: str) -> dict[str, float]:
    """Time ``read_bundle(folder)`` or ``pandas.read_csv`` of its ``records.csv`` (``how``)
    in a fresh process: its seconds (the call alone; pandas is imported before the clock
    starts in both, so that they compare like for like), the seconds of that ``import pandas``
    (which the app pays on its first big bundle), the records read and the process's peak
    memory (MiB, ``common.peak_memory_mib``)."""
    if how not in LOADERS:
        raise ValueError(f"how must be one of {LOADERS}, not {how!r}")
    done = subprocess.run(
        [sys.executable, "-c", LOAD, str(folder), str(REPO), how],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if done.returncode != 0:
        raise RuntimeError(f"{how} of {folder} failed: {done.stderr.strip()[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--shapes", default="quarters,services")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as temporary:
        for shape in args.shapes.split(","):
            for size in (int(s) for s in args.sizes.split(",")):
                folder = make_bundle(Path(temporary) / f"{shape}-{size}", size, shape)
                figures = measure(folder)
                figures.update(shape=shape, size=size)  # type: ignore[arg-type]
                results.append(figures)
                print(
                    f"{shape:9} {size:>9,} records: load {figures['load']:.2f} s "
                    f"({figures['load'] / figures['pandas_read_csv']:.1f}× pandas.read_csv "
                    f"{figures['pandas_read_csv']:.2f} s), peak {figures['peak_memory_mib']:.0f} "
                    f"MiB; first model {figures['first_model'] * 1000:.0f} ms "
                    f"({figures['periods_shown']} periods); filter change median "
                    f"{figures['filter_change_median'] * 1000:.0f} ms",
                    flush=True,
                )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
