"""Linear or logarithmic value axes, with zeros kept in sight on a log axis.

A logarithm has no place for zero, and pyqtgraph's own log mode silently drops such points.
Here the views place values themselves: on a log axis a value is drawn at ``log10(value)``,
and a zero (a country that fulfilled no request) at the axis's *foot*, a power of ten below
the smallest positive value, where the tick reads 0. Views draw those points with the
:data:`ZERO_SYMBOL` and say so in their axis label and tooltips, so a zero is never
mistaken for a small figure and never disappears.

Qt-free, so the arithmetic is tested without a window.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from tgviewer.core.views.formatting import format_value

#: pyqtgraph's symbol for zeros drawn at the foot of a log axis (a downward triangle).
ZERO_SYMBOL = "t"
#: The same mark in text (legends, labels, tooltips).
ZERO_MARK = "▼"
#: What the axis label adds on a log axis.
LOG_NOTE = f"log scale; {ZERO_MARK} = 0, drawn at the foot"
#: What the tooltip of a zero on a log axis adds.
FOOT_NOTE = f"{ZERO_MARK} drawn at the foot of the log axis: 0 has no place on it"


@dataclass(frozen=True)
class ValueScale:
    """Where values go along a value axis.

    Attributes
    ----------
    log
        Whether the axis is logarithmic.
    foot
        On a log axis, the value zeros are drawn at: a power of ten below every positive
        value drawn (so it never coincides with one); 1 on a linear axis.
    """

    log: bool = False
    foot: float = 1.0

    @classmethod
    def fit(cls, values: Iterable[float], log: bool) -> ValueScale:
        """The scale for drawing ``values`` (NaN ignored) on a linear or log axis."""
        if not log:
            return cls()
        positive = [v for v in values if v == v and v > 0]
        smallest = min(positive, default=10.0)
        return cls(True, 10.0 ** (math.floor(math.log10(smallest)) - 1))

    def at(self, value: float) -> float:
        """Where ``value`` is drawn along the axis (NaN stays NaN: a gap)."""
        if not self.log or value != value:
            return value
        return math.log10(value) if value > 0 else math.log10(self.foot)

    def at_foot(self, value: float) -> bool:
        """Whether ``value`` is a zero (or less) drawn at the foot of a log axis."""
        return self.log and value == value and value <= 0

    @property
    def origin(self) -> float:
        """Where bars start: 0, or the foot of a log axis."""
        return self.at(0.0)

    def span(self, values: Iterable[float], headroom: float = 1.1) -> tuple[float, float]:
        """The axis range that shows every value of ``values`` (NaN ignored): from 0 on a
        linear axis; on a log axis from the foot when a value is zero, else from just below
        the smallest value."""
        known = [v for v in values if v == v]
        top = max(known, default=1.0) or 1.0
        if not self.log:
            return min(0.0, *known), top * headroom
        high = math.log10(max(top, self.foot * 10))
        positive = [v for v in known if v > 0]
        if positive and len(positive) == len(known):
            # No zero to show: no room is spent on the foot, the axis starts just below the
            # smallest value.
            low = math.log10(min(positive))
            margin = max(0.08, 0.04 * (high - low))
            return low - margin, high + math.log10(headroom) + 0.05
        low = math.log10(self.foot)
        return low - 0.15, high + math.log10(headroom) + 0.05

    def ticks(self, low: float, high: float) -> list[list[tuple[float, str]]] | None:
        """Tick levels for a log axis from ``low`` to ``high`` (axis units): powers of ten
        written as plain numbers, 2 and 5 times them when few decades show, and 0 at the
        foot. ``None`` on a linear axis (pyqtgraph's own ticks are right there)."""
        if not self.log:
            return None
        foot = math.log10(self.foot)
        powers = [p for p in range(math.ceil(low), math.floor(high) + 1) if p > foot]
        major = [(foot, "0")] + [(float(p), format_value(10.0**p)) for p in powers]
        # 2 and 5 times the powers, the one below the axis's first power included (an axis
        # that starts above its foot may start between 200 and 1,000).
        minor = [
            (p + math.log10(factor), format_value(factor * 10.0**p))
            for p in range(math.floor(low), math.floor(high) + 1)
            for factor in (2, 5)
            if len(powers) <= 4 and p > foot and low <= p + math.log10(factor) <= high
        ]
        return [major, minor]
