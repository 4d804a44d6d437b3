"""Loading the bundle a command names, and the ``tgviewer bundle ...`` commands."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from tgviewer.cli.errors import CommandError
from tgviewer.core.bundle_reader import read_bundle, read_default_bundle
from tgviewer.core.bundle_writer import write_checked_bundle
from tgviewer.core.community_dataset import community_manifest, parse_community_dataset
from tgviewer.core.dates import parse_date
from tgviewer.core.model import Bundle
from tgviewer.core.periods import describe_dates


def load_bundle(argument: str | None) -> Bundle:
    """The bundle at ``argument``, or the embedded default when ``None``."""
    return read_default_bundle() if argument is None else read_bundle(argument)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bundle info|validate|import`` to the command line."""
    bundle = commands.add_parser("bundle", help="inspect, check and make bundles",
                                 description="Inspect, check and make .tgbundle files.")
    actions = bundle.add_subparsers(dest="action", required=True, metavar="ACTION")

    info = actions.add_parser("info", help="describe a bundle (default: the embedded one)")
    info.add_argument("bundle", nargs="?", metavar="B",
                      help="a .tgbundle file or bundle folder; default: the embedded bundle")
    info.set_defaults(run=run_info)

    validate = actions.add_parser(
        "validate", help="check a bundle: exit 0 if it loads, 1 with the problems if not")
    validate.add_argument("bundle", metavar="B", help="a .tgbundle file or bundle folder")
    validate.set_defaults(run=run_validate)

    make = actions.add_parser(
        "import", help="make a bundle from another format",
        description="Make a .tgbundle from the community dataset.json "
                    "(Te-k/telegram-transparency format). The source file is only read.")
    make.add_argument("source", metavar="SRC", type=Path, help="the file to import")
    make.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.tgbundle",
                      help="the bundle to write (refused if it exists, unless --force)")
    make.add_argument("--from", dest="source_format", choices=["tek-json"], default="tek-json",
                      help="format of SRC (default: tek-json, the community dataset.json)")
    make.add_argument("--id", dest="bundle_id", help="bundle id (default: from OUT's name)")
    make.add_argument("--title", help="bundle title (default: from OUT's name)")
    make.add_argument("--as-of", type=_date_argument, default=None, metavar="YYYY-MM-DD",
                      help="date the figures are current to (default: today)")
    make.add_argument("--force", action="store_true", help="replace OUT if it exists")
    make.set_defaults(run=run_import)


def _date_argument(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run_info(args: argparse.Namespace) -> int:
    bundle = load_bundle(args.bundle)
    manifest = bundle.manifest
    span = bundle.date_range
    lines = [
        manifest.title,
        f"  id:          {manifest.id}",
        f"  location:    {bundle.location}",
        f"  as of:       {manifest.as_of.isoformat()}",
        f"  licence:     {manifest.licence}",
        f"  attribution: {manifest.attribution}",
        f"  checksum:    sha256 {bundle.checksum}",
        "  measures:    " + ", ".join(f"{m.key} ({m.label})" for m in manifest.measures),
        "  services:    " + (", ".join(bundle.services) or "none"),
        f"  records:     {len(bundle.records)} ({len(bundle.countries)} countries"
        + (f", {describe_dates(*span)}" if span else "") + ")",
        f"  events:      {len(bundle.events)}",
        "  sources:",
    ]
    for source in manifest.sources:
        retrieved = f", retrieved {source.retrieved.isoformat()}" if source.retrieved else ""
        lines.append(f"    {source.id}: {source.title} {source.url}{retrieved}".rstrip())
    lines.append(f"  warnings ({len(bundle.warnings)}):" if bundle.warnings else
                 "  warnings:    none")
    lines += [f"    {w}" for w in bundle.warnings]
    print("\n".join(lines))
    return 0


def load_report(bundle: Bundle) -> str:
    """``299 records, 83 countries, 1 warning`` and the warnings, one per line."""
    count = len(bundle.warnings)
    lines = [f"{len(bundle.records)} records, {len(bundle.countries)} countries, "
             f"{count} warning{'s' * (count != 1)}"]
    lines += [f"  warning: {problem}" for problem in bundle.warnings]
    return "\n".join(lines)


def run_validate(args: argparse.Namespace) -> int:
    bundle = read_bundle(args.bundle)
    print(f"{bundle.location}: valid: {load_report(bundle)}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.exists() and not args.force:
        raise CommandError(f"{output} exists; choose another name or pass --force to replace it")
    if output.resolve() == args.source.resolve():
        raise CommandError("the output would overwrite the source file; choose another name")
    try:
        data = args.source.read_bytes()
    except OSError as exc:
        raise CommandError(f"{args.source}: cannot be read: {exc.strerror or exc}") from None
    records = parse_community_dataset(data, name=str(args.source))
    stem = output.name.removesuffix(".tgbundle")
    bundle_id = args.bundle_id or (re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-._")
                                   or "imported")
    manifest = community_manifest(
        bundle_id=bundle_id,
        title=args.title or stem,
        as_of=args.as_of or dt.date.today(),
        description=f"Imported from {args.source.name}.",
    )
    bundle = write_checked_bundle(output, manifest, records)
    print(f"wrote {output}: {load_report(bundle)}")
    return 0
