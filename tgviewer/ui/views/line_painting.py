"""How the trend's lines are painted so that a repaint stays quick with long or jagged series.

Qt's software painter strokes an antialiased line at a cost that grows with its length on
screen and with its turns. Measured at 1920x1080: six lines of 100 jagged quarters took
180 ms as antialiased paths, 70 ms as antialiased segments, and 10 ms as plain segments;
five lines of 4,000 quarters took 13 s as paths. So:

- a line of more than :data:`LONG_LINE_POINTS` points is drawn as separate segments with
  round ends (which look like the path's joins), not as one path;
- the chart is antialiased while all its lines together run no longer on screen than
  :data:`ANTIALIAS_BUDGET` pixels: short or smooth series, the usual case, stay smooth;
  lines that zig-zag over the whole plot thousands of times are drawn plain, where
  antialiasing shows little anyway (their strokes are steep, or a pixel or two apart).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: A line of more points than this is drawn as separate segments.
LONG_LINE_POINTS = 40
#: The most screen length, in pixels, of all the lines of a chart drawn antialiased.
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


def antialiased(length: float) -> bool:
    """Whether lines of ``length`` pixels in all are drawn antialiased."""
    return length <= ANTIALIAS_BUDGET
