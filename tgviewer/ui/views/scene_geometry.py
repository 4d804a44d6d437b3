"""Where a plot's items are on screen, in the scene's coordinates: the runs of a line, the
boxes of its points and of its text, and which line passes nearest the mouse. What the trend
needs to keep a label off the data, and to name a line when hovered.

The scene's units are pixels divided by the plot's zoom, so text and markers, which the zoom
enlarges, keep their unzoomed sizes here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF

#: A polyline: points in the scene's coordinates.
Run = list[QPointF]


def line_runs(plot: pg.PlotWidget, item: pg.PlotDataItem) -> list[Run]:
    """The runs of points ``item`` draws on ``plot`` (an unknown value, NaN, breaks a run)."""
    view = plot.getViewBox()
    xs, ys = item.getData()
    runs: list[Run] = [[]]
    for x, y in zip(xs if xs is not None else [], ys if ys is not None else [], strict=True):
        if math.isfinite(y):
            runs[-1].append(view.mapViewToScene(QPointF(float(x), float(y))))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def point_boxes(
    plot: pg.PlotWidget, items: Iterable[pg.ScatterPlotItem], radius: float
) -> list[QRectF]:
    """A square ``radius`` from the centre of each point of ``items``."""
    view = plot.getViewBox()
    boxes = []
    for item in items:
        xs, ys = item.getData()
        for x, y in zip(xs, ys, strict=True):
            at = view.mapViewToScene(QPointF(float(x), float(y)))
            boxes.append(QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius))
    return boxes


def scene_box(label: pg.TextItem) -> QRectF:
    """Where ``label`` prints, worked out from its position, anchor and size (a text item's
    own scene rectangle holds only once it has been painted). The events' names read
    upwards (:mod:`~.event_lines`): their text runs up the screen."""
    at = label.parentItem().mapToScene(label.pos())
    size = label.textItem.boundingRect()
    width, height = size.width(), size.height()
    ax, ay = float(label.anchor[0]), float(label.anchor[1])
    if isinstance(label, pg.InfLineLabel):
        return QRectF(at.x() - ay * height, at.y() - (1 - ax) * width, height, width)
    return QRectF(at.x() - ax * width, at.y() - ay * height, width, height)


def nearest_line(position: QPointF, runs: Mapping[str, Sequence[Run]], within: float) -> str | None:
    """The key of the line among ``runs`` passing nearest ``position``, if ``within``."""
    best: tuple[float, str] | None = None
    for key, lines in runs.items():
        for run in lines:
            for a, b in itertools.pairwise(run):
                distance = distance_to_segment(position, a, b)
                if distance <= within and (best is None or distance < best[0]):
                    best = (distance, key)
    return None if best is None else best[1]


def distance_to_segment(point: QPointF, a: QPointF, b: QPointF) -> float:
    """How far ``point`` is from the segment from ``a`` to ``b``."""
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else ((point.x() - a.x()) * dx + (point.y() - a.y()) * dy) / length
    t = min(1.0, max(0.0, t))
    return math.hypot(point.x() - a.x() - t * dx, point.y() - a.y() - t * dy)
