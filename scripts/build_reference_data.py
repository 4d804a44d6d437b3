"""Build tgviewer's reference data (country regions, population) from the shared inputs.

    python scripts/build_reference_data.py [--shared ../shared/data]

Reads Natural Earth's admin-0 countries and the World Bank population table (see each
folder's SOURCE.md) plus ``resources/region-overrides.csv``, and writes
``tgviewer/data/regions.json`` and ``tgviewer/data/population.json``; and the ISO 3166-1
names pycountry carries (from the iso-codes project) as ``tgviewer/data/countries.json``,
so that the app reads a small table instead of importing pycountry. Rerun it when the
inputs change; the output is deterministic (``--check`` says whether the shipped files are
up to date, without writing).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from importlib import metadata
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tgviewer" / "data"
FIRST_POPULATION_YEAR = 2020

#: Natural Earth's own codes for places whose ISO code differs or is missing (SOURCE.md).
NE_CODE_FIXES = {"PSX": "PSE", "SAH": "ESH", "SDS": "SSD", "KOS": "XKX"}
#: Places Natural Earth draws that have no ISO 3166-1 code; left out.
NE_WITHOUT_ISO = {"CYN", "SOL"}

REGIONS_ATTRIBUTION = "Regions: Made with Natural Earth (public domain)"
POPULATION_ATTRIBUTION = "Population: World Bank (SP.POP.TOTL), CC BY 4.0"
COUNTRY_NAMES_ATTRIBUTION = (
    "Country names: ISO 3166-1, from the iso-codes project via pycountry, LGPL-2.1"
)


def iso_code(properties: dict[str, str]) -> str | None:
    """The ISO 3166-1 alpha-3 code of a Natural Earth feature, per SOURCE.md's advice."""
    iso = properties["ISO_A3"]
    if iso and iso != "-99":
        return iso
    adm = properties["ADM0_A3"]
    if adm in NE_WITHOUT_ISO:
        return None
    return NE_CODE_FIXES.get(adm, adm)


def known_code(code: str) -> bool:
    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def build_regions(shared: Path) -> dict[str, object]:
    geojson = json.loads(
        (shared / "natural-earth" / "ne_110m_admin_0_countries.geojson").read_text(encoding="utf-8")
    )
    countries: dict[str, dict[str, str]] = {}
    for feature in geojson["features"]:
        properties = feature["properties"]
        code = iso_code(properties)
        if code is None or not known_code(code):
            continue
        countries[code] = {
            "continent": properties["CONTINENT"],
            "region": properties["REGION_UN"],
            "subregion": properties["SUBREGION"],
        }
    with (ROOT / "resources" / "region-overrides.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            countries[row["iso3"]] = {
                "continent": row["continent"],
                "region": row["region"],
                "subregion": row["subregion"],
            }
    return {
        "attribution": REGIONS_ATTRIBUTION,
        "source": "Natural Earth 1:110m admin-0 countries (nvkelso/natural-earth-vector, "
        "commit 0a11ac3093f1084f0119e436583f5f271a24ed42), with "
        "resources/region-overrides.csv",
        "countries": dict(sorted(countries.items())),
    }


def build_population(shared: Path) -> dict[str, object]:
    values: dict[str, dict[int, int]] = {}
    with (shared / "population" / "population.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code, year = row["Country Code"], int(row["Year"])
            if year < FIRST_POPULATION_YEAR or not known_code(code) or not row["Value"]:
                continue
            values.setdefault(code, {})[year] = round(float(row["Value"]))
    last_year = max(year for by_year in values.values() for year in by_year)
    years = list(range(FIRST_POPULATION_YEAR, last_year + 1))
    return {
        "attribution": POPULATION_ATTRIBUTION,
        "source": "World Bank SP.POP.TOTL via datasets/population, "
        "commit 425fc447a53a26c767a15a7de60c4cc2478a0595",
        "years": years,
        "values": {
            code: [by_year.get(year) for year in years] for code, by_year in sorted(values.items())
        },
    }


def build_country_names() -> dict[str, object]:
    """Every ISO 3166-1 country's codes and names, as pycountry has them."""
    countries = {}
    for entry in sorted(pycountry.countries, key=lambda e: e.alpha_3):
        names = {"alpha_2": entry.alpha_2, "name": entry.name}
        for optional in ("official_name", "common_name"):
            value = getattr(entry, optional, None)
            if value:
                names[optional] = value
        countries[entry.alpha_3] = names
    return {
        "attribution": COUNTRY_NAMES_ATTRIBUTION,
        "source": "pycountry's ISO 3166-1 database, from the iso-codes project",
        "pycountry": metadata.version("pycountry"),
        "countries": countries,
    }


def json_text(document: dict[str, object]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), indent=None) + "\n"


def write_json(path: Path, document: dict[str, object]) -> None:
    path.write_text(json_text(document), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared" / "data",
        help="folder holding natural-earth/ and population/",
    )
    parser.add_argument(
        "--check", action="store_true", help="only say whether the shipped files are up to date"
    )
    parser.add_argument(
        "--only", choices=["names"], help="build only the country names (no shared data needed)"
    )
    args = parser.parse_args(argv)
    documents = {"countries.json": build_country_names}
    if args.only is None:
        documents["regions.json"] = lambda: build_regions(args.shared)
        documents["population.json"] = lambda: build_population(args.shared)
    stale = []
    for name, build in documents.items():
        document = build()
        if args.check:
            path = DATA / name
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != json_text(document):
                stale.append(name)
        else:
            write_json(DATA / name, document)
    if args.check:
        print(f"out of date: {', '.join(stale)}" if stale else "up to date")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
