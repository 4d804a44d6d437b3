"""The map's legend: what the colours and marks mean, painted beside the map.

Its entries: the unit, one swatch per class with its bounds, then the marks that are not
classes (derived figures hatched, no figure for the period, no record, a disputed area, ⚠).
Painted by hand rather than laid out with labels, so that an export paints it at any size
exactly as on screen, and :meth:`MapLegend.zoom` enlarges it with the rest of the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tgviewer.ui.views.map_colours import MapColours

#: A swatch's size in pixels at zoom 1.
SWATCH = 16


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: its swatch and its words."""

    text: str
    fill: QColor
    pattern: Qt.BrushStyle = Qt.BrushStyle.NoBrush
    circle: bool = False


class MapLegend(QWidget):
    """The legend of the map's colours and marks, under the map: the title, then the
    entries left to right, wrapping to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapLegend")
        self.title = ""
        self.entries: tuple[LegendEntry, ...] = ()
        self.hatch = QColor("#4d4d4d")
        self.factor = 1.0
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_content(
        self, title: str, entries: tuple[LegendEntry, ...], colours: MapColours
    ) -> None:
        """Show ``title`` over ``entries``."""
        self.title, self.entries, self.hatch = title, entries, colours.hatch
        self.setFixedHeight(self.heightForWidth(max(self.width(), 300)))
        self.updateGeometry()
        self.update()

    def zoom(self, factor: float) -> None:
        """Enlarge the legend's text and swatches ``factor`` times."""
        self.factor = factor
        self.setFixedHeight(self.heightForWidth(max(self.width(), 300)))
        self.updateGeometry()
        self.update()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        height = self.heightForWidth(self.width())
        if height != self.height():
            self.setFixedHeight(height)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(self._layout(width)[1])

    def sizeHint(self) -> QSize:
        width = max(self.width(), 600)
        return QSize(width, self.heightForWidth(width))

    def _font(self, bold: bool = False) -> QFont:
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * self.factor)
        font.setBold(bold)
        return font

    def _layout(self, width: float) -> tuple[list[tuple[LegendEntry, QRectF]], float]:
        """Where each entry's swatch goes (its words follow it), and the height used."""
        metrics = QFontMetricsF(self._font())
        title = QFontMetricsF(self._font(bold=True))
        gap = 14 * self.factor
        swatch = SWATCH * self.factor
        line = max(swatch, metrics.height()) + 4 * self.factor
        x, y = 0.0, title.height() + 4 * self.factor
        placed = []
        for entry in self.entries:
            needed = swatch + 6 * self.factor + metrics.horizontalAdvance(entry.text)
            if x > 0 and x + needed > width:
                x, y = 0.0, y + line
            placed.append((entry, QRectF(x, y + (line - swatch) / 2, swatch, swatch)))
            x += needed + gap
        return placed, y + line + 2 * self.factor

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(self.foregroundRole())
        painter.setFont(self._font(bold=True))
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(0, 0, self.width(), 10_000), int(Qt.AlignmentFlag.AlignLeft), self.title
        )
        painter.setFont(self._font())
        placed, _ = self._layout(self.width())
        gap = 6 * self.factor
        for entry, box in placed:
            painter.setPen(QPen(text_colour, 0.8))
            painter.setBrush(QBrush(entry.fill))
            if entry.circle:
                painter.drawEllipse(box.adjusted(2, 2, -2, -2))
            else:
                painter.drawRect(box)
            if entry.pattern != Qt.BrushStyle.NoBrush:
                painter.setBrush(QBrush(self.hatch, entry.pattern))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRect(box)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(box.right() + gap, box.top() - 10, 10_000, box.height() + 20),
                int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.AlignmentFlag.AlignLeft),
                entry.text,
            )
        painter.end()
