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
    legend = plot.getPlotItem().legend
    if legend is not None:
        recolour_legend(legend)


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
    """Enlarge everything ``plot`` draws ``factor`` times (presentation mode); 1 undoes it."""
    global _ZOOM_FILTER
    if _ZOOM_FILTER is None:
        _ZOOM_FILTER = _ZoomOnResize()
    if plot.property("tgviewerZoom") is None:
        plot.installEventFilter(_ZOOM_FILTER)
    plot.setProperty("tgviewerZoom", float(factor))
    _set_range(plot, plot.width(), plot.height())
    pg.GraphicsView.setRange(plot, plot.range, padding=0, disableAutoPixel=False)
    plot.updateMatrix()
