"""A table painted into an exported image, filling it.

A table's natural size rarely matches the image's: a few countries make a small block in a
corner of a large image, many make a column too long to read once shrunk. So the rows are
cut into side-by-side blocks when that makes them larger (each block with its own header),
and the whole is scaled to fill the room given, up to :data:`MAX_ZOOM`. Every row and column
is painted: a table is never cut off at a scroll bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QTableView, QWidget

#: How many times larger than on screen a table may be painted.
MAX_ZOOM = 2.5
#: Space between two blocks of rows, in the table's pixels.
BLOCK_GAP = 24


@dataclass(frozen=True)
class TableLayout:
    """How a table fills a rectangle: in ``blocks`` side by side of ``rows_per_block``
    rows each, scaled ``zoom`` times."""

    blocks: int
    rows_per_block: int
    zoom: float


def table_layout(
    width: float, header: float, row_height: float, rows: int, room_width: float, room_height: float
) -> TableLayout:
    """The layout of a table ``width`` wide, with a ``header`` and ``rows`` rows of
    ``row_height`` (its natural pixels), that paints it largest in the room given."""
    best = TableLayout(1, rows, 0.0)
    for blocks in range(1, max(1, rows) + 1):
        per_block = math.ceil(rows / blocks) if rows else 0
        if blocks > 1 and math.ceil(rows / (blocks - 1)) == per_block:
            continue  # no shorter than with one block fewer
        total_width = blocks * width + (blocks - 1) * BLOCK_GAP
        total_height = header + per_block * row_height
        zoom = min(room_width / total_width, room_height / total_height, MAX_ZOOM)
        if zoom > best.zoom:
            best = TableLayout(blocks, per_block, zoom)
        if room_width / total_width < best.zoom:
            break  # wider still only shrinks it
    return best


def paint_table(painter: QPainter, table: QTableView, rect: QRect) -> QRect:
    """Paint every row and column of ``table`` filling ``rect`` (see the module docstring);
    returns the rectangle painted."""
    for bar in (table.horizontalScrollBar(), table.verticalScrollBar()):
        bar.setEnabled(False)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    vertical = table.verticalHeader()
    frame = 2 * table.frameWidth()
    width = vertical.width() * vertical.isVisible() + table.horizontalHeader().length() + frame
    header = table.horizontalHeader().height() + frame
    rows = table.model().rowCount() if table.model() is not None else 0
    row_height = vertical.length() / rows if rows else 0.0
    layout = table_layout(width, header, row_height, rows, rect.width(), rect.height())
    zoom = layout.zoom
    painted = QRect()
    for block in range(layout.blocks):
        shown = range(block * layout.rows_per_block, min(rows, (block + 1) * layout.rows_per_block))
        if block and not shown:
            break
        for row in range(rows):
            table.setRowHidden(row, row not in shown)
        table.setFixedSize(width, round(header + vertical.length()))
        _settle(table)
        painter.save()
        left = rect.x() + block * (width + BLOCK_GAP) * zoom
        painter.translate(left, rect.y())
        painter.scale(zoom, zoom)
        QWidget.render(table, painter, QPoint(0, 0))
        painter.restore()
        painted = painted.united(
            QRect(round(left), rect.y(), round(width * zoom), round(table.height() * zoom))
        )
    for row in range(rows):
        table.setRowHidden(row, False)
    return painted


def _settle(widget: QWidget) -> None:
    """Let a resized widget lay itself out."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    widget.updateGeometry()
