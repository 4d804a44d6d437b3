"""Writing a bundle: a deterministic ``.tgbundle`` zip (or a folder), written atomically.

The same content always gives the same bytes (fixed member order and timestamps), so a
bundle's checksum identifies its content and rebuilding the default bundle is reproducible.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from tgviewer.core.atomic import atomic_write_bytes
from tgviewer.core.bundle.manifest_json import manifest_to_json
from tgviewer.core.bundle.model import (
    EVENTS_FILE,
    MANIFEST_FILE,
    RECORDS_FILE,
    Bundle,
    Event,
    Manifest,
    Record,
)
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.bundle.records_csv import events_to_csv, records_to_csv

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def bundle_members(
    manifest: Manifest, records: Sequence[Record], events: Sequence[Event] = ()
) -> dict[str, bytes]:
    """The files of a bundle, by name, with checksums filled into the manifest."""
    members = {RECORDS_FILE: records_to_csv(records, manifest.measure_keys)}
    if events:
        members[EVENTS_FILE] = events_to_csv(events)
    checksums = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    return {MANIFEST_FILE: manifest_to_json(manifest, checksums), **members}


def bundle_bytes(
    manifest: Manifest, records: Sequence[Record], events: Sequence[Event] = ()
) -> bytes:
    """The ``.tgbundle`` zip archive, as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in bundle_members(manifest, records, events).items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def write_bundle(
    path: Path, manifest: Manifest, records: Sequence[Record], events: Sequence[Event] = ()
) -> Path:
    """Write a ``.tgbundle`` file at ``path`` atomically; returns ``path``."""
    atomic_write_bytes(path, bundle_bytes(manifest, records, events))
    return path


def write_bundle_folder(
    folder: Path, manifest: Manifest, records: Sequence[Record], events: Sequence[Event] = ()
) -> Path:
    """Write the bundle unzipped into ``folder`` (each file atomically); returns ``folder``."""
    for name, data in bundle_members(manifest, records, events).items():
        atomic_write_bytes(folder / name, data)
    return folder


def write_checked_bundle(
    path: Path, manifest: Manifest, records: Sequence[Record], events: Sequence[Event] = ()
) -> Bundle:
    """Validate the bundle as :func:`read_bundle` would, then write it atomically.

    Raises
    ------
    BundleError
        If the bundle would not load; nothing is written then.
    """
    data = bundle_bytes(manifest, records, events)
    bundle = read_bundle(data, location=str(path))
    atomic_write_bytes(path, data)
    return dataclasses.replace(bundle, location=str(path))
