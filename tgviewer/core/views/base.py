"""What every view model has, and which fields of the state each view is drawn from.

A view model is a frozen dataclass computed once from (bundle, state) by its view's builder
(:mod:`tgviewer.core.views.registry`). The Qt view draws it; the chart's title, the data
export, presentation mode's stepping, the details and the CLI read the same model, so they
cannot drift apart. Each view declares the fields of the state it depends on
(:data:`INPUTS`); the model is built from a state with every other field at its default, so
a model can never depend on a field its view did not declare, and the window redraws a view
only when one of its declared fields changes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from tgviewer.core.state.view_state import ViewKind, ViewState

if TYPE_CHECKING:  # annotations only: the window imports this module at start-up
    from tgviewer.core.bundle.model import Bundle
    from tgviewer.core.figures.left_out import NotComparable
    from tgviewer.core.periods.spans import QuarterSpan
    from tgviewer.core.views.chart_text import ChartText
    from tgviewer.core.views.data_table import DataTable

#: The fields of the state the views along time share.
_RANGE = (
    "countries",
    "granularity",
    "first",
    "last",
    "measure",
    "normalisation",
    "index_base",
    "service",
)

#: Per view, the fields of the state its model is computed from.
INPUTS: dict[ViewKind, tuple[str, ...]] = {
    ViewKind.TREND: (*_RANGE, "log_scale"),
    ViewKind.RANKING: (*_RANGE, "log_scale", "ranking_period"),
    ViewKind.TABLE: _RANGE,
    ViewKind.COMPARE: (
        "countries",
        "measure",
        "normalisation",
        "service",
        "log_scale",
        "compare_a",
        "compare_b",
        "compare_order",
    ),
    ViewKind.COVERAGE: ("countries", "first", "last", "measure", "service", "coverage_order"),
    ViewKind.SCATTER: ("countries", "normalisation", "service", "log_scale", "scatter_period"),
    ViewKind.MAP: (*_RANGE, "log_scale", "map_period", "map_classes"),
}


def model_inputs(kind: ViewKind, state: ViewState) -> ViewState:
    """``state`` as the view of ``kind`` sees it: its declared fields, every other field at
    its default, and ``view`` set to ``kind``. Two states with equal inputs give the same
    model."""
    default = ViewState()
    declared = set(INPUTS[kind])
    others = {
        f.name: getattr(default, f.name)
        for f in dataclasses.fields(ViewState)
        if f.name not in declared
    }
    return dataclasses.replace(state, **{**others, "view": kind})


@dataclass(frozen=True, kw_only=True)
class ViewModel:
    """What a view shows, before it is drawn.

    Attributes
    ----------
    bundle
        The bundle the figures come from.
    state
        The view's inputs (see :func:`model_inputs`).
    message
        What to say instead of a chart ("No country selected..."); ``""`` when there is
        something to draw.
    caption
        The line above the chart.
    notes
        Sentences shown with the chart (why averages are compared, why a scale is not
        applied...).
    shown
        The periods the view shows when it picks them itself: the ranking's period, the
        compared pair, the scatter's period; empty for the views along the range.
    left_out
        Selected countries not drawn, with the reason.
    left_out_heading
        The heading of that list (``Not drawn (2): a figure unknown for 2025``).
    text
        The title, subtitle and footer an export carries (and presentation mode shows).
    """

    kind: ClassVar[ViewKind]
    bundle: Bundle = field(repr=False, compare=False)
    state: ViewState
    text: ChartText
    message: str = ""
    caption: str = ""
    notes: tuple[str, ...] = ()
    shown: tuple[QuarterSpan, ...] = ()
    left_out: tuple[NotComparable, ...] = ()
    left_out_heading: str = ""

    @property
    def empty(self) -> bool:
        """Whether the view shows a message instead of a chart."""
        return bool(self.message)

    def data_table(self) -> DataTable:
        """The figures the view draws, in its order (see :mod:`.data_table`)."""
        raise NotImplementedError
