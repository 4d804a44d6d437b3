"""Settings for every test: offscreen Qt, an isolated home, and no network at all."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never need a display in tests; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings, library and logs go to a fresh folder, never to the real user's."""
    home = tmp_path_factory.mktemp("tgviewer-home")
    monkeypatch.setenv("TGVIEWER_HOME", str(home))
    yield home
