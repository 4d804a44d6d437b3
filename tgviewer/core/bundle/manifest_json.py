"""``manifest.json``: reading it with precise messages, and writing it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from tgviewer.core.bundle.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_FILE,
    Manifest,
    Measure,
    Source,
)
from tgviewer.core.bundle.problems import Problem, error, error_of, errors_in, warning
from tgviewer.core.numbers import LongNumber, loads
from tgviewer.core.periods.dates import DateError, parse_date

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
MEASURE_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
RESERVED_COLUMNS = frozenset({"country", "start", "end", "service", "source", "note"})

T = TypeVar("T")


def _found(value: object) -> str:
    """What a field holds instead of what was expected: ``str '12'``, ``a number 5,000
    digits long`` (see :mod:`tgviewer.core.numbers`)."""
    if isinstance(value, LongNumber):
        return repr(value)
    return f"{type(value).__name__} {value!r:.40}"


class _Reader:
    """Walks a decoded JSON document, recording a problem for each bad field."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(error(message, MANIFEST_FILE, field=path))

    def text(self, obj: dict[str, Any], key: str, path: str, required: bool = True) -> str:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(path, "this field is missing; expected text")
            return ""
        if not isinstance(value, str):
            self.fail(path, f"expected text, found {_found(value)}")
            return ""
        if required and not value.strip():
            self.fail(path, "this field is empty; expected text")
        return value

    def date(self, obj: dict[str, Any], key: str, path: str, required: bool = True) -> Any:
        text = self.text(obj, key, path, required)
        if not text:
            return None
        try:
            return parse_date(text, file=MANIFEST_FILE, field=path)
        except DateError as exc:
            self.problems.append(error_of(exc))
            return None

    def items(
        self, obj: dict[str, Any], key: str, path: str, parse: Callable[[dict[str, Any], str], T]
    ) -> list[T]:
        value = obj.get(key)
        if not isinstance(value, list):
            self.fail(
                path,
                "expected a list"
                if value is not None
                else "this field is missing; expected a list",
            )
            return []
        parsed = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if not isinstance(item, dict):
                self.fail(item_path, "expected an object with named fields")
                continue
            parsed.append(parse(item, item_path))
        return parsed


