"""Opening a file a person gave tgviewer, refusing in time whatever is not a plain file.

Every reader of a user's file (bundles zipped or unzipped, saved views, settings, the
community dataset, CSV tables, bot answers) opens it here, so a hostile path costs nothing:

- only regular files are opened: a named pipe (FIFO), a device (``/dev/zero``), a socket or
  a folder is refused, without blocking (the file is checked before it is opened, opened
  with ``O_NONBLOCK``, and checked again on the open handle, so a swap in between is
  caught too);
- :func:`read_user_file` caps the size on what is actually read (at most ``limit + 1``
  bytes), never on the size the file system claims, which is 0 for ``/proc`` files;
- with ``follow_links=False`` a symbolic link is refused (the members of a bundle folder,
  which must not reach outside it).

Every refusal is a :class:`UserFileError` naming the file and saying what is wrong in plain
words. This module is Qt-free and imports only :mod:`tgviewer.core.errors`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tgviewer.core.errors import TgviewerError

# Absent on Windows, where a pipe or a device cannot be named by a path anyway.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0) | _NONBLOCK


class UserFileError(TgviewerError):
    """A file a person gave cannot be read; ``file`` names it, the message says why."""


class MissingFileError(UserFileError):
    """There is no file at the path given."""


class FileTooLargeError(UserFileError):
    """The file holds more than the reader accepts."""


def size_text(limit: int) -> str:
    """``64 MiB`` or ``256,000 bytes``: a size limit in words."""
    if limit >= 1 << 20 and limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    return f"{limit:,} bytes"


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file; tgviewer reads only regular files"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file; tgviewer reads only regular files"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file; tgviewer reads only regular files"
    if stat.S_ISLNK(mode):
        return "a symbolic link; it is not followed here"
    return "not a regular file; tgviewer reads only regular files"


def _reason(exc: OSError) -> str:
    return str(exc.strerror or exc)


def _refuse_os_error(exc: OSError, shown: str, follow_links: bool) -> UserFileError:
    if isinstance(exc, FileNotFoundError):
        return MissingFileError("no such file", file=shown)
    if isinstance(exc, IsADirectoryError):
        return UserFileError("a folder, not a file", file=shown)
    if not follow_links and exc.errno in (getattr(os, "ELOOP", -1), getattr(os, "EMLINK", -1)):
        # O_NOFOLLOW met a symbolic link (ELOOP; EMLINK on FreeBSD).
        return UserFileError(kind_of(stat.S_IFLNK) or "", file=shown)
    return UserFileError(f"cannot be read: {_reason(exc)}", file=shown)


@contextmanager
def open_user_file(
    path: Path, *, shown: str | None = None, follow_links: bool = True
) -> Iterator[BinaryIO]:
    """Open the regular file at ``path`` for reading bytes, refusing anything else.

    Parameters
    ----------
    path
        The file.
    shown
        How to name the file in messages; defaults to ``path``.
    follow_links
        Whether a symbolic link is followed; if not, a link is refused.

    Raises
    ------
    MissingFileError
        If nothing is at ``path``.
    UserFileError
        If ``path`` is not a regular file (a folder, a pipe, a device, a socket, or a link
        when ``follow_links`` is false), or cannot be opened.
    """
    name = str(path) if shown is None else shown
    try:
        # Checked before opening: opening a device can have effects of its own.
        status = path.stat() if follow_links else path.lstat()
    except OSError as exc:
        raise _refuse_os_error(exc, name, follow_links) from None
    except ValueError:  # a NUL character, or a name the file system cannot encode
        raise UserFileError("not a name a file can have", file=name) from None
    refusal = kind_of(status.st_mode)
    if refusal is not None:
        raise UserFileError(refusal, file=name)
    try:
        descriptor = os.open(path, _OPEN_FLAGS | (0 if follow_links else _NOFOLLOW))
    except OSError as exc:
        raise _refuse_os_error(exc, name, follow_links) from None
    try:
        # Checked again on what was opened: the path may have been swapped meanwhile.
        refusal = kind_of(os.fstat(descriptor).st_mode)
    except OSError as exc:
        os.close(descriptor)
        raise _refuse_os_error(exc, name, follow_links) from None
    if refusal is not None:
        os.close(descriptor)
        raise UserFileError(refusal, file=name)
    with os.fdopen(descriptor, "rb") as stream:
        yield stream


def read_limited(stream: BinaryIO, limit: int, shown: str) -> bytes:
    """At most ``limit`` bytes of ``stream``; :class:`FileTooLargeError` if it holds more."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise UserFileError(f"cannot be read: {_reason(exc)}", file=shown) from None
    if len(data) > limit:
        raise FileTooLargeError(f"larger than {size_text(limit)}", file=shown)
    return data


def read_user_file(
    path: Path, limit: int, *, shown: str | None = None, follow_links: bool = True
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Parameters
    ----------
    path, shown, follow_links
        As for :func:`open_user_file`.
    limit
        The most bytes accepted; the file is read up to one byte more, whatever size the
        file system gives it.

    Raises
    ------
    MissingFileError, UserFileError
        As :func:`open_user_file`, or if reading fails.
    FileTooLargeError
        If the file holds more than ``limit`` bytes.
    """
    name = str(path) if shown is None else shown
    with open_user_file(path, shown=name, follow_links=follow_links) as stream:
        return read_limited(stream, limit, name)
