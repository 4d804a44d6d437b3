"""What an exported table says of itself, wherever it travels.

The same provenance goes into a CSV's metadata file (:mod:`.csvw`) and a workbook's About
sheet (:mod:`.xlsx`): the chart's title, subtitle and source line, the licence, the bundle
(id, title, date and checksum), the whole view (the ViewState as JSON, which ``tgviewer``
reads back), the layout, and what each column holds and in which unit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tgviewer import __version__
from tgviewer.core.export.columns import IN_UNIT, description
from tgviewer.core.export.layouts import Layout, WideTable, column_name
from tgviewer.core.state.view_state import ViewState
from tgviewer.core.views.base import ViewModel
from tgviewer.core.views.data_table import DataTable


@dataclass(frozen=True)
class Column:
    """One column of an exported table.

    Attributes
    ----------
    name
        Its name for software: letters, digits and ``_``.
    title
        Its header in the file.
    description
        What it holds.
    unit
        The unit of its figures; ``""`` for text and counts of no unit.
    """

    name: str
    title: str
    description: str
    unit: str = ""


@dataclass(frozen=True)
class Provenance:
    """Where an exported table comes from and what it holds."""

    title: str
    subtitle: str
    source: str
    licence: str
    attribution: str
    bundle_id: str
    bundle_title: str
    bundle_as_of: str
    checksum: str
    view: str
    view_kind: str
    layout: Layout
    columns: tuple[Column, ...]
    software: str = f"tgviewer {__version__}"

    def fields(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a person: the About sheet's first rows."""
        return [
            ("Title", self.title),
            ("Description", self.subtitle),
            ("Source", self.source),
            ("Licence", self.licence),
            ("Attribution", self.attribution),
            ("Bundle", f"{self.bundle_title} ({self.bundle_id}), as of {self.bundle_as_of}"),
            ("Bundle checksum", self.checksum or "none"),
            ("View", self.view_kind),
            ("Layout", LAYOUT_WORDS[self.layout]),
            ("View settings (JSON)", self.view),
            ("Made with", self.software),
        ]


#: Each layout in words.
LAYOUT_WORDS = {
    Layout.LONG: "one row per country and period",
    Layout.WIDE: "one row per country, one column per period",
}


#: What a period column of the coverage grid holds.
COVERAGE_CELL = (
    "What the records say of {label}: reported, derived, covered (only inside a longer "
    "total) or unknown (no record)"
)


def unit_of(table: DataTable) -> str:
    """The unit the table's figures are in (every row of a view shares it)."""
    if "unit" in table.columns and table.rows:
        return str(table.rows[0][table.columns.index("unit")] or "")
    return ""


def long_columns(table: DataTable) -> tuple[Column, ...]:
    """The columns of a view's long table, described."""
    unit = unit_of(table)
    return tuple(
        Column(name, name, description(name), unit if name in IN_UNIT else "")
        for name in table.columns
    )


def wide_columns(wide: WideTable, unit: str) -> tuple[Column, ...]:
    """The columns of a wide table: the country, then one per period."""
    if wide.cell == "cell":  # the coverage grid
        words, unit = COVERAGE_CELL, ""
    else:
        words = "{label}: " + (unit or "the figure drawn") + " (empty when unknown)"
    return (
        Column("country", "country", description("country")),
        Column("country_name", "country_name", description("country_name")),
        *(
            Column(column_name(period.code), period.label, words.format(label=period.label), unit)
            for period in wide.periods
        ),
    )


def provenance(
    model: ViewModel, state: ViewState, layout: Layout, columns: tuple[Column, ...]
) -> Provenance:
    """The provenance of ``model``'s data exported in ``layout``; ``state`` is the whole
    state shown (not only the view's inputs), so the file says exactly what was on screen."""
    bundle = model.bundle
    manifest = bundle.manifest
    return Provenance(
        title=model.text.title,
        subtitle=model.text.subtitle,
        source=model.text.footer,
        licence=manifest.licence,
        attribution=manifest.attribution,
        bundle_id=manifest.id,
        bundle_title=manifest.title,
        bundle_as_of=manifest.as_of.isoformat(),
        checksum=bundle.checksum,
        view=json.dumps(state.to_dict(), ensure_ascii=False, sort_keys=True),
        view_kind=state.view.value,
        layout=layout,
        columns=columns,
    )
