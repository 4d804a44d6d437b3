"""``tgviewer compare``: period A against period B, country by country, like the Compare view."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import pandas as pd

from tgviewer.cli.arguments import (
    countries_argument,
    measure_argument,
    period_argument,
    service_argument,
)
from tgviewer.cli.bundles import load_bundle
from tgviewer.cli.errors import UsageError
from tgviewer.cli.output import bundle_document, csv_text, json_text, records_of, text_table
from tgviewer.core.bundle.model import DEFAULT_SERVICE
from tgviewer.core.figures.comparison import Comparison, compare_periods
from tgviewer.core.plurals import plural
from tgviewer.core.state.view_state import USERS_PER_REQUEST, CompareOrder

EPILOG = """\
periods: 2025 (a year), 2025H1, 2025Q1, or a range such as 2024Q1-2024Q3; or in words, as
the window shows them: "Q1 2025", "Jan-Sep 2024".

--format csv writes one header row, then the rows: the countries compared, then those that
could not be, with the reason in not_compared (no comment lines).

A country is compared only when its figure is known (reported or derived) in both periods;
the others are listed with the reason. When A and B differ in length, both figures are
per-quarter averages, never raw totals. --per-capita divides by the population of each
period's year (the latest available when the period is newer, as the output says).

examples:
  tgviewer compare --a 2024Q1-Q3 --b 2025Q1-Q3 --per-capita
  tgviewer compare --a "Jan-Sep 2024" --b "Jan-Sep 2025" --countries Germany,France
  tgviewer compare --a 2025Q4 --b 2026Q1 --measure requests --format csv
"""

COLUMNS = (
    "country",
    "name",
    "a",
    "b",
    "change",
    "percent_change",
    "a_status",
    "b_status",
    "inconsistent",
    "a_explanation",
    "b_explanation",
    "a_scaling",
    "b_scaling",
)


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``compare`` to the command line."""
    compare = commands.add_parser(
        "compare",
        help="period A against period B, per country",
        description="Compare each country's figure between two periods, like for like.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument("--a", required=True, metavar="P", help="the first period")
    compare.add_argument("--b", required=True, metavar="P", help="the second period")
    compare.add_argument(
        "--measure",
        metavar="M",
        help="a measure of the bundle (users, requests) or users_per_request "
        "(default: users when the bundle has it)",
    )
    compare.add_argument("--per-capita", action="store_true", help="per million inhabitants")
    compare.add_argument(
        "--countries",
        metavar="C,C",
        help="ISO 3166-1 alpha-3 codes or names, such as FRA,Germany (default: every "
        "country in the bundle)",
    )
    compare.add_argument(
        "--sort",
        choices=[o.value for o in CompareOrder],
        default=CompareOrder.PERCENT.value,
        help="order of the compared countries (default: percent)",
    )
    compare.add_argument("--bundle", metavar="B", help="bundle to read (default: embedded)")
    compare.add_argument("--service", default=None, help=f"service (default: {DEFAULT_SERVICE})")
    compare.add_argument(
        "--format",
        choices=["text", "csv", "json"],
        default="text",
        help="output format (default: text)",
    )
    compare.set_defaults(run=run_compare)


def comparison_frame(comparison: Comparison, order: CompareOrder) -> pd.DataFrame:
    """One row per compared country, in ``order``."""
    rows = [
        {
            "country": r.country,
            "name": r.name,
            "a": r.a.value,
            "b": r.b.value,
            "change": r.change,
            "percent_change": r.percent,
            "a_status": r.a.status.value,
            "b_status": r.b.status.value,
            "inconsistent": r.inconsistent,
            "a_explanation": r.a.explanation,
            "b_explanation": r.b.explanation,
            "a_scaling": r.a.scaling,
            "b_scaling": r.b.scaling,
        }
        for r in comparison.ordered(order)
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _number(value: float | None, decimals: int) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{decimals}f}"


def run_compare(args: argparse.Namespace) -> int:
    bundle = load_bundle(args.bundle)
    a, b = period_argument(args.a), period_argument(args.b)
    measures = bundle.manifest.measure_keys
    measure = measure_argument(
        args.measure, bundle, "users" if "users" in measures else measures[0], ratio=True
    )
    if args.per_capita and measure == USERS_PER_REQUEST:
        raise UsageError(
            "--per-capita: users per request is a ratio; it cannot be taken per inhabitant"
        )
    service = service_argument(args.service, bundle)
    countries = countries_argument(args.countries, bundle) or bundle.countries
    comparison = compare_periods(bundle, countries, a, b, measure, service, args.per_capita)
    order = CompareOrder(args.sort)
    frame = comparison_frame(comparison, order)
    manifest = bundle.manifest
    label = manifest.measure(measure).label if measure != USERS_PER_REQUEST else "Users per request"
    unit = f" ({comparison.unit})" if comparison.unit else ""
    title = f"{label}{unit}: {a.label} vs {b.label}"
    source = f"Source: {manifest.attribution}. Bundle: {manifest.title}, as of {manifest.as_of}"
    note = comparison.length_note()
    left_out = [
        {"country": n.country, "name": n.name, "reason": n.reason}
        for n in comparison.not_comparable
    ]
    if args.format == "csv":
        not_compared = pd.DataFrame(
            [
                {"country": n["country"], "name": n["name"], "not_compared": n["reason"]}
                for n in left_out
            ],
            columns=["country", "name", "not_compared"],
        )
        rows = frame.assign(not_compared="")
        sys.stdout.write(csv_text(pd.concat([rows, not_compared]) if left_out else rows))
    elif args.format == "json":
        document: dict[str, Any] = {
            "bundle": bundle_document(bundle),
            "attribution": manifest.attribution,
            "a": {"code": a.code, "label": a.label, "quarters": a.length},
            "b": {"code": b.code, "label": b.label, "quarters": b.length},
            "measure": {"key": measure, "label": label},
            "per_capita": comparison.per_capita,
            "per_quarter_average": comparison.per_quarter,
            "note": note or None,
            "service": service,
            "rows": records_of(frame),
            "not_comparable": left_out,
        }
        sys.stdout.write(json_text(document))
    else:
        decimals = (
            2
            if (comparison.per_capita or comparison.per_quarter or measure == USERS_PER_REQUEST)
            else 0
        )
        shown = pd.DataFrame(
            {
                "country": frame["country"],
                "name": frame["name"],
                "a": [_number(v, decimals) for v in frame["a"]],
                "b": [_number(v, decimals) for v in frame["b"]],
                "change": [_number(v, decimals) for v in frame["change"]],
                "percent": [
                    ("from 0" if v is None or v != v else f"{v:+,.1f}%")
                    for v in frame["percent_change"]
                ],
                "flag": ["!" if v else "" for v in frame["inconsistent"]],
            }
        )
        print(title)
        if note:
            print(note)
        print(f"{manifest.title}, as of {manifest.as_of}\n")
        sys.stdout.write(
            text_table(
                shown,
                [
                    ("country", "code"),
                    ("name", "country"),
                    ("a", a.label),
                    ("b", b.label),
                    ("change", "change"),
                    ("percent", "%"),
                    ("flag", "!"),
                ],
                right_aligned=["a", "b", "change", "percent"],
            )
        )
        print(
            f"\n{len(frame)} of {plural(len(countries), 'country')} compared"
            + ("; ! marks figures whose records disagree" if frame["inconsistent"].any() else "")
        )
        if left_out:
            print(f"\nNot comparable ({len(left_out)}):")
            for n in left_out:
                print(f"  {n['country']}  {n['name']}: {n['reason']}")
        print(source)
    return 0
