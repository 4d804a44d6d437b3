"""Build the embedded default bundle from the community dataset.

    python scripts/build_default_bundle.py [--dataset PATH] [--output PATH]

Reads the Te-k/telegram-transparency ``dataset.json`` (by default from ``../shared/data``)
and ``resources/default-bundle/events.csv``, and writes ``tgviewer/data/default.tgbundle``.
The output is byte-for-byte reproducible; the test suite checks that it matches a rebuild.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

from tgviewer.cli.importing import load_report
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.bundle.records_csv import parse_events
from tgviewer.core.bundle.writer import bundle_bytes
from tgviewer.core.importing.community_dataset import (
    SOURCE,
    community_manifest,
    parse_community_dataset,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = ROOT.parent / "shared" / "data" / "telegram-transparency" / "dataset.json"
DEFAULT_OUTPUT = ROOT / "tgviewer" / "data" / "default.tgbundle"
EVENTS = ROOT / "resources" / "default-bundle" / "events.csv"

#: Date of the dataset commit the bundle is built from (see the dataset's SOURCE.md).
AS_OF = dt.date(2026, 5, 30)
DATASET_COMMIT = "839ed54f322cc050033efc4a9b16027731ab17f7"


def build(dataset: Path) -> bytes:
    """The default bundle's bytes, built from ``dataset``."""
    records = parse_community_dataset(dataset.read_bytes())
    events, problems = parse_events(EVENTS.read_bytes())
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    source = dataclasses.replace(
        SOURCE,
        url=f"https://github.com/Te-k/telegram-transparency/blob/{DATASET_COMMIT}/dataset.json",
        retrieved=AS_OF,
    )
    manifest = community_manifest(
        bundle_id=f"telegram-transparency-{AS_OF.isoformat()}",
        title="Telegram disclosures to authorities",
        as_of=AS_OF,
        description=(
            "Requests for users' IP addresses and phone numbers that Telegram fulfilled, and "
            "the users affected, per country and period, as reported by Telegram's "
            "@transparency bot and collected by the telegram-transparency community dataset."
        ),
        source=source,
    )
    return bundle_bytes(manifest, records, events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    data = build(args.dataset)
    args.output.write_bytes(data)
    bundle = read_bundle(args.output)
    print(f"wrote {args.output} ({len(data)} bytes): {load_report(bundle)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
