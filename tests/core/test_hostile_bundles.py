"""Hostile bundles found by fuzzing: each is refused in time, naming the file (and member)."""

from __future__ import annotations

import json
import os
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from tests.helpers import finishes_within
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle

from .bundles import records_csv, write_folder, zip_folder

ROWS = ("FRA,2024-01-01,2024-03-31,220,686,Telegram,src,",)
CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"


def refusal(path: Path) -> BundleError:
    """The error reading ``path`` raises, within seconds."""

    def read() -> None:
        read_bundle(path)

    with pytest.raises(BundleError) as caught:
        finishes_within(20, read, fifo=path if path.is_fifo() else None)
    assert caught.value.file == str(path)
    return caught.value


def good_zip(tmp_path: Path, name: str = "b.tgbundle") -> Path:
    return zip_folder(write_folder(tmp_path / "folder", records_csv(*ROWS)), tmp_path / name)


def patched(path: Path, signature: bytes, offset: int, value: bytes) -> Path:
    """``path`` with ``value`` written at ``offset`` in every header of ``signature``."""
    data = bytearray(path.read_bytes())
    start = data.find(signature)
    while start >= 0:
        data[start + offset : start + offset + len(value)] = value
        start = data.find(signature, start + 1)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "f.tgbundle"
    os.mkfifo(fifo)
    assert "named pipe" in refusal(fifo).problems[0].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    link = tmp_path / "z.tgbundle"
    link.symlink_to("/dev/zero")
    assert "a device, not a file" in refusal(link).problems[0].message


@pytest.mark.parametrize("shift", [1, -1, 10_000])
def test_a_central_directory_offset_off_by_some_bytes_is_a_damaged_zip(
    tmp_path: Path, shift: int
) -> None:
    path = good_zip(tmp_path)
    data = path.read_bytes()
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack("<I", data[end + 16 : end + 20])
    path.write_bytes(data[: end + 16] + struct.pack("<I", offset + shift) + data[end + 20 :])
    message = refusal(path).describe()
    assert "zip" in message and "Invalid argument" not in message.split("\n")[0]


def test_member_names_that_are_not_the_utf8_they_claim(tmp_path: Path) -> None:
    path = tmp_path / "b.tgbundle"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("é.txt", b"")  # non-ASCII: zipfile sets the UTF-8 flag
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xff\xfe"))
    assert "not the UTF-8 text it claims" in refusal(path).problems[0].message


def test_an_unknown_zip_version(tmp_path: Path) -> None:
    path = patched(good_zip(tmp_path), CENTRAL, 6, bytes([99, 0]))  # version needed: 9.9
    assert "cannot read" in refusal(path).problems[0].message


def test_an_unsupported_compression(tmp_path: Path) -> None:
    path = good_zip(tmp_path)
    patched(path, CENTRAL, 10, bytes([99, 0]))
    patched(path, LOCAL, 8, bytes([99, 0]))
    problem = refusal(path).problems[0]
    assert problem.file == "manifest.json" and "cannot read" in problem.message


def test_an_encrypted_member(tmp_path: Path) -> None:
    path = patched(good_zip(tmp_path), CENTRAL, 8, bytes([1, 0]))
    assert "encrypted" in refusal(path).problems[0].message


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("../manifest.json", "reaches outside"),
        ("/etc/manifest.json", "absolute path"),
        ("C:/manifest.json", "absolute path"),
        ("folder\\manifest.json", "backslash"),
        ("manifest.json", "two files of this name"),
    ],
)
def test_member_names_no_bundle_has_are_refused(tmp_path: Path, name: str, said: str) -> None:
    path = good_zip(tmp_path)
    with zipfile.ZipFile(path, "a") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        archive.writestr(name, b"{}")
    problems = refusal(path).problems
    assert [p.file for p in problems] == [name] and said in problems[0].message


def test_a_folder_bundle_does_not_follow_a_link_out_of_the_folder(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*ROWS))
    secret = tmp_path / "secret.csv"
    (folder / "records.csv").rename(secret)
    (folder / "records.csv").symlink_to(secret)
    problem = refusal(folder).problems[0]
    assert problem.file == "records.csv" and "symbolic link" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_folder_bundle_whose_member_is_a_pipe(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*ROWS))
    (folder / "records.csv").unlink()
    os.mkfifo(folder / "records.csv")

    def read() -> None:
        read_bundle(folder)

    with pytest.raises(BundleError) as caught:
        finishes_within(20, read, fifo=folder / "records.csv")
    assert "records.csv: a named pipe" in caught.value.describe()


def test_a_manifest_nested_100000_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.tgbundle"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}")
        archive.writestr("records.csv", records_csv(*ROWS))
    problem = refusal(path).problems[0]
    assert problem.file == "manifest.json" and "nested too deeply" in problem.message


def test_a_member_too_big_names_the_bundle(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", records_csv(*ROWS))
    (folder / "manifest.json").write_text(json.dumps({"pad": "x" * (1 << 20)}))
    error = refusal(folder)
    assert error.describe().startswith(f"{folder}: cannot be used")
    assert "larger than the 1 MiB" in error.problems[0].message
