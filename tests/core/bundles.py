"""Helpers that write bundles by hand, the way a person following docs/bundle-format.md would."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

RECORDS_HEADER = "country,start,end,requests,users,service,source,note\n"


def manifest(**overrides: Any) -> dict[str, Any]:
    """A valid manifest document; ``files`` is filled in by :func:`write_folder`."""
    document: dict[str, Any] = {
        "format": "tgbundle",
        "format_version": 1,
        "id": "test-bundle",
        "title": "Test bundle",
        "description": "Written by hand for a test.",
        "as_of": "2026-05-30",
        "licence": "CC BY 4.0",
        "attribution": "Test figures, CC BY 4.0",
        "sources": [
            {
                "id": "src",
                "title": "A source",
                "url": "https://example.org",
                "retrieved": "2026-05-30",
            }
        ],
        "measures": [
            {"key": "requests", "label": "Requests", "description": ""},
            {"key": "users", "label": "Users", "description": ""},
        ],
    }
    document.update(overrides)
    return document


def write_folder(
    folder: Path,
    records: str,
    events: str | None = None,
    manifest_doc: dict[str, Any] | None = None,
    checksums: bool = True,
) -> Path:
    """Write an unzipped bundle; ``records`` and ``events`` are the CSV texts."""
    folder.mkdir(parents=True, exist_ok=True)
    document = manifest() if manifest_doc is None else manifest_doc
    files = {"records.csv": records.encode()}
    if events is not None:
        files["events.csv"] = events.encode()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    if checksums and "files" not in document:
        document = {
            **document,
            "files": {
                name: {"sha256": hashlib.sha256(data).hexdigest()} for name, data in files.items()
            },
        }
    (folder / "manifest.json").write_text(json.dumps(document, indent=2))
    return folder


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    """Zip the files of ``folder`` into ``target`` (under ``prefix`` if given)."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, prefix + path.name)
    return target


def records_csv(*rows: str) -> str:
    """``records.csv`` text with the standard header and the given rows."""
    return RECORDS_HEADER + "".join(row + "\n" for row in rows)


def small_bundle(tmp_path: Path, name: str = "small.tgbundle") -> Path:
    """A zipped bundle of three records: France in Q1 and Q2 2025, Italy in Q1 2025."""
    folder = write_folder(
        tmp_path / "folder",
        records_csv(
            "FRA,2025-01-01,2025-03-31,4,17,Telegram,src,",
            "FRA,2025-04-01,2025-06-30,5,20,Telegram,src,",
            "ITA,2025-01-01,2025-03-31,2,8,Telegram,src,",
        ),
    )
    return zip_folder(folder, tmp_path / name)
