"""A table as a CSV file any spreadsheet opens without asking anything.

One header row, then the rows: no comment lines (the provenance is in the metadata file
beside it, :mod:`.csvw`). UTF-8 with a byte-order mark, so that Excel and LibreOffice show
"Jan–Sep 2024" and "⚠" as written; lines end in CRLF, as RFC 4180 says. Figures are
written in full and text a spreadsheet would run as a formula is defused
(:func:`~tgviewer.core.views.data_table.cell_text`).
"""

from __future__ import annotations

import codecs
import csv
import io

from tgviewer.core.views.data_table import DataTable, cell_text

#: How lines end (RFC 4180; CSV on the Web's default too).
LINE_END = "\r\n"


def csv_text(table: DataTable) -> str:
    """``table`` as CSV text: its header row, then its rows."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([cell_text(cell) for cell in row])
    return buffer.getvalue()


def csv_bytes(table: DataTable) -> bytes:
    """``table`` as the bytes of a CSV file: UTF-8 after a byte-order mark."""
    return codecs.BOM_UTF8 + csv_text(table).encode("utf-8")
