"""What every chart shares: pyqtgraph's options and axes readable in either scheme.

Importing this module imports pyqtgraph (and numpy), so only the chart views import it; the
window's shell, the table and the theme do not.
"""

from __future__ import annotations

import pyqtgraph as pg
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
