"""Prove that the frozen one-folder app runs on its own: ``python packaging/smoke_test.py``.

Run after ``python packaging/build.py`` (Linux). Every start of the frozen ``tgviewer`` here has

- no Python on ``PATH`` (``PATH`` is an empty folder), no ``PYTHONPATH``/``PYTHONHOME``, a
  fresh ``HOME`` and ``TGVIEWER_HOME``;
- no network: it runs in a network namespace of its own (``unshare --net``), where not even
  the loopback interface is up; the script first checks that a socket cannot connect there.

It checks, each time from the exit code and what the app prints:

1. ``tgviewer --smoke`` under the offscreen platform loads the embedded default bundle (title
   and record count as the build's own Python reads them) and exits 0;
2. the same in a real X server (Xvfb, ``QT_QPA_PLATFORM=xcb``);
3. ``tgviewer --smoke OTHER.tgbundle`` opens a bundle passed on the command line (one written
   here, with its own title), offscreen and in Xvfb;
4. the frozen command line: ``tgviewer bundle validate`` and ``tgviewer table`` on it, and
   ``tgviewer render`` of a saved view to PNG and SVG;
5. ``tgviewer bundle validate`` and ``tgviewer table`` on a bundle big enough to be read in
   bulk (pandas' C parser and numpy, frozen).

Prints each check and the time to interactive the app reports; exits 0 when all pass, 1 with
what failed otherwise. ``--app`` names another frozen executable.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tgviewer.core.bundle.model import Record  # noqa: E402
from tgviewer.core.bundle.reader import read_bundle, read_default_bundle  # noqa: E402
from tgviewer.core.bundle.writer import write_bundle  # noqa: E402
from tgviewer.core.periods.spans import quarter_end, quarter_index, quarter_start  # noqa: E402
from tgviewer.core.state.view_file import BundleRef, SavedView, write_view  # noqa: E402
from tgviewer.core.state.view_state import default_view_state  # noqa: E402

DEFAULT_APP = REPO / "dist" / "tgviewer" / "tgviewer"
SMOKE_LINE = re.compile(
    r"tgviewer smoke: (?P<title>.+), (?P<records>\d+) records; "
    r"time to interactive (?P<ms>\d+) ms"
)
TIMEOUT = 120.0
#: Fails (ECONNREFUSED or ENETUNREACH) wherever a socket cannot reach anything.
NETWORK_PROBE = (
    "import socket,sys\n"
    "for host in ('127.0.0.1', '1.1.1.1'):\n"
    "    s = socket.socket(); s.settimeout(2)\n"
    "    try: s.connect((host, 80)); sys.exit('connected to ' + host)\n"
    "    except OSError: pass\n"
)


class SmokeTestError(Exception):
    """A check failed; the message says which and what the app printed."""


@dataclasses.dataclass
class Environment:
    """What every start of the frozen app gets."""

    home: Path
    display: str | None = None

    def variables(self, platform: str) -> dict[str, str]:
        empty_path = self.home / "empty-path"
        empty_path.mkdir(exist_ok=True)
        variables = {
            "PATH": str(empty_path),
            "HOME": str(self.home),
            "TGVIEWER_HOME": str(self.home / "tgviewer"),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": platform,
            "TMPDIR": str(self.home),
        }
        if platform == "xcb" and self.display:
            variables["DISPLAY"] = self.display
        return variables


def offline(command: Sequence[str]) -> list[str]:
    """``command`` in a new network namespace (a user namespace too when not root)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        raise SmokeTestError("unshare (util-linux) is needed to cut the network off")
    flags = ["--net"] if os.geteuid() == 0 else ["--net", "--map-root-user"]
    return [unshare, *flags, "--", *command]


