"""What every chart view shares: its plot, restyled and zoomed the same way, and finding the
point under the mouse.

Imports pyqtgraph, so only the chart views import it (the table view and the window's shell
do not).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TypeVar

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.chart_style import (
    recolour_legend,
    scalable_legend,
    sized,
    style_axes,
    zoom_of,
    zoom_plot,
)
from tgviewer.ui.views.base import ModelT, ViewBase

#: The row of a plot's layout that holds a legend: the one below the bottom axis.
LEGEND_ROW = 4
#: How close, in pixels, the mouse must be to a point for its tooltip.
HOVER_DISTANCE = 14

T = TypeVar("T")


def make_plot(grid_x: bool = False, grid_y: bool = False) -> pg.PlotWidget:
    """A plot styled for the theme, with no mouse zoom, menu or buttons (views set their own
    ranges, and a stray drag would only lose the chart)."""
    # Without a menu from the start: pyqtgraph then builds no view-box menu (3 ms a plot).
    plot = pg.PlotWidget(background=None, enableMenu=False)
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    if grid_x or grid_y:
        plot.showGrid(x=grid_x, y=grid_y, alpha=0.25 if not (grid_x and grid_y) else 0.2)
    style_axes(plot)
    return plot


def nearest_point(
    plot: pg.PlotWidget, scene_position: QPointF, points: Iterable[tuple[float, float, T]]
) -> T | None:
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


class PlotView(ViewBase[ModelT]):
    """A view whose chart is a plot (:func:`make_plot`); subclasses draw into ``self.plot``
    and override :meth:`mouse_moved` for hovering.

    Zooming (presentation mode's size, an export's scale) enlarges text, axes and legends
    by the view's transform, and redraws the chart so that lines and markers, which
    pyqtgraph draws in screen pixels, are made :meth:`sized` to the new zoom.

    Parameters
    ----------
    store, left_out_name, parent
        As for :class:`~tgviewer.ui.views.base.ViewBase`.
    grid_x, grid_y
        Whether the plot shows grid lines across x or y.
    """

    def __init__(
        self,
        store: QtViewStateStore,
        left_out_name: str | None = None,
        parent: QWidget | None = None,
        *,
        grid_x: bool = False,
        grid_y: bool = False,
    ) -> None:
        self.plot = make_plot(grid_x, grid_y)
        super().__init__(store, self.plot, left_out_name, parent)
        #: Legends drawn outside pyqtgraph's own (which :func:`style_axes` recolours).
        self.legends: list[pg.LegendItem] = []
        #: Per legend, the rows (their labels) and the column count it was last laid out with.
        self._legend_layouts: dict[int, tuple[tuple[int, ...], int]] = {}
        self.plot.scene().sigMouseMoved.connect(self.mouse_moved)
        self.plot.getViewBox().sigResized.connect(lambda *_: self.wrap_legends())

    def mouse_moved(self, scene_position: QPointF) -> None:
        """The mouse moved to ``scene_position``: show a tooltip, ask for details."""

    def restyle(self) -> None:
        style_axes(self.plot)
        for legend in self.legends:
            recolour_legend(legend)

    def add_legend(self, legend: pg.LegendItem) -> pg.LegendItem:
        """Keep ``legend`` (drawn outside pyqtgraph's own) recoloured and zoomed with the plot."""
        self.legends.append(scalable_legend(legend))
        return legend

    def legend_below(self, legend: pg.LegendItem) -> None:
        """Put ``legend`` below the plot, under its bottom axis, at the left and no wider
        than its rows: it never covers the data."""
        layout = self.plot.getPlotItem().layout
        layout.addItem(legend, LEGEND_ROW, 1)
        legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        layout.setAlignment(legend, Qt.AlignmentFlag.AlignLeft)

    def wrap_legends(self) -> None:
        """Give each legend as many columns as fit across the plot, so it wraps onto more
        rows rather than running past the plot's edge."""
        width = self.legend_room()
        for legend in self.legends:
            if not legend.items or width <= 0:
                continue
            widest = max(
                sample.boundingRect().width() + label.item.boundingRect().width() + 24
                for sample, label in legend.items
            )
            columns = max(1, min(len(legend.items), int(width // widest)))
            laid_out = (tuple(id(label) for _, label in legend.items), columns)
            if laid_out != self._legend_layouts.get(id(legend)):
                # pyqtgraph adds each new row below the others whatever its column count,
                # and lays them out in columns only when the count changes: force it.
                legend.columnCount = 0
                legend.setColumnCount(columns)
                self._legend_layouts[id(legend)] = laid_out

    def legend_room(self) -> float:
        """How wide, in the scene's units, a legend below the plot may be: the view box's
        width."""
        return float(self.plot.getViewBox().width())

    def sized(self, pixels: float) -> float:
        """A line's width or a marker's size in pixels, at the plot's zoom."""
        return sized(self.plot, pixels)

    def zoom(self, factor: float) -> None:
        if factor == zoom_of(self.plot):
            return
        zoom_plot(self.plot, factor)
        if self.model is not None and self.showing_chart:
            self.draw_chart(self.model)  # lines and markers at the new size
