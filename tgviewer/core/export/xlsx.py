"""A table as an Excel workbook: the figures on a Data sheet, the provenance on an About
sheet, so it travels with the file.

Numbers are written as numbers and text as text, never as a formula: a text cell is typed
as a string whatever it starts with, and defused as in the CSV
(:func:`~tgviewer.core.views.data_table.spreadsheet_safe`), so a cell reads the same in
both. openpyxl is imported here, when a workbook is written, not at start-up.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tgviewer.core.export.provenance import Provenance
from tgviewer.core.views.data_table import Cell, DataTable, spreadsheet_safe

if TYPE_CHECKING:
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

#: The sheets of an exported workbook, in order.
DATA_SHEET = "Data"
ABOUT_SHEET = "About"
#: The height of a line of text on the About sheet, in points (11-point text).
LINE_HEIGHT = 15


def xlsx_bytes(table: DataTable, about: Provenance) -> bytes:
    """``table`` and ``about`` as the bytes of an .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    workbook = Workbook()
    data = workbook.active
    assert data is not None  # a new workbook has one sheet
    data.title = DATA_SHEET
    _write_row(data, 1, table.columns, bold)
    for number, row in enumerate(table.rows, start=2):
        _write_row(data, number, row)
    data.freeze_panes = "A2"
    for index, name in enumerate(table.columns, start=1):
        data.column_dimensions[get_column_letter(index)].width = max(10, len(name) + 2)

    sheet = workbook.create_sheet(ABOUT_SHEET)
    fields = about.fields()
    for number, (label, value) in enumerate(fields, start=1):
        _write_row(sheet, number, (label,), bold)
        _write_row(sheet, number, (None, value))
    first = len(fields) + 2  # a blank row, then the columns
    _write_row(sheet, first, ("Column", "Header", "Description", "Unit"), bold)
    for number, column in enumerate(about.columns, start=first + 1):
        _write_row(sheet, number, (column.name, column.title, column.description, column.unit))
    widths = (22, 60, 70, 30)
    for letter, width in zip("ABCD", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    # Long text (the description, the view) is wrapped, each row as high as its lines:
    # spreadsheets do not grow a row to fit on opening.
    wrapped = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            cell.alignment = wrapped
            if cell.value is not None:
                lines = max(lines, math.ceil(len(str(cell.value)) / (width - 2)))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines

    workbook.properties.title = about.title
    workbook.properties.creator = about.software
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def get_column_letter(index: int) -> str:
    """The letters of column ``index`` (1 is A, 27 is AA)."""
    from openpyxl.utils import get_column_letter as letter

    return letter(index)


def _write_row(
    sheet: Worksheet, number: int, cells: Sequence[Cell], font: Font | None = None
) -> None:
    """Fill row ``number`` with ``cells`` (``None`` leaves a cell empty): numbers as
    numbers, the rest as text, never a formula."""
    for index, cell in enumerate(cells, start=1):
        if cell is None or (isinstance(cell, float) and math.isnan(cell)):
            continue
        target = sheet.cell(number, index)
        if isinstance(cell, bool):
            target.value = "yes" if cell else "no"
        elif isinstance(cell, int | float):
            target.value = cell
        else:
            target.value = str(spreadsheet_safe(str(cell)))
            target.data_type = "s"  # openpyxl would take a leading "=" for a formula
        if font is not None:
            target.font = font
