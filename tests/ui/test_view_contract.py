"""The contract every view keeps, checked for each of them (like glue-qt's shared viewer tests).

A view is built alone from its model (no window): it draws what the model holds, its empty
state says what to do, and the data an export writes is what it drew. In the window, a
change of a field the view declares redraws it once; a change of any other field does not.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.state.view_state import (
    CompareOrder,
    CoverageOrder,
    Normalisation,
    ViewKind,
    ViewState,
    default_view_state,
)
from tgviewer.core.views.base import INPUTS
from tgviewer.core.views.registry import view_model
from tgviewer.ui.export.chart_page import ChartPage
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.views.base import ViewBase
from tgviewer.ui.views.registry import build_view

EUROPE = ("DEU", "FRA", "GBR", "ITA", "ESP", "NLD", "POL")


def state_for(bundle: Bundle, kind: ViewKind, **changes: Any) -> ViewState:
    return dataclasses.replace(
        default_view_state(bundle), view=kind, **{"countries": EUROPE, **changes}
    )


@pytest.fixture
def build(qtbot: QtBot, default_bundle: Bundle) -> Iterator[Any]:
    """Build the view of a state on its own, drawn from its model."""

    def make(state: ViewState) -> ViewBase[Any]:
        view = build_view(state.view, QtViewStateStore(state))
        qtbot.addWidget(view)
        view.resize(1000, 700)
        view.show()
        view.draw(view_model(default_bundle, state))
        return view

    yield make


def drawn_countries(view: ViewBase[Any]) -> list[str]:
    """The countries the chart shows, in its order, read from the drawn items."""
    kind = view.kind
    if kind is ViewKind.TREND:
        return [c for c, line in view.lines.items() if line.isVisible()]  # type: ignore[attr-defined]
    if kind in (ViewKind.RANKING, ViewKind.COMPARE, ViewKind.COVERAGE):
        return list(view.order)  # type: ignore[attr-defined]
    if kind is ViewKind.TABLE:
        model = view.table_model  # type: ignore[attr-defined]
        return [model.country_at(row) for row in range(model.rowCount())]
    return list(view.points.data["data"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(ViewKind))
def test_a_view_built_alone_draws_its_model(
    build: Any, default_bundle: Bundle, kind: ViewKind
) -> None:
    state = state_for(default_bundle, kind)
    view = build(state)
    model = view_model(default_bundle, state)
    assert view.model is model and view.showing_chart
    assert view.exported_widget() is view.body
    drawn = drawn_countries(view)
    assert drawn and set(drawn) <= set(EUROPE)
    left = [left.country for left in model.left_out]
    assert not set(drawn) & set(left) or kind is ViewKind.RANKING


@pytest.mark.parametrize("kind", list(ViewKind))
def test_the_empty_state_says_what_to_do(
    build: Any, default_bundle: Bundle, kind: ViewKind
) -> None:
    view = build(state_for(default_bundle, kind, countries=()))
    assert not view.showing_chart
    assert view.exported_widget() is view.message
    assert "Tick countries in the filter panel" in view.message.text()
    assert view.data_table().rows == ()


@pytest.mark.parametrize("kind", list(ViewKind))
def test_the_export_is_what_is_drawn(
    qtbot: QtBot, build: Any, default_bundle: Bundle, kind: ViewKind
) -> None:
    state = state_for(default_bundle, kind, normalisation=Normalisation.PER_MILLION)
    view = build(state)
    page = ChartPage(default_bundle, state)
    try:
        assert page.data() == view.data_table()
        assert page.text == view.model.text
        exported = [
            c for c in dict.fromkeys(page.data().column("country")) if c in drawn_countries(view)
        ]
        assert exported == drawn_countries(view) or kind is ViewKind.TABLE
    finally:
        page.close()


#: A new value for every field of the state but ``view``.
CHANGES: dict[str, Any] = {
    "countries": EUROPE[:4],
    "granularity": Granularity.HALF,
    "first": parse_span("2024Q3").first,
    "last": parse_span("2025Q4").last,
    "measure": "requests",
    "normalisation": Normalisation.PER_MILLION,
    "index_base": "2025Q1",
    "log_scale": True,
    "service": "another service",
    "ranking_period": "2025Q1",
    "compare_a": "2025Q1",
    "compare_b": "2025Q3",
    "compare_order": CompareOrder.NAME,
    "coverage_order": CoverageOrder.COVERAGE,
    "scatter_period": "2025",
}


@pytest.mark.parametrize("kind", list(ViewKind))
def test_one_redraw_per_action_and_only_on_declared_fields(
    make_window: MakeWindow, default_bundle: Bundle, kind: ViewKind, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert set(CHANGES) == {f.name for f in dataclasses.fields(ViewState)} - {"view"}
    start = state_for(default_bundle, kind)
    window = make_window(state=start)
    view = window.view(kind)
    draws: list[object] = []
    original = view.draw
    monkeypatch.setattr(view, "draw", lambda model: (draws.append(model), original(model)))
    for name, value in CHANGES.items():
        window.store.replace(start)
        draws.clear()
        before = window.render_count
        window.store.update(**{name: value})
        assert window.render_count == before + 1, name
        assert len(draws) == (name in INPUTS[kind]), name
    window.store.update(**CHANGES)  # many fields, one action
    assert draws[-1] is view.model is view_model(default_bundle, window.store.state)
