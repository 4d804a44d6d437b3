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
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.state.view_state import (
    CompareOrder,
    CoverageOrder,
    MapClasses,
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
from tgviewer.ui.views.table import SORT_ROLE

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
    if kind is ViewKind.MAP:  # every country of the bundle; those selected are outlined
        return sorted(view.canvas.outlined)  # type: ignore[attr-defined]
    return list(view.points.data["data"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(ViewKind))
def test_a_view_built_alone_draws_its_model(
    build: Any, default_bundle: Bundle, kind: ViewKind
) -> None:
    state = state_for(default_bundle, kind)
    view = build(state)
    model = view_model(default_bundle, state)
    assert view.model is model and view.showing_chart
    # The chart is exported as it is drawn; a plot that scrolls, without its scroll area.
    body = view.body
    exported = view.exported_widget()
    assert exported is body or (isinstance(body, QScrollArea) and exported is body.widget())
    drawn = drawn_countries(view)
    assert drawn and set(drawn) <= set(EUROPE)
    left = [left.country for left in model.left_out]
    if kind is ViewKind.MAP:  # every selected country is outlined, with or without a figure
        assert set(drawn) == set(EUROPE)
        return
    assert not set(drawn) & set(left)


@pytest.mark.parametrize("kind", list(ViewKind))
def test_the_empty_state_says_what_to_do(
    build: Any, default_bundle: Bundle, kind: ViewKind
) -> None:
    if kind is ViewKind.MAP:  # the map needs no selection, but a period
        one = parse_span("2025Q1")
        empty = state_for(
            default_bundle, kind, granularity=Granularity.YEAR, first=one.first, last=one.last
        )
        view = build(empty)
        assert not view.showing_chart and "Widen the range" in view.message.text()
        assert view.data_table().rows == ()
        return
    view = build(state_for(default_bundle, kind, countries=()))
    assert not view.showing_chart
    assert view.exported_widget() is view.message
    assert "Tick countries in the filter panel" in view.message.text()
    assert view.data_table().rows == ()


def drawn_figures(view: ViewBase[Any]) -> dict[str, list[float]]:
    """Per country, the figures read back from the drawn items (linear axes: a figure is
    drawn at its own value), in the order they are drawn."""
    kind = view.kind
    v: Any = view
    if kind is ViewKind.TREND:
        out = {}
        for country, line in v.lines.items():
            ys = line.getData()[1]
            out[country] = [float(y) for y in ys if y == y]
        return out
    if kind is ViewKind.RANKING:
        widths = v.bars.opts["width"]
        return {c: [float(w)] for c, w in zip(v.order, widths, strict=False)}
    if kind is ViewKind.COMPARE:
        a, b = v.a_points.getData()[0], v.b_points.getData()[0]
        return {c: [float(x), float(y)] for c, x, y in zip(v.order, a, b, strict=True)}
    if kind is ViewKind.SCATTER:
        xs, ys = v.points.getData()
        codes = v.points.data["data"]
        return {c: [float(x), float(y)] for c, x, y in zip(codes, xs, ys, strict=True)}
    if kind is ViewKind.TABLE:
        model = v.table_model
        out = {}
        for row in range(model.rowCount()):
            cells = [model.index(row, col).data(SORT_ROLE) for col in range(1, model.columnCount())]
            out[model.country_at(row)] = [float(c) for c in cells if c == c]
        return out
    if kind is ViewKind.MAP:  # the list beside the map holds every figure drawn
        table = v.values
        return {
            str(table.item(row, 0).data(Qt.ItemDataRole.UserRole)): (
                [] if table.item(row, 1).value is None else [table.item(row, 1).value]
            )
            for row in range(table.rowCount())
        }
    grid = v.coverage  # coverage: the values of the cells with a figure
    return {r.country: [float(c.value) for c in r.cells if c.value is not None] for r in grid.rows}


def exported_figures(kind: ViewKind, page: ChartPage) -> dict[str, list[float]]:
    """Per country, the figures of the CSV an export writes, for the same comparison."""
    columns = {
        ViewKind.COMPARE: ("value_a", "value_b"),
        ViewKind.SCATTER: ("requests", "users"),
    }.get(kind, ("value",))
    out: dict[str, list[float]] = {}
    for row in page.data().records():
        if row.get("status") == "span total":
            continue  # drawn dashed, not on the country's line
        figures = [row[c] for c in columns]
        if all(isinstance(f, int | float) for f in figures):
            out.setdefault(str(row["country"]), []).extend(float(f) for f in figures)  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("kind", list(ViewKind))
def test_the_export_is_what_is_drawn(
    qtbot: QtBot, build: Any, default_bundle: Bundle, kind: ViewKind
) -> None:
    state = state_for(default_bundle, kind, normalisation=Normalisation.PER_MILLION)
    if kind is ViewKind.COVERAGE:
        state = dataclasses.replace(state, normalisation=Normalisation.ABSOLUTE)
    view = build(state)
    page = ChartPage(default_bundle, state)
    try:
        drawn, exported = drawn_figures(view), exported_figures(kind, page)
        assert drawn and {c for c, f in drawn.items() if f} == set(exported)
        for country, figures in exported.items():
            assert drawn[country] == pytest.approx(figures, rel=1e-12), country
        assert list(exported) == [c for c in drawn if drawn[c]] or kind in (
            ViewKind.MAP,  # the list is sorted as the user asks; the export by name
            ViewKind.TABLE,
            ViewKind.COVERAGE,
            ViewKind.TREND,
        )
        assert page.text.title in view.model.text.title
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
    "map_period": "2025H1",
    "map_classes": MapClasses.NICE,
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
