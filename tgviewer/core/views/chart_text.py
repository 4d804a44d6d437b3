"""The words around an exported chart: title, subtitle and footer, from the ViewState.

An exported chart must explain itself away from the app, in a slide or a report, in the
style of Our World in Data's charts: what is measured and how it is scaled, over which
periods, what the marks mean, and where the figures come from. Everything here is derived
from the bundle and the state (plus the periods a view resolved for itself, such as the
like-for-like pair the compare view picked), so an export can be reproduced exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tgviewer import __version__
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.series import measure_label, measure_words, scale_label
from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.core.reference.population import population_table
from tgviewer.core.state.view_state import USERS_PER_REQUEST, Normalisation, ViewKind, ViewState

#: What the marks of each view mean, for its subtitle.
LEGENDS = {
    ViewKind.TREND: ("Filled points are reported, hollow points derived from other records; "
                     "a dashed segment is a total over a longer period the records do not "
                     "split; gaps are unknown; ⚠ marks records that disagree."),
    ViewKind.RANKING: ("Countries without a figure for the period are listed, not drawn as "
                       "zero; (derived) figures come from other records."),
    ViewKind.TABLE: ("Shading: blue, derived from other records; amber, records disagree; "
                     "grey, unknown."),
    ViewKind.COMPARE: ("A hollow, B filled; each row ends with the change and the percentage "
                       "change. Countries unknown in A or in B are not drawn."),
    ViewKind.COVERAGE: ("Dark: reported; light: derived; orange: only inside a longer total; "
                        "grey: no record; ⚠: records disagree."),
    ViewKind.SCATTER: ("Filled points: both figures reported; hollow: one derived. The dashed "
                       "line is the median users per request. Countries unknown on either "
                       "axis are not drawn."),
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


def range_words(span: QuarterSpan) -> str:
    """``Q1 2024 – Q1 2026`` for a range of periods (one label when it is one period)."""
    first, last = QuarterSpan(span.first, span.first), QuarterSpan(span.last, span.last)
    return first.label if span.length == 1 else f"{first.label} – {last.label}"


def chart_text(bundle: Bundle, state: ViewState,
               periods: Sequence[QuarterSpan] = ()) -> ChartText:
    """Title, subtitle and footer for the state's view.

    ``periods`` are the periods the view resolved for itself: the ranking's period, the
    compare view's A and B, the scatter's period; the state's range is used otherwise.
    """
    measure = measure_label(bundle, state.measure)
    scale = scale_label(state)
    log = "log scale (zeros at the foot of the axis, marked ▼)" if state.log_scale else ""
    kind = state.view
    scaled = f"{measure}{', ' + scale if scale else ''}"
    if kind is ViewKind.RANKING and periods:
        title = f"{scaled}, {periods[0].label}"
    elif kind is ViewKind.COMPARE and len(periods) == 2:
        unit = ", per million inhabitants" if _per_capita_compared(state) else ""
        title = f"{measure}{unit}: {periods[0].label} against {periods[1].label}"
    elif kind is ViewKind.SCATTER and periods:
        unit = (", per million inhabitants"
                if state.normalisation is Normalisation.PER_MILLION else "")
        title = (f"{measure_label(bundle, 'requests')} against "
                 f"{measure_words(bundle, 'users')}{unit}, {periods[0].label}")
    elif kind is ViewKind.COVERAGE:
        title = (f"What the records say about {measure_words(bundle, state.measure)}, "
                 "quarter by quarter, "
                 f"{range_words(state.span)}")
    else:
        title = f"{scaled}, {range_words(state.span)}"
    count = len(state.countries)
    parts = [f"{count} selected {'country' if count == 1 else 'countries'}"]
    if state.normalisation is Normalisation.PER_MILLION:
        parts.append("per million inhabitants: population of the period's year, the latest "
                     "available when the period is newer")
    if log and kind is not ViewKind.TABLE and kind is not ViewKind.COVERAGE:
        parts.append(log)
    subtitle = "; ".join(parts) + ". " + LEGENDS[kind]
    sources = [f"Source: {bundle.manifest.attribution}"]
    if state.normalisation is Normalisation.PER_MILLION:
        attribution = population_table().attribution  # "Population: World Bank (...)"
        sources.append(attribution if attribution.startswith("Population")
                       else f"Population: {attribution}")
    footer = (f"{'. '.join(sources)}. Bundle: {bundle.manifest.title}, as of "
              f"{bundle.manifest.as_of.isoformat()}. Made with tgviewer {__version__}.")
    return ChartText(title, subtitle, footer)


def _per_capita_compared(state: ViewState) -> bool:
    """Whether the compare view scales per inhabitant (a ratio is compared as it is)."""
    return (state.normalisation is Normalisation.PER_MILLION
            and state.measure != USERS_PER_REQUEST)
