"""The one guarded way to open a user's file: regular files only, capped on what is read."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.helpers import finishes_within
from tgviewer.core.user_file import (
    FileTooLargeError,
    MissingFileError,
    UserFileError,
    read_user_file,
)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


@needs_fifo
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "figures.csv"
    os.mkfifo(fifo)
    with pytest.raises(UserFileError) as caught:
        finishes_within(10, lambda: read_user_file(fifo, 1000), fifo=fifo)
    assert caught.value.file == str(fifo)
    assert "named pipe" in caught.value.message


@needs_dev_zero
def test_a_link_to_dev_zero_is_refused_at_once_naming_the_link(tmp_path: Path) -> None:
    link = tmp_path / "figures.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(UserFileError) as caught:
        finishes_within(10, lambda: read_user_file(link, 1000))
    assert str(caught.value) == f"{link}: a device, not a file; tgviewer reads only regular files"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserFileError, match="a folder, not a file"):
        read_user_file(tmp_path, 1000)


def test_a_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    monkeypatch.chdir(tmp_path)  # a short relative name: socket paths are limited in length
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("s.csv")
        with pytest.raises(UserFileError, match="a socket, not a file"):
            read_user_file(Path("s.csv"), 1000)


def test_a_missing_file_is_said_so(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match="no such file"):
        read_user_file(tmp_path / "absent.csv", 1000, shown="absent.csv")


def test_the_size_cap_is_checked_on_what_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 1001)
    assert read_user_file(path, 1001) == b"x" * 1001
    with pytest.raises(FileTooLargeError, match="larger than 1,000 bytes"):
        read_user_file(path, 1000)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_a_file_claiming_size_0_is_still_capped() -> None:
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0  # what the file system claims
    with pytest.raises(FileTooLargeError):
        read_user_file(status, 10)


def test_links_are_refused_when_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.csv"
    target.write_bytes(b"secret")
    link = tmp_path / "records.csv"
    link.symlink_to(target)
    assert read_user_file(link, 100) == b"secret"
    with pytest.raises(UserFileError, match="symbolic link"):
        read_user_file(link, 100, follow_links=False)


def test_a_name_no_file_can_have_is_refused() -> None:
    with pytest.raises(UserFileError, match="not a name a file can have"):
        read_user_file(Path("settings\0.json"), 100)
