"""The Equal Earth map projection (Šavrič, Patterson and Jenny, 2018), on the unit sphere.

An equal-area pseudocylindrical projection: every country keeps its true relative size, so
a big country does not look more important on the map than it is, and its outline stays
familiar. Published in the International Journal of Geographical Information Science 33(3),
doi:10.1080/13658816.2018.1504949; the constants below are the paper's.

Coordinates are in units of the sphere's radius: ``x`` in about ±2.7066 (east positive) and
``y`` in about ±1.3174 (north positive). Multiply by a radius (the authalic radius of WGS84,
6,371,007.2 m, to match PROJ's ``+proj=eqearth +ellps=WGS84`` at the equator and the poles).
"""

from __future__ import annotations

import math

A1 = 1.340264
A2 = -0.081106
A3 = 0.000893
A4 = 0.003796
M = math.sqrt(3) / 2


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """``(x, y)`` of the point at ``longitude`` and ``latitude`` (degrees)."""
    theta = math.asin(M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * math.radians(longitude)
        * math.cos(theta)
        / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    )
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y
