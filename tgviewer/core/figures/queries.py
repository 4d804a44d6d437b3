"""Pure queries from a bundle to small tables that views and the CLI show.

Each function takes a bundle and a question and returns a pandas frame; nothing here draws,
prints or keeps state (the period engine caches answers per bundle).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from tgviewer.core.bundle.cautions import MORE_REQUESTS_THAN_USERS, any_caution
from tgviewer.core.bundle.model import DEFAULT_SERVICE, Bundle
from tgviewer.core.periods.engine import SpanAnswer, engine_for
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.reference.countries import country_name

SPAN_TABLE_COLUMNS = (
    "country",
    "name",
    "period",
    "period_label",
    "measure",
    "value",
    "status",
    "inconsistent",
    "caution",
    "derivation",
    "record_lines",
    "explanation",
)


def span_answers(
    bundle: Bundle,
    span: QuarterSpan,
    measure: str,
    countries: Iterable[str] | None = None,
    service: str = DEFAULT_SERVICE,
) -> list[SpanAnswer]:
    """The engine's answer for each country (all of the bundle's by default), by name."""
    engine = engine_for(bundle)
    chosen = bundle.countries if countries is None else list(dict.fromkeys(countries))
    answers = [engine.answer(code, measure, span, service) for code in chosen]
    return sorted(answers, key=lambda a: (country_name(a.country).casefold(), a.country))


def span_table(
    bundle: Bundle,
    span: QuarterSpan,
    measure: str,
    countries: Iterable[str] | None = None,
    service: str = DEFAULT_SERVICE,
) -> pd.DataFrame:
    """One row per country: its figure for ``measure`` over ``span`` and how it is known.

    Columns are :data:`SPAN_TABLE_COLUMNS`. ``value`` is a nullable integer (missing when
    unknown); ``status`` is ``reported``, ``derived`` or ``unknown``; ``derivation`` is the
    formula (``2024 (2253) − Jan–Sep 2024 (108)``); ``caution`` says why a figure is doubtful
    (a record behind it has more requests than users), empty otherwise; ``record_lines``
    lists the lines of ``records.csv`` used; ``explanation`` says it all in one line,
    contradictions included.
    """
    if measure not in bundle.manifest.measure_keys:
        raise KeyError(measure)
    rows = [
        {
            "country": a.country,
            "name": country_name(a.country),
            "period": span.code,
            "period_label": span.label,
            "measure": measure,
            "value": a.value,
            "status": a.status.value,
            "inconsistent": a.inconsistent,
            "caution": MORE_REQUESTS_THAN_USERS if any_caution(a.records) else "",
            "derivation": a.derivation.formula if a.derivation else "",
            "record_lines": " ".join(str(r.line) for r in a.records if r.line),
            "explanation": a.explain(),
        }
        for a in span_answers(bundle, span, measure, countries, service)
    ]
    frame = pd.DataFrame(rows, columns=list(SPAN_TABLE_COLUMNS))
    frame["value"] = frame["value"].astype("Int64")
    frame["inconsistent"] = frame["inconsistent"].astype(bool)
    return frame
