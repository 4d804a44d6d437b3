"""Charts that leave the app: the current view as PNG, SVG or a clipboard image.

One code path serves the window's File > Export Chart, the clipboard copy and the headless
``tgviewer render``: a fresh view draws the state's view model (never the view on screen,
which keeps its size), laid out offscreen at the export's size, and is painted between the
model's title and subtitle above and its source below. The data behind a chart (CSV, Excel)
needs no view: it comes from the model (:func:`tgviewer.core.export.files.write_data`).
PNG and SVG are painted by the same function, so they show the same thing; files are written
atomically (:func:`tgviewer.core.atomic.atomic_write_bytes`), so a failed export never
leaves half a file or damages an existing one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsView, QTableView, QWidget

from tgviewer.core.atomic import atomic_write_bytes
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.errors import TgviewerError
from tgviewer.core.export.files import DATA_FORMATS, DataExportError, write_data
from tgviewer.core.state.view_state import ViewState
from tgviewer.core.views.chart_text import ChartText
from tgviewer.core.views.data_table import DataTable
from tgviewer.core.views.registry import model_csv, view_model
from tgviewer.ui.export.size import ExportSize
from tgviewer.ui.export.table_image import paint_table
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.views.registry import build_view

#: The formats a chart can be exported to, by file suffix.
FORMATS = {".png": "PNG image", ".svg": "SVG drawing"}
#: Margin around the chart, in logical pixels.
MARGIN = 28.0


class ExportError(TgviewerError):
    """An export that could not be written; the message says what and where."""


class ChartPage:
    """A view of (bundle, state), drawn offscreen, ready to be painted at one size.

    Parameters
    ----------
    bundle, state
        What to draw; the state's ``view`` says which view.
    """

    def __init__(self, bundle: Bundle, state: ViewState) -> None:
        self.bundle, self.state = bundle, state
        self.model = view_model(bundle, state)
        self.text: ChartText = self.model.text
        self.store = QtViewStateStore(state)
        self.view = build_view(state.view, self.store)
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.view.show()
        self.view.draw(self.model)

    @property
    def chart(self) -> QWidget:
        """The part of the view that is exported: its plot or table, or its message."""
        return self.view.exported_widget()

    def data(self) -> DataTable:
        """The figures the view draws, in its order (see :mod:`tgviewer.core.views.data_table`)."""
        return self.model.data_table()

    def data_csv(self) -> str:
        """:meth:`data` as CSV text, one row per country and period."""
        return model_csv(self.model)

    def close(self) -> None:
        """Let the offscreen view go."""
        self.view.close()
        self.view.deleteLater()

    # Painting ------------------------------------------------------------------------------

    def paint(self, painter: QPainter, size: ExportSize) -> None:
        """Title, subtitle, chart and footer, filling ``size`` (painter in pixels)."""
        logical = size.logical
        painter.save()
        painter.scale(size.scale, size.scale)
        palette = QGuiApplication.palette()
        painter.fillRect(
            QRectF(0, 0, logical.width(), logical.height()), palette.color(palette.ColorRole.Window)
        )
        text_colour = palette.color(palette.ColorRole.WindowText)
        muted = QColor(text_colour)
        muted.setAlphaF(0.75)
        width = logical.width() - 2 * MARGIN
        top = MARGIN
        top += (
            _paint_text(
                painter, self.text.title, _font(1.9, bold=True), text_colour, MARGIN, top, width
            )
            + 6
        )
        top += _paint_text(painter, self.text.subtitle, _font(1.05), muted, MARGIN, top, width) + 14
        footer_height = _text_height(self.text.footer, _font(0.9), width)
        bottom = logical.height() - MARGIN - footer_height
        _paint_text(painter, self.text.footer, _font(0.9), muted, MARGIN, bottom, width)
        chart_rect = QRect(
            round(MARGIN), round(top), round(width), max(100, round(bottom - 12 - top))
        )
        chart = self.chart
        if isinstance(chart, QGraphicsView):  # a plot: the whole scene, axes included
            # Laid out at the image's pixels and zoomed by the scale, as presentation mode
            # does: legends, lines and markers grow with the text (a painter's scale would
            # leave lines and markers, drawn in pixels, as thin and small as on screen).
            painter.scale(1 / size.scale, 1 / size.scale)
            pixels = QRectF(
                chart_rect.x() * size.scale,
                chart_rect.y() * size.scale,
                round(chart_rect.width() * size.scale),
                round(chart_rect.height() * size.scale),
            )
            chart.setFixedSize(round(pixels.width()), round(pixels.height()))
            self.view.zoom(size.scale)
            _settle(chart)
            chart.render(painter, pixels, chart.viewport().rect())
        elif isinstance(chart, QTableView):
            paint_table(painter, chart, chart_rect)
        else:
            chart.setFixedSize(chart_rect.size())
            _settle(chart)
            QWidget.render(chart, painter, QPoint(chart_rect.x(), chart_rect.y()))
        painter.restore()

    def image(self, size: ExportSize) -> QImage:
        """The chart as an image of ``size``."""
        # Opaque (the page is white): a PNG without an alpha channel is smaller and quicker.
        image = QImage(size.width, size.height, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint(painter, size)
        painter.end()
        return image

    def write(self, path: str | Path, size: ExportSize) -> None:
        """Write the chart to ``path`` (``.png`` or ``.svg``), or the data behind it
        (``.csv`` with its metadata, ``.xlsx``; one row per country and period), atomically.

        Raises
        ------
        ExportError
            When the suffix is none of those or the file cannot be written.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in DATA_FORMATS:
            try:
                write_data(self.model, self.state, target)
            except DataExportError as exc:
                raise ExportError(str(exc)) from None
            return
        if suffix in FORMATS:
            data = self.png_bytes(size) if suffix == ".png" else self.svg_bytes(size)
        else:
            raise ExportError(
                f"{target.name}: unknown format {suffix or '(no suffix)'}; "
                f"use {', '.join(FORMATS)}, or {' or '.join(DATA_FORMATS)} for the data"
            )
        try:
            atomic_write_bytes(target, data, keep_mode=True)
        except OSError as exc:
            raise ExportError(f"{target}: cannot write here: {exc.strerror or exc}") from None

    def png_bytes(self, size: ExportSize) -> bytes:
        """The chart as a PNG file's bytes."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not self.image(size).save(buffer, "PNG"):  # type: ignore[call-overload]
            raise ExportError("the image could not be encoded as PNG")
        return bytes(buffer.data().data())

    def svg_bytes(self, size: ExportSize) -> bytes:
        """The chart as an SVG file's bytes."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(size.width, size.height))
        generator.setViewBox(QRect(0, 0, size.width, size.height))
        generator.setTitle(self.text.title)
        generator.setDescription(self.text.footer)
        painter = QPainter(generator)
        self.paint(painter, size)
        painter.end()
        return bytes(buffer.data().data())


