"""The words around an exported chart: title, subtitle and footer, from the ViewState.

An exported chart must explain itself away from the app, in a slide or a report, in the
style of Our World in Data's charts: what is measured and how it is scaled, over which
periods, what the marks mean, and where the figures come from. Each view model
(:mod:`tgviewer.core.views.registry`) words its title; the subtitle and footer are derived
here from the bundle and the state, so an export can be reproduced exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from tgviewer import __version__
from tgviewer.core.bundle.cautions import CAUTION_MARK, MORE_REQUESTS_THAN_USERS
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.reference.population import population_table
from tgviewer.core.state.view_state import ViewKind, ViewState

#: What the caution mark means, for the subtitles of the views that show it.
CAUTION_LEGEND = f"{CAUTION_MARK}: {MORE_REQUESTS_THAN_USERS}."

#: What the marks of each view mean, for its subtitle.
LEGENDS = {
    ViewKind.TREND: (
        "Filled points are reported, hollow points derived from other records; "
        "a dashed segment is a total over a longer period the records do not "
        "split; gaps are unknown; ⚠ marks records that disagree. " + CAUTION_LEGEND
    ),
    ViewKind.RANKING: (
        "Countries without a figure for the period are listed, not drawn as "
        "zero; (derived) figures come from other records. " + CAUTION_LEGEND
    ),
    ViewKind.TABLE: (
        "Shading: blue, derived from other records; amber, records disagree; grey, unknown. "
        + CAUTION_LEGEND
    ),
    ViewKind.COMPARE: (
        "A hollow, B filled; each row ends with the change and the percentage "
        "change. Countries unknown in A or in B are not drawn."
    ),
    ViewKind.COVERAGE: (
        "Dark: reported; light: derived; orange: only inside a longer total; "
        "grey: no record; ⚠: records disagree."
    ),
    ViewKind.MAP: (
        "Each country is coloured by its class; hatched colours are derived from other "
        "records; hatched grey: records, but no figure for the period; plain grey: no record. "
        "Small countries are circles; ⚠ marks records that disagree."
    ),
    ViewKind.SCATTER: (
        "Filled points: both figures reported; hollow: one derived. The dashed "
        "line is the median users per request. Countries unknown on either "
        "axis are not drawn."
    ),
}


@dataclass(frozen=True)
class ChartText:
    """The three blocks of text printed around an exported chart."""

    title: str
    subtitle: str
    footer: str

    def lines(self) -> list[str]:
        """All of it, for a CSV header or a plain-text side file."""
        return [self.title, self.subtitle, self.footer]


#: The map's credit line and whose borders it draws (also in the About box).
MAP_CREDIT = (
    "Map: Made with Natural Earth; borders as Natural Earth draws them de facto (who controls "
    "a place, not who claims it), Crimea hatched as disputed"
)


def range_words(span: QuarterSpan) -> str:
    """``Q1 2024 – Q1 2026`` for a range of periods (one label when it is one period)."""
    first, last = QuarterSpan(span.first, span.first), QuarterSpan(span.last, span.last)
    return first.label if span.length == 1 else f"{first.label} – {last.label}"


def chart_text(bundle: Bundle, state: ViewState, title: str, per_capita: bool) -> ChartText:
    """The words around the state's view: its ``title`` (each view model words its own),
    then a subtitle and a footer that say the same things the same way for every view.

    ``per_capita`` says whether the figures drawn are per million inhabitants (the view
    model knows: a ratio never is, the scatter's counts are whenever asked).
    """
    kind = state.view
    count = len(state.countries)
    parts = [f"{count} selected {'country' if count == 1 else 'countries'}"]
    if kind is ViewKind.MAP:
        every = len(bundle.countries)
        parts = [f"All {every} countries of the bundle, the selected ones outlined"]
    if per_capita:
        parts.append(
            "per million inhabitants: population of the period's year, the latest "
            "available when the period is newer"
        )
    if kind is ViewKind.MAP and state.log_scale:
        parts.append("classes on a log scale (a zero is a class of its own)")
    elif kind not in (ViewKind.TABLE, ViewKind.COVERAGE) and state.log_scale:
        parts.append("log scale (zeros at the foot of the axis, marked ▼)")
    subtitle = "; ".join(parts) + ". " + LEGENDS[kind]
    sources = [f"Source: {bundle.manifest.attribution}"]
    if per_capita:
        attribution = population_table().attribution  # "Population: World Bank (...)"
        sources.append(
            attribution if attribution.startswith("Population") else f"Population: {attribution}"
        )
    if kind is ViewKind.MAP:
        sources.append(MAP_CREDIT)
    footer = (
        f"{'. '.join(sources)}. Bundle: {bundle.manifest.title}, as of "
        f"{bundle.manifest.as_of.isoformat()}. Made with tgviewer {__version__}."
    )
    return ChartText(title, subtitle, footer)
