"""How figures and series rows read on screen: values, statuses and tooltips."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from tgviewer.core.bundle.cautions import CAUTION_MARK, MORE_REQUESTS_THAN_USERS
from tgviewer.core.figures.series import SeriesRow
from tgviewer.core.plurals import quantity

#: What a view says instead of an empty chart.
NO_COUNTRY_MESSAGE = (
    "No country selected.\nTick countries in the filter panel, or pick a group such as EU-27."
)
NO_PERIOD_MESSAGE = (
    "The period range holds no whole period of this length.\n"
    "Widen the range or choose a shorter granularity."
)

#: Said under a figure whose records include one with more requests than users.
CAUTION_LINE = f"{CAUTION_MARK} {MORE_REQUESTS_THAN_USERS} (see Details)"

#: Plain words for each status of a figure.
STATUS_WORDS = {
    "reported": "reported",
    "derived": "derived from other records",
    "unknown": "not known",
}


def format_value(value: float) -> str:
    """Counts as whole numbers with separators; scaled figures to three significant digits,
    so that 0.3 per million never reads as 0."""
    if math.isnan(value):
        return "—"
    if value == int(value) or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def describe_row(row: SeriesRow, unit: str) -> str:
    """A tooltip for one series row: country, period, value, status, records.

    ``unit`` is the measure's label (``users affected``), placed after the value (in the
    singular for a figure of one). The status is said once, next to the figure; the last
    line says how the figure is known without repeating it.
    """
    status = STATUS_WORDS.get(row.status, row.status)
    lines = [f"{row.name} ({row.country}) · {row.period_label}"]
    scaled = row.scaling != "absolute"
    raw_known = row.raw == row.raw
    if row.known and scaled:
        lines.append(f"{format_value(row.value)} ({row.scaling})")
        lines.append(f"The records: {_figure(row.raw, unit)} · {status}")
    elif row.known:
        lines.append(f"{_figure(row.value, unit)} · {status}")
    elif raw_known:
        # The figure is known; the scale cannot be applied to it (an unknown base...).
        lines.append(f"Not drawn: {row.scaling}")
        lines.append(f"The records: {_figure(row.raw, unit)} · {status}")
    else:
        lines.append(f"No figure: {status}")
    if row.inconsistent:
        lines.append("⚠ the records for this figure disagree (see Details)")
    if row.caution:
        lines.append(CAUTION_LINE)
    lines.append(how_known(row.status, row.explanation))
    return "\n".join(lines)


def _figure(value: float, unit: str) -> str:
    """``1 user affected``, ``5,675 users affected``; the bare figure without a unit."""
    return quantity(value, unit, format_value(value)) if unit else format_value(value)


def how_known(status: str, explanation: str) -> str:
    """``explanation`` without the status it starts with, which the tooltip has said:
    ``reported (records.csv line 137)`` -> ``records.csv line 137``, ``unknown: records
    cover only 2024`` -> ``records cover only 2024``."""
    said = re.match(rf"{re.escape(status)}(?: \((?P<where>[^)]*)\)|: )", explanation)
    if said is None:
        return explanation
    rest = explanation[said.end() :]
    return said["where"] + rest if said["where"] is not None else rest


def unscalable_message(rows: Sequence[SeriesRow]) -> str:
    """What to say when figures are known but none can be drawn on the chosen scale (an
    index whose base is unknown...); "" when that is not the case."""
    stuck = [row for row in rows if not row.known and row.raw == row.raw]
    if not stuck or any(row.known for row in rows):
        return ""
    return (
        f"The figures are known, but this scale cannot be applied to them: "
        f"{stuck[0].scaling} ({stuck[0].name}).\nChoose another base period or scale "
        "in the filter panel."
    )
