"""The compare view's model: period A against period B, one row per selected country."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.comparison import CompareRow, Comparison, compare_periods
from tgviewer.core.figures.series import measure_label
from tgviewer.core.figures.suggestions import Suggestion, suggest_comparisons
from tgviewer.core.periods.spans import QuarterSpan, parse_span
from tgviewer.core.plurals import plural
from tgviewer.core.state.view_state import USERS_PER_REQUEST, Normalisation, ViewKind, ViewState
from tgviewer.core.views.base import ViewModel
from tgviewer.core.views.chart_text import chart_text
from tgviewer.core.views.data_table import COMPARE_COLUMNS, DataTable, comparison_table
from tgviewer.core.views.formatting import NO_COUNTRY_MESSAGE
from tgviewer.core.views.rules import choices_with, ratio_notes

#: How many like-for-like suggestions the view offers.
MAX_SUGGESTIONS = 4


@dataclass(frozen=True, kw_only=True)
class CompareModel(ViewModel):
    """Everything the compare view draws.

    Attributes
    ----------
    choices
        The periods A and B can be (every period of the bundle, and the pair shown).
    a, b
        The periods compared (also ``shown``); ``None`` when no pair can be found.
    suggestions
        The like-for-like pairs offered, best first.
    comparison
        The comparison, ``None`` when nothing is compared.
    rows
        The compared countries in the order drawn (the state's ``compare_order``).
    unit
        What the compared figures are, after the measure (``users affected (per-quarter
        average)``).
    """

    kind = ViewKind.COMPARE
    choices: tuple[QuarterSpan, ...] = ()
    a: QuarterSpan | None = None
    b: QuarterSpan | None = None
    suggestions: tuple[Suggestion, ...] = ()
    comparison: Comparison | None = None
    rows: tuple[CompareRow, ...] = ()
    unit: str = ""

    def data_table(self) -> DataTable:
        """The rows compared, in the order drawn, then the countries left out."""
        if self.comparison is None:
            return DataTable(COMPARE_COLUMNS, ())
        return comparison_table(self.comparison, self.rows)


def compare_pair(
    state: ViewState, suggestions: Sequence[Suggestion]
) -> tuple[QuarterSpan | None, QuarterSpan | None]:
    """Periods A and B of the compare view: the state's pair when it names both, else the
    like-for-like pair covering the most selected countries (the first suggestion)."""
    if state.compare_a is not None and state.compare_b is not None:
        return parse_span(state.compare_a), parse_span(state.compare_b)
    if suggestions:
        return suggestions[0].a, suggestions[0].b
    return None, None


def compare_model(bundle: Bundle, state: ViewState) -> CompareModel:
    """``state``'s countries in its periods A and B (or the best like-for-like pair)."""
    suggestions = tuple(
        suggest_comparisons(bundle, state.countries, state.measure, state.service)[:MAX_SUGGESTIONS]
        if state.countries
        else ()
    )
    a, b = compare_pair(state, suggestions)
    choices = choices_with(bundle, (a, b))
    label = measure_label(bundle, state.measure)
    title = label
    if a is not None and b is not None:
        unit = ", per million inhabitants" if state.per_capita else ""
        title = f"{label}{unit}: {a.label} against {b.label}"
        if a.length != b.length and state.measure != USERS_PER_REQUEST:
            title += " (per-quarter averages)"  # the title says it even where notes are not
    base = CompareModel(
        bundle=bundle,
        state=state,
        choices=choices,
        a=a,
        b=b,
        suggestions=suggestions,
        shown=() if a is None or b is None else (a, b),
        text=chart_text(bundle, state, title, state.per_capita),
    )
    if not state.countries:
        return dataclasses.replace(base, message=NO_COUNTRY_MESSAGE)
    if a is None or b is None:
        return dataclasses.replace(
            base,
            message=(
                "No two like periods have figures for the selected countries.\nSelect more "
                "countries (for example All with data), or pick periods A and B above."
            ),
        )
    comparison = compare_periods(
        bundle, state.countries, a, b, state.measure, state.service, state.per_capita
    )
    unit = f" ({comparison.unit})" if comparison.unit else ""
    count = len(comparison.not_comparable)
    message = (
        ""
        if comparison.rows
        else (
            f"None of the selected countries has a figure for both {a.label} and {b.label}.\n"
            "Try a like-for-like suggestion above; the list below says what is missing."
        )
    )
    return dataclasses.replace(
        base,
        message=message,
        comparison=comparison,
        rows=tuple(comparison.ordered(state.compare_order)),
        unit=label.lower() + unit,
        notes=_notes(state, comparison),
        caption=(
            f"{label}{unit}: {a.label} (A, hollow) against {b.label} (B, filled) — "
            f"{len(comparison.rows)} of {plural(len(state.countries), 'selected country')} "
            "compared"
        ),
        left_out=comparison.not_comparable,
        left_out_heading=(
            f"Not comparable ({count}): unknown in A or in B"
            if count
            else "Every selected country is compared."
        ),
    )


def _notes(state: ViewState, comparison: Comparison) -> tuple[str, ...]:
    """Why the figures are averages, or why the scale asked for is not applied."""
    notes = []
    if comparison.length_note():
        notes.append("⚠ " + comparison.length_note())
    notes += ratio_notes(state)
    if state.share:
        notes.append(
            "Shares of the selected countries' total are not compared here (they "
            "change with the selection): the figures are absolute."
        )
    if state.normalisation is Normalisation.INDEX:
        notes.append(
            "An index is not applied here: B against A is already the change, "
            "in figures and in %. The figures are absolute."
        )
    return tuple(notes)
