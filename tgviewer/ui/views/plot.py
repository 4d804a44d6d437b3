"""The plot every chart view starts from, and finding the point under the mouse.

Imports pyqtgraph, so only the chart views import it (the table view and the window's shell
do not).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TypeVar

import pyqtgraph as pg
from PySide6.QtCore import QPointF

from tgviewer.ui.style.chart_style import style_axes

#: How close, in pixels, the mouse must be to a point for its tooltip.
HOVER_DISTANCE = 14

T = TypeVar("T")


def make_plot(grid_x: bool = False, grid_y: bool = False) -> pg.PlotWidget:
    """A plot styled for the theme, with no mouse zoom, menu or buttons (views set their own
    ranges, and a stray drag would only lose the chart)."""
    plot = pg.PlotWidget(background=None)
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    if grid_x or grid_y:
        plot.showGrid(x=grid_x, y=grid_y, alpha=0.25 if not (grid_x and grid_y) else 0.2)
    style_axes(plot)
    return plot


def nearest_point(plot: pg.PlotWidget, scene_position: QPointF,
                  points: Iterable[tuple[float, float, T]]) -> T | None:
    """The item of the point (x, y in plot coordinates) nearest ``scene_position``, if
    within :data:`HOVER_DISTANCE` pixels."""
    view = plot.getViewBox()
    best: tuple[float, T] | None = None
    for x, y, item in points:
        where = view.mapViewToScene(QPointF(x, y))
        distance = math.hypot(where.x() - scene_position.x(), where.y() - scene_position.y())
        if distance <= HOVER_DISTANCE and (best is None or distance < best[0]):
            best = (distance, item)
    return None if best is None else best[1]
