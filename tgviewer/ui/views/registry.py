"""Where each view's class lives: built on demand by the window and by exports.

The window imports a view's module only when the view is first shown, so start-up pays for
the first view alone; an export or a headless render builds a fresh view the same way.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, NamedTuple

from tgviewer.core.state.view_state import ViewKind

if TYPE_CHECKING:
    from tgviewer.ui.qt_store import QtViewStateStore


class ViewClass(NamedTuple):
    """Where a view's class lives, whether it is built with the store (views with choices of
    their own write them to it), and which of its signals goes to which window slot."""

    module: str
    name: str
    with_store: bool
    signal: str
    slot: str


VIEW_CLASSES: dict[ViewKind, ViewClass] = {
    ViewKind.TREND: ViewClass("tgviewer.ui.views.trend", "TrendView", False,
                              "hovered", "show_details"),
    ViewKind.RANKING: ViewClass("tgviewer.ui.views.ranking", "RankingView", True,
                                "hovered", "show_details"),
    ViewKind.TABLE: ViewClass("tgviewer.ui.views.table", "TableView", False,
                              "country_selected", "show_details"),
    ViewKind.COMPARE: ViewClass("tgviewer.ui.views.compare", "CompareView", True,
                                "hovered", "show_details"),
    ViewKind.COVERAGE: ViewClass("tgviewer.ui.views.coverage", "CoverageView", True,
                                 "cell_clicked", "show_cell"),
    ViewKind.SCATTER: ViewClass("tgviewer.ui.views.scatter", "ScatterView", True,
                                "hovered", "show_details"),
}


def build_view(kind: ViewKind, store: QtViewStateStore) -> Any:
    """A new, undrawn view of ``kind``, importing its module if need be."""
    where = VIEW_CLASSES[kind]
    cls = getattr(importlib.import_module(where.module), where.name)
    return cls(store) if where.with_store else cls()
