"""Country names as people and Telegram write them, matched to ISO 3166-1 alpha-3 codes.

ISO 3166-1 has the names ("United Kingdom of Great Britain and Northern Ireland"), the
official and the common ones ("Russia" is not among them: its name is "Russian Federation").
The forms seen in the bot's answers and in spreadsheets that ISO lacks are listed here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from tgviewer.core.reference.iso_countries import iso_countries

#: Short or customary forms ISO 3166-1 does not give, by their normalised text.
ALIASES = {
    "russia": "RUS",
    "uk": "GBR",
    "great britain": "GBR",
    "britain": "GBR",
    "england": "GBR",
    "united states": "USA",
    "us": "USA",
    "usa": "USA",
    "america": "USA",
    "south korea": "KOR",
    "korea": "KOR",
    "republic of korea": "KOR",
    "north korea": "PRK",
    "iran": "IRN",
    "syria": "SYR",
    "vietnam": "VNM",
    "laos": "LAO",
    "moldova": "MDA",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "taiwan": "TWN",
    "turkey": "TUR",
    "turkiye": "TUR",
    "czech republic": "CZE",
    "czechia": "CZE",
    "ivory coast": "CIV",
    "cote d ivoire": "CIV",
    "macedonia": "MKD",
    "palestine": "PSE",
    "state of palestine": "PSE",
    "the netherlands": "NLD",
    "holland": "NLD",
    "uae": "ARE",
    "emirates": "ARE",
    "vatican": "VAT",
    "brunei": "BRN",
    "cape verde": "CPV",
    "swaziland": "SWZ",
    "burma": "MMR",
    "east timor": "TLS",
    "congo kinshasa": "COD",
    "dr congo": "COD",
    "drc": "COD",
    "democratic republic of congo": "COD",
    "congo brazzaville": "COG",
    "republic of congo": "COG",
    "micronesia": "FSM",
    "kosovo": "XKX",
}


def normalise(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed, a leading "the" gone."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", plain).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in iso_countries().values():
        for value in (entry.name, entry.official_name, entry.common_name):
            if value:
                names.setdefault(normalise(value), entry.alpha_3)
        names.setdefault(entry.alpha_3.lower(), entry.alpha_3)
        names.setdefault(entry.alpha_2.lower(), entry.alpha_3)
    for alias, code in ALIASES.items():
        names[normalise(alias)] = code
    return names


def code_for_name(text: str) -> str | None:
    """The alpha-3 code of the country ``text`` names (a name in long or short form, or an
    alpha-2 or alpha-3 code), or ``None`` when it names none.

    >>> code_for_name("United States of America"), code_for_name("United Kingdom")
    ('USA', 'GBR')
    """
    key = normalise(text)
    return _names().get(key) if key else None
