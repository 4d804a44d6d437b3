"""Reading a bundle (``.tgbundle`` zip or unzipped folder) into a :class:`Bundle`.

All problems are collected before deciding: a bundle with any error is refused whole with
one :class:`BundleError` listing them; warnings stay attached to the loaded bundle.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from tgviewer.core.bundle.files import open_members
from tgviewer.core.bundle.manifest_json import parse_manifest
from tgviewer.core.bundle.model import (
    EVENTS_FILE,
    MANIFEST_FILE,
    RECORDS_FILE,
    Bundle,
    Event,
    Manifest,
    Record,
    as_columns,
)
from tgviewer.core.bundle.problems import BundleError, Problem, error, errors_in, warnings_in
from tgviewer.core.bundle.progress import Progress, Stepper, no_progress
from tgviewer.core.bundle.records_csv import parse_events, parse_records
from tgviewer.core.bundle.validation import check_cautions, check_consistency, check_records
from tgviewer.core.collection import collection_paused, settle
from tgviewer.resources import default_bundle_path


def read_bundle(
    path: Path | str | bytes, location: str | None = None, progress: Progress | None = None
) -> Bundle:
    """Read and validate the bundle at ``path`` (with the cyclic garbage collector paused:
    see :mod:`tgviewer.core.collection`).

    Parameters
    ----------
    path
        A ``.tgbundle`` file or a folder holding ``manifest.json`` and ``records.csv``,
        or the bytes of a ``.tgbundle`` file.
    location
        How to name the bundle to people; defaults to the path.
    progress
        Told, now and then, what is being done and how much of the reading is done; it may
        raise :class:`~tgviewer.core.bundle.progress.LoadCancelled` to stop the reading.

    Raises
    ------
    BundleError
        Listing every error found, each with file, line and field where known.
    """
    with collection_paused():
        bundle = _read_bundle(path, location, Stepper(progress or no_progress))
    # Some ten objects a record made (the record, its dates, its figures, its engine edges).
    columns = as_columns(bundle.records)
    made = len(bundle.records) if columns is None else columns.made
    settle(10 * made)
    return bundle


def _read_bundle(path: Path | str | bytes, location: str | None, steps: Stepper) -> Bundle:
    source = path if isinstance(path, bytes) else Path(path)
    shown = location or ("(bundle in memory)" if isinstance(path, bytes) else str(path))
    problems: list[Problem] = []
    with open_members(source, shown) as read:
        manifest_data = read(MANIFEST_FILE)
        records_data = read(RECORDS_FILE)
        events_data = read(EVENTS_FILE)
    if manifest_data is None:
        problems.append(error("the bundle has no manifest.json", MANIFEST_FILE))
    if records_data is None:
        problems.append(error("the bundle has no records.csv", RECORDS_FILE))
    if manifest_data is None or records_data is None:
        raise BundleError(shown, problems)

    manifest, checksums, manifest_problems = parse_manifest(manifest_data)
    problems += manifest_problems
    if manifest is None:
        raise BundleError(shown, errors_in(problems))

    present = {RECORDS_FILE: records_data, EVENTS_FILE: events_data}
    for name, data in present.items():
        expected = checksums.get(name)
        if data is None:
            if expected is not None:
                problems.append(
                    error(
                        f"manifest.json lists {name}, but the bundle lacks it",
                        MANIFEST_FILE,
                        field=f"files.{name}",
                    )
                )
            continue
        actual = hashlib.sha256(data).hexdigest()
        if expected is None:
            problems.append(
                error(
                    f"{name} is not listed in manifest.json's files, so it cannot be checked",
                    MANIFEST_FILE,
                    field="files",
                )
            )
        elif actual != expected:
            problems.append(
                error(
                    f"checksum mismatch: manifest.json gives sha256 {expected}, the file has "
                    f"{actual}; the file was changed or damaged after the bundle was made",
                    name,
                )
            )
    if errors_in(problems):
        raise BundleError(shown, errors_in(problems))

    records, record_problems = _parse_records(records_data, manifest, steps.step())
    problems += record_problems
    events: list[Event] = []
    if events_data is not None:
        events, event_problems = parse_events(events_data)
        problems += event_problems
    checking = steps.step()
    bundle = Bundle(
        manifest=manifest,
        records=records,
        events=tuple(events),
        location=shown,
        checksum=hashlib.sha256(manifest_data).hexdigest(),
    )
    if not errors_in(problems):
        problems += check_records(bundle)
    checking(1.0)
    if errors_in(problems):
        raise BundleError(shown, errors_in(problems))

    consistency = check_consistency(bundle, steps.step())
    warnings = warnings_in(problems) + consistency + check_cautions(bundle)
    steps.finish()
    # The same records: what was worked out from them while checking (the period engine's
    # graphs, the index of countries) is kept, not worked out again for the first chart.
    return dataclasses.replace(bundle, warnings=tuple(warnings), cache=bundle.cache)


#: A ``records.csv`` at least this big is first offered to the bulk reader (a smaller one
#: is read line by line in a few milliseconds, without importing pandas).
BULK_FROM_BYTES = 1 << 20


def _parse_records(
    data: bytes, manifest: Manifest, progress: Callable[[float], None]
) -> tuple[Sequence[Record], list[Problem]]:
    """The records of ``records.csv``: read in bulk as columns when the file is big and
    plain, else line by line (which also says what is wrong with a file, and where)."""
    sources = [s.id for s in manifest.sources]
    if len(data) >= BULK_FROM_BYTES:
        from tgviewer.core.bundle.records_bulk import read_records_in_bulk  # numpy, pandas

        read = read_records_in_bulk(data, manifest.measure_keys, sources, progress)
        if read is not None:
            return read
    records, problems = parse_records(data, manifest.measure_keys, sources, progress)
    return tuple(records), problems


#: How the embedded default bundle is named to people.
DEFAULT_BUNDLE_LOCATION = "embedded default bundle"


def read_default_bundle() -> Bundle:
    """The bundle shipped inside tgviewer."""
    return read_bundle(default_bundle_path(), DEFAULT_BUNDLE_LOCATION)
