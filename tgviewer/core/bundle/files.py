"""Reading the member files of a bundle, zipped or unzipped, safely.

Only the few file names the format defines are ever read, each with a size cap, so a
hostile archive (a zip bomb, thousands of members) costs nothing. The bundle file and a
folder's members are opened through :mod:`tgviewer.core.user_file` (regular files only, so
a pipe or a device is refused without blocking; no symbolic link inside a folder is
followed). An archive whose member names reach outside it (absolute, ``..``, backslashes)
or repeat a name is refused whole, and whatever a damaged archive makes :mod:`zipfile`
raise becomes a :class:`BundleError` naming the bundle and the member. Nothing is
extracted to disk and nothing in the bundle is executed.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Protocol

from tgviewer.core.bundle.model import EVENTS_FILE, MANIFEST_FILE, RECORDS_FILE
from tgviewer.core.bundle.problems import BundleError, Problem, error
from tgviewer.core.user_file import (
    FileTooLargeError,
    MissingFileError,
    UserFileError,
    open_user_file,
    read_user_file,
)

#: Largest size accepted for each member; far above any real bundle.
SIZE_LIMITS = {
    MANIFEST_FILE: 1 << 20,
    RECORDS_FILE: 64 << 20,
    EVENTS_FILE: 4 << 20,
}

BUNDLE_SUFFIX = ".tgbundle"

#: What :mod:`zipfile` (and what it reads through) raises for a damaged or unusual archive:
#: a table of contents pointing outside the file (ValueError, OSError), names that are not
#: the UTF-8 they claim (UnicodeDecodeError, a ValueError), unknown versions or compression
#: (NotImplementedError), encryption (RuntimeError), truncated or corrupt data.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    EOFError,
    OSError,
)

NOT_A_ZIP = (
    "not a tgviewer bundle: the file is not a zip archive (a .tgbundle file is a zip "
    "holding manifest.json and records.csv) nor a folder"
)

_DRIVE = re.compile(r"^[A-Za-z]:")


class MemberReader(Protocol):
    """Reads a member of a bundle by name; ``None`` when the bundle has no such member."""

    def __call__(self, name: str) -> bytes | None: ...


def _too_big(shown: str, name: str) -> BundleError:
    limit_mib = SIZE_LIMITS[name] >> 20
    return BundleError(
        shown,
        [error(f"the file is larger than the {max(limit_mib, 1)} MiB a bundle may hold", name)],
    )


def zip_problem(exc: BaseException) -> str:
    """What a :data:`ZIP_ERRORS` exception means, in plain words."""
    if isinstance(exc, UnicodeDecodeError):
        return "the zip archive is damaged: a file name in it is not the UTF-8 text it claims"
    if isinstance(exc, NotImplementedError):
        return (
            f"the zip archive uses a feature tgviewer cannot read ({exc}); a .tgbundle is "
            "a plain zip, stored or deflated"
        )
    if isinstance(exc, RuntimeError) and "encrypt" in str(exc).lower():
        return "the file is encrypted; bundles never are"
    if isinstance(exc, ValueError | OSError) and not isinstance(exc, zipfile.BadZipFile):
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return f"the zip archive is damaged: its table of contents is wrong ({reason})"
    return f"the zip archive is damaged: {exc}"


def name_problems(names: list[str]) -> list[Problem]:
    """Member names no bundle has: absolute, reaching out with ``..``, with backslashes,
    or given twice (a reader could take either)."""
    problems, seen = [], set()
    for name in names:
        if "\\" in name:
            problems.append(error("a file name in the archive holds a backslash", name))
        elif name.startswith("/") or _DRIVE.match(name):
            problems.append(error("a file name in the archive is an absolute path", name))
        elif ".." in name.split("/"):
            problems.append(error("a file name in the archive reaches outside it (..)", name))
        if name in seen:
            problems.append(error("the archive holds two files of this name", name))
        seen.add(name)
    return problems


class _ZipMembers:
    def __init__(self, archive: zipfile.ZipFile, shown: str) -> None:
        self._archive = archive
        self._shown = shown
        # The names as stored: zipfile turns backslashes into slashes on Windows.
        problems = name_problems([info.orig_filename for info in archive.infolist()])
        if problems:
            raise BundleError(shown, problems)
        names = set(archive.namelist())
        self._prefix = ""
        if MANIFEST_FILE not in names:
            # Accept a zipped folder: a single top-level folder holding the bundle.
            nested = [n for n in names if n.count("/") == 1 and n.endswith("/" + MANIFEST_FILE)]
            if len(nested) == 1:
                self._prefix = nested[0][: -len(MANIFEST_FILE)]
        self._names = names

    def __call__(self, name: str) -> bytes | None:
        full = self._prefix + name
        if full not in self._names:
            return None
        try:
            return self._read(full, name)
        except ZIP_ERRORS as exc:
            raise BundleError(self._shown, [error(zip_problem(exc), name)]) from None

    def _read(self, full: str, name: str) -> bytes:
        info = self._archive.getinfo(full)
        if info.flag_bits & 0x1:
            raise BundleError(
                self._shown, [error("the file is encrypted; bundles never are", name)]
            )
        limit = SIZE_LIMITS[name]
        if info.file_size > limit:
            raise _too_big(self._shown, name)
        with self._archive.open(info) as member:
            # The declared size may lie: read at most one byte more than the limit.
            data = member.read(limit + 1)
        if len(data) > limit:
            raise _too_big(self._shown, name)
        return data


class _FolderMembers:
    def __init__(self, folder: Path, shown: str) -> None:
        self._folder = folder
        self._shown = shown

    def __call__(self, name: str) -> bytes | None:
        try:
            # No link is followed: a records.csv linked to a file elsewhere is refused.
            return read_user_file(
                self._folder / name, SIZE_LIMITS[name], shown=name, follow_links=False
            )
        except MissingFileError:
            return None
        except FileTooLargeError:
            raise _too_big(self._shown, name) from None
        except UserFileError as exc:
            raise BundleError(self._shown, [error(exc.message, name)]) from None


@contextmanager
def open_members(path: Path | bytes, shown: str) -> Iterator[MemberReader]:
    """Open a bundle for reading its members.

    Parameters
    ----------
    path
        A ``.tgbundle`` zip file or a folder, or the bytes of a ``.tgbundle`` file.
    shown
        How to name the bundle in messages.

    Raises
    ------
    BundleError
        If the path does not exist, is neither a folder nor a readable zip archive (a pipe,
        a device), or the archive is damaged or holds names no bundle has; reading a member
        raises it too, naming the member.
    """
    if isinstance(path, Path) and path.is_dir():
        yield _FolderMembers(path, shown)
        return
    with ExitStack() as stack:
        try:
            stream = (
                io.BytesIO(path)
                if isinstance(path, bytes)
                else stack.enter_context(open_user_file(path, shown=shown))
            )
            archive = stack.enter_context(zipfile.ZipFile(stream))
        except MissingFileError:
            raise BundleError(shown, [error("no such file or folder")]) from None
        except UserFileError as exc:
            raise BundleError(shown, [error(exc.message)]) from None
        except zipfile.BadZipFile:
            raise BundleError(shown, [error(NOT_A_ZIP)]) from None
        except ZIP_ERRORS as exc:
            raise BundleError(shown, [error(zip_problem(exc))]) from None
        yield _ZipMembers(archive, shown)
