"""Reading the member files of a bundle, zipped or unzipped, safely.

Only the few file names the format defines are ever read, each with a size cap, so a
hostile archive (a zip bomb, thousands of members, paths reaching outside) costs nothing.
Nothing is extracted to disk and nothing in the bundle is executed.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from tgviewer.core.bundle.model import EVENTS_FILE, MANIFEST_FILE, RECORDS_FILE
from tgviewer.core.bundle.problems import BundleError, error

#: Largest size accepted for each member; far above any real bundle.
SIZE_LIMITS = {
    MANIFEST_FILE: 1 << 20,
    RECORDS_FILE: 64 << 20,
    EVENTS_FILE: 4 << 20,
}

BUNDLE_SUFFIX = ".tgbundle"


class MemberReader(Protocol):
    """Reads a member of a bundle by name; ``None`` when the bundle has no such member."""

    def __call__(self, name: str) -> bytes | None: ...


def _too_big(name: str) -> BundleError:
    limit_mib = SIZE_LIMITS[name] >> 20
    return BundleError(
        name,
        [error(f"the file is larger than the {max(limit_mib, 1)} MiB a bundle may hold", name)],
    )


class _ZipMembers:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
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
        info = self._archive.getinfo(full)
        if info.flag_bits & 0x1:
            raise BundleError(name, [error("the file is encrypted; bundles are never", name)])
        limit = SIZE_LIMITS[name]
        if info.file_size > limit:
            raise _too_big(name)
        with self._archive.open(info) as member:
            # The declared size may lie: read at most one byte more than the limit.
            data = member.read(limit + 1)
        if len(data) > limit:
            raise _too_big(name)
        return data


class _FolderMembers:
    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def __call__(self, name: str) -> bytes | None:
        path = self._folder / name
        if not path.is_file():
            return None
        limit = SIZE_LIMITS[name]
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise _too_big(name)
        return data


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
        If the path does not exist, or is neither a folder nor a readable zip archive.
    """
    if isinstance(path, Path) and path.is_dir():
        yield _FolderMembers(path)
        return
    if isinstance(path, Path) and not path.exists():
        raise BundleError(shown, [error("no such file or folder")])
    try:
        archive = zipfile.ZipFile(io.BytesIO(path) if isinstance(path, bytes) else path)
    except zipfile.BadZipFile:
        raise BundleError(
            shown,
            [
                error(
                    "not a tgviewer bundle: the file is not a zip archive "
                    "(a .tgbundle file is a zip "
                    "holding manifest.json and records.csv) nor a folder"
                )
            ],
        ) from None
    except OSError as exc:
        raise BundleError(shown, [error(f"cannot be read: {exc.strerror or exc}")]) from None
    with archive:
        try:
            yield _ZipMembers(archive)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            EOFError,
            zlib.error,
            NotImplementedError,
        ) as exc:
            raise BundleError(shown, [error(f"the zip archive is damaged: {exc}")]) from None
