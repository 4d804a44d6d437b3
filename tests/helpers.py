"""Helpers shared by test modules of every tier (test modules never import each other).

Qt-free: the core's and the CLI's tests import this where Qt is not installed.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

import pytest

from tgviewer.cli.main import main

T = TypeVar("T")

#: The shared data folder next to the repository (``../shared/data``): real answers of the
#: @transparency bot, the community dataset. CI has it; a bare clone may not.
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

#: A Python boot script that runs tgviewer's ``main`` in a fresh process with the network cut:
#: any attempt to connect or resolve a name ends the process with "NETWORK USED" on stderr.
OFFLINE_BOOT = """
import socket, sys
def refuse(*a, **k):
    raise SystemExit("NETWORK USED")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from tgviewer.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


#: Python code that makes PySide6, shiboken6 and pyqtgraph unimportable: run it first in a
#: subprocess (``python -c BLOCK_QT + ...``) to prove what follows needs no Qt.
BLOCK_QT = """
import importlib.abc, sys
class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"):
            raise ImportError(f"{name} is not installed here (blocked by the test)")
        return None
sys.meta_path.insert(0, BlockQt())
"""


def qt_free_tier_runs_elsewhere() -> bool:
    """Whether tests/core and tests/cli run in an environment of their own, as in .ci/run.

    .ci/run runs them where PySide6 and pyqtgraph are not installed at all, then sets
    ``TGVIEWER_QT_FREE_TIER=separate`` for the README's test command, which then leaves them
    out (tests/conftest.py) and skips tests/test_architecture.py's re-run of them with Qt
    blocked: in CI they run once, in the strongest of the three ways.
    """
    return os.environ.get("TGVIEWER_QT_FREE_TIER") == "separate"


def _absent(path: Path) -> str:
    return f"{path} is not here (../shared/data: the shared data next to the repository)"


def needs_shared(*parts: str) -> pytest.MarkDecorator:
    """Skip the test, with a reason, unless ``../shared/data/<parts>`` exists."""
    path = SHARED_DATA.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=_absent(path))


def shared_file(*parts: str) -> Path:
    """``../shared/data/<parts>``; skips the calling test, with a reason, when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(_absent(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in this process: its exit code, standard output and error."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def finishes_within(seconds: float, call: Callable[[], T], fifo: Path | None = None) -> T:
    """``call()``'s result, failing the test if it has not returned within ``seconds``.

    ``call`` runs in a thread; if it blocks (opening the named pipe ``fifo`` for reading
    waits for a writer forever), the test fails, and the pipe is opened for writing once so
    that the thread is released rather than left blocked until the end of the session.
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the test below
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if fifo is not None:
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"still running after {seconds} s: it blocked")
    if "error" in outcome:
        raise outcome["error"]
    return cast(T, outcome["value"])


@contextlib.contextmanager
def pipe_never_opened(fifo: Path, seconds: float = 10.0) -> Iterator[None]:
    """Fail the test if anything opens the named pipe ``fifo`` to read while in the block.

    A watchdog thread keeps trying to open the pipe for writing without blocking, which
    succeeds only while a reader has it open; it then releases that reader (which would
    otherwise wait for a writer forever) and the test fails. After ``seconds`` it stops.
    """
    stop = threading.Event()
    opened: list[bool] = []

    def watch() -> None:
        deadline = time.monotonic() + seconds
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                stop.wait(0.05)
                continue
            opened.append(True)

    watchdog = threading.Thread(target=watch, daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        stop.set()
        watchdog.join()
    assert not opened, f"{fifo} was opened for reading: a reader blocked on it"
