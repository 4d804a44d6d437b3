"""How the trend's lines are painted so that a repaint stays quick with long or jagged series.

Qt's software painter strokes an antialiased line at a cost that grows with its length on
screen: about 1 µs a pixel as one path, 0.2 µs as separate segments, far less without
antialiasing. Measured at 1920x1080: six lines of 100 jagged quarters (some 180,000 px)
took 180 ms as antialiased paths, 37 ms as antialiased segments and 7 ms plain; five lines
of 4,000 quarters took 13 s as paths. So (:func:`line_style`):

- a line of more than :data:`LONG_LINE_POINTS` points, or any line of a chart whose lines
  run longer than :data:`PATH_BUDGET` pixels in all, is drawn as separate segments with
  round ends (which look like the path's joins), not as one path;
- the chart is antialiased while its lines run no longer than :data:`ANTIALIAS_BUDGET`
  pixels in all: short or smooth series, the usual case, stay smooth; lines zig-zagging
  over the whole plot hundreds of times are drawn plain, where antialiasing shows little
  (their strokes are steep, or a pixel or two apart).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: A line of more points than this is drawn as separate segments.
LONG_LINE_POINTS = 40
#: The most screen length, in pixels, of all the lines of a chart drawn as paths (some
#: 15 ms antialiased).
PATH_BUDGET = 15_000.0
#: The most screen length, in pixels, of all the lines of a chart drawn antialiased (some
#: 12 ms as segments).
ANTIALIAS_BUDGET = 60_000.0


def screen_length(
    lines: Sequence[tuple[Sequence[float], Sequence[float]]], width: float, height: float
) -> float:
    """How long ``lines`` (x and y values; NaN breaks a line) run on a plot of ``width`` by
    ``height`` pixels showing all of them."""
    finite = [
        (np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)) for xs, ys in lines if len(xs)
    ]
    if not finite or width <= 0 or height <= 0:
        return 0.0
    every_x = np.concatenate([xs for xs, _ in finite])
    every_y = np.concatenate([ys for _, ys in finite])
    known = np.isfinite(every_y)
    if not known.any():
        return 0.0
    x_span = float(np.ptp(every_x[known])) or 1.0
    y_span = float(np.ptp(every_y[known])) or 1.0
    total = 0.0
    for xs, ys in finite:
        dx, dy = np.diff(xs) * (width / x_span), np.diff(ys) * (height / y_span)
        steps = np.hypot(dx, dy)
        total += float(steps[np.isfinite(steps)].sum())
    return total if math.isfinite(total) else math.inf


def line_style(points: int, length: float) -> tuple[bool, bool]:
    """Whether a line of ``points`` points, on a chart whose lines run ``length`` pixels in
    all, is drawn as segments, and whether antialiased."""
    segmented = points > LONG_LINE_POINTS or length > PATH_BUDGET
    return segmented, length <= ANTIALIAS_BUDGET
