"""Writing files so that a crash or a full disk never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def mode_for(target: Path) -> int:
    """The permissions a file written at ``target`` should get: those of the file it
    replaces, else what a new file gets (temporary files are private to their owner)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes, keep_mode: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Either the old file or the complete new one exists at every moment; the temporary file
    is removed if anything fails. With ``keep_mode`` the file gets the permissions of the
    file it replaces, or a new file's, and its folder must exist (files people save:
    exports, saved views; a mistyped folder is an error, not a new folder); else it stays
    private to its owner and its folder is made if needed (settings).
    """
    if not keep_mode:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if keep_mode:
            Path(temporary).chmod(mode_for(path))
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def atomic_write_text(path: Path, text: str, keep_mode: bool = False) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), keep_mode)
