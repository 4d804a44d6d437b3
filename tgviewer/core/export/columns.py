"""What each column of an exported table means, for the metadata file and the About sheet.

The long layouts' columns are those of :mod:`tgviewer.core.views.data_table`; every one is
described here, and a test checks that none is missing.
"""

from __future__ import annotations

#: The meaning of every column a view's long table can have, by name.
DESCRIPTIONS: dict[str, str] = {
    "country": "ISO 3166-1 alpha-3 code of the country",
    "country_name": "The country's name",
    "period": "The period, as a code tgviewer reads back (2024Q1, 2025H1, 2024, 2024Q1-2024Q3)",
    "period_label": "The period, in words (Q1 2024, Jan–Sep 2024)",
    "value": "The figure drawn, in the unit of the row (empty when unknown)",
    "unit": "What the figures of the row measure and how they are scaled",
    "records_figure": "The records' figure before any scaling (empty when unknown)",
    "status": "How the figure is known: reported, derived (from other records), unknown, or "
    "span total (a total over a longer period the records do not split)",
    "records_disagree": "yes when records behind the figure contradict each other",
    "caution": "Empty, or a caution about a record behind the figure",
    "population": "Inhabitants used to scale the figure per million (empty when not scaled)",
    "population_year": "The year of that population figure",
    "how_known": "The records behind the figure, and how it was derived and scaled",
    "period_a": "Period A, as a code",
    "period_b": "Period B, as a code",
    "value_a": "The figure for period A, in the unit of the row",
    "value_b": "The figure for period B, in the unit of the row",
    "change": "Value B minus value A",
    "percent_change": "The change as a percentage of value A (empty when A is 0)",
    "records_figure_a": "The records' figure for period A before scaling",
    "records_figure_b": "The records' figure for period B before scaling",
    "status_a": "How the figure for period A is known: reported or derived",
    "status_b": "How the figure for period B is known: reported or derived",
    "population_a": "Inhabitants used to scale the figure for period A",
    "population_year_a": "The year of the population for period A",
    "population_b": "Inhabitants used to scale the figure for period B",
    "population_year_b": "The year of the population for period B",
    "quarter": "The quarter, as a code (2024Q1)",
    "quarter_label": "The quarter, in words (Q1 2024)",
    "cell": "What the records say of the quarter: reported, derived, covered (only inside a "
    "longer total) or unknown (no record)",
    "records": "The records behind the cell (file and line)",
    "class": "The map's colour class the figure falls in",
    "selected": "yes when the country is among those selected (the map shows every country)",
    "requests": "Fulfilled requests in the period, in the unit of the row",
    "users": "Users affected in the period, in the unit of the row",
    "users_per_request": "Users affected per fulfilled request",
    "records_requests": "The records' figure of requests before scaling",
    "records_users": "The records' figure of users before scaling",
    "status_requests": "How the requests figure is known: reported or derived",
    "status_users": "How the users figure is known: reported or derived",
}

#: The columns whose figures are in the row's unit (:data:`DESCRIPTIONS`' ``unit``).
IN_UNIT = frozenset({"value", "value_a", "value_b", "change", "requests", "users"})


def description(name: str) -> str:
    """What the column ``name`` holds; a plain fallback for a column not listed."""
    return DESCRIPTIONS.get(name, name.replace("_", " ").capitalize())
