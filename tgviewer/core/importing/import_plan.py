"""An import, from reading its source to the new bundle it makes, without Qt.

The Import wizard and ``tgviewer bundle import`` go through the same steps: guess what kind
of source it is, read it into records (listing what could not be read), classify the records
against the bundle they are added to (new, duplicate, conflict), then write a new bundle
with the conflicts settled and the import's source recorded. The bundle imported into is
never changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tgviewer.core.bundle.model import Bundle, Manifest, Record, Source
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.errors import TgviewerError
from tgviewer.core.importing.bot_answer import BotAnswer, BotTextError, answer_records
from tgviewer.core.importing.bot_answer_reader import parse_bot_text
from tgviewer.core.importing.community_dataset import MAX_SIZE, parse_community_dataset
from tgviewer.core.importing.community_dataset import SOURCE as COMMUNITY_SOURCE
from tgviewer.core.importing.merge import (
    Fate,
    Incoming,
    RecordKey,
    Resolution,
    classify,
    derived_manifest,
    figure_text,
    import_source,
    key_of,
    merged_records,
)
from tgviewer.core.library.bundle_library import Library
from tgviewer.core.user_file import FileTooLargeError, UserFileError, read_user_file


class ImportKind(Enum):
    """The kinds of source an import reads."""

    BOT_TEXT = "bot-text"
    COMMUNITY_JSON = "tek-json"
    CSV = "csv"

    @property
    def label(self) -> str:
        """How the source is named in the bundle it goes into: ``pasted bot answer``."""
        return {
            "bot-text": "pasted bot answer",
            "tek-json": "community dataset",
            "csv": "CSV file",
        }[self.value]


class SourceError(TgviewerError):
    """The source cannot be read at all; the message says what and where."""


class MissingCountryError(SourceError):
    """Some answers say "your country" and no country was given for them."""

    def __init__(self, name: str, unnamed: Sequence[BotAnswer]) -> None:
        self.name = name
        #: The answers that name no country, in the order of the text.
        self.unnamed = tuple(unnamed)
        # The message names the file and line itself: "the report on line 3" reads better
        # than a bare location.
        super().__init__(self.asking("say which country it is"))

    def asking(self, what_to_do: str) -> str:
        """The message, ending with ``what_to_do`` (the CLI names its option)."""
        first = self.unnamed[0]
        return (
            f"{self.name}: the report on line {first.header_line} ({first.label}) is "
            f"about {first.country_text!r}: {what_to_do}"
        )


def read_source_file(path: Path) -> bytes:
    """The bytes of the file to import; :class:`SourceError` if it cannot be read, is not a
    regular file (a folder, a pipe, a device), or holds more than a file of figures does.

    The size is checked on what is read (at most :data:`MAX_SIZE` and one byte more), not
    on the size the file system claims."""
    try:
        return read_user_file(path, MAX_SIZE)
    except FileTooLargeError:
        raise SourceError(
            f"larger than {MAX_SIZE >> 20} MiB; it is not a file of figures tgviewer can import",
            file=str(path),
        ) from None
    except UserFileError as exc:
        raise SourceError(exc.message, file=str(path)) from None


def guess_kind(name: str, data: bytes) -> ImportKind:
    """The kind of the source called ``name`` holding ``data``: by suffix, else by content."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "json":
        return ImportKind.COMMUNITY_JSON
    if suffix in ("csv", "tsv"):
        return ImportKind.CSV
    head = data[:4096].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return ImportKind.COMMUNITY_JSON
    first = head.split("\n", 1)[0]
    if "transparency" not in first.lower() and any(
        first.count(sep) >= 2 for sep in ("\t", ",", ";")
    ):
        return ImportKind.CSV
    return ImportKind.BOT_TEXT


def decode_text(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text; :class:`SourceError` naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"not UTF-8 text (byte {exc.start})", file=name, line=line) from None


@dataclass(frozen=True)
class SourceReading:
    """What a source gave: its records, the lines left unread and notes (Total checks)."""

    records: tuple[Record, ...]
    unread: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def read_bot_answers(
    text: str, source_id: str, country: str | None = None, name: str = "the pasted text"
) -> SourceReading:
    """The records of the bot answers in ``text``; ``country`` for "your country" answers.

    Raises
    ------
    MissingCountryError
        If an answer names no country and ``country`` is ``None``.
    SourceError
        If nothing can be read.
    """
    try:
        result = parse_bot_text(text)
    except BotTextError as exc:
        raise SourceError(exc.message, file=name) from None
    unnamed = [a for a in result.answers if a.country is None]
    if unnamed and country is None:
        raise MissingCountryError(name, unnamed)
    records = answer_records(result, country, source=source_id)
    # Totals that disagree are among the problems already; the notes say which agree.
    unread = tuple(line.describe() for line in (*result.unread, *result.problems))
    notes = tuple(t.describe() for t in result.totals_checked if t.agrees)
    return SourceReading(tuple(records), unread, notes)


