"""Saved views: a ViewState in a small JSON file (``.tgview``) that names its bundle.

A saved view can be reopened later, mailed to a colleague, put in a slide playlist or
rendered by ``tgviewer render``. It names the bundle it was made with by id, title and
checksum, so opening it on other data never passes silently: :func:`bundle_match` says
whether the bundle open is the same one, another version of it, or another bundle.

The file::

    {"format": "tgviewer-view", "format_version": 1,
     "bundle": {"id": "...", "title": "...", "checksum": "...", "as_of": "2026-05-30"},
     "state": { ...ViewState.to_dict()... }}
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any

from tgviewer.core.atomic import atomic_write_text
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle, read_default_bundle
from tgviewer.core.errors import TgviewerError, quoted
from tgviewer.core.json_file import JsonFileError, json_kind, read_json_object
from tgviewer.core.state.view_state import ViewState, fit_to_bundle, measures_of
from tgviewer.core.user_file import UserFileError

#: Suffix of saved view files.
SUFFIX = ".tgview"
#: What the ``format`` field of a saved view says.
FORMAT_NAME = "tgviewer-view"
#: Version of the layout written; a newer one is refused with a clear message.
FORMAT_VERSION = 1
#: Saved views are a few hundred bytes; anything larger than this is not one.
MAX_VIEW_BYTES = 256_000


class ViewFileError(TgviewerError):
    """A saved view that cannot be read or written; the message says what and where."""


class BundleMatch(Enum):
    """How the bundle open relates to the bundle a view was saved with."""

    SAME = "same"
    OTHER_VERSION = "other_version"  # the same id, other content (a newer download)
    OTHER = "other"


@dataclass(frozen=True)
class BundleRef:
    """The bundle a view was made with."""

    id: str
    title: str
    checksum: str
    as_of: str = ""

    @classmethod
    def of(cls, bundle: Bundle) -> BundleRef:
        """The reference to ``bundle``."""
        manifest = bundle.manifest
        return cls(manifest.id, manifest.title, bundle.checksum, manifest.as_of.isoformat())

    def describe(self) -> str:
        """``Telegram disclosures to authorities (as of 2026-05-30, checksum c7ba31e3…)``."""
        details = [f"as of {self.as_of}"] if self.as_of else []
        if self.checksum:
            details.append(f"checksum {self.checksum[:8]}…")
        return f"{self.title or self.id}" + (f" ({', '.join(details)})" if details else "")


@dataclass(frozen=True)
class SavedView:
    """A view and the bundle it was made with."""

    state: ViewState
    bundle: BundleRef

    def to_dict(self) -> dict[str, Any]:
        """The JSON document written."""
        return {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "bundle": {
                "id": self.bundle.id,
                "title": self.bundle.title,
                "checksum": self.bundle.checksum,
                "as_of": self.bundle.as_of,
            },
            "state": self.state.to_dict(),
        }


def bundle_match(saved: SavedView, bundle: Bundle) -> BundleMatch:
    """Whether ``bundle`` is the one ``saved`` was made with."""
    if saved.bundle.checksum and saved.bundle.checksum == bundle.checksum:
        return BundleMatch.SAME
    if saved.bundle.id == bundle.manifest.id:
        return BundleMatch.OTHER_VERSION
    return BundleMatch.OTHER


class ViewNotApplicableError(TgviewerError):
    """Nothing of a saved view applies to a bundle; the message says so."""


def adapt_view(saved: SavedView, bundle: Bundle, name: str) -> tuple[ViewState, list[str]]:
    """``saved``'s state fitted to ``bundle`` (unchanged on its own bundle), and the codes
    of the countries left out because ``bundle`` lacks them.

    Raises
    ------
    ViewNotApplicableError
        When its measure or service is not one of ``bundle``'s (the field is named: a view
        naming ``userz`` must not draw an empty chart titled ``userz``), or none of its
        countries, or none of its range, is in ``bundle`` (``name``, the view file's name,
        begins the message).
    """
    state = saved.state
    title = bundle.manifest.title or bundle.manifest.id
    for field, value, known in (
        ("measure", state.measure, measures_of(bundle)),
        ("service", state.service, tuple(bundle.services)),
    ):
        if value not in known:
            raise ViewNotApplicableError(
                f"{quoted(value)} is not a {field} of {title}; it has {', '.join(known) or 'none'}",
                file=name,
                field=f"state.{field}",
            )
    if bundle_match(saved, bundle) is BundleMatch.SAME:
        return state, []
    fitted = fit_to_bundle(state, bundle)
    if fitted is None:
        raise ViewNotApplicableError(
            f"none of its countries, or none of its range "
            f"({state.span.label}), is in {bundle.manifest.title}",
            file=name,
        )
    return fitted, sorted(set(state.countries) - set(fitted.countries))


def find_bundle(reference: BundleRef, recent: Sequence[str] = ()) -> Bundle | None:
    """The bundle ``reference`` names, when it is at hand: the embedded default or one of
    the ``recent`` bundle files with the same checksum; ``None`` otherwise."""
    if not reference.checksum:
        return None
    readers: list[Callable[[], Bundle]] = [read_default_bundle]
    readers += [partial(read_bundle, path) for path in recent if Path(path).is_file()]
    for reader in readers:
        with contextlib.suppress(BundleError, OSError):
            bundle = reader()
            if bundle.checksum == reference.checksum:
                return bundle
    return None


def write_view(path: str | Path, saved: SavedView) -> None:
    """Write ``saved`` to ``path`` atomically.

    Raises
    ------
    ViewFileError
        If the file cannot be written (the previous file, if any, is left as it was).
    """
    target = Path(path)
    text = json.dumps(saved.to_dict(), indent=2, ensure_ascii=False) + "\n"
    try:
        atomic_write_text(target, text, keep_mode=True)
    except OSError as exc:
        raise ViewFileError(f"cannot write here: {exc.strerror or exc}", file=str(target)) from None


def read_view(path: str | Path) -> SavedView:
    """Read the saved view at ``path``.

    Raises
    ------
    ViewFileError
        Saying what is wrong and where: the file cannot be read, is not a saved view, comes
        from a newer tgviewer, or a field cannot be read (named).
    """
    source = Path(path)
    try:
        document = read_json_object(source, MAX_VIEW_BYTES)
    except UserFileError as exc:  # missing, a folder, a pipe, a device, unreadable
        raise ViewFileError(exc.message, file=str(source)) from None
    except JsonFileError as exc:
        raise ViewFileError(
            f"{exc.message}; not a saved view", file=exc.file, line=exc.line, column=exc.column
        ) from None
    name = source.name
    if document.get("format") != FORMAT_NAME:
        raise ViewFileError(
            f"not a tgviewer saved view (field 'format' should be {FORMAT_NAME!r})", file=name
        )
    version = document.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ViewFileError(
            f"expected a whole number, found {json_kind(version)}",
            file=name,
            field="format_version",
        )
    if version > FORMAT_VERSION:
        raise ViewFileError(
            f"saved by a newer tgviewer (format {version}; this one reads "
            f"{FORMAT_VERSION}); update tgviewer to open it",
            file=name,
        )
    reference = document.get("bundle")
    if not isinstance(reference, dict):
        raise ViewFileError(
            f"expected an object, found {json_kind(reference)}", file=name, field="bundle"
        )
    texts = {}
    for key in ("id", "title", "checksum", "as_of"):
        value = reference.get(key, "")
        if not isinstance(value, str):
            raise ViewFileError(
                f"expected text, found {json_kind(value)}", file=name, field=f"bundle.{key}"
            )
        texts[key] = value
    if not texts["id"]:
        raise ViewFileError("missing", file=name, field="bundle.id")
    state = document.get("state")
    if not isinstance(state, dict):
        raise ViewFileError(
            f"expected an object, found {json_kind(state)}", file=name, field="state"
        )
    try:
        view_state = ViewState.from_dict(state)
    except (ValueError, TypeError) as exc:
        # from_dict says "field 'measure': ..."; the field is named in the error's own place.
        named = re.fullmatch(r"field '(\w+)': (.*)", str(exc), re.DOTALL)
        if named is None:
            raise ViewFileError(str(exc), file=name, field="state") from None
        raise ViewFileError(named[2], file=name, field=f"state.{named[1]}") from None
    return SavedView(view_state, BundleRef(**texts))
