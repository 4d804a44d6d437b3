"""Country names, regions and groups.

Names come from pycountry; continent, UN region and subregion from Natural Earth (shipped
as ``regions.json``, built by ``scripts/build_reference_data.py``); EU-27 membership is a
fixed list. A code tgviewer does not know still works: it is shown by its code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import pycountry

from tgviewer.resources import REGIONS, data_path

#: Members of the European Union since 1 February 2020.
EU27 = frozenset(
    {
        "AUT",
        "BEL",
        "BGR",
        "HRV",
        "CYP",
        "CZE",
        "DNK",
        "EST",
        "FIN",
        "FRA",
        "DEU",
        "GRC",
        "HUN",
        "IRL",
        "ITA",
        "LVA",
        "LTU",
        "LUX",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "ESP",
        "SWE",
    }
)

#: Codes in common use that ISO 3166-1 has not assigned.
EXTRA_NAMES = {"XKX": "Kosovo"}


@dataclass(frozen=True)
class CountryInfo:
    """What tgviewer knows about a country code.

    Attributes
    ----------
    code
        ISO 3166-1 alpha-3 code.
    name
        Short name for display (``South Korea``, not ``Korea, Republic of``); the code itself
        when the code is unknown.
    official_name
        Long form (``United States of America``) when pycountry has one, else ``name``.
    continent, region, subregion
        Natural Earth's continent, UN region and UN subregion; empty when not known.
    eu27
        Member of the European Union.
    known
        Whether the code is an ISO 3166-1 code (or Kosovo's XKX).
    """

    code: str
    name: str
    official_name: str
    continent: str
    region: str
    subregion: str
    eu27: bool
    known: bool


@cache
def _regions() -> dict[str, dict[str, str]]:
    document = json.loads(data_path(REGIONS).read_text(encoding="utf-8"))
    countries: dict[str, dict[str, str]] = document["countries"]
    return countries


def regions_attribution() -> str:
    """Credit line for the region data."""
    document = json.loads(data_path(REGIONS).read_text(encoding="utf-8"))
    return str(document["attribution"])


def _display_name(entry: object) -> str:
    common = getattr(entry, "common_name", None)
    if common:
        return str(common)
    name = str(getattr(entry, "name", ""))
    # "Palestine, State of" reads as "Palestine" in a list of countries.
    return name.split(", ")[0] if ", " in name else name


@cache
def country_info(code: str) -> CountryInfo:
    """Everything known about ``code``; unknown codes get their code as name."""
    regions = _regions().get(code, {})
    entry = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if entry is not None:
        name = _display_name(entry)
        official = str(getattr(entry, "official_name", None) or entry.name)
    else:
        name = official = EXTRA_NAMES.get(code, code)
    return CountryInfo(
        code=code,
        name=name,
        official_name=official,
        continent=regions.get("continent", ""),
        region=regions.get("region", ""),
        subregion=regions.get("subregion", ""),
        eu27=code in EU27,
        known=entry is not None or code in EXTRA_NAMES,
    )


def country_name(code: str) -> str:
    """Display name of ``code`` (the code itself if unknown)."""
    return country_info(code).name


def is_known_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-3 code tgviewer knows."""
    return country_info(code).known


def country_choices() -> list[tuple[str, str]]:
    """Every country tgviewer knows, as ``(code, name)`` sorted by name: for a picker."""
    codes = [entry.alpha_3 for entry in pycountry.countries] + list(EXTRA_NAMES)
    return sorted(
        ((code, country_name(code)) for code in codes), key=lambda pair: pair[1].casefold()
    )