def read_community_json(data: bytes, name: str) -> SourceReading:
    """The records of a community ``dataset.json``; :class:`SourceError` listing problems."""
    try:
        return SourceReading(tuple(parse_community_dataset(data, name=name)))
    except BundleError as exc:
        raise SourceError(exc.describe()) from None


def new_source(kind: ImportKind, when: dt.date, base: Bundle | None = None) -> Source:
    """The source records of ``kind`` imported on ``when`` (into ``base``) name."""
    if kind is ImportKind.COMMUNITY_JSON:
        return COMMUNITY_SOURCE
    return import_source(kind.label, when, base.manifest.sources if base else ())


@dataclass(frozen=True)
class ImportPlan:
    """Records read from a source, classified against the bundle they are added to."""

    base: Bundle
    source: Source
    origin: str
    reading: SourceReading
    classified: tuple[Incoming, ...]

    def count(self, fate: Fate) -> int:
        return sum(1 for item in self.classified if item.fate is fate)

    def of_fate(self, fate: Fate) -> list[Incoming]:
        return [item for item in self.classified if item.fate is fate]

    @property
    def changes_anything(self) -> bool:
        """Whether saving could add or change a record."""
        return any(item.fate is not Fate.DUPLICATE for item in self.classified)

    def summary(self) -> str:
        """``2 new records, 1 already in the bundle, 1 in conflict``."""
        new, same, conflict = (self.count(f) for f in (Fate.NEW, Fate.DUPLICATE, Fate.CONFLICT))
        return (
            f"{new} new record{'s' * (new != 1)}, {same} already in "
            f"{self.base.manifest.title}, {conflict} in conflict"
        )

    def manifest(self, title: str, when: dt.date) -> Manifest:
        """The manifest of the bundle this import makes."""
        known = {s.id for s in self.base.manifest.sources}
        added = [self.source] if self.source.id not in known else []
        return derived_manifest(
            self.base.manifest,
            self.base.manifest.id,
            title,
            when,
            added,
            f"{self.base.manifest.title}, with records imported from "
            f"{self.origin} ({self.source.title}).",
        )

    def records(
        self,
        resolutions: Mapping[RecordKey, Resolution] | None = None,
        default: Resolution = Resolution.KEEP_EXISTING,
    ) -> list[Record]:
        """The new bundle's records, each conflict settled by ``resolutions``, else by
        ``default`` (keep the bundle's figures)."""
        return merged_records(self.base, self.classified, resolutions, default)


def without_repeats(records: Sequence[Record]) -> tuple[list[Record], list[str]]:
    """``records`` with each country and period once, and what was left out.

    A record given again with the same figures is read once; records of one country and
    period given with different figures are all left out (the source contradicts itself,
    and tgviewer does not pick one), each said in a line.
    """
    groups: dict[RecordKey, list[Record]] = {}
    for record in records:
        groups.setdefault(key_of(record), []).append(record)
    kept, left_out = [], []
    for group in groups.values():
        first = group[0]
        if all(dict(r.values) == dict(first.values) for r in group):
            kept.append(first)
            continue
        given = "; ".join(
            ", ".join(f"{k} {figure_text(v)}" for k, v in r.values.items())
            + (f" ({r.note})" if r.note else "")
            for r in group
        )
        left_out.append(
            f"{first.country} {first.period_label} is given {len(group)} times "
            f"with different figures ({given}); all are left out: import the "
            "right one alone"
        )
    return kept, left_out


def plan_import(base: Bundle, reading: SourceReading, source: Source, origin: str) -> ImportPlan:
    """Classify what ``reading`` holds against ``base`` (a record the source repeats is
    taken once, and one it contradicts is left out, see :func:`without_repeats`)."""
    kept, left_out = without_repeats(reading.records)
    if left_out:
        reading = SourceReading(tuple(kept), (*reading.unread, *left_out), reading.notes)
    return ImportPlan(base, source, origin, reading, tuple(classify(base, kept)))


def save_import(
    library: Library,
    plan: ImportPlan,
    title: str,
    when: dt.date,
    resolutions: Mapping[RecordKey, Resolution] | None = None,
) -> Bundle:
    """Write the bundle ``plan`` makes into ``library`` as ``title``; returns it loaded."""
    return library.save(
        title, plan.manifest(title, when), plan.records(resolutions), plan.base.events
    )


def suggested_title(base: Bundle, taken: Sequence[str]) -> str:
    """``<base title> + my additions``, numbered if the library has that title already."""
    stem = base.manifest.title
    if not stem.endswith("+ my additions"):
        stem = f"{stem} + my additions"
    taken_folded = {t.casefold() for t in taken}
    title, number = stem, 1
    while title.casefold() in taken_folded:
        number += 1
        title = f"{stem} ({number})"
    return title
