"""Where each view's class lives: built on demand by the window and by exports.

The window imports a view's module only when the view is first shown, so start-up pays for
the first view alone; an export or a headless render builds a fresh view the same way.
Every view is a :class:`~tgviewer.ui.views.base.ViewBase`: built with the store, drawn from
its core model, and asking for a country's details through ``details_wanted``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tgviewer.core.state.view_state import ViewKind

if TYPE_CHECKING:
    from tgviewer.ui.qt_store import QtViewStateStore
    from tgviewer.ui.views.base import ViewBase

#: The module and class of each view.
VIEW_CLASSES: dict[ViewKind, tuple[str, str]] = {
    ViewKind.TREND: ("tgviewer.ui.views.trend", "TrendView"),
    ViewKind.RANKING: ("tgviewer.ui.views.ranking", "RankingView"),
    ViewKind.TABLE: ("tgviewer.ui.views.table", "TableView"),
    ViewKind.COMPARE: ("tgviewer.ui.views.compare", "CompareView"),
    ViewKind.COVERAGE: ("tgviewer.ui.views.coverage", "CoverageView"),
    ViewKind.SCATTER: ("tgviewer.ui.views.scatter", "ScatterView"),
    ViewKind.MAP: ("tgviewer.ui.views.map", "MapView"),
}


def build_view(kind: ViewKind, store: QtViewStateStore) -> ViewBase[Any]:
    """A new, undrawn view of ``kind``, importing its module if need be."""
    module, name = VIEW_CLASSES[kind]
    make: Callable[[QtViewStateStore], ViewBase[Any]] = getattr(
        importlib.import_module(module), name
    )
    return make(store)
