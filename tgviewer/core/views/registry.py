"""One question, one answer: :func:`view_model` gives what the state's view shows.

The window's views, the exported chart and its title, the data export, presentation mode's
stepping and ``tgviewer render`` all call :func:`view_model`, so they show the same thing.
Models are cached per bundle on the fields of the state their view declares
(:data:`tgviewer.core.views.base.INPUTS`), so switching between views, or changing a field
another view depends on, computes nothing again.

Adding a view: a module here with its model (a :class:`~.base.ViewModel` subclass) and its
builder, its inputs in :data:`~.base.INPUTS`, its builder in :data:`BUILDERS`, and a Qt view
in :mod:`tgviewer.ui.views` that draws the model.
"""

from __future__ import annotations

from collections.abc import Callable

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.cache import cached
from tgviewer.core.state.view_state import ViewKind, ViewState
from tgviewer.core.views.base import ViewModel, model_inputs
from tgviewer.core.views.chart_text import ChartText
from tgviewer.core.views.compare import compare_model
from tgviewer.core.views.coverage import coverage_model
from tgviewer.core.views.data_table import header_comments
from tgviewer.core.views.ranking import ranking_model
from tgviewer.core.views.scatter import scatter_model
from tgviewer.core.views.table import table_model
from tgviewer.core.views.trend import trend_model

#: Each view's builder: (bundle, the view's inputs) -> its model.
BUILDERS: dict[ViewKind, Callable[[Bundle, ViewState], ViewModel]] = {
    ViewKind.TREND: trend_model,
    ViewKind.RANKING: ranking_model,
    ViewKind.TABLE: table_model,
    ViewKind.COMPARE: compare_model,
    ViewKind.COVERAGE: coverage_model,
    ViewKind.SCATTER: scatter_model,
}


def view_model(bundle: Bundle, state: ViewState, kind: ViewKind | None = None) -> ViewModel:
    """What the view of ``kind`` (the state's view by default) shows for ``state``."""
    inputs = model_inputs(state.view if kind is None else kind, state)
    return cached(bundle, "view_models", inputs, lambda: BUILDERS[inputs.view](bundle, inputs))


def chart_text_of(bundle: Bundle, state: ViewState) -> ChartText:
    """The title, subtitle and footer of the state's view."""
    return view_model(bundle, state).text


def data_csv(bundle: Bundle, state: ViewState) -> str:
    """The figures behind the state's view as CSV, after comment lines naming the chart, its
    source and licence, the bundle and the whole state (see :mod:`.data_table`)."""
    model = view_model(bundle, state)
    return model.data_table().csv(header_comments(bundle, state, model.text))
