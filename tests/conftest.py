"""Settings for every test: offscreen Qt, an isolated home, and no network at all.

Also the fixtures that tests of every tier share. This file is loaded where Qt is not
installed too (tests/core/no-qt.ini's ``--confcutdir``): it must never import Qt.
"""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import qt_free_tier_runs_elsewhere
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_default_bundle

# Qt must never need a display in tests; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TESTS = Path(__file__).resolve().parent
#: The Qt-free tier: tests that must pass where PySide6 and pyqtgraph are not installed.
#: The README's test command runs them as well, unless they run elsewhere (.ci/run).
QT_FREE_TIER = (TESTS / "core", TESTS / "cli")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if qt_free_tier_runs_elsewhere() and collection_path in QT_FREE_TIER:
        return True
    return None  # let pytest decide


def pytest_report_header(config: pytest.Config) -> str | None:
    if qt_free_tier_runs_elsewhere():
        return (
            "TGVIEWER_QT_FREE_TIER=separate: tests/core and tests/cli are left to "
            "the run where Qt is not installed"
        )
    return None


class NetworkUsedError(AssertionError):
    """Raised when code under test tries to reach the network."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsedError(f"tgviewer tried to use the network: {args!r:.200}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with connecting, resolving and sending refused: tgviewer is offline."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket.socket, "sendto", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Settings, library and logs go to a fresh folder, never to the real user's."""
    home = tmp_path_factory.mktemp("tgviewer-home")
    monkeypatch.setenv("TGVIEWER_HOME", str(home))
    yield home


@pytest.fixture(scope="session")
def default_bundle_as_read() -> Bundle:
    """The embedded default bundle, read once per session; tests use :func:`default_bundle`."""
    return read_default_bundle()


@pytest.fixture
def default_bundle(default_bundle_as_read: Bundle) -> Bundle:
    """The embedded default bundle, with an empty cache of its own.

    The bundle is immutable and read once per session, but its ``cache`` of derived values is
    a dict that ``dataclasses.replace`` would carry over to a changed copy, and that tests of
    the cache look into: each test gets a fresh one.
    """
    return dataclasses.replace(default_bundle_as_read, cache={})
