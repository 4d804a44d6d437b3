"""The world map's geometry: country shapes, small-country points and disputed areas.

Read from ``world-map.json`` (built from Natural Earth by ``scripts/build_map_geometry.py``)
the first time a map is drawn, never at start-up. Coordinates are Equal Earth's, in units
of the sphere's radius, north up (see :mod:`.equal_earth`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from tgviewer.resources import WORLD_MAP, data_path

#: A ring: a closed outline as a flat sequence ``(x0, y0, x1, y1, ...)``.
Ring = tuple[float, ...]

#: Where a region preset zooms: (west, south, east, north) in map units.
Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class DisputedArea:
    """An area drawn apart from the fill of the countries that claim or hold it."""

    name: str
    held_by: str
    claimed_by: tuple[str, ...]
    note: str
    rings: tuple[Ring, ...]


@dataclass(frozen=True)
class WorldMap:
    """Everything the map draws besides its colours.

    Attributes
    ----------
    shapes
        Per ISO alpha-3 code, the country's rings (islands and holes alike; draw them with
        the odd-even rule).
    points
        Per code, the centre of the circle standing for a country too small for a shape.
    land
        Places without an ISO code (Northern Cyprus, Somaliland): land of no bundle's country.
    disputed
        Areas drawn apart, hatched (Crimea).
    attribution, borders
        The credit line, and whose view of the borders the shapes follow.
    """

    shapes: Mapping[str, tuple[Ring, ...]]
    points: Mapping[str, tuple[float, float]]
    land: Mapping[str, tuple[Ring, ...]]
    disputed: tuple[DisputedArea, ...]
    attribution: str
    borders: str

    def has(self, code: str) -> bool:
        """Whether the map can draw ``code``, by shape or by circle."""
        return code in self.shapes or code in self.points

    def bounds(self, codes: Iterable[str] | None = None) -> Bounds:
        """The box around ``codes``' shapes and points (the whole world by default)."""
        xs: list[float] = []
        ys: list[float] = []
        for code in self.shapes if codes is None else codes:
            for ring in self.shapes.get(code, ()):
                xs.extend(ring[0::2])
                ys.extend(ring[1::2])
            if code in self.points:
                x, y = self.points[code]
                xs.append(x)
                ys.append(y)
        if not xs:
            return self.bounds()
        return min(xs), min(ys), max(xs), max(ys)


def _rings(flat_rings: Iterable[Iterable[int]], scale: float) -> tuple[Ring, ...]:
    return tuple(tuple(value / scale for value in ring) for ring in flat_rings)


@cache
def world_map() -> WorldMap:
    """The shipped map geometry (read once)."""
    document = json.loads(data_path(WORLD_MAP).read_text(encoding="utf-8"))
    scale = float(document["scale"])
    return WorldMap(
        shapes={code: _rings(rings, scale) for code, rings in document["shapes"].items()},
        points={code: (x / scale, y / scale) for code, (x, y) in document["points"].items()},
        land={name: _rings(rings, scale) for name, rings in document["land"].items()},
        disputed=tuple(
            DisputedArea(
                name=area["name"],
                held_by=area["held_by"],
                claimed_by=tuple(area["claimed_by"]),
                note=area["note"],
                rings=_rings(area["rings"], scale),
            )
            for area in document["disputed"]
        ),
        attribution=str(document["attribution"]),
        borders=str(document["borders"]),
    )
