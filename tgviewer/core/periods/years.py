"""The years tgviewer supports: one range for the whole app.

Every date and period tgviewer reads (in a bundle, a saved view, the settings, an import, on
the command line) must fall in :data:`MIN_YEAR`–:data:`MAX_YEAR`. A date outside it could be
read but not written back as a period, so it is refused where it is read, with
:func:`unsupported_year` as the reason, rather than validated and broken later.
"""

from __future__ import annotations

#: The first year tgviewer supports.
MIN_YEAR = 1900
#: The last year tgviewer supports.
MAX_YEAR = 2999


def is_supported_year(year: int) -> bool:
    """Whether ``year`` lies in the years tgviewer supports."""
    return MIN_YEAR <= year <= MAX_YEAR


def unsupported_year(year: int) -> str:
    """Why ``year`` is refused: ``year 1500 is outside the years tgviewer supports, 1900–2999``."""
    return f"year {year} is outside the years tgviewer supports, {MIN_YEAR}–{MAX_YEAR}"
