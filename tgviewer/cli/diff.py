"""``tgviewer bundle diff A B``: what changed from bundle A to bundle B."""

from __future__ import annotations

import argparse
import dataclasses
import sys

import pandas as pd

from tgviewer.cli.errors import UsageError
from tgviewer.cli.output import csv_text
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_bundle, read_default_bundle
from tgviewer.core.bundle.records_csv import COUNTRY_CODE
from tgviewer.core.library.changes import DiffRow
from tgviewer.core.library.diff import diff_bundles
from tgviewer.core.plurals import plural
from tgviewer.core.reference.countries import country_name

DEFAULT = "default"

DESCRIPTION = """\
List what changed from bundle A (the old one) to bundle B (the new one): records added,
removed or with other figures (matched by country, service and dates, never by line), records
whose source or note alone changed, figures derived from the records that are now known
otherwise, and inconsistencies between records that appeared or were resolved."""

EPILOG = """\
A or B may be the word 'default' for the embedded default bundle.
The exit code is 0 whether or not the bundles differ (the summary, the last line of the
text output and a '#' line of the CSV, says how); it is 1 when a bundle cannot be read.

examples:
  tgviewer bundle diff default mine.tgbundle
  tgviewer bundle diff old.tgbundle new.tgbundle --country FRA DEU --format csv
"""

#: Columns of the CSV output: the fields of ``DiffRow``, with the country's name added.
COLUMNS = (
    "kind",
    "country",
    "name",
    "service",
    "period",
    "period_label",
    "measure",
    "old",
    "new",
    "old_status",
    "new_status",
    "detail",
)


def add_diff_command(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``diff`` to the ``bundle`` subcommands ``actions``."""
    diff = actions.add_parser(
        "diff",
        help="what changed from bundle A to bundle B (exit 0 either way)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument(
        "old", metavar="A", help="the old bundle: a .tgbundle file, a bundle folder or 'default'"
    )
    diff.add_argument(
        "new", metavar="B", help="the new bundle: a .tgbundle file, a bundle folder or 'default'"
    )
    diff.add_argument(
        "--country",
        dest="countries",
        action="extend",
        nargs="+",
        metavar="ISO3",
        help="only these countries (ISO 3166-1 alpha-3 codes; repeat or list several)",
    )
    diff.add_argument(
        "--format", choices=["text", "csv"], default="text", help="output format (default: text)"
    )
    diff.set_defaults(run=run_diff)


def load_named_bundle(argument: str) -> Bundle:
    """The bundle at ``argument``, or the embedded default for the word ``default``."""
    return read_default_bundle() if argument == DEFAULT else read_bundle(argument)


def _countries(arguments: list[str] | None) -> list[str] | None:
    if arguments is None:
        return None
    given = [c.strip() for a in arguments for c in a.split(",") if c.strip()]
    codes = [c.upper() for c in given]
    bad = [c for c in given if not COUNTRY_CODE.match(c.upper())]
    if bad or not codes:
        raise UsageError(
            f"--country: {', '.join(bad) or 'nothing given'}: expected "
            "ISO 3166-1 alpha-3 codes such as FRA DEU"
        )
    return codes


def _describe(bundle: Bundle) -> str:
    manifest = bundle.manifest
    return (
        f"{bundle.location}: {manifest.title} ({manifest.id}, as of "
        f"{manifest.as_of.isoformat()}, {plural(len(bundle.records), 'record')})"
    )


def _frame(rows: list[DiffRow]) -> pd.DataFrame:
    records = [{**dataclasses.asdict(row), "name": country_name(row.country)} for row in rows]
    # Object columns keep figures as integers and unknown ones as empty cells.
    return pd.DataFrame(records, columns=list(COLUMNS), dtype=object)


def run_diff(args: argparse.Namespace) -> int:
    """Print the differences; 0 whether or not there are any."""
    countries = _countries(args.countries)
    old, new = load_named_bundle(args.old), load_named_bundle(args.new)
    diff = diff_bundles(old, new)
    if countries is not None:
        diff = diff.for_countries(countries)
    if args.format == "csv":  # the rows alone on stdout; which bundles and the sum on stderr
        print(csv_text(_frame(diff.rows())), end="")
        for line in (f"from {_describe(old)}", f"to {_describe(new)}", diff.summary()):
            print(f"tgviewer: {line}", file=sys.stderr)
        return 0
    lines = [f"from {_describe(old)}", f"to   {_describe(new)}"]
    if countries is not None:
        lines.append(f"countries: {', '.join(countries)}")
    lines.append("")
    lines += diff.lines() or ["no differences"]
    lines += ["", diff.summary()]
    print("\n".join(lines))
    return 0
