"""``tgviewer bundle import``: a bundle from a dataset.json, bot answers or a CSV table.

Reading goes through :mod:`tgviewer.core.importing.import_plan`, as the Import wizard's does; with
``--into`` the records are classified against that bundle and settled by ``--on-conflict``.
The source is only read, and the output is written atomically after it has been checked.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
import sys
from pathlib import Path

from tgviewer.cli.errors import CommandError, UsageError
from tgviewer.core.bundle.model import Bundle, Record, Source
from tgviewer.core.bundle.problems import count_words
from tgviewer.core.bundle.reader import read_bundle, read_default_bundle
from tgviewer.core.bundle.writer import write_checked_bundle
from tgviewer.core.importing.community_dataset import (
    MAX_SIZE,
    TELEGRAM_MEASURES,
    community_manifest,
    parse_community_dataset,
)
from tgviewer.core.importing.csv_import import (
    COUNTRY_FORMS,
    ColumnMapping,
    MappingGap,
    guess_mapping,
    mapping_gaps,
    read_table,
    table_records,
)
from tgviewer.core.importing.import_plan import (
    ImportKind,
    MissingCountryError,
    SourceError,
    SourceReading,
    decode_text,
    new_source,
    plan_import,
    read_bot_answers,
    read_source_file,
)
from tgviewer.core.importing.merge import Fate, Resolution
from tgviewer.core.periods.dates import parse_date
from tgviewer.core.plurals import plural
from tgviewer.core.reference.countries import is_known_country
from tgviewer.core.user_file import FileTooLargeError, read_limited


def load_report(bundle: Bundle) -> str:
    """``299 records, 83 countries, 1 warning, 2 cautions`` and the warnings and cautions,
    one per line, each led by its kind."""
    lines = [
        f"{plural(len(bundle.records), 'record')}, "
        f"{plural(len(bundle.countries), 'country')}, "
        f"{count_words(bundle.warnings)}"
    ]
    lines += [f"  {problem.severity.value}: {problem}" for problem in bundle.warnings]
    return "\n".join(lines)


def add_import_command(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bundle import`` to the ``bundle`` command."""
    make = actions.add_parser(
        "import",
        help="make a bundle from another format",
        description="Make a .tgbundle from the community dataset.json (tek-json), from the "
        "text of @transparency bot answers (bot-text, one or several pasted "
        "together) or from a CSV or TSV table (csv: comma, semicolon or tab "
        "separated, UTF-8, a header line naming the columns; one row per country "
        "and period). The columns of a table are guessed from their names; name "
        "them with the --...-column and --measure options. Rows that cannot be "
        "read are listed with their line and left out. With --into the records are "
        "added to a copy of that bundle: records it already has are left out, and "
        "records that disagree with it are listed and settled by --on-conflict. "
        "The source is only read.",
    )
    make.add_argument(
        "source", metavar="SRC", help="the file to import, or - to read standard input"
    )
    make.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="OUT.tgbundle",
        help="the bundle to write (refused if it exists, unless --force)",
    )
    make.add_argument(
        "--from",
        dest="source_format",
        choices=["tek-json", "bot-text", "csv"],
        default="tek-json",
        help="format of SRC (default: tek-json, the community dataset.json)",
    )
    make.add_argument(
        "--country", metavar="ISO3", help="the country of bot answers that say 'from your country'"
    )
    columns = make.add_argument_group(
        "columns of a table (--from csv; guessed from the header when not given)"
    )
    columns.add_argument("--country-column", metavar="NAME", help="the column holding the country")
    columns.add_argument(
        "--country-as",
        choices=COUNTRY_FORMS,
        help="how the country is written: ISO code (FRA or FR), name, or "
        "auto (a code, else a name; default)",
    )
    columns.add_argument(
        "--period-column",
        metavar="NAME",
        help="the column holding the period: 2025Q1, 2025-Q1, Q1 2025, 2025H1, 2024, 2024Q1-2024Q3",
    )
    columns.add_argument(
        "--start-column",
        metavar="NAME",
        help="instead of a period: the column of the first day (2025-01-01)",
    )
    columns.add_argument(
        "--end-column",
        metavar="NAME",
        help="instead of a period: the column of the last day (2025-03-31)",
    )
    columns.add_argument(
        "--measure",
        action="append",
        type=_measure_argument,
        default=[],
        metavar="KEY=COLUMN",
        help="the column of a measure (requests=Fulfilled); KEY= with no "
        "column leaves the measure unknown; repeatable",
    )
    make.add_argument(
        "--into",
        metavar="B",
        help="add the records to a copy of this bundle ('default' for the embedded one)",
    )
    make.add_argument(
        "--on-conflict",
        choices=["keep", "replace"],
        default="keep",
        help="with --into, for records that disagree with the bundle: keep the "
        "bundle's figures (default) or replace them",
    )
    make.add_argument("--id", dest="bundle_id", help="bundle id (default: from OUT's name)")
    make.add_argument("--title", help="bundle title (default: from OUT's name)")
    make.add_argument(
        "--as-of",
        type=_date_argument,
        default=None,
        metavar="YYYY-MM-DD",
        help="date the figures are current to (default: today)",
    )
    make.add_argument("--force", action="store_true", help="replace OUT if it exists")
    make.set_defaults(run=run_import)


