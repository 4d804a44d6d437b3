"""Quick country groups for the filter panel: EU-27, continents, rankings, coverage.

A group is a named rule; :func:`resolve_group` turns it into the country codes of a bundle
for a :class:`ViewState`. Only countries with records in the bundle are ever returned, so
picking a group never selects a country the views could not draw.

Order of the codes returned:

* ``top10``: by the figure, largest first, ties by code;
* every other group: by display name (``countries.country_name``), as in the country list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.series import measure_words, raw_figure, scale_label, series_rows
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.reference.countries import EU27, country_info, country_name
from tgviewer.core.state.view_state import Normalisation, ViewState
from tgviewer.core.views.rules import rank_rows, ranking_period

#: How many countries the ranking group picks.
TOP_COUNT = 10

EU27_KEY = "eu27"
TOP_KEY = "top10"
WITH_DATA_KEY = "with_data"
NONE_KEY = "none"
CONTINENT_PREFIX = "continent:"
SUBREGION_PREFIX = "subregion:"


class GroupKind(StrEnum):
    """What a group is based on; a ``str``, so it compares equal to its value."""

    CONTINENT = "continent"
    SUBREGION = "subregion"
    UNION = "union"
    RANKING = "ranking"
    COVERAGE = "coverage"
    NONE = "none"


@dataclass(frozen=True)
class CountryGroup:
    """A quick selection offered in the filter panel's menu.

    Attributes
    ----------
    key
        Stable id, safe to save: ``continent:Europe``, ``subregion:Western Europe``,
        ``eu27``, ``top10``, ``with_data``, ``none``.
    label
        Menu text (``Europe``, ``EU-27``, ``Top 10 by users affected``).
    kind
        What the group is based on.
    """

    key: str
    label: str
    kind: GroupKind


def _by_name(codes: set[str] | list[str]) -> tuple[str, ...]:
    return tuple(sorted(codes, key=lambda code: (country_name(code).casefold(), code)))


def _region_groups(
    bundle: Bundle, attribute: Callable[[str], str], prefix: str, kind: GroupKind
) -> list[CountryGroup]:
    names = {attribute(code) for code in bundle.countries} - {""}
    return [CountryGroup(prefix + name, name, kind) for name in sorted(names)]


def continent_groups(bundle: Bundle) -> list[CountryGroup]:
    """One group per continent with at least one country in ``bundle``, sorted by label."""
    return _region_groups(
        bundle, lambda code: country_info(code).continent, CONTINENT_PREFIX, GroupKind.CONTINENT
    )


def subregion_groups(bundle: Bundle) -> list[CountryGroup]:
    """One group per UN subregion with at least one country in ``bundle``, sorted by label."""
    return _region_groups(
        bundle, lambda code: country_info(code).subregion, SUBREGION_PREFIX, GroupKind.SUBREGION
    )


def fixed_groups(bundle: Bundle, state: ViewState | None = None) -> list[CountryGroup]:
    """EU-27, the top 10, the countries with data, and none.

    With ``state``, the ranking's label names its measure (``Top 10 by users affected``);
    without it, the label stays general, since the menu may be built before a state exists.
    """
    label = f"Top {TOP_COUNT} by the chosen measure" if state is None else top_label(bundle, state)
    return [
        CountryGroup(EU27_KEY, "EU-27", GroupKind.UNION),
        CountryGroup(TOP_KEY, label, GroupKind.RANKING),
        CountryGroup(WITH_DATA_KEY, "All with data in the period", GroupKind.COVERAGE),
        CountryGroup(NONE_KEY, "None", GroupKind.NONE),
    ]


def group_menu(
    bundle: Bundle, state: ViewState | None = None
) -> list[tuple[str, list[CountryGroup]]]:
    """The menu's sections, in order: ``(heading, groups)``; the first heading is empty.

    Sections without groups (a bundle whose codes have no known region) are left out.
    """
    sections = [
        ("", fixed_groups(bundle, state)),
        ("Continent", continent_groups(bundle)),
        ("UN subregion", subregion_groups(bundle)),
    ]
    return [(heading, groups) for heading, groups in sections if groups]


def known_value(
    bundle: Bundle, country: str, measure: str, span: QuarterSpan, service: str
) -> float | None:
    """The raw figure of ``measure`` for one country and span, or ``None`` when unknown.

    Reported and derived figures count as known, inconsistent ones included (they are
    drawn, with a mark); :data:`USERS_PER_REQUEST` as in ``series``.
    """
    return raw_figure(bundle, country, span, measure, service)[0]


def top_countries(bundle: Bundle, state: ViewState, count: int = TOP_COUNT) -> tuple[str, ...]:
    """The ``count`` countries of the bundle with the largest figure as the views show it.

    The period is the ranking's (:func:`~tgviewer.core.views.rules.ranking_period`), or the
    whole range when the range holds no whole period; the figure is the state's measure on
    the state's scale (per million inhabitants, an index...), ranked as the ranking view
    ranks (:func:`~tgviewer.core.views.rules.rank_rows`). A share of the selected
    countries' total ranks as the figures it is a share of. Only countries whose figure is
    known for that period take part; ties go to the code.
    """
    period = ranking_period(bundle, state) or state.span
    scale = (
        Normalisation.ABSOLUTE
        if state.normalisation is Normalisation.SHARE
        else state.normalisation
    )
    everyone = dataclasses.replace(state, countries=tuple(bundle.countries), normalisation=scale)
    ranked, _ = rank_rows(series_rows(bundle, everyone, [period]))
    return tuple(row.country for row in ranked[:count])


def top_label(bundle: Bundle, state: ViewState) -> str:
    """``Top 10 by users affected, per million inhabitants, 2025``: what the group ranks."""
    period = ranking_period(bundle, state) or state.span
    scale = "" if state.normalisation is Normalisation.SHARE else scale_label(state)
    words = measure_words(bundle, state.measure) + (f", {scale}" if scale else "")
    return f"Top {TOP_COUNT} by {words}, {period.label}"


def countries_with_data(bundle: Bundle, state: ViewState) -> tuple[str, ...]:
    """Countries with a known figure of the state's measure for at least one of the state's
    periods (the range cut by its granularity), by name.

    A total over a longer span than one period (a Jan–Sep figure in a quarterly view) does
    not count: the views would have nothing to draw for that country in any period.
    """
    periods = state.periods()
    return _by_name(
        [
            code
            for code in bundle.countries
            if any(
                known_value(bundle, code, state.measure, span, state.service) is not None
                for span in periods
            )
        ]
    )


def resolve_group(bundle: Bundle, state: ViewState, key: str) -> tuple[str, ...]:
    """The codes of the countries in group ``key`` that have records in ``bundle``.

    A continent or subregion key naming a region with no country in the bundle gives an
    empty tuple (a menu built for another bundle stays harmless).

    Raises
    ------
    KeyError
        If ``key`` is not a group key.
    """
    present = bundle.countries
    if key == NONE_KEY:
        return ()
    if key == EU27_KEY:
        return _by_name([code for code in present if code in EU27])
    if key == TOP_KEY:
        return top_countries(bundle, state)
    if key == WITH_DATA_KEY:
        return countries_with_data(bundle, state)
    if key.startswith(CONTINENT_PREFIX) and (name := key.removeprefix(CONTINENT_PREFIX)):
        return _by_name([code for code in present if country_info(code).continent == name])
    if key.startswith(SUBREGION_PREFIX) and (name := key.removeprefix(SUBREGION_PREFIX)):
        return _by_name([code for code in present if country_info(code).subregion == name])
    raise KeyError(key)
