"""Atomic writes: failures name the target, and leftovers of killed writes go next time."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.bundles import small_bundle
from tests.helpers import run
from tgviewer.core import atomic
from tgviewer.core.atomic import atomic_write_bytes, remove_leftovers
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.library.bundle_library import Library, LibraryError
from tgviewer.core.state.settings import load_settings
from tgviewer.core.state.view_file import BundleRef, SavedView, write_view
from tgviewer.core.state.view_state import default_view_state

KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
from tgviewer.core.atomic import atomic_write_bytes
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)  # killed at the worst moment
atomic_write_bytes(Path(sys.argv[1]), b"new")
"""


def aged(path: Path) -> Path:
    """``path``, last written a minute ago."""
    then = time.time() - 60
    os.utime(path, (then, then))
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_write_killed_midway_leaves_a_leftover_the_next_write_removes(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(target)], timeout=60)
    assert killed.returncode == -9
    leftovers = [p for p in tmp_path.iterdir() if p != target]
    assert [p.name.startswith(".settings.json.") for p in leftovers] == [True]
    assert target.read_bytes() == b"old"  # the old file survived the kill
    aged(leftovers[0])
    atomic_write_bytes(target, b"new")
    assert list(tmp_path.iterdir()) == [target] and target.read_bytes() == b"new"


def test_only_leftovers_of_tgviewers_own_naming_are_removed(tmp_path: Path) -> None:
    mine = tmp_path / ".view.tgview.a1b2c3d4.tmp"
    mine.write_bytes(b"half")
    aged(mine)
    others = [
        tmp_path / ".view.tgview.a1b2.tmp",  # not mkstemp's 8 characters
        tmp_path / "view.tgview.a1b2c3d4.tmp",  # not hidden
        tmp_path / ".other.tgview.a1b2c3d4.tmp",  # another target
        tmp_path / "notes.tmp",
    ]
    for path in others:
        path.write_bytes(b"keep")
        aged(path)
    assert remove_leftovers(tmp_path, "view.tgview") == [mine]
    assert sorted(tmp_path.iterdir()) == sorted(others)


def test_a_young_leftover_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / ".a.json.a1b2c3d4.tmp").write_bytes(b"being written")
    assert remove_leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_a_file_another_write_is_filling_is_left_alone(tmp_path: Path) -> None:
    import fcntl

    busy = tmp_path / ".a.json.a1b2c3d4.tmp"
    with busy.open("wb") as stream:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
        aged(busy)
        assert remove_leftovers(tmp_path) == []
    assert remove_leftovers(tmp_path) == [busy]


def test_settings_leftovers_go_at_start(tmp_path: Path) -> None:
    leftover = tmp_path / ".settings.json.abcdefgh.tmp"
    leftover.write_bytes(b"{")
    aged(leftover)
    load_settings(tmp_path / "settings.json")
    assert not leftover.exists()


def test_library_leftovers_go_when_it_is_listed(tmp_path: Path) -> None:
    library = Library(tmp_path / "bundles")
    library.folder.mkdir()
    leftover = library.folder / ".my-additions.tgbundle.abcdefgh.tmp"
    leftover.write_bytes(b"PK")
    aged(leftover)
    assert library.entries() == []
    assert list(library.folder.iterdir()) == []


def no_space(descriptor: int) -> None:
    raise OSError(28, "No space left on device")


def test_a_full_disk_names_the_target_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space left on device") as caught:
        atomic_write_bytes(target, b"new")
    assert caught.value.filename == str(target)
    assert list(tmp_path.iterdir()) == [target] and target.read_bytes() == b"old"


def test_a_read_only_folder_names_the_target_not_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    target = folder / "out.tgbundle"

    def refuse(prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        name = str(Path(dir) / f"{prefix}a1b2c3d4{suffix}")
        raise PermissionError(13, "Permission denied", name)

    if os.geteuid() != 0:  # a real read-only folder, where permissions apply
        folder.chmod(0o555)
    else:
        monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    source = tmp_path / "dataset.json"
    source.write_text('{"FRA": [{"from": "20240101", "to": "20240331", "requests": 1}]}')
    try:
        with pytest.raises(PermissionError) as caught:
            atomic_write_bytes(target, b"data")
        code, _, err = run(capsys, "bundle", "import", str(source), "-o", str(target))
    finally:
        folder.chmod(0o755)
    assert caught.value.filename == str(target)
    assert (code, err) == (1, f"tgviewer: {target}: Permission denied\n")


@pytest.mark.parametrize("command", ["import", "render"])
def test_the_command_line_names_the_file_a_full_disk_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    default_bundle: Bundle,
) -> None:
    view = tmp_path / "view.tgview"
    write_view(view, SavedView(default_view_state(default_bundle), BundleRef.of(default_bundle)))
    monkeypatch.setattr(os, "fsync", no_space)
    source = tmp_path / "dataset.json"
    source.write_text('{"FRA": [{"from": "20240101", "to": "20240331", "requests": 1}]}')
    out = tmp_path / ("out.tgbundle" if command == "import" else "out.csv")
    if command == "import":
        code, _, err = run(capsys, "bundle", "import", str(source), "-o", str(out))
    else:
        code, _, err = run(capsys, "render", str(view), "-o", str(out))
    assert code == 1
    assert err.startswith(f"tgviewer: {out}: ") and "No space left on device" in err
    assert not out.exists()


def test_a_library_write_on_a_full_disk_names_the_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path / "bundles")
    bundle = read_bundle(small_bundle(tmp_path))
    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(LibraryError, match=r"small\.tgbundle could not be written: No space"):
        library.save("Small", bundle.manifest, bundle.records)
    assert list(library.folder.iterdir()) == []
