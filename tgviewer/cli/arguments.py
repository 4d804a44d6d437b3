"""Reading the arguments several commands share: countries, periods, measure, service.

Where a code is accepted, so are the words the window shows: country names (``Germany``)
and period labels (``"Jan-Sep 2024"``, ``"Q1 2025"``). An argument that names nothing the
bundle has is a :class:`~tgviewer.cli.errors.UsageError` (exit code 2).
"""

from __future__ import annotations

import sys

from tgviewer.cli.errors import UsageError
from tgviewer.core.bundle.model import DEFAULT_SERVICE, Bundle
from tgviewer.core.bundle.records_csv import COUNTRY_CODE
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.periods.words import parse_period
from tgviewer.core.reference.country_names import code_for_name
from tgviewer.core.state.view_state import USERS_PER_REQUEST


def countries_argument(argument: str | None, bundle: Bundle) -> list[str] | None:
    """The codes of ``--countries`` (codes or names, such as ``FRA,Germany,USA``), or
    ``None`` when not given (every country)."""
    if argument is None:
        return None
    given = [c.strip() for c in argument.split(",") if c.strip()]
    codes = [c.upper() if COUNTRY_CODE.match(c.upper()) else code_for_name(c) or c for c in given]
    bad = [c for c in codes if not COUNTRY_CODE.match(c)]
    if bad or not codes:
        raise UsageError(
            f"--countries: {', '.join(bad) or 'nothing given'}: expected country codes "
            "(ISO 3166-1 alpha-3) or names separated by commas, such as FRA,Germany,USA"
        )
    absent = [c for c in codes if c not in bundle.countries]
    if absent:
        print(f"tgviewer: note: the bundle has no records for {', '.join(absent)}", file=sys.stderr)
    return codes


def period_argument(argument: str) -> QuarterSpan:
    """The period of ``--period``, ``--a`` or ``--b``: a code (``2024Q1-2024Q3``) or its
    words (``"Jan-Sep 2024"``, ``"Q1 2025"``); a :class:`PeriodError` (exit code 2)
    otherwise."""
    return parse_period(argument)


def measure_argument(
    argument: str | None, bundle: Bundle, default: str, ratio: bool = False
) -> str:
    """The measure of ``--measure`` (``default`` when not given); with ``ratio``,
    :data:`USERS_PER_REQUEST` too when the bundle has users and requests."""
    measures = list(bundle.manifest.measure_keys)
    if ratio and {"users", "requests"} <= set(measures):
        measures.append(USERS_PER_REQUEST)
    measure = argument or default
    if measure not in measures:
        raise UsageError(
            f"--measure: the bundle has no measure {measure!r}; it has {', '.join(measures)}"
        )
    return measure


def service_argument(argument: str | None, bundle: Bundle) -> str:
    """The service of ``--service`` (the default service when not given)."""
    service = argument or DEFAULT_SERVICE
    if bundle.records and service not in bundle.services:
        raise UsageError(
            f"--service: the bundle has no records for {service!r}; it has "
            f"{', '.join(bundle.services)}"
        )
    return service
