"""Charts with one horizontal row per country (ranking bars, compare dumbbells): the first
country is drawn on top, at ``y = len(order) - 1``, the last at ``y = 0``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QPointF

#: The least share of a plot's width left to the values when room is made for their labels.
DATA_SHARE = 0.25


def row_y(order: Sequence[str], index: int) -> float:
    """Plot ``y`` of the ``index``-th row from the top."""
    return float(len(order) - 1 - index)


def country_at(order: Sequence[str], y: float) -> str | None:
    """The country of the row at plot coordinate ``y`` (``None`` between or beyond rows)."""
    index = round(len(order) - 1 - y)
    if 0 <= index < len(order) and abs(row_y(order, index) - y) <= 0.5:
        return order[index]
    return None


def label_rows(plot: Any, labels: Sequence[str]) -> None:
    """Name the rows of ``plot`` (a pyqtgraph PlotWidget) on its left axis, the first on
    top, and fit its y axis to them."""
    plot.getAxis("left").setTicks([[(row_y(labels, i), text) for i, text in enumerate(labels)]])
    plot.setYRange(-0.6, len(labels) - 0.4, padding=0)


def hover_row(
    plot: Any, order: Sequence[str], tooltips: Mapping[str, str], position: QPointF
) -> str | None:
    """The country of the row under the mouse at scene ``position``; shows its tooltip."""
    if not order:
        return None
    country = country_at(order, plot.getViewBox().mapSceneToView(position).y())
    plot.setToolTip(tooltips.get(country, "") if country else "")
    return country


def fit_value_labels(plot: Any, low: float, high: float, labels: Iterable[Any]) -> None:
    """Set ``plot``'s x range from ``low`` to just past ``high``, wide enough for each of
    ``labels`` (pyqtgraph TextItems anchored by their left end) to end inside the plot.

    Counted in the scene's units, which the plot's zoom (presentation mode, an export's
    scale) enlarges text and view box alike by, so call it again whenever the plot is
    resized or zoomed. The values keep at least :data:`DATA_SHARE` of the
    width: a label wider than the rest (on a very narrow plot) is let run past the edge
    rather than squeeze the chart to nothing.
    """
    width = plot.getViewBox().width()
    right = high + 0.05 * (high - low)
    for label in labels:
        room = label.mapRectToScene(label.boundingRect()).width() + 4
        if room <= (1 - DATA_SHARE) * width:
            right = max(right, low + (label.pos().x() - low) * width / (width - room))
    plot.setXRange(low, right, padding=0)
