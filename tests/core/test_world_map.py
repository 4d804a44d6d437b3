"""The world map's geometry: Equal Earth checked against published figures, every country of
the default bundle drawable, Crimea apart, and the shipped file rebuilt byte for byte."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import needs_shared
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.reference.equal_earth import project
from tgviewer.core.reference.world_map import world_map

ROOT = Path(__file__).resolve().parents[2]
#: WGS84's authalic radius: PROJ's ``+proj=eqearth +ellps=WGS84`` agrees with the sphere's
#: formulas scaled by it at the equator and at the poles.
AUTHALIC_RADIUS = 6_371_007.180918475


def test_equal_earth_matches_proj_limits_and_the_papers_aspect_ratio() -> None:
    # PROJ/cartopy: x limits ±17,243,959.0622169 m, y limits ±8,392,927.59846646 m (WGS84).
    x, _ = project(180, 0)
    _, y = project(0, 90)
    assert x * AUTHALIC_RADIUS == pytest.approx(17_243_959.0622169, abs=1e-3)
    assert y * AUTHALIC_RADIUS == pytest.approx(8_392_927.59846646, abs=1e-3)
    assert x / y == pytest.approx(2.05458, abs=5e-6)  # Šavrič et al. (2018)


def test_equal_earth_is_symmetric_and_keeps_areas() -> None:
    assert project(-30, -45) == pytest.approx(tuple(-v for v in project(30, 45)))
    assert project(0, 0) == (0.0, 0.0)

    def cell_area(lon: float, lat: float, step: float = 0.01) -> float:
        (x0, y0), (x1, _), (_, y2) = (
            project(lon, lat),
            project(lon + step, lat),
            project(lon, lat + step),
        )
        return abs((x1 - x0) * (y2 - y0))

    def sphere_area(lat: float, step: float = 0.01) -> float:
        return math.radians(step) * (
            math.sin(math.radians(lat + step)) - math.sin(math.radians(lat))
        )

    # Equal area: a small cell covers the same area on the map as on the unit sphere.
    for lat in (0, 30, 60, 80):
        assert cell_area(10, lat) == pytest.approx(sphere_area(lat), rel=1e-3)


def test_every_country_of_the_default_bundle_is_on_the_map(default_bundle: Bundle) -> None:
    geometry = world_map()
    missing = [code for code in default_bundle.countries if not geometry.has(code)]
    assert missing == []
    for small in ("MLT", "SGP", "HKG", "COK"):
        assert small in geometry.points and small not in geometry.shapes
    for code in ("FRA", "NOR", "PSE", "XKX"):  # no ISO_A3, or Natural Earth's own code
        assert code in geometry.shapes


def test_crimea_is_drawn_apart_from_both_claimants() -> None:
    geometry = world_map()
    (crimea,) = geometry.disputed
    assert crimea.name == "Crimea" and crimea.held_by == "RUS" and crimea.claimed_by == ("UKR",)
    west, south, east, north = (*project(32, 44), *project(37, 46.5))
    for ring in crimea.rings:
        assert all(west <= x <= east for x in ring[0::2])
        assert all(south <= y <= north for y in ring[1::2])
    # Russia's own shapes keep out of Crimea.
    for ring in geometry.shapes["RUS"]:
        xs, ys = ring[0::2], ring[1::2]
        inside = [
            (x, y)
            for x, y in zip(xs, ys, strict=True)
            if west < x < east and south < y < north and y < project(34, 45.9)[1]
        ]
        assert inside == []


def test_places_without_iso_code_are_plain_land() -> None:
    assert set(world_map().land) == {"Northern Cyprus", "Somaliland"}
    assert "CYN" not in world_map().shapes


def test_region_bounds_contain_their_countries() -> None:
    geometry = world_map()
    west, south, east, north = geometry.bounds(["FRA", "DEU", "MLT"])
    x, y = geometry.points["MLT"]
    assert west <= x <= east and south <= y <= north
    assert geometry.bounds([]) == geometry.bounds()


@needs_shared("natural-earth", "ne_110m_admin_0_countries.geojson")
def test_the_shipped_geometry_is_rebuilt_byte_for_byte() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_map_geometry.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout
