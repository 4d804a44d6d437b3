"""Loading the bundle a command names, and the ``tgviewer bundle ...`` commands."""

from __future__ import annotations

import argparse

from tgviewer.cli.diff import add_diff_command
from tgviewer.cli.importing import add_import_command, load_report
from tgviewer.cli.library import add_library_command
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.problems import count_words
from tgviewer.core.bundle.reader import read_bundle, read_default_bundle
from tgviewer.core.periods.spans import describe_dates
from tgviewer.core.plurals import plural


def load_bundle(argument: str | None) -> Bundle:
    """The bundle at ``argument``, or the embedded default when ``None``."""
    return read_default_bundle() if argument is None else read_bundle(argument)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bundle info|validate|import|diff|library`` to the command line."""
    bundle = commands.add_parser(
        "bundle",
        help="inspect, check and make bundles",
        description="Inspect, check and make .tgbundle files.",
    )
    actions = bundle.add_subparsers(dest="action", required=True, metavar="ACTION")

    info = actions.add_parser("info", help="describe a bundle (default: the embedded one)")
    info.add_argument(
        "bundle",
        nargs="?",
        metavar="B",
        help="a .tgbundle file or bundle folder; default: the embedded bundle",
    )
    info.set_defaults(run=run_info)

    validate = actions.add_parser(
        "validate", help="check a bundle: exit 0 if it loads, 1 with the problems if not"
    )
    validate.add_argument("bundle", metavar="B", help="a .tgbundle file or bundle folder")
    validate.set_defaults(run=run_validate)

    add_import_command(actions)
    add_diff_command(actions)
    add_library_command(actions)


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
        f"  records:     {len(bundle.records)} ({plural(len(bundle.countries), 'country')}"
        + (f", {describe_dates(*span)}" if span else "")
        + ")",
        f"  events:      {len(bundle.events)}",
        "  sources:",
    ]
    for source in manifest.sources:
        retrieved = f", retrieved {source.retrieved.isoformat()}" if source.retrieved else ""
        lines.append(f"    {source.id}: {source.title} {source.url}{retrieved}".rstrip())
    lines.append(
        f"  warnings ({count_words(bundle.warnings)}):"
        if bundle.warnings
        else "  warnings:    none"
    )
    lines += [f"    {w.severity.value}: {w}" for w in bundle.warnings]
    print("\n".join(lines))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    bundle = read_bundle(args.bundle)
    print(f"{bundle.location}: valid: {load_report(bundle)}")
    return 0
