"""The two shapes of a view's data: one row per country and period, or countries × periods.

The long layout is :meth:`~tgviewer.core.views.base.ViewModel.data_table` itself: every
figure with its status, scaling, population and records, for every view. The wide layout
is the grid people read: one row per country (in the view's order), one column per period
(in time order), as the Table view shows it. Which views have one:

- trend, table, ranking, map: the figure drawn for each period (the ranking's and the
  map's single period);
  the trend's dashed totals over longer periods, and each figure's status and records, are
  in the long layout only;
- coverage: what the records say of each quarter (reported, derived, covered, unknown);
- compare and scatter: none. Their data already has one row per country, with a column
  per period (compare) or per measure (scatter): the long layout is the grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from tgviewer.core.errors import TgviewerError
from tgviewer.core.periods.spans import parse_span
from tgviewer.core.state.view_state import ViewKind

if TYPE_CHECKING:  # the window reads which views have a wide layout at start-up
    from tgviewer.core.views.base import ViewModel
    from tgviewer.core.views.data_table import Cell, DataTable


class Layout(Enum):
    """How the rows of an export are laid out."""

    LONG = "long"
    WIDE = "wide"


@dataclass(frozen=True)
class WideForm:
    """How a view's long table becomes its wide one: which columns give the period (its
    code and label) and the cell; rows whose ``status`` is ``skip`` stay in the long one."""

    period: str
    label: str
    cell: str
    skip: str = ""


#: The views with a wide layout, and how to make it.
WIDE_FORMS: dict[ViewKind, WideForm] = {
    ViewKind.TREND: WideForm("period", "period_label", "value", skip="span total"),
    ViewKind.TABLE: WideForm("period", "period_label", "value"),
    ViewKind.RANKING: WideForm("period", "period_label", "value"),
    ViewKind.MAP: WideForm("period", "period_label", "value"),
    ViewKind.COVERAGE: WideForm("quarter", "quarter_label", "cell"),
}

#: Why the other views have none, in a sentence for a menu's tooltip or an error.
NO_WIDE_REASONS: dict[ViewKind, str] = {
    ViewKind.COMPARE: "The compare view's data already has one row per country, with a "
    "column for period A and one for period B: there is no other layout.",
    ViewKind.SCATTER: "The scatter's data already has one row per country, with a column "
    "per measure: there is no other layout.",
}


class NoWideLayoutError(TgviewerError):
    """The view asked for has no countries × periods layout; the message says why."""


@dataclass(frozen=True)
class WideColumn:
    """A period column of a wide table: its header (the period's label) and its code."""

    label: str
    code: str


@dataclass(frozen=True)
class WideTable:
    """A wide table, and what its period columns are."""

    table: DataTable
    periods: tuple[WideColumn, ...]
    cell: str


def has_wide(kind: ViewKind) -> bool:
    """Whether the view of ``kind`` has a countries × periods layout."""
    return kind in WIDE_FORMS


def wide_table(model: ViewModel) -> WideTable:
    """``model``'s figures as countries × periods: rows in the view's order, periods in
    time order, headed by their labels.

    Raises
    ------
    NoWideLayoutError
        For a view without one (:data:`NO_WIDE_REASONS`).
    """
    from tgviewer.core.views.data_table import DataTable

    form = WIDE_FORMS.get(model.kind)
    if form is None:
        raise NoWideLayoutError(NO_WIDE_REASONS[model.kind])
    long = model.data_table()
    records = [r for r in long.records() if not form.skip or r.get("status") != form.skip]
    labels: dict[str, str] = {}
    countries: dict[str, str] = {}
    cells: dict[tuple[str, str], Cell] = {}
    for record in records:
        code, country = str(record[form.period]), str(record["country"])
        labels.setdefault(code, str(record[form.label]))
        countries.setdefault(country, str(record["country_name"]))
        cells[country, code] = record[form.cell]
    order = sorted(labels, key=lambda code: (parse_span(code).first, parse_span(code).last))
    periods = tuple(WideColumn(labels[code], code) for code in order)
    rows = tuple(
        (country, name, *(cells.get((country, code)) for code in order))
        for country, name in countries.items()
    )
    columns = ("country", "country_name", *(column.label for column in periods))
    return WideTable(DataTable(columns, rows), periods, form.cell)


def column_name(code: str) -> str:
    """A period column's name for metadata (letters, digits and ``_``, as CSV on the Web
    asks): ``2024Q1-2024Q3`` gives ``2024Q1_2024Q3``."""
    return re.sub(r"[^A-Za-z0-9]+", "_", code).strip("_") or "period"
