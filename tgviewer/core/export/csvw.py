"""The metadata file beside an exported CSV, as CSV on the Web says (W3C, 2015).

``NAME.csv-metadata.json`` is where CSVW-aware software looks for the description of
``NAME.csv``; a person can read it too. It names the table (``dc:title``,
``dc:description``), its source and licence (``dc:source``, ``dc:license``), the bundle the
figures come from (``prov:wasDerivedFrom``: id, title, date, SHA-256 checksum) and the view
and software that made it (``prov:wasGeneratedBy``), and describes every column: its header
(``titles``), its meaning (``dc:description``), its type (``datatype``) and unit
(``schema:unitText``). Only the vocabularies of the CSVW context are used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tgviewer.core.export.csv_file import LINE_END
from tgviewer.core.export.provenance import Column, Provenance
from tgviewer.core.views.data_table import Cell, DataTable


def metadata_path(csv_path: Path) -> Path:
    """Where the metadata of ``csv_path`` goes: ``NAME.csv-metadata.json`` beside it."""
    return csv_path.with_name(csv_path.name + "-metadata.json")


def datatype(cells: list[Cell]) -> str | dict[str, str]:
    """The CSVW datatype of a column holding ``cells`` (empty cells are allowed in any)."""
    present = [cell for cell in cells if cell is not None]
    if present and all(isinstance(cell, bool) for cell in present):
        return {"base": "boolean", "format": "yes|no"}
    if present and all(isinstance(cell, int) and not isinstance(cell, bool) for cell in present):
        return "integer"
    if present and all(
        isinstance(cell, int | float) and not isinstance(cell, bool) for cell in present
    ):
        return "number"
    return "string"


def metadata(table: DataTable, about: Provenance, csv_name: str) -> dict[str, Any]:
    """The CSVW description of ``table``, written to ``csv_name``."""
    columns = [
        _column(column, [row[i] for row in table.rows]) for i, column in enumerate(about.columns)
    ]
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": csv_name,
        "dc:title": about.title,
        "dc:description": about.subtitle,
        "dc:source": about.source,
        "dc:license": about.licence,
        "dc:rights": about.attribution,
        "prov:wasDerivedFrom": {
            "dc:identifier": about.bundle_id,
            "dc:title": about.bundle_title,
            "dc:date": about.bundle_as_of,
            "schema:sha256": about.checksum,
        },
        "prov:wasGeneratedBy": {
            "rdfs:label": about.software,
            "dc:type": f"tgviewer {about.view_kind} view, {about.layout.value} layout",
            "dc:description": about.view,
        },
        "dialect": {
            "encoding": "utf-8",
            "header": True,
            "headerRowCount": 1,
            "lineTerminators": [LINE_END],
        },
        "tableSchema": {"columns": columns},
    }


def metadata_bytes(table: DataTable, about: Provenance, csv_name: str) -> bytes:
    """:func:`metadata` as the bytes of an indented UTF-8 JSON file."""
    text = json.dumps(metadata(table, about, csv_name), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _column(column: Column, cells: list[Cell]) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": column.name,
        "titles": column.title,
        "dc:description": column.description,
        "datatype": datatype(cells),
    }
    if column.unit:
        described["schema:unitText"] = column.unit
    return described
