"""``tgviewer table``: one figure per country for a period, with how it is known."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tgviewer.cli.arguments import (
    countries_argument,
    measure_argument,
    period_argument,
    service_argument,
)
from tgviewer.cli.bundles import load_bundle
from tgviewer.cli.errors import UsageError
from tgviewer.cli.output import bundle_document, csv_text, json_text, records_of, text_table
from tgviewer.core.bundle.cautions import CAUTION_MARK, MORE_REQUESTS_THAN_USERS
from tgviewer.core.bundle.model import DEFAULT_SERVICE, Bundle
from tgviewer.core.figures.series import series_rows
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.plurals import plural
from tgviewer.core.state.view_state import Normalisation, ViewState
from tgviewer.core.views.formatting import format_value
from tgviewer.core.views.rules import rank_rows

if TYPE_CHECKING:
    import pandas as pd

EPILOG = """\
periods: 2025 (a year), 2025H1 (a half-year), 2025Q1 (a quarter), or a range of them such as
2024Q1-2024Q3 or 2024Q4-2025Q1; or in words, as the window shows them: "Q1 2025",
"H1 2025", "Jan-Sep 2024", "Oct 2024-Mar 2025".

--format csv writes one header row, then the rows (no comment lines); --format json says
which bundle, period and measure the figures are.

status: "reported" when one record gives exactly that period, "derived" when records give it by
sums and differences (shown), "unknown" when they do not determine it (e.g. a quarter inside a
9-month total). "inconsistent" marks figures that records contradict (! in the text table);
"caution" those whose records report more requests than users (†).
"""


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``table`` to the command line."""
    table = commands.add_parser(
        "table",
        help="one row per country for a period",
        description="One row per country: its figure for a period and how it is known.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    table.add_argument("--bundle", metavar="B", help="bundle to read (default: embedded)")
    table.add_argument(
        "--period", required=True, metavar="P", help='e.g. 2025Q1, 2024Q1-2024Q3, "Jan-Sep 2024"'
    )
    table.add_argument(
        "--measure",
        metavar="M",
        help="a measure of the bundle, e.g. requests or users (default: the bundle's first)",
    )
    table.add_argument(
        "--countries",
        metavar="C,C",
        help="ISO 3166-1 alpha-3 codes or names, such as FRA,Germany (default: every "
        "country in the bundle)",
    )
    table.add_argument("--service", default=None, help=f"service (default: {DEFAULT_SERVICE})")
    table.add_argument(
        "--per-capita",
        action="store_true",
        help="figures per million inhabitants (population of the period's year); a ratio "
        "is never taken per inhabitant",
    )
    table.add_argument(
        "--sort",
        choices=["name", "value"],
        default="name",
        help="order of the rows: by country name, or by the figure shown, largest first and "
        "countries without one last (default: name)",
    )
    table.add_argument(
        "--top",
        type=int,
        metavar="N",
        help="only the N countries with the largest figure shown (as the ranking and the "
        "Top group rank them; implies --sort value)",
    )
    table.add_argument(
        "--format",
        choices=["text", "csv", "json"],
        default="text",
        help="output format (default: text)",
    )
    table.set_defaults(run=run_table)


def run_table(args: argparse.Namespace) -> int:
    bundle = load_bundle(args.bundle)
    span = period_argument(args.period)
    measure = measure_argument(args.measure, bundle, bundle.manifest.measure_keys[0])
    service = service_argument(args.service, bundle)
    from tgviewer.core.figures.queries import span_table  # pandas: only when a table is made

    frame = span_table(bundle, span, measure, countries_argument(args.countries, bundle), service)
    if args.top is not None and args.top < 1:
        raise UsageError(f"--top {args.top}: expected a number of countries, 1 or more")
    label = bundle.manifest.measure(measure).label
    if args.per_capita or args.sort == "value" or args.top is not None:
        frame = ranked(bundle, frame, span, measure, service, args.per_capita, args.top)
        if args.per_capita:
            label += ", per million inhabitants"
    manifest = bundle.manifest
    source = f"Source: {manifest.attribution}. Bundle: {manifest.title}, as of {manifest.as_of}"
    if args.format == "csv":
        sys.stdout.write(csv_text(frame))
    elif args.format == "json":
        sys.stdout.write(
            json_text(
                {
                    "bundle": bundle_document(bundle),
                    "attribution": manifest.attribution,
                    "period": {
                        "code": span.code,
                        "label": span.label,
                        "start": span.start_date.isoformat(),
                        "end": span.end_date.isoformat(),
                    },
                    "measure": {"key": measure, "label": label},
                    "service": service,
                    "rows": records_of(frame),
                }
            )
        )
    else:
        shown = frame.assign(
            flag=[
                ("!" if inconsistent else "") + (CAUTION_MARK if caution else "")
                for inconsistent, caution in zip(
                    frame["inconsistent"], frame["caution"], strict=True
                )
            ]
        )
        if args.per_capita:  # read on screen to three digits; CSV and JSON keep them all
            shown["value"] = [
                format_value(v) if v == v and v is not None else "" for v in shown["value"]
            ]
        print(f"{label}, {span.label} ({span.start_date} to {span.end_date})")
        print(f"{manifest.title}, as of {manifest.as_of}\n")
        sys.stdout.write(
            text_table(
                shown,
                [
                    ("country", "code"),
                    ("name", "country"),
                    ("value", "value"),
                    *([("records_figure", "records")] if "records_figure" in shown else []),
                    ("flag", "!"),
                    ("explanation", "how it is known"),
                ],
                right_aligned=["value"],
            )
        )
        counts = frame["status"].value_counts()
        inconsistent = int(frame["inconsistent"].sum())
        cautions = int((frame["caution"] != "").sum())
        print(
            f"\n{plural(len(frame), 'country')}: {counts.get('reported', 0)} reported, "
            f"{counts.get('derived', 0)} derived, {counts.get('unknown', 0)} unknown"
            + (f"; {inconsistent} inconsistent (marked !)" if inconsistent else "")
            + (
                f"; {plural(cautions, 'caution')} (marked {CAUTION_MARK}: "
                f"{MORE_REQUESTS_THAN_USERS})"
                if cautions
                else ""
            )
        )
        print(source)
    return 0


def ranked(
    bundle: Bundle,
    frame: pd.DataFrame,
    span: QuarterSpan,
    measure: str,
    service: str,
    per_capita: bool,
    top: int | None,
) -> pd.DataFrame:
    """``frame``'s rows as the ranking view orders them (largest figure shown first, ties by
    code, unknown last), the first ``top`` when given; per million inhabitants, ``value``
    holds the scaled figure and ``records_figure`` the records'."""
    scale = Normalisation.PER_MILLION if per_capita else Normalisation.ABSOLUTE
    state = ViewState(
        countries=tuple(frame["country"]), measure=measure, normalisation=scale, service=service
    )
    known, unknown = rank_rows(series_rows(bundle, state, [span]))
    rows = list(known[:top]) if top is not None else [*known, *unknown]
    out = frame.set_index("country").loc[[row.country for row in rows]].reset_index()
    if per_capita:
        out["records_figure"] = out["value"]
        out["value"] = [row.value if row.known else None for row in rows]
        out["explanation"] = [
            f"{row.explanation}; {row.scaling}" if row.known else row.explanation for row in rows
        ]
    return out
