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

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from tgviewer.core.figures.cache import cached
from tgviewer.core.state.view_state import ViewKind, ViewState
from tgviewer.core.views.base import ViewModel, model_inputs

if TYPE_CHECKING:
    from tgviewer.core.bundle.model import Bundle
from tgviewer.core.collection import collection_paused

#: Each view's builder, (bundle, the view's inputs) -> its model, as "module:function": a
#: view's module is imported when it is first drawn, so start-up pays for the first alone.
BUILDERS: dict[ViewKind, str] = {
    ViewKind.TREND: "tgviewer.core.views.trend:trend_model",
    ViewKind.RANKING: "tgviewer.core.views.ranking:ranking_model",
    ViewKind.TABLE: "tgviewer.core.views.table:table_model",
    ViewKind.COMPARE: "tgviewer.core.views.compare:compare_model",
    ViewKind.COVERAGE: "tgviewer.core.views.coverage:coverage_model",
    ViewKind.SCATTER: "tgviewer.core.views.scatter:scatter_model",
    ViewKind.MAP: "tgviewer.core.views.map:map_model",
}


def builder(kind: ViewKind) -> Callable[[Bundle, ViewState], ViewModel]:
    """The function that computes the model of ``kind``'s view."""
    module, name = BUILDERS[kind].split(":")
    found: Callable[[Bundle, ViewState], ViewModel] = getattr(importlib.import_module(module), name)
    return found


def view_model(bundle: Bundle, state: ViewState, kind: ViewKind | None = None) -> ViewModel:
    """What the view of ``kind`` (the state's view by default) shows for ``state``.

    A model is worked out with the cyclic garbage collector paused: what it makes is kept
    (the engine's answers, the rows), and for thousands of figures the collector's full
    passes over everything the window holds cost a third of the time
    (:mod:`tgviewer.core.collection`)."""
    inputs = model_inputs(state.view if kind is None else kind, state)

    def build() -> ViewModel:
        with collection_paused():
            return builder(inputs.view)(bundle, inputs)

    return cached(bundle, "view_models", inputs, build)


def data_csv(bundle: Bundle, state: ViewState) -> str:
    """The figures behind the state's view as CSV text, one row per country and period
    (see :mod:`.data_table`; files with their metadata are :mod:`tgviewer.core.export`'s)."""
    return model_csv(view_model(bundle, state))


def model_csv(model: ViewModel) -> str:
    """``model``'s figures as CSV text: a header row, then the rows."""
    from tgviewer.core.export.csv_file import csv_text

    return csv_text(model.data_table())