def check_offline_works() -> None:
    """The namespace really has no network: a Python socket cannot connect inside it."""
    result = subprocess.run(
        offline([sys.executable, "-c", NETWORK_PROBE]),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if result.returncode != 0:
        raise SmokeTestError(
            f"the network namespace does not cut the network off: "
            f"{(result.stderr or result.stdout).strip()}"
        )
    print("ok    no network inside the namespace (connections to 127.0.0.1 and 1.1.1.1 fail)")


def run_app(
    app: Path, arguments: Sequence[str], environment: Environment, platform: str
) -> subprocess.CompletedProcess[str]:
    started = time.perf_counter()
    result = subprocess.run(
        offline([str(app), *arguments]),
        capture_output=True,
        text=True,
        env=environment.variables(platform),
        timeout=TIMEOUT,
        cwd=environment.home,
    )
    result.args = [app.name, *arguments, f"({platform}, {time.perf_counter() - started:.1f} s)"]
    return result


def failure(what: str, result: subprocess.CompletedProcess[str]) -> SmokeTestError:
    return SmokeTestError(
        f"{what}: `{' '.join(result.args)}` exited {result.returncode}\n"
        f"stdout: {result.stdout.strip()}\nstderr: {result.stderr.strip()}"
    )


def check_smoke(
    app: Path,
    arguments: Sequence[str],
    environment: Environment,
    platform: str,
    title: str,
    records: int,
) -> int:
    """``--smoke`` exits 0 having loaded ``records`` records titled ``title``; returns the
    time to interactive it reports (ms)."""
    result = run_app(app, ["--smoke", *arguments], environment, platform)
    match = SMOKE_LINE.search(result.stdout)
    what = f"--smoke {' '.join(arguments)} on {platform}".replace("  ", " ")
    if result.returncode != 0 or match is None:
        raise failure(what, result)
    if match["title"] != title or int(match["records"]) != records:
        raise failure(
            f"{what} loaded {match['title']!r} ({match['records']} records), "
            f"not {title!r} ({records})",
            result,
        )
    print(f"ok    {what}: {title}, {records} records, time to interactive {match['ms']} ms")
    return int(match["ms"])


def check_command(
    app: Path, arguments: Sequence[str], environment: Environment, expected: str
) -> None:
    result = run_app(app, arguments, environment, "offscreen")
    if result.returncode != 0 or expected not in result.stdout:
        raise failure(f"tgviewer {' '.join(arguments)} (expected {expected!r})", result)
    print(f"ok    tgviewer {' '.join(arguments)}")


def write_view_of(bundle_path: Path) -> Path:
    """A saved view of the bundle at ``bundle_path`` (its default countries, the trend)."""
    bundle = read_bundle(bundle_path)
    path = bundle_path.with_name("smoke.tgview")
    write_view(path, SavedView(default_view_state(bundle), BundleRef.of(bundle)))
    return path


def check_render(app: Path, view: Path, bundle: Path, environment: Environment) -> None:
    """``tgviewer render`` writes a PNG and an SVG (Qt's image writer and QtSvg, frozen), the
    data as CSV with its CSV-on-the-Web metadata, and an Excel workbook (openpyxl, frozen)."""
    for suffix, magic in (
        (".png", b"\x89PNG"),
        (".svg", b"<?xml"),
        (".csv", b"\xef\xbb\xbf"),
        (".xlsx", b"PK\x03\x04"),
    ):
        out = environment.home / f"chart{suffix}"
        result = run_app(
            app,
            ["render", str(view), "--bundle", str(bundle), "-o", str(out)],
            environment,
            "offscreen",
        )
        if result.returncode != 0 or not out.is_file() or not out.read_bytes().startswith(magic):
            raise failure(f"tgviewer render to {suffix}", result)
        print(f"ok    tgviewer render VIEW -o chart{suffix} ({out.stat().st_size:,} bytes)")


def write_other_bundle(folder: Path) -> tuple[Path, str, int]:
    """A bundle unlike the default one: three countries' records under another title."""
    default = read_default_bundle()
    records = [r for r in default.records if r.country in {"DEU", "FRA", "GBR"}]
    manifest = dataclasses.replace(
        default.manifest, id="smoke-test", title="Smoke test: Germany, France, UK"
    )
    path = folder / "carried on a stick" / "smoke.tgbundle"
    path.parent.mkdir(parents=True)
    write_bundle(path, manifest, records, default.events)
    return path, manifest.title, len(records)


def write_big_bundle(folder: Path) -> tuple[Path, int]:
    """A bundle whose records.csv is big enough to be read in bulk: the default bundle's
    countries over 150 years of quarters."""
    default = read_default_bundle()
    first = quarter_index(1900, 1)
    records = [
        Record(
            country,
            quarter_start(first + q),
            quarter_end(first + q),
            {"requests": 100 + (q * 7 + i) % 900, "users": 1000 + (q * 13 + i) % 9000},
        )
        for q in range(600)
        for i, country in enumerate(default.countries)
    ]
    manifest = dataclasses.replace(default.manifest, id="smoke-big", title="Smoke test: big")
    path = folder / "big.tgbundle"
    write_bundle(path, manifest, records)
    return path, len(records)


@contextmanager
def x_server(home: Path) -> Iterator[str]:
    """A private Xvfb (no TCP), its display name while the block runs."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SmokeTestError("Xvfb is needed for the real-window check (apt-get install xvfb)")
    for number in range(90, 140):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            break
    display = f":{number}"
    log = (home / "xvfb.log").open("w")
    server = subprocess.Popen(
        [xvfb, display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise SmokeTestError(
                    f"Xvfb {display} did not start: {(home / 'xvfb.log').read_text().strip()}"
                )
            time.sleep(0.1)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test the frozen tgviewer app.")
    parser.add_argument(
        "--app",
        type=Path,
        default=DEFAULT_APP,
        help="the frozen executable (default: dist/tgviewer/tgviewer)",
    )
    args = parser.parse_args(argv)
    app = args.app.resolve()
    if not app.is_file():
        print(
            f"smoke_test: {app} does not exist; build it first: python packaging/build.py",
            file=sys.stderr,
        )
        return 1
    default = read_default_bundle()
    times: list[int] = []
    try:
        with tempfile.TemporaryDirectory(prefix="tgviewer-smoke-") as folder:
            home = Path(folder)
            environment = Environment(home)
            check_offline_works()
            other, other_title, other_records = write_other_bundle(home)
            times.append(
                check_smoke(
                    app, [], environment, "offscreen", default.manifest.title, len(default.records)
                )
            )
            check_smoke(app, [str(other)], environment, "offscreen", other_title, other_records)
            with x_server(home) as display:
                environment.display = display
                times.append(
                    check_smoke(
                        app, [], environment, "xcb", default.manifest.title, len(default.records)
                    )
                )
                check_smoke(app, [str(other)], environment, "xcb", other_title, other_records)
            check_command(
                app,
                ["bundle", "validate", str(other)],
                environment,
                f": valid: {other_records} records",
            )
            check_command(
                app,
                ["table", "--period", "2024Q4", "--countries", "FRA", "--bundle", str(other)],
                environment,
                "France",
            )
            check_render(app, write_view_of(other), other, environment)
            big, big_records = write_big_bundle(home)
            # The build's own Python reads it in bulk, as columns (else the check is moot).
            assert type(read_bundle(big).records).__name__ == "RecordColumns"
            check_command(
                app,
                ["bundle", "validate", str(big)],
                environment,
                f": valid: {big_records:,} records",
            )
            check_command(
                app,
                ["table", "--period", "2024Q4", "--countries", "FRA", "--bundle", str(big)],
                environment,
                "France",
            )
    except (SmokeTestError, subprocess.TimeoutExpired) as exc:
        print(f"FAILED {exc}", file=sys.stderr)
        return 1
    print(f"all checks passed; time to interactive {min(times)}-{max(times)} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
