"""Writing tables to the terminal, as CSV or as JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.views.data_table import spreadsheet_safe


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV: one header row, then the rows, nothing else, as in the files the
    window exports (text a spreadsheet would run is defused)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow(["" if _missing(v) else spreadsheet_safe(_plain(v)) for v in row])
    return buffer.getvalue()


def bundle_document(bundle: Bundle) -> dict[str, Any]:
    """What a JSON answer says of the bundle it comes from: id, title, as-of and checksum."""
    manifest = bundle.manifest
    return {
        "id": manifest.id,
        "title": manifest.title,
        "as_of": manifest.as_of.isoformat(),
        "checksum": bundle.checksum,
    }


def json_text(document: dict[str, Any]) -> str:
    """``document`` as indented JSON."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def records_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as plain dicts, missing values as ``None``."""
    return [
        {
            column: None if _missing(v) else _plain(v)
            for column, v in zip(frame.columns, row, strict=True)
        }
        for row in frame.itertuples(index=False)
    ]


def text_table(
    frame: pd.DataFrame, columns: Sequence[tuple[str, str]], right_aligned: Sequence[str] = ()
) -> str:
    """An aligned plain-text table of ``columns`` (``(column, heading)`` pairs)."""
    cells = [[heading for _, heading in columns]]
    for row in records_of(frame):
        cells.append(["" if row[c] is None else str(row[c]) for c, _ in columns])
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = []
    for row_cells in cells:
        parts = []
        for i, (column, _) in enumerate(columns):
            last = i == len(columns) - 1
            if column in right_aligned:
                parts.append(row_cells[i].rjust(widths[i]))
            else:
                parts.append(row_cells[i] if last else row_cells[i].ljust(widths[i]))
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _plain(value: object) -> object:
    """numpy scalars to Python ones, so json and csv write them plainly."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value