def _measure_argument(text: str) -> tuple[str, str]:
    key, equals, column = text.partition("=")
    if not equals or not key.strip():
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected KEY=COLUMN, such as users='Affected users'"
        )
    return key.strip(), column.strip()


def _date_argument(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _read_source(source: str) -> tuple[bytes, str]:
    """The bytes of SRC (standard input for ``-``) and the name to give it in messages."""
    if source == "-":
        name = "standard input"
        try:
            return read_limited(sys.stdin.buffer, MAX_SIZE, name), name
        except FileTooLargeError:
            raise SourceError(
                f"larger than {MAX_SIZE >> 20} MiB; it is not a file of figures tgviewer "
                "can import",
                file=name,
            ) from None
    return read_source_file(Path(source)), source


def _bot_records(data: bytes, name: str, country: str | None, source: str) -> list[Record]:
    try:
        reading = read_bot_answers(decode_text(data, name), source, country, name)
    except MissingCountryError as exc:
        raise UsageError(exc.asking("name the country with --country ISO3")) from None
    for line in reading.unread:
        print(f"{name}: {line}", file=sys.stderr)
    for note in reading.notes:
        print(f"{name}: {note}")
    return list(reading.records)


#: What each table role's gap asks the user to pass.
_COLUMN_OPTIONS = {
    "country": "--country-column NAME",
    "start": "--start-column NAME",
    "end": "--end-column NAME",
    "period": "--period-column NAME",
    "dates": "--period-column NAME, or --start-column NAME and --end-column NAME",
}
_TABLE_OPTIONS = (
    "country_column",
    "country_as",
    "period_column",
    "start_column",
    "end_column",
    "measure",
)


def _csv_mapping(
    args: argparse.Namespace, headers: tuple[str, ...], measure_keys: tuple[str, ...]
) -> ColumnMapping:
    """The mapping the options give, the rest guessed from ``headers``."""
    guess = guess_mapping(headers, measure_keys)
    start, end, period = guess.start, guess.end, guess.period
    if args.period_column:
        start, end, period = None, None, args.period_column
    elif args.start_column or args.end_column:
        start = args.start_column or (guess.start if guess.period is None else None)
        end = args.end_column or (guess.end if guess.period is None else None)
        period = None
    measures = dict(guess.measures)
    for key, column in args.measure:
        if column:
            measures[key] = column
        else:
            measures.pop(key, None)
    return ColumnMapping(
        args.country_column or guess.country,
        args.country_as or guess.country_as,
        start,
        end,
        period,
        measures,
    )


def _gaps_message(name: str, gaps: list[MappingGap], headers: tuple[str, ...]) -> str:
    lines = [f"{name}: the columns to read cannot all be told from the header:"]
    lines += [
        f"  {gap.message} (pass {_COLUMN_OPTIONS.get(gap.role, '--measure KEY=COLUMN')})"
        for gap in gaps
    ]
    lines.append("  the file's columns are: " + ", ".join(repr(h) for h in headers if h))
    return "\n".join(lines)


def _csv_records(
    data: bytes, name: str, args: argparse.Namespace, measure_keys: tuple[str, ...], source: str
) -> list[Record]:
    table = read_table(data, name)
    mapping = _csv_mapping(args, table.headers, measure_keys)
    gaps = mapping_gaps(mapping, table.headers, measure_keys)
    if gaps:
        raise UsageError(_gaps_message(name, gaps, table.headers))
    print(f"{name}: {table.delimiter_name}-separated; {mapping.describe()}")
    for key in measure_keys:
        if key not in mapping.measures:
            print(
                f"{name}: no column for {key}: its figures are left unknown (name one "
                f"with --measure {key}=COLUMN)",
                file=sys.stderr,
            )
    result = table_records(table, mapping, measure_keys, source, name)
    for unread in result.unread:
        print(unread.describe(), file=sys.stderr)
    left_out = len(result.unread_lines)
    if not result.records:
        raise CommandError(
            f"{name}: no row could be read ({left_out} left out, {len(table.rows)} in the file)"
        )
    read = len(result.records)
    print(f"{name}: {read} row{'s' * (read != 1)} read, {left_out} left out")
    return list(result.records)


def run_import(args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.exists() and not args.force:
        raise UsageError(f"{output} exists; choose another name or pass --force to replace it")
    if args.source != "-" and output.resolve() == Path(args.source).resolve():
        raise UsageError("the output would overwrite the source file; choose another name")
    table_options = [f"--{o.replace('_', '-')}" for o in _TABLE_OPTIONS if getattr(args, o)]
    if table_options and args.source_format != "csv":
        raise UsageError(f"{', '.join(table_options)}: only for --from csv")
    if args.country and args.source_format == "csv":
        raise UsageError(
            "--country is for bot answers; with --from csv name the column "
            "holding the country with --country-column"
        )
    country = args.country.upper() if args.country else None
    if country is not None and not is_known_country(country):
        raise UsageError(f"--country {args.country}: not an ISO 3166-1 alpha-3 code")
    data, name = _read_source(args.source)
    today = args.as_of or dt.date.today()
    kind = ImportKind(args.source_format)
    base = None
    if args.into:
        base = read_default_bundle() if args.into == "default" else read_bundle(args.into)
    source = new_source(kind, today, base)
    if kind is ImportKind.BOT_TEXT:
        records = _bot_records(data, name, country, source.id)
    elif kind is ImportKind.CSV:
        keys = base.manifest.measure_keys if base else tuple(m.key for m in TELEGRAM_MEASURES)
        records = _csv_records(data, name, args, keys, source.id)
    else:
        records = parse_community_dataset(data, name=name)
    stem = output.name.removesuffix(".tgbundle")
    bundle_id = args.bundle_id or (
        re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-._") or "imported"
    )
    title = args.title or stem
    if base is None:
        manifest = community_manifest(
            bundle_id=bundle_id,
            title=title,
            as_of=today,
            description=f"Imported from {Path(name).name}.",
        )
        manifest = dataclasses.replace(manifest, sources=(source,))
        bundle = write_checked_bundle(output, manifest, records)
        print(f"wrote {output}: {load_report(bundle)}")
        return 0
    return _write_into(
        base, records, args, output, Path(name).name, title, bundle_id, today, source
    )


def _write_into(
    base: Bundle,
    records: list[Record],
    args: argparse.Namespace,
    output: Path,
    origin: str,
    title: str,
    bundle_id: str,
    today: dt.date,
    source: Source,
) -> int:
    """Write ``base`` with ``records`` added, conflicts settled by ``--on-conflict``."""
    plan = plan_import(base, SourceReading(tuple(records)), source, origin)
    resolution = Resolution(args.on_conflict)
    for item in plan.of_fate(Fate.CONFLICT):
        verdict = "replaced" if resolution is Resolution.TAKE_INCOMING else "kept the bundle's"
        print(f"conflict ({verdict}): {item.describe()}")
    manifest = dataclasses.replace(plan.manifest(title, today), id=bundle_id)
    bundle = write_checked_bundle(output, manifest, plan.records(default=resolution), base.events)
    print(
        f"{plan.count(Fate.NEW)} new, {plan.count(Fate.DUPLICATE)} already in "
        f"{base.manifest.title}, {plan.count(Fate.CONFLICT)} in conflict"
    )
    print(f"wrote {output}: {load_report(bundle)}")
    return 0
