"""The bundle library: the user's own bundles, kept as ``.tgbundle`` files in one folder.

Imports never change the bundle they start from: they write a new bundle ("Default + my
additions") into the library, with the import's source recorded in its manifest. Every
write is atomic and checked (a bundle that would not load is never written); deleting,
renaming and overwriting only ever touch files inside the library folder, never a file the
user opened from elsewhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tgviewer.core.atomic import atomic_write_bytes, remove_leftovers
from tgviewer.core.bundle.files import BUNDLE_SUFFIX
from tgviewer.core.bundle.model import Bundle, Event, Manifest, Record
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.bundle.writer import bundle_bytes
from tgviewer.core.errors import TgviewerError
from tgviewer.core.importing.merge import Fate, Incoming, Resolution, classify, merged_records
from tgviewer.paths import data_dir

#: The library's folder inside the data folder.
FOLDER_NAME = "bundles"
MAX_TITLE = 120


class LibraryError(TgviewerError):
    """A library operation could not be done; the message says what and why."""


def default_library_folder() -> Path:
    """Where the library lives on this machine."""
    return data_dir() / FOLDER_NAME


def slug(title: str) -> str:
    """A file-system-safe, readable name for ``title``: ``default-my-additions``."""
    text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return text[:60].strip("-") or "bundle"


def clean_title(title: str) -> str:
    """``title`` on one line, trimmed; :class:`LibraryError` if nothing is left or too long."""
    text = " ".join(title.split())
    if not text:
        raise LibraryError("give the bundle a name")
    if len(text) > MAX_TITLE:
        raise LibraryError(f"the name is longer than {MAX_TITLE} characters")
    return text


@dataclass(frozen=True)
class LibraryEntry:
    """A bundle in the library, as the Library dialog lists it.

    ``bundle`` is ``None`` when the file could not be read; ``problem`` says why.
    """

    path: Path
    size: int
    bundle: Bundle | None = None
    problem: str = ""

    @property
    def title(self) -> str:
        return self.bundle.manifest.title if self.bundle else self.path.name

    @property
    def as_of(self) -> dt.date | None:
        return self.bundle.manifest.as_of if self.bundle else None

    @property
    def record_count(self) -> int:
        return len(self.bundle.records) if self.bundle else 0

    @property
    def country_count(self) -> int:
        return len(self.bundle.countries) if self.bundle else 0


@dataclass(frozen=True)
class MergeResult:
    """A bundle made by merging, and what became of each record of the second bundle."""

    bundle: Bundle
    classified: tuple[Incoming, ...]

    @property
    def path(self) -> Path:
        """Where the merged bundle was written."""
        return Path(self.bundle.location)

    def count(self, fate: Fate) -> int:
        return sum(1 for item in self.classified if item.fate is fate)


class Library:
    """The bundles in ``folder`` (made when the first bundle is saved)."""

    def __init__(self, folder: Path | None = None) -> None:
        # Resolved, so that its files have the spelling the window gives opened files.
        self.folder = (folder or default_library_folder()).resolve()

    def contains(self, path: Path | str) -> bool:
        """Whether ``path`` is a bundle file of this library."""
        try:
            resolved = Path(path).resolve()
        except (OSError, RuntimeError):
            return False
        return resolved.parent == self.folder.resolve() and resolved.suffix == BUNDLE_SUFFIX

    def entries(self) -> list[LibraryEntry]:
        """Every bundle in the library, by title; unreadable files are listed with why."""
        try:
            if not self.folder.is_dir():
                return []
            paths = sorted(p for p in self.folder.glob(f"*{BUNDLE_SUFFIX}") if p.is_file())
        except OSError as exc:
            return [
                LibraryEntry(
                    self.folder,
                    0,
                    problem=f"the library folder cannot be read: {exc.strerror or exc}",
                )
            ]
        # Listing the library is where it starts: writes killed midway leave nothing.
        remove_leftovers(self.folder)
        found = []
        for path in paths:
            size = 0
            try:
                size = path.stat().st_size
                found.append(LibraryEntry(path, size, read_bundle(path)))
            except BundleError as exc:
                found.append(LibraryEntry(path, size, problem=exc.describe(limit=3)))
            except OSError as exc:
                found.append(LibraryEntry(path, size, problem=f"cannot be read: {exc.strerror}"))
        return sorted(found, key=lambda e: (e.title.casefold(), e.path.name))

    def free_path(self, title: str) -> Path:
        """A file name for a new bundle called ``title`` that no bundle uses yet."""
        base = slug(title)
        path, number = self.folder / f"{base}{BUNDLE_SUFFIX}", 1
        while path.exists():
            number += 1
            path = self.folder / f"{base}-{number}{BUNDLE_SUFFIX}"
        return path

    def save(
        self,
        title: str,
        manifest: Manifest,
        records: Sequence[Record],
        events: Sequence[Event] = (),
        path: Path | None = None,
    ) -> Bundle:
        """Write a new bundle called ``title`` into the library and return it as loaded.

        ``path`` replaces that library file instead of making a new one.

        Raises
        ------
        LibraryError
            If the name is empty, or the file cannot be written.
        BundleError
            If the bundle would not load (then nothing is written).
        """
        title = clean_title(title)
        path = path or self.free_path(title)
        manifest = dataclasses.replace(manifest, title=title, id=path.stem)
        data = bundle_bytes(manifest, records, events)
        bundle = read_bundle(data, location=str(path))
        self._write(path, data)
        return bundle

    def _write(self, path: Path, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            remove_leftovers(self.folder)
            atomic_write_bytes(path, data)
        except OSError as exc:
            raise LibraryError(f"{path} could not be written: {exc.strerror or exc}") from None

    def _own(self, path: Path) -> Bundle:
        """The library's bundle at ``path``; :class:`LibraryError` for any other file."""
        if not self.contains(path):
            raise LibraryError(f"{path} is not a bundle of the library in {self.folder}")
        return read_bundle(path)

    def rename(self, path: Path, title: str) -> Bundle:
        """Give the library's bundle at ``path`` a new title (and a file name to match)."""
        bundle = self._own(path)
        if slug(clean_title(title)) == slug(path.stem):
            return self.save(title, bundle.manifest, bundle.records, bundle.events, path)
        saved = self.save(title, bundle.manifest, bundle.records, bundle.events)
        self.delete(path)
        return saved

    def duplicate(self, path: Path, title: str | None = None) -> Bundle:
        """A copy of the library's bundle at ``path``, titled ``title`` or "... (copy)"."""
        bundle = read_bundle(path)
        return self.save(
            title or f"{bundle.manifest.title} (copy)",
            bundle.manifest,
            bundle.records,
            bundle.events,
        )

    def delete(self, path: Path) -> None:
        """Remove the library's bundle at ``path`` (never a file outside the library)."""
        if not self.contains(path):
            raise LibraryError(f"{path} is not a bundle of the library in {self.folder}")
        try:
            Path(path).unlink()
        except OSError as exc:
            raise LibraryError(f"{path} could not be deleted: {exc.strerror or exc}") from None

    def merge(
        self,
        first: Bundle,
        second: Bundle,
        title: str,
        default: Resolution = Resolution.KEEP_EXISTING,
    ) -> MergeResult:
        """A new library bundle with ``first``'s records and those ``second`` adds.

        Records of ``second`` that ``first`` lacks are added; those it has with other figures
        are settled by ``default`` (keep ``first``'s, or take ``second``'s). Sources, measures
        and events are the union of both.
        """
        classified = classify(first, second.records)
        known = {s.id for s in first.manifest.sources}
        measures = {m.key for m in first.manifest.measures}
        manifest = dataclasses.replace(
            first.manifest,
            as_of=max(first.manifest.as_of, second.manifest.as_of),
            description=f"{first.manifest.title} merged with {second.manifest.title}.",
            sources=(
                *first.manifest.sources,
                *(s for s in second.manifest.sources if s.id not in known),
            ),
            measures=(
                *first.manifest.measures,
                *(m for m in second.manifest.measures if m.key not in measures),
            ),
        )
        events = (
            *first.events,
            *(
                e
                for e in second.events
                if (e.date, e.title) not in {(f.date, f.title) for f in first.events}
            ),
        )
        bundle = self.save(
            title,
            manifest,
            merged_records(first, classified, default=default),
            [dataclasses.replace(e, line=0) for e in events],
        )
        return MergeResult(bundle, tuple(classified))


def export_bundle(path: Path | str, target: Path | str) -> None:
    """Copy the bundle at ``path`` to ``target`` as a ``.tgbundle`` file, atomically.

    The copy is checked to load first; ``target`` must not be the bundle itself.
    """
    source, destination = Path(path), Path(target)
    if destination.exists() and destination.resolve() == source.resolve():
        raise LibraryError("the bundle cannot be exported onto itself; choose another file")
    bundle = read_bundle(source)
    data = bundle_bytes(bundle.manifest, bundle.records, bundle.events)
    try:
        atomic_write_bytes(destination, data, keep_mode=True)
    except OSError as exc:
        raise LibraryError(f"{destination} could not be written: {exc.strerror or exc}") from None
