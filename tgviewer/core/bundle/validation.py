"""Checks across the records of a bundle: repeated spans, unknown countries, totals that
disagree with their parts, and records whose figures are doubtful.

A span given twice with different figures is an error (which one is true?); the rest are
warnings kept with the loaded bundle, since real disclosures do contradict themselves and
tgviewer's job is to show that, not to hide it. A record with more requests than users is
not a contradiction but a caution, a problem of its own severity (``check_cautions``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from tgviewer.core.bundle.cautions import MORE_REQUESTS_THAN_USERS, caution_figures
from tgviewer.core.bundle.model import RECORDS_FILE, Bundle, Record
from tgviewer.core.bundle.problems import Problem, caution, describe_lines, error, warning
from tgviewer.core.periods.engine import engine_for
from tgviewer.core.plurals import plural
from tgviewer.core.reference.countries import is_known_country

#: Contradictions said one by one for a country and measure; a warning counts the others.
MAX_LISTED_CONTRADICTIONS = 5
#: Lines of records named in one warning; the others are counted.
MAX_LISTED_LINES = 12


def check_records(bundle: Bundle) -> list[Problem]:
    """Problems between records: repeats, conflicting repeats, unknown or unaligned codes.

    Records can repeat each other or fall off quarter edges only where they crowd each
    other (:meth:`~tgviewer.core.bundle.record_index.RecordIndex.crowded_pairs`), so only
    those are looked at: in a million records that each cover their own quarters, none.
    """
    problems: list[Problem] = []
    index = bundle.index
    crowded = sorted(
        (
            record
            for service, country in index.crowded_pairs()
            for record in bundle.records_for(country, service)
        ),
        key=lambda r: r.line,
    )
    by_span: dict[tuple[str, str, object, object], list[Record]] = defaultdict(list)
    for record in crowded:
        by_span[(record.service, record.country, record.start, record.end)].append(record)
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
    unknown = (c for c in index.countries if not is_known_country(c))
    for record in index.first_records(unknown):
        problems.append(
            warning(
                f"{record.country} is not an ISO 3166-1 alpha-3 code tgviewer knows; it is "
                "shown by its code",
                RECORDS_FILE,
                record.line,
                "country",
            )
        )
    measures = bundle.manifest.measure_keys
    for repeats in by_span.values():
        if len(repeats) == 1:
            continue
        first = repeats[0]
        where = f"{first.country} {first.period_label}"
        same: list[int] = []
        for other in repeats[1:]:
            differing = [
                f"{m} {first.value(m)} vs {other.value(m)}"
                for m in measures
                if first.value(m) is not None
                and other.value(m) is not None
                and first.value(m) != other.value(m)
            ]
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
                same.append(other.line)
        if len(same) == 1:
            problems.append(warning(f"{where} repeats line {first.line}", RECORDS_FILE, same[0]))
        elif same:  # one warning for many repeats, not one each
            problems.append(
                warning(
                    f"{where}: {len(same):,} records repeat line {first.line} "
                    f"({describe_lines(same)})",
                    RECORDS_FILE,
                    same[0],
                )
            )
    return problems


def check_cautions(bundle: Bundle) -> list[Problem]:
    """A caution for each record with more requests than users, located at its line
    (``IND Q4 2025: more requests than users: ... (12,146 requests, 8,855 users)``)."""
    return [
        caution(
            f"{record.country} {record.period_label}: {MORE_REQUESTS_THAN_USERS} "
            f"({caution_figures(record)})",
            RECORDS_FILE,
            record.line or None,
        )
        for record in bundle.index.with_caution()
    ]


def check_consistency(
    bundle: Bundle, progress: Callable[[float], None] | None = None
) -> list[Problem]:
    """A warning for each set of records that disagree (see ``PeriodEngine.contradictions``).

    For each country and measure, the first :data:`MAX_LISTED_CONTRADICTIONS` are said one
    by one and one more warning counts the rest: thousands of overlapping records can
    contradict each other thousands of times, and listing every one would take time and
    text growing with the square of the records. ``progress`` hears the share of countries
    checked (and may raise to stop).
    """
    engine = engine_for(bundle)
    problems = []
    # Records that each cover their own quarters cannot disagree (their span graph is a
    # forest of paths, every figure on it reported or a sum of reported ones).
    pairs = bundle.index.crowded_pairs()
    for done, (service, country) in enumerate(pairs):
        if progress is not None and done % 50 == 0:
            progress(done / len(pairs))
        for measure in bundle.manifest.measure_keys:
            listed = engine.contradictions(
                country, measure, service, limit=MAX_LISTED_CONTRADICTIONS
            )
            for contradiction in listed:
                lines = _lines_text([r.line for r in contradiction.records if r.line])
                problems.append(
                    warning(
                        f"{country} {measure}: {contradiction.describe()} (records on {lines})",
                        RECORDS_FILE,
                        contradiction.first.records[0].line,
                        measure,
                    )
                )
            more = engine.contradiction_count(country, measure, service) - len(listed)
            if more > 0:
                problems.append(
                    warning(
                        f"{country} {measure}: {plural(more, 'more contradiction')} "
                        f"among these records (the first {len(listed)} are listed)",
                        RECORDS_FILE,
                        listed[-1].first.records[0].line,
                        measure,
                    )
                )
    return problems


def _lines_text(lines: list[int]) -> str:
    """``lines 4, 2, 3``, the first :data:`MAX_LISTED_LINES` of them, then a count."""
    text = ", ".join(str(line) for line in lines[:MAX_LISTED_LINES])
    if len(lines) > MAX_LISTED_LINES:
        text += f" and {len(lines) - MAX_LISTED_LINES:,} more"
    return f"lines {text}"