def parse_manifest(data: bytes) -> tuple[Manifest | None, dict[str, str], list[Problem]]:
    """Read ``manifest.json``.

    Returns
    -------
    manifest
        The manifest, or ``None`` when it has errors.
    checksums
        SHA-256 (lower-case hex) of each file the manifest lists, by file name.
    problems
        Errors and warnings, each naming the field.
    """
    try:
        document = loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, {}, [error("the file is not UTF-8 text", MANIFEST_FILE, line)]
    except json.JSONDecodeError as exc:
        return (
            None,
            {},
            [error(f"malformed JSON: {exc.msg} (column {exc.colno})", MANIFEST_FILE, exc.lineno)],
        )
    except RecursionError:
        return None, {}, [error("the JSON is nested too deeply to be a manifest", MANIFEST_FILE)]
    if not isinstance(document, dict):
        return None, {}, [error("expected a JSON object at the top level", MANIFEST_FILE)]

    reader = _Reader()
    if document.get("format", FORMAT_NAME) != FORMAT_NAME:
        reader.fail("format", f"expected {FORMAT_NAME!r}, found {document.get('format')!r}")
    version = document.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        reader.fail(
            "format_version", f"expected the whole number {FORMAT_VERSION}, found {version!r:.40}"
        )
        return None, {}, reader.problems
    if version != FORMAT_VERSION:
        reader.fail(
            "format_version",
            f"format version {version} is not supported; this "
            f"tgviewer reads version {FORMAT_VERSION} (a newer tgviewer may read it)",
        )
        return None, {}, reader.problems

    bundle_id = reader.text(document, "id", "id")
    if bundle_id and not ID_PATTERN.match(bundle_id):
        reader.fail(
            "id",
            f"{bundle_id!r} is not a valid id; expected lower-case letters, "
            "digits, '.', '_' or '-', such as 'telegram-2026-05'",
        )

    def source(item: dict[str, Any], path: str) -> Source:
        return Source(
            id=reader.text(item, "id", f"{path}.id"),
            title=reader.text(item, "title", f"{path}.title"),
            url=reader.text(item, "url", f"{path}.url", required=False),
            retrieved=reader.date(item, "retrieved", f"{path}.retrieved", required=False),
        )

    def measure(item: dict[str, Any], path: str) -> Measure:
        key = reader.text(item, "key", f"{path}.key")
        if key and (not MEASURE_KEY_PATTERN.match(key) or key in RESERVED_COLUMNS):
            reserved = ", ".join(sorted(RESERVED_COLUMNS))
            reader.fail(
                f"{path}.key",
                f"{key!r} cannot name a measure; expected lower-case "
                f"letters, digits and '_', not one of {reserved}",
            )
        return Measure(
            key,
            reader.text(item, "label", f"{path}.label"),
            reader.text(item, "description", f"{path}.description", required=False),
        )

    sources = reader.items(document, "sources", "sources", source)
    measures = reader.items(document, "measures", "measures", measure)
    if not measures and "measures" in document:
        reader.fail("measures", "the bundle declares no measure; expected at least one")
    declared = (("sources", [s.id for s in sources]), ("measures", [m.key for m in measures]))
    for path, keys in declared:
        duplicates = sorted({k for k in keys if k and keys.count(k) > 1})
        if duplicates:
            reader.fail(path, f"declared twice: {', '.join(duplicates)}")

    checksums = _checksums(document.get("files"), reader)
    manifest = Manifest(
        id=bundle_id,
        title=reader.text(document, "title", "title"),
        description=reader.text(document, "description", "description", required=False),
        as_of=reader.date(document, "as_of", "as_of"),
        licence=reader.text(document, "licence", "licence"),
        attribution=reader.text(document, "attribution", "attribution"),
        sources=tuple(sources),
        measures=tuple(measures),
        format_version=version,
    )
    known = {
        "format",
        "format_version",
        "id",
        "title",
        "description",
        "as_of",
        "licence",
        "attribution",
        "sources",
        "measures",
        "files",
    }
    problems = reader.problems + [
        warning("unknown field, ignored", MANIFEST_FILE, field=key)
        for key in sorted(document)
        if key not in known
    ]
    return (None if errors_in(problems) else manifest), checksums, problems


def _checksums(files: Any, reader: _Reader) -> dict[str, str]:
    if not isinstance(files, dict):
        reader.fail(
            "files",
            "expected an object giving the sha256 of each file, such as "
            '{"records.csv": {"sha256": "..."}}',
        )
        return {}
    checksums = {}
    for name, entry in files.items():
        path = f"files.{name}"
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(digest, str) or not SHA256_PATTERN.match(digest.lower()):
            reader.fail(f"{path}.sha256", "expected the file's SHA-256 as 64 hexadecimal digits")
            continue
        checksums[name] = digest.lower()
    return checksums


def manifest_to_json(manifest: Manifest, checksums: dict[str, str]) -> bytes:
    """Serialise ``manifest`` with the given file checksums, deterministically."""
    document = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "id": manifest.id,
        "title": manifest.title,
        "description": manifest.description,
        "as_of": manifest.as_of.isoformat(),
        "licence": manifest.licence,
        "attribution": manifest.attribution,
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "url": s.url,
                **({"retrieved": s.retrieved.isoformat()} if s.retrieved else {}),
            }
            for s in manifest.sources
        ],
        "measures": [
            {"key": m.key, "label": m.label, "description": m.description}
            for m in manifest.measures
        ],
        "files": {name: {"sha256": digest} for name, digest in sorted(checksums.items())},
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
