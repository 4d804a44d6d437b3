"""Build the world map's geometry (``tgviewer/data/world-map.json``) from Natural Earth.

    python scripts/build_map_geometry.py [--shared ../shared/data] [--check]

Reads Natural Earth's 1:110m admin-0 countries and tiny-country points (see
``natural-earth/SOURCE.md``) and ``resources/map-points.csv`` (places in neither file, such
as Hong Kong and Andorra), projects them with Equal Earth
(:mod:`tgviewer.core.reference.equal_earth`), simplifies each ring (Douglas-Peucker, a
tolerance well under a pixel on a 2560-pixel-wide map) and writes one compact JSON file:

- ``shapes``: per ISO 3166-1 alpha-3 code, the country's rings as flat integer lists
  ``[x0, y0, x1, y1, ...]`` in units of 1/``scale`` of the sphere's radius, north up; holes
  and islands are rings of the same list (drawn with the odd-even rule).
- ``points``: per code, where a country too small for a shape is drawn as a circle.
- ``land``: places Natural Earth draws that have no ISO code (Northern Cyprus, Somaliland),
  drawn as land that belongs to no country of a bundle.
- ``disputed``: areas drawn apart from either claimant's fill (Crimea, which Natural Earth's
  de facto view gives to Russia).

The output is deterministic: rerunning the script on the same inputs writes the same bytes
(``--check`` says whether the shipped file is up to date, without writing).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from build_reference_data import NE_CODE_FIXES, NE_WITHOUT_ISO, json_text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tgviewer.core.reference.equal_earth import project  # noqa: E402

OUTPUT = ROOT / "tgviewer" / "data" / "world-map.json"
POINTS = ROOT / "resources" / "map-points.csv"
NE_COMMIT = "0a11ac3093f1084f0119e436583f5f271a24ed42"
#: Integer units per sphere radius: the map is about 54,000 units wide.
SCALE = 10_000
#: Douglas-Peucker tolerance in units: half a pixel on a 2560-pixel-wide map.
TOLERANCE = 10.0
#: Names Natural Earth gives the places without ISO codes.
NO_ISO_NAMES = {"CYN": "Northern Cyprus", "SOL": "Somaliland"}
#: Crimea: Natural Earth's de facto view draws it as a polygon of Russia; every point of
#: that polygon lies in this box (west, south, east, north), and no other polygon of Russia's
#: does.
CRIMEA_BOX = (32.0, 44.0, 37.0, 46.5)

Point = tuple[float, float]


def iso_code(properties: dict[str, str]) -> str:
    """A country feature's ISO code (Natural Earth's own code when it has none)."""
    iso = properties["ISO_A3"]
    if iso and iso != "-99":
        return iso
    adm = properties["ADM0_A3"]
    return NE_CODE_FIXES.get(adm, adm)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points that keep the line within ``tolerance`` of its course."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            px, py = points[index]
            if length == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def projected_ring(ring: Sequence[Sequence[float]]) -> list[int]:
    """A GeoJSON ring projected, simplified and flattened to integers (no closing point)."""
    points = [project(lon, lat) for lon, lat in ring]
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    scaled = [(x * SCALE, y * SCALE) for x, y in points]
    # A ring is simplified as a line from its first point back to itself, split in two so
    # that the line's ends differ.
    middle = len(scaled) // 2
    kept = simplify(scaled[: middle + 1], TOLERANCE)[:-1] + simplify(scaled[middle:], TOLERANCE)
    if len(kept) < 3:
        kept = scaled
    flat: list[int] = []
    previous: tuple[int, int] | None = None
    for x, y in kept:
        rounded = (round(x), round(y))
        if rounded != previous:
            flat.extend(rounded)
        previous = rounded
    return flat


def polygons(geometry: dict[str, object]) -> list[list[list[list[float]]]]:
    """A Polygon or MultiPolygon's polygons, each a list of rings."""
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        return [coordinates]  # type: ignore[list-item]
    found: list[list[list[list[float]]]] = list(coordinates)  # type: ignore[call-overload]
    return found


def in_box(polygon: list[list[list[float]]], box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return all(west <= lon <= east and south <= lat <= north for lon, lat in polygon[0])


def build(shared: Path) -> dict[str, object]:
    folder = shared / "natural-earth"
    countries = json.loads(
        (folder / "ne_110m_admin_0_countries.geojson").read_text(encoding="utf-8")
    )
    shapes: dict[str, list[list[int]]] = {}
    land: dict[str, list[list[int]]] = {}
    disputed: list[dict[str, object]] = []
    for feature in countries["features"]:
        properties = feature["properties"]
        code = iso_code(properties)
        for polygon in polygons(feature["geometry"]):
            rings = [projected_ring(ring) for ring in polygon]
            if code == "RUS" and in_box(polygon, CRIMEA_BOX):
                disputed.append(
                    {
                        "name": "Crimea",
                        "claimed_by": ["UKR"],
                        "held_by": "RUS",
                        "note": "annexed by Russia in 2014; most countries recognise it as "
                        "part of Ukraine",
                        "rings": rings,
                    }
                )
            elif properties["ADM0_A3"] in NE_WITHOUT_ISO:
                land.setdefault(NO_ISO_NAMES[properties["ADM0_A3"]], []).extend(rings)
            else:
                shapes.setdefault(code, []).extend(rings)
    if len(disputed) != 1:
        raise SystemExit(f"expected Crimea as one polygon of Russia, found {len(disputed)}")
    points: dict[str, list[int]] = {}
    tiny = json.loads(
        (folder / "ne_110m_admin_0_tiny_countries.geojson").read_text(encoding="utf-8")
    )
    for feature in tiny["features"]:
        code = feature["properties"]["ISO_A3"]
        if code == "-99" or code in shapes or code in points:
            continue  # a part of a country drawn elsewhere (Azores, Canary Islands)
        x, y = project(*feature["geometry"]["coordinates"])
        points[code] = [round(x * SCALE), round(y * SCALE)]
    with POINTS.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["iso3"] in points:
                raise SystemExit(f"{POINTS.name}: {row['iso3']} is already a point")
            x, y = project(float(row["longitude"]), float(row["latitude"]))
            points[row["iso3"]] = [round(x * SCALE), round(y * SCALE)]
    return {
        "attribution": "Made with Natural Earth (public domain)",
        "source": "Natural Earth 1:110m admin-0 countries and tiny countries "
        f"(nvkelso/natural-earth-vector, commit {NE_COMMIT}), with resources/map-points.csv",
        "borders": "Natural Earth's de facto boundaries: who controls a place, not who claims "
        "it; Crimea is drawn apart, as disputed",
        "projection": "Equal Earth, unit sphere, north up",
        "scale": SCALE,
        "shapes": dict(sorted(shapes.items())),
        "points": dict(sorted(points.items())),
        "land": dict(sorted(land.items())),
        "disputed": disputed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared" / "data",
        help="folder holding natural-earth/",
    )
    parser.add_argument(
        "--check", action="store_true", help="only say whether the shipped file is up to date"
    )
    args = parser.parse_args(argv)
    text = json_text(build(args.shared))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        print("up to date" if current == text else f"{OUTPUT.name} is out of date")
        return 0 if current == text else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
