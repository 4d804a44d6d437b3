"""Where the labels of a chart's points go, so that none overlaps another or sits on the
wrong point.

Works in pixel space (y downwards, as on screen), without Qt: the view measures its labels
and maps its points to pixels, and :func:`place_labels` says where each label's box goes.
Labels are placed greedily, in the order given (the first is the most important): each tries
the places right next to its point first (right, left, above, below, then the corners), then
places farther out, ring by ring, joined to its point by a leader line. A place is taken only
when the box stays inside the chart and clears every label and leader already placed and
every point (its own included); a box right next to its point must be clearly nearer it than
any other point, and a leader must cross no label and pass by no other point, so a label never
reads as another point's. A label that finds no place is left off and listed, for the view
to show on hover.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

#: Space kept between a label and its point, and between two labels, in pixels.
GAP = 3.0
#: How far out the leader-line rings go, in label heights from the point.
RINGS = (1.6, 2.6, 3.8, 5.2)
#: The directions tried on each ring, in degrees (0 is right, 90 is up).
ANGLES = (0, 180, 45, 135, 315, 225, 90, 270, 20, 160, 340, 200, 65, 115, 295, 245)


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels: its left and top edges, width and height (y downwards)."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the two boxes, each grown by ``gap`` / 2 on every side, meet."""
        return not (
            self.right + gap <= other.left
            or other.right + gap <= self.left
            or self.bottom + gap <= other.top
            or other.bottom + gap <= self.top
        )

    def within(self, other: Box) -> bool:
        """Whether this box lies wholly inside ``other``."""
        return (
            self.left >= other.left
            and self.top >= other.top
            and self.right <= other.right
            and self.bottom <= other.bottom
        )

    def crossed_by(self, start: tuple[float, float], end: tuple[float, float]) -> bool:
        """Whether the segment from ``start`` to ``end`` passes through the box: Liang and
        Barsky's clipping, kept to its yes or no."""
        (x0, y0), (x1, y1) = start, end
        dx, dy = x1 - x0, y1 - y0
        low, high = 0.0, 1.0
        for p, q in (
            (-dx, x0 - self.left),
            (dx, self.right - x0),
            (-dy, y0 - self.top),
            (dy, self.bottom - y0),
        ):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return True

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        """The point of the box nearest (``x``, ``y``)."""
        return min(max(x, self.left), self.right), min(max(y, self.top), self.bottom)

    def distance(self, x: float, y: float) -> float:
        """How far (``x``, ``y``) is from the box (0 inside it)."""
        nx, ny = self.nearest(x, y)
        return math.hypot(nx - x, ny - y)


@dataclass(frozen=True)
class LabelWanted:
    """A label to place: its key, its point in pixels and its size in pixels."""

    key: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class PlacedLabel:
    """A label placed: its box, and the leader line from its point to the box's edge
    (``None`` when the box sits right next to its point)."""

    key: str
    box: Box
    point: tuple[float, float]
    leader: tuple[tuple[float, float], tuple[float, float]] | None


@dataclass(frozen=True)
class Placement:
    """Every label placed, in the order given, and the keys of those left off."""

    placed: tuple[PlacedLabel, ...]
    left_off: tuple[str, ...]


def _beside(label: LabelWanted, radius: float) -> Iterator[Box]:
    """Boxes touching the point's symbol: right, left, above, below, then the corners."""
    x, y, w, h = label.x, label.y, label.width, label.height
    near = radius + GAP
    yield Box(x + near, y - h / 2, w, h)  # right
    yield Box(x - near - w, y - h / 2, w, h)  # left
    yield Box(x - w / 2, y - near - h, w, h)  # above
    yield Box(x - w / 2, y + near, w, h)  # below
    corner = near * math.sqrt(0.5)
    yield Box(x + corner, y - corner - h, w, h)  # above right
    yield Box(x - corner - w, y - corner - h, w, h)  # above left
    yield Box(x + corner, y + corner, w, h)  # below right
    yield Box(x - corner - w, y + corner, w, h)  # below left


def _farther(label: LabelWanted, radius: float) -> Iterator[Box]:
    """Boxes on rings farther out, their nearest edge or corner at the ring's distance."""
    w, h = label.width, label.height
    for ring in RINGS:
        reach = radius + GAP + ring * h
        for angle in ANGLES:
            dx, dy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
            cx, cy = label.x + dx * reach, label.y + dy * reach
            # The box's edge facing the point sits at the ring: shift it outwards by half.
            left = cx - w / 2 + dx * w / 2
            top = cy - h / 2 + dy * h / 2
            yield Box(left, top, w, h)


def _segment_distance(
    x: float, y: float, start: tuple[float, float], end: tuple[float, float]
) -> float:
    """How far (``x``, ``y``) is from the segment from ``start`` to ``end``."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length))
    return math.hypot(x0 + t * dx - x, y0 + t * dy - y)


def place_labels(
    labels: Sequence[LabelWanted],
    bounds: Box,
    radius: float,
    points: Sequence[tuple[float, float]] = (),
    obstacles: Sequence[Box] = (),
) -> Placement:
    """Boxes for ``labels``, greedily in their order, inside ``bounds``.

    Parameters
    ----------
    labels
        The labels, most important first, each with its point.
    bounds
        The chart's area: no label leaves it.
    radius
        The radius of a point's symbol, in pixels: no label covers a symbol.
    points
        Points drawn without a label of their own, which labels must not cover either.
    obstacles
        Boxes already taken (another label of the chart), which labels and leaders avoid.
    """
    symbols = [(label.x, label.y) for label in labels] + list(points)
    placed: list[PlacedLabel] = [PlacedLabel("", box, (0.0, 0.0), None) for box in obstacles]
    left_off: list[str] = []
    for label in labels:
        chosen = None
        for near, box in [(True, b) for b in _beside(label, radius)] + [
            (False, b) for b in _farther(label, radius)
        ]:
            if not box.within(bounds):
                continue
            if any(box.overlaps(other.box, GAP) for other in placed):
                continue
            if any(o.leader is not None and box.crossed_by(*o.leader) for o in placed):
                continue
            if any(box.distance(x, y) < radius + 1 for x, y in symbols):
                continue
            others = [(x, y) for x, y in symbols if (x, y) != (label.x, label.y)]
            leader = None
            if near:
                # Right next to its point, and clearly nearer it than any other point: a
                # label never reads as another point's.
                own = box.distance(label.x, label.y)
                if any(box.distance(x, y) <= own + radius for x, y in others):
                    continue
            else:
                end = box.nearest(label.x, label.y)
                leader = ((label.x, label.y), end)
                if any(other.box.crossed_by(*leader) for other in placed):
                    continue
                # A leader never crosses another point's symbol, which would make it read as
                # that point's: only a symbol covering this point's centre cannot be avoided.
                apart = [
                    (x, y) for x, y in others if math.hypot(x - label.x, y - label.y) > radius + 1
                ]
                if any(_segment_distance(x, y, *leader) < radius + 1 for x, y in apart):
                    continue
            chosen = PlacedLabel(label.key, box, (label.x, label.y), leader)
            break
        if chosen is None:
            left_off.append(label.key)
        else:
            placed.append(chosen)
    return Placement(tuple(placed[len(obstacles) :]), tuple(left_off))
