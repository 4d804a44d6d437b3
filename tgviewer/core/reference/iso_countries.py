"""ISO 3166-1: every country's codes and names, from the table shipped with tgviewer.

``countries.json`` is made from pycountry's database (the iso-codes project) by
``scripts/build_reference_data.py``: reading it is a few milliseconds, where importing
pycountry and loading its database was a noticeable part of start-up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from tgviewer.resources import COUNTRY_NAMES, data_path


@dataclass(frozen=True)
class IsoCountry:
    """One country of ISO 3166-1."""

    alpha_3: str
    alpha_2: str
    name: str
    official_name: str = ""
    common_name: str = ""


@cache
def iso_countries() -> dict[str, IsoCountry]:
    """Every country of ISO 3166-1, by alpha-3 code."""
    document = json.loads(data_path(COUNTRY_NAMES).read_text(encoding="utf-8"))
    return {code: IsoCountry(code, **names) for code, names in document["countries"].items()}


def iso_country(code: str) -> IsoCountry | None:
    """The country whose alpha-3 code is ``code``, if any."""
    return iso_countries().get(code)


def names_attribution() -> str:
    """The credit line of the names."""
    document = json.loads(data_path(COUNTRY_NAMES).read_text(encoding="utf-8"))
    return str(document["attribution"])
