"""Country names, regions and groups.

Names come from ISO 3166-1 (shipped as ``countries.json``, see :mod:`.iso_countries`);
continent, UN region and subregion from Natural Earth (shipped as ``regions.json``); both are
built by ``scripts/build_reference_data.py``. EU-27 membership is a fixed list. A code
tgviewer does not know still works: it is shown by its code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from tgviewer.core.reference.country_names import ALIASES, code_for_name, normalise
from tgviewer.core.reference.iso_countries import IsoCountry, iso_countries, iso_country
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
        Long form (``United States of America``) when ISO 3166-1 has one, else ``name``.
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


def _display_name(entry: IsoCountry) -> str:
    if entry.common_name:
        return entry.common_name
    name = entry.name
    # "Palestine, State of" reads as "Palestine" in a list of countries.
    return name.split(", ")[0] if ", " in name else name


@cache
def country_info(code: str) -> CountryInfo:
    """Everything known about ``code``; unknown codes get their code as name."""
    regions = _regions().get(code, {})
    entry = iso_country(code)
    if entry is not None:
        name = _display_name(entry)
        official = entry.official_name or entry.name
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
    codes = [*iso_countries(), *EXTRA_NAMES]
    return sorted(
        ((code, country_name(code)) for code in codes), key=lambda pair: pair[1].casefold()
    )


# Finding countries by what people type ----------------------------------------------------

#: What separates the entries of a pasted list of countries.
LIST_SEPARATORS = re.compile(r"[,;\t\n\r]+")


@cache
def search_terms(code: str) -> tuple[str, ...]:
    """Everything ``code`` may be found by, normalised (:func:`country_names.normalise`):
    its alpha-3 and alpha-2 codes, its display, ISO, official and common names, and the
    aliases people use (``uk``, ``britain`` and ``great britain`` for GBR)."""
    info = country_info(code)
    entry = iso_country(code)
    names = [code, info.name, info.official_name]
    if entry is not None:
        names += [entry.alpha_2, entry.name, entry.common_name]
    names += [alias for alias, target in ALIASES.items() if target == code]
    terms = dict.fromkeys(normalise(name) for name in names if name)
    terms.pop("", None)
    return tuple(terms)


def match_rank(code: str, query: str) -> int | None:
    """How well ``query`` finds ``code``: 0 when it is one of its names, codes or aliases
    (``UK``, ``Russia``), 1 when one of them starts with it, 2 when one of its words does
    (``korea`` in ``north korea``), 3 when it appears inside one; ``None`` when it does not.
    An empty query finds every country equally (0)."""
    needle = normalise(query)
    if not needle:
        return 0
    terms = search_terms(code)
    if needle in terms:
        return 0
    if any(term.startswith(needle) for term in terms):
        return 1
    if any(f" {needle}" in f" {term}" for term in terms):
        return 2
    if any(needle in term for term in terms):
        return 3
    return None


def read_country_list(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The countries a pasted list names, and the entries that name none.

    Entries are separated by commas, semicolons, tabs or new lines; each is a code (alpha-3
    or alpha-2) or a name (official, common, or an alias such as ``UK``). Codes come once
    each, in the list's order.

    >>> read_country_list("FRA, Germany; UK\\nAtlantis")
    (('FRA', 'DEU', 'GBR'), ('Atlantis',))
    """
    codes: dict[str, None] = {}
    unknown: list[str] = []
    for entry in LIST_SEPARATORS.split(text):
        entry = entry.strip()
        if not entry:
            continue
        code = code_for_name(entry) or (entry.upper() if entry.upper() in EXTRA_NAMES else None)
        if code is None:
            unknown.append(entry)
        else:
            codes.setdefault(code, None)
    return tuple(codes), tuple(unknown)