def export_chart(
    bundle: Bundle, state: ViewState, path: str | Path, size: ExportSize | None = None
) -> ChartText:
    """Draw the state's view of ``bundle`` and write it to ``path``; returns its text."""
    page = ChartPage(bundle, state)
    try:
        page.write(path, size or ExportSize())
        return page.text
    finally:
        page.close()


def chart_image(bundle: Bundle, state: ViewState, size: ExportSize | None = None) -> QImage:
    """The state's view of ``bundle`` as an image (for the clipboard)."""
    page = ChartPage(bundle, state)
    try:
        return page.image(size or ExportSize())
    finally:
        page.close()


def _font(factor: float, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * factor)
    font.setBold(bold)
    return font


def _text_height(text: str, font: QFont, width: float) -> float:
    flags = int(Qt.TextFlag.TextWordWrap)
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 10000), flags, text).height()


def _paint_text(
    painter: QPainter, text: str, font: QFont, colour: QColor, x: float, y: float, width: float
) -> float:
    """Paint ``text`` wrapped to ``width`` at (x, y); returns the height used."""
    height = _text_height(text, font, width)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(
        QRectF(x, y, width, height),
        int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft),
        text,
    )
    return height


def _settle(widget: QWidget) -> None:
    """Let a resized widget lay itself out (pyqtgraph lays out on posted events)."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    widget.updateGeometry()
