"""Writing files so that a crash or a full disk never leaves a half-written file behind.

A write goes to a temporary file beside its target, ``.NAME.XXXXXXXX.tmp``, renamed over
the target once complete. A write killed before the rename leaves that temporary file
behind; the next write beside the target (and :func:`remove_leftovers`, called at start for
the settings' and the library's folders) removes such leftovers of tgviewer's own naming,
never one another write is still filling (it holds a lock on it while writing) and never
any other file. Every failure is an :class:`OSError` naming the target, not the
temporary file.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

#: The temporary files of :func:`atomic_write_bytes`: ``.NAME.`` + mkstemp's 8 characters.
LEFTOVER = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
#: A leftover younger than this is left alone: its write may have only just begun.
LEFTOVER_GRACE_SECONDS = 5.0


def mode_for(target: Path) -> int:
    """The permissions a file written at ``target`` should get: those of the file it
    replaces, else what a new file gets (temporary files are private to their owner)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


if sys.platform == "win32":

    def _lock(descriptor: int) -> bool:
        """Windows cannot remove an open file: there is no need for a lock."""
        return True

else:
    import fcntl

    def _lock(descriptor: int) -> bool:
        """Take the write lock on an open temporary file; whether it was free."""
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def _remove_if_abandoned(path: Path, now: float) -> bool:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        status = os.fstat(descriptor)
        if not path.is_file() or now - status.st_mtime < LEFTOVER_GRACE_SECONDS:
            return False
        if not _lock(descriptor):
            return False  # another write is filling it
        path.unlink()
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)


def remove_leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files writes killed before their end left in ``folder``.

    Parameters
    ----------
    folder
        Where to look.
    name
        Only the leftovers of writes to the file of this name; all of them if ``None``.

    Returns
    -------
    list of Path
        The files removed. Nothing is ever raised: a leftover that cannot be removed is
        left for the next time.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = LEFTOVER.match(entry.name)
        if match is None or (name is not None and match["name"] != name):
            continue
        path = Path(entry.path)
        if _remove_if_abandoned(path, now):
            removed.append(path)
    return removed


def _naming_target(exc: OSError, path: Path) -> OSError:
    """``exc`` saying ``path`` (the target) instead of a temporary file, or nothing."""
    if exc.errno is None:
        return OSError(None, str(exc.strerror or exc), str(path))
    return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(path))


def atomic_write_bytes(path: Path, data: bytes, keep_mode: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Either the old file or the complete new one exists at every moment; the temporary file
    is removed if anything fails, and those earlier writes to ``path`` left behind are
    removed first (see :func:`remove_leftovers`). With ``keep_mode`` the file gets the
    permissions of the file it replaces, or a new file's, and its folder must exist
    (files people save: exports, saved views; a mistyped folder is an error, not a new
    folder); else it stays private to its owner and its folder is made if needed
    (settings).

    Raises
    ------
    OSError
        Of the kind that happened (no space left, permission denied), whose ``filename``
        is ``path``.
    """
    atomic_write_files({path: data}, keep_mode)


def atomic_write_files(files: Mapping[Path, bytes], keep_mode: bool = False) -> None:
    """Write several files that belong together (a CSV and its metadata) atomically.

    Every file is written in full to its temporary file first; only when all are complete
    are they renamed over their targets, one after the other. A failure while writing
    (no space left) leaves every target as it was. See :func:`atomic_write_bytes` for
    ``keep_mode``.

    Raises
    ------
    OSError
        Of the kind that happened, whose ``filename`` is the target concerned.
    """
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            written.append((path, _write_temporary(path, data, keep_mode)))
        for path, temporary in written:
            try:
                temporary.replace(path)
            except OSError as exc:
                raise _naming_target(exc, path) from None
    finally:
        for _, temporary in written:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _write_temporary(path: Path, data: bytes, keep_mode: bool) -> Path:
    """``data`` written and synced to a temporary file beside ``path``; its path."""
    try:
        if not keep_mode:
            path.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(path.parent, path.name)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise _naming_target(exc, path) from None
    try:
        # Held until the file is closed, so no clean-up removes it meanwhile; after that,
        # its age protects it (LEFTOVER_GRACE_SECONDS) until it is renamed.
        _lock(handle)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if keep_mode:
            Path(temporary).chmod(mode_for(path))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(exc, OSError):
            raise _naming_target(exc, path) from None
        raise
    return Path(temporary)


def atomic_write_text(path: Path, text: str, keep_mode: bool = False) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), keep_mode)
