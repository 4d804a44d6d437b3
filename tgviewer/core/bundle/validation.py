"""Checks across the records of a bundle: repeated spans, unknown countries, totals that
disagree with their parts.

A span given twice with different figures is an error (which one is true?); the rest are
warnings kept with the loaded bundle, since real disclosures do contradict themselves and
tgviewer's job is to show that, not to hide it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tgviewer.core.bundle.model import RECORDS_FILE, Bundle, Record
from tgviewer.core.bundle.problems import Problem, error, warning
from tgviewer.core.periods.engine import engine_for
from tgviewer.core.reference.countries import is_known_country


def check_records(records: Sequence[Record], measures: Sequence[str]) -> list[Problem]:
    """Problems between records: repeats, conflicting repeats, unknown or unaligned codes."""
    problems: list[Problem] = []
    unknown: dict[str, Record] = {}
    by_span: dict[tuple[str, str, object, object], list[Record]] = defaultdict(list)
    for record in records:
        by_span[(record.service, record.country, record.start, record.end)].append(record)
        if not is_known_country(record.country) and record.country not in unknown:
            unknown[record.country] = record
        if record.span is None:
            problems.append(
                warning(
                    f"{record.country} {record.period_label} does not run from the first day of a "
                    "quarter to the last day of one; it is shown but never used to derive figures",
                    RECORDS_FILE,
                    record.line,
                    "start",
                )
            )
    for code, record in unknown.items():
        problems.append(
            warning(
                f"{code} is not an ISO 3166-1 alpha-3 code tgviewer knows; it is shown by its code",
                RECORDS_FILE,
                record.line,
                "country",
            )
        )
    for repeats in by_span.values():
        first = repeats[0]
        for other in repeats[1:]:
            differing = [
                f"{m} {first.value(m)} vs {other.value(m)}"
                for m in measures
                if first.value(m) is not None
                and other.value(m) is not None
                and first.value(m) != other.value(m)
            ]
            where = f"{first.country} {first.period_label}"
            if differing:
                problems.append(
                    error(
                        f"{where} is given twice with different figures (line {first.line}: "
                        f"{'; '.join(differing)}); keep one",
                        RECORDS_FILE,
                        other.line,
                    )
                )
            else:
                problems.append(
                    warning(f"{where} repeats line {first.line}", RECORDS_FILE, other.line)
                )
    return problems


def check_consistency(bundle: Bundle) -> list[Problem]:
    """A warning for every set of records that disagree (see ``PeriodEngine.contradictions``)."""
    engine = engine_for(bundle)
    problems = []
    for service in bundle.services:
        for country in bundle.countries:
            for measure in bundle.manifest.measure_keys:
                for contradiction in engine.contradictions(country, measure, service):
                    lines = ", ".join(str(r.line) for r in contradiction.records if r.line)
                    problems.append(
                        warning(
                            f"{country} {measure}: {contradiction.describe()} "
                            f"(records on lines {lines})",
                            RECORDS_FILE,
                            contradiction.first.records[0].line,
                            measure,
                        )
                    )
    return problems
