"""Colour classes for a map: bounds a reader can read, and the class of each figure.

A choropleth shows classes, not a continuous ramp: five colours are told apart, fifty are
not. The bounds are chosen one of three ways (:class:`~tgviewer.core.state.view_state.
MapClasses`):

- **nice**: equal steps of a round size (1, 2, 2.5 or 5 times a power of ten) from zero, so
  the legend reads 0–500, 500–1,000...;
- **quantile**: each class holds about as many countries, its bounds rounded to two
  significant digits (skewed figures then use every colour);
- **equal**: equal steps from the smallest figure to the largest, unrounded.

On a log scale the bounds are powers of ten (1, 10, 100...), or 1, 3, 10, 30... when the
figures span few of them, and a zero gets a class of its own below them: a reported zero is
a colour of the scale, never "no data".

Bounds are ascending; class ``i`` holds figures from ``bounds[i]`` up to but not including
``bounds[i + 1]``, the last class including its upper bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tgviewer.core.state.view_state import MapClasses

#: How many classes a map has (fewer when the figures do not need them).
CLASS_COUNT = 5


@dataclass(frozen=True)
class Classes:
    """Class bounds, and whether the first class is the zero class of a log scale."""

    bounds: tuple[float, ...]
    zero_class: bool = False

    @property
    def count(self) -> int:
        """How many classes there are."""
        return len(self.bounds) - 1 + (1 if self.zero_class else 0)

    def of(self, value: float) -> int | None:
        """The class of ``value`` (``None`` for an unknown figure)."""
        if value != value:
            return None
        offset = 1 if self.zero_class else 0
        if self.zero_class and value <= 0:
            return 0
        bounds = self.bounds
        for index in range(len(bounds) - 2, -1, -1):
            if value >= bounds[index]:
                return index + offset
        return offset

    def labels(self, text: Callable[[float], str] | None = None) -> tuple[str, ...]:
        """Each class as the legend reads it: ``0``, then ``1–10``, ``10–100``... (figures
        written by ``text``)."""
        text = text or _number
        words = ["0"] if self.zero_class else []
        words += [
            f"{text(low)}–{text(high)}"
            for low, high in zip(self.bounds, self.bounds[1:], strict=False)
        ]
        return tuple(words)


def _number(value: float) -> str:
    if value == int(value) or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def nice_step(span: float, count: int) -> float:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) that cuts ``span`` into
    at most ``count + 1`` steps (so five classes asked may be six, never three)."""
    if span <= 0:
        return 1.0
    raw = span / (count + 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw * (1 - 1e-12):
            return float(factor * power)
    return 10.0 * power


def round_to_digits(value: float, digits: int = 2) -> float:
    """``value`` rounded to ``digits`` significant digits (1234 -> 1200)."""
    if value == 0:
        return 0.0
    magnitude = math.floor(math.log10(abs(value)))
    return float(round(value, digits - 1 - magnitude))


def round_outwards(value: float, down: bool, digits: int = 2) -> float:
    """``value`` rounded to ``digits`` significant digits, down or up (2.28 -> 2.2 down,
    9,941 -> 10,000 up), so that a class's end still holds it."""
    if value == 0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)
    rounded = (math.floor if down else math.ceil)(round(value / step, 9)) * step
    return float(round(rounded, 12))


def class_bounds(
    values: Sequence[float], method: MapClasses, log: bool = False, count: int = CLASS_COUNT
) -> Classes:
    """The classes for ``values`` (unknown figures left out)."""
    known = sorted(v for v in values if v == v)
    if not known:
        return Classes((0.0, 1.0))
    if log:
        return _log_classes(known)
    low, high = known[0], known[-1]
    if method is MapClasses.EQUAL:
        if high == low:
            return Classes((low, low + 1))
        step = (high - low) / count
        return Classes((*(low + step * i for i in range(count)), high))
    if method is MapClasses.QUANTILE:
        if high == low:
            return Classes((low, low + 1))
        # The ends rounded outwards, as the cuts are, so the legend reads 2.2–17, not 2.28–17.
        bottom, top = round_outwards(low, down=True), round_outwards(high, down=False)
        cuts = [bottom]
        for i in range(1, count):
            cut = round_to_digits(known[round(i * (len(known) - 1) / count)])
            if cuts[-1] < cut < top:
                cuts.append(cut)
        return Classes((*cuts, top))
    step = nice_step(high - min(0.0, low), count)
    start = math.floor(low / step) * step if low < 0 else 0.0
    bounds = [start]
    while bounds[-1] < high or len(bounds) < 2:
        bounds.append(start + step * len(bounds))
    return Classes(tuple(bounds))


def _log_classes(known: Sequence[float]) -> Classes:
    positive = [v for v in known if v > 0]
    zero_class = len(positive) < len(known)
    if not positive:
        return Classes((1.0, 10.0), zero_class=True)
    low = math.floor(math.log10(positive[0]))
    high = math.ceil(math.log10(positive[-1]))
    if high == low:
        high += 1
    if high - low <= 2:
        bounds: list[float] = []
        for power in range(low, high):
            bounds += [10.0**power, 3 * 10.0**power]
        bounds.append(10.0**high)
        # Leave out the classes wholly below the smallest figure.
        while len(bounds) > 2 and bounds[1] <= positive[0]:
            bounds.pop(0)
    else:
        bounds = [10.0**power for power in range(low, high + 1)]
    return Classes(tuple(bounds), zero_class=zero_class)
