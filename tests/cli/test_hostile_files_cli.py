"""Hostile files on the command line: refused in time, with exit 1 and the file named.

Pipes and devices are tried in a real process with a timeout: a command that blocks or
reads without end fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.bundles import small_bundle

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    # Reading /dev/zero without end must fail here, not exhaust the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def tgviewer(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``tgviewer ARGS`` in a fresh process that must end within a minute."""
    return subprocess.run(
        [sys.executable, "-m", "tgviewer", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "TGVIEWER_HOME": str(tmp_path / "home")},
        preexec_fn=_limit_memory if sys.platform == "linux" else None,
    )


@needs_fifo
@pytest.mark.parametrize(
    "command",
    [
        ("bundle", "validate", "f.tgbundle"),
        ("bundle", "info", "f.tgbundle"),
        ("bundle", "import", "--into", "f.tgbundle", "x.json", "-o", "out.tgbundle"),
        ("table", "--bundle", "f.tgbundle", "--period", "2024"),
    ],
    ids=["validate", "info", "import-into", "table"],
)
def test_a_named_pipe_bundle_exits_1_without_blocking(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    os.mkfifo(tmp_path / "f.tgbundle")
    (tmp_path / "x.json").write_text('{"FRA": []}', encoding="utf-8")
    result = tgviewer(tmp_path, *command)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("tgviewer: f.tgbundle: cannot be used (1 problem)\n")
    assert "named pipe" in result.stderr


@needs_fifo
@pytest.mark.parametrize("kind", ["tek-json", "bot-text", "csv"])
def test_a_named_pipe_import_source_exits_1_without_blocking(tmp_path: Path, kind: str) -> None:
    os.mkfifo(tmp_path / "source")
    result = tgviewer(tmp_path, "bundle", "import", "--from", kind, "source", "-o", "o.tgbundle")
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("tgviewer: source: a named pipe (FIFO), not a file")


@needs_fifo
def test_a_named_pipe_view_exits_1_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "v.tgview")
    result = tgviewer(tmp_path, "render", "v.tgview", "-o", "out.csv")
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("tgviewer: v.tgview: a named pipe (FIFO), not a file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize(
    "command",
    [
        ("bundle", "validate", "z.tgbundle"),
        ("bundle", "import", "--from", "csv", "z.tgbundle", "-o", "o.tgbundle"),
        ("render", "z.tgview", "-o", "out.csv"),
    ],
    ids=["validate", "import", "render"],
)
def test_a_link_to_dev_zero_exits_1_at_once(tmp_path: Path, command: tuple[str, ...]) -> None:
    (tmp_path / "z.tgbundle").symlink_to("/dev/zero")
    (tmp_path / "z.tgview").symlink_to("/dev/zero")
    result = tgviewer(tmp_path, *command)
    assert result.returncode == 1, result.stderr
    named = next(a for a in command if a.startswith("z."))
    assert result.stderr.startswith(f"tgviewer: {named}")
    assert "a device, not a file" in result.stderr


def test_a_central_directory_off_by_one_names_the_file(tmp_path: Path) -> None:
    path = small_bundle(tmp_path, "cd.tgbundle")
    data = path.read_bytes()
    end = data.rfind(b"PK\x05\x06")
    offset = int.from_bytes(data[end + 16 : end + 20], "little") + 1
    path.write_bytes(data[: end + 16] + offset.to_bytes(4, "little") + data[end + 20 :])
    result = tgviewer(tmp_path, "bundle", "validate", "cd.tgbundle")
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("tgviewer: cd.tgbundle: cannot be used (1 problem)\n")
    assert "zip archive is damaged" in result.stderr


def test_a_folder_bundle_never_prints_what_a_link_points_to(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    small_bundle(tmp_path)  # writes the bundle's files into tmp_path/folder
    secret = tmp_path / "secret.csv"
    (folder / "records.csv").rename(secret)
    (folder / "records.csv").symlink_to(secret)
    result = tgviewer(tmp_path, "bundle", "validate", "folder")
    assert result.returncode == 1, result.stderr
    assert "records.csv: a symbolic link" in result.stderr
    assert "checksum" not in result.stderr
