"""The bundle's events on the trend: a dotted vertical line each, named along it."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from tgviewer.core.views.trend import EventMark
from tgviewer.ui.style.palette import mark_colour, muted_text_colour

#: Where along its line (0 at the foot, 1 at the top) an event's name starts.
TOP = 0.98
#: The anchors of a name reading upwards at the left of its line, or at its right.
LEFT, RIGHT = (1.0, 1.0), (1.0, 0.0)


def event_line(event: EventMark, width: float) -> pg.InfiniteLine:
    """A dotted line ``width`` pixels wide at the event, its name running down from the top
    in the muted text colour (4.5:1 on the background), its tooltip the event's."""
    line = pg.InfiniteLine(
        pos=event.position,
        angle=90,
        movable=False,
        pen=pg.mkPen(mark_colour(), width=width, style=Qt.PenStyle.DotLine),
        label=event.title,
        labelOpts={
            "position": TOP,
            "color": muted_text_colour(),
            "rotateAxis": (1, 0),
            "anchors": [LEFT, LEFT],
        },
    )
    line.setToolTip(event.tooltip)
    return line


def stagger_names(lines: list[pg.InfiniteLine], period_width: float, height: float) -> None:
    """Where two lines are closer than a line of text, start the second name below the end
    of the first, or where there is no room below it, at the top on the right of its line:
    names never print over each other. ``period_width`` and ``height`` are the plot's, in
    pixels."""
    previous: tuple[float, float] | None = None  # a line's x in pixels, where its name ends
    for line in lines:
        label = line.label
        metrics = QFontMetricsF(label.textItem.font())
        # The name's thickness across the plot: its line of text and the margins around it.
        thickness = metrics.height() + 2 * label.textItem.document().documentMargin()
        x = line.value() * period_width
        length = (metrics.horizontalAdvance(label.format) + 12) / max(height, 1.0)
        top, side = TOP, LEFT
        if previous is not None and x - previous[0] < thickness + 2:
            top = previous[1] - 0.02
            if top - length < 0.0:  # no room below the other name: beside it, at the top
                top, side = TOP, RIGHT
        label.anchors = [side, side]
        label.setPosition(top)
        previous = (x, top - length) if side == LEFT else (x + thickness, TOP)
