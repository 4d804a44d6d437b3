"""What every chart shares: pyqtgraph's options and axes readable in either scheme.

Importing this module imports pyqtgraph (and numpy), so only the chart views import it; the
window's shell, the table and the theme do not.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QGuiApplication, QPalette

#: Pyqtgraph defaults for every chart: antialiased lines, and no OpenGL (no driver surprises).
pg.setConfigOptions(antialias=True, useOpenGL=False)


def style_axes(plot: pg.PlotWidget) -> None:
    """Axis text in the palette's text colour and a size readable from the back of a room."""
    font = QGuiApplication.font()
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTextPen(colour)
        axis.setStyle(tickFont=font)
        axis.label.setFont(font)
    # The views space their own period labels; the first and last may reach past the plot.
    plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
    legend = plot.getPlotItem().legend
    if legend is not None:
        scalable_legend(legend)
        recolour_legend(legend)


def scalable_legend(legend: pg.LegendItem) -> pg.LegendItem:
    """``legend``, enlarged with the rest of its plot by :func:`zoom_plot` and an export's
    scale: pyqtgraph draws legends ignoring the view's transform, so they stayed small."""
    legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
    return legend


def recolour_legend(legend: pg.LegendItem) -> None:
    """Legend text in the palette's text colour (after a theme change)."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    legend.setLabelTextColor(colour)
    for _, label in legend.items:
        label.setText(label.text)  # a label takes a new colour when its text is set


class _ZoomOnResize(QObject):
    """Keeps a zoomed plot's scene the widget's size divided by the zoom, so pyqtgraph lays
    the plot out smaller and the view scales it up: text, markers and lines all grow."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, pg.GraphicsView):
            size = event.size()  # type: ignore[attr-defined]
            _set_range(watched, size.width(), size.height())
        return False


_ZOOM_FILTER: _ZoomOnResize | None = None


def _set_range(plot: pg.GraphicsView, width: int, height: int) -> None:
    factor = zoom_of(plot)
    if factor == 1.0:
        plot.autoPixelRange = True
        plot.range = QRectF(0, 0, width, height)
    else:
        plot.autoPixelRange = False
        plot.range = QRectF(0, 0, width / factor, height / factor)


def zoom_of(plot: pg.GraphicsView) -> float:
    """How much ``plot`` is enlarged (1 unless :func:`zoom_plot` said otherwise)."""
    value = plot.property("tgviewerZoom")
    return float(value) if value else 1.0


def zoom_plot(plot: pg.GraphicsView, factor: float) -> None:
    """Enlarge everything ``plot`` draws ``factor`` times (presentation mode, an export's
    scale); 1 undoes it.

    Text, axes and legends grow with the view's transform; lines and markers, drawn in
    pixels whatever the transform, are the view's to widen (:func:`sized`).
    """
    for item in plot.scene().items():
        if isinstance(item, pg.LegendItem):
            scalable_legend(item)
    global _ZOOM_FILTER
    if _ZOOM_FILTER is None:
        _ZOOM_FILTER = _ZoomOnResize()
    if plot.property("tgviewerZoom") is None:
        plot.installEventFilter(_ZOOM_FILTER)
    plot.setProperty("tgviewerZoom", float(factor))
    _set_range(plot, plot.width(), plot.height())
    pg.GraphicsView.setRange(plot, plot.range, padding=0, disableAutoPixel=False)
    plot.updateMatrix()


def sized(plot: pg.GraphicsView, pixels: float) -> float:
    """``pixels`` (a line's width, a marker's size) at ``plot``'s zoom: pyqtgraph draws
    them in screen pixels, so they would not grow with the rest (see :func:`zoom_plot`)."""
    return pixels * zoom_of(plot)
