"""The map view: what it holds (brushes by class, hatching, circles), the slider and Play,
clicking, zooming, presentation, and its exports."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow
from tgviewer.cli.main import main
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import Granularity
from tgviewer.core.reference.world_map import world_map
from tgviewer.core.state.view_file import BundleRef, SavedView, write_view
from tgviewer.core.state.view_state import (
    MapClasses,
    Normalisation,
    ViewKind,
    ViewState,
    default_view_state,
)
from tgviewer.core.views.map import MapModel
from tgviewer.core.views.registry import view_model
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.views.map import REGIONS, MapView, region_bounds
from tgviewer.ui.views.map_colours import map_colours

SMALL = ("MLT", "SGP", "HKG", "COK")


def map_state(bundle: Bundle, **changes: object) -> ViewState:
    return dataclasses.replace(
        default_view_state(bundle), view=ViewKind.MAP, countries=("FRA", "DEU"), **changes
    )


def drawn(qtbot: QtBot, bundle: Bundle, state: ViewState) -> tuple[MapView, MapModel]:
    view = MapView(QtViewStateStore(state))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    model = view_model(bundle, state)
    assert isinstance(model, MapModel)
    view.draw(model)
    return view, model


def test_each_country_is_filled_by_its_class(qtbot: QtBot, default_bundle: Bundle) -> None:
    view, model = drawn(qtbot, default_bundle, map_state(default_bundle))
    colours = map_colours(model.classes.count)
    known = [e for e in model.entries if e.known]
    assert len({e.klass for e in known}) > 2
    for entry in known:
        assert view.canvas.brush_of(entry.country).color() == colours.classes[entry.klass]
    for entry in (e for e in model.entries if not e.known):
        assert view.canvas.brush_of(entry.country).color() == colours.no_figure
        mark = view.canvas.marks[entry.country]
        # Hatched grey (a circle: a dotted ring): records, but no figure for the period.
        assert entry.country in view.canvas.hatches or (
            isinstance(mark, QGraphicsEllipseItem) and mark.pen().style() == Qt.PenStyle.DotLine
        )
    # A country of no record (Angola) is plain land, never hatched.
    assert "AGO" not in default_bundle.countries
    assert view.canvas.brush_of("AGO").color() == colours.no_record
    assert "AGO" not in view.canvas.hatches


def test_derived_figures_are_hatched_over_their_colour(
    qtbot: QtBot, default_bundle: Bundle
) -> None:
    state = map_state(default_bundle)
    for period in state.periods():
        view, model = drawn(
            qtbot, default_bundle, dataclasses.replace(state, map_period=period.code)
        )
        derived = [e for e in model.entries if e.derived]
        if derived:
            for entry in derived:
                hatch = view.canvas.hatches[entry.country]
                assert hatch.brush().style() == Qt.BrushStyle.BDiagPattern
            reported = [e for e in model.entries if e.known and not e.derived]
            assert all(e.country not in view.canvas.hatches for e in reported)
            return
    pytest.fail("no period of the default bundle has a derived figure")


def test_small_countries_are_circles(qtbot: QtBot, default_bundle: Bundle) -> None:
    view, _ = drawn(qtbot, default_bundle, map_state(default_bundle))
    for code in SMALL:
        assert isinstance(view.canvas.marks[code], QGraphicsEllipseItem)
    assert isinstance(view.canvas.marks["FRA"], QGraphicsPathItem)
    assert all(code in view.canvas.marks for code in default_bundle.countries)


def test_selected_countries_are_outlined(qtbot: QtBot, default_bundle: Bundle) -> None:
    view, _ = drawn(qtbot, default_bundle, map_state(default_bundle))
    assert view.canvas.outlined == {"FRA", "DEU"}
    assert view.canvas.marks["FRA"].pen().widthF() > view.canvas.marks["ESP"].pen().widthF()


def test_crimea_is_hatched_apart_with_its_own_tooltip(qtbot: QtBot, default_bundle: Bundle) -> None:
    view, _ = drawn(qtbot, default_bundle, map_state(default_bundle))
    (crimea,) = view.canvas.disputed
    assert crimea.brush().style() == Qt.BrushStyle.DiagCrossPattern
    assert "disputed" in view.canvas.tooltips["disputed:Crimea"]


def test_the_slider_steps_the_period_in_the_state(qtbot: QtBot, default_bundle: Bundle) -> None:
    state = map_state(default_bundle, granularity=Granularity.YEAR)
    view, model = drawn(qtbot, default_bundle, state)
    assert view.slider.maximum() == len(model.choices) - 1 > 0
    other = 0 if view.slider.value() else 1
    view.slider.setValue(other)
    assert view.store.state.map_period == model.choices[other].code


def test_play_steps_to_the_end_and_stops(qtbot: QtBot, default_bundle: Bundle) -> None:
    state = map_state(default_bundle)
    view, model = drawn(qtbot, default_bundle, state)
    view.store.changed.connect(lambda *_: view.draw(view_model(default_bundle, view.store.state)))
    view.slider.setValue(len(model.choices) - 3)
    view.speed.setCurrentIndex(view.speed.findText("Fast"))
    view.play.setChecked(True)
    assert view.timer.isActive() and view.timer.interval() == 500
    for _ in range(10):  # each tick of Play's timer, without waiting for it
        if not view.play.isChecked():
            break
        view.timer.timeout.emit()
    assert not view.play.isChecked() and not view.timer.isActive()
    assert view.store.state.map_period == model.choices[-1].code
    assert view.slider.value() == view.slider.maximum()


def test_a_click_selects_the_country_and_asks_for_its_details(
    qtbot: QtBot, default_bundle: Bundle
) -> None:
    view, _ = drawn(qtbot, default_bundle, map_state(default_bundle))
    ring = world_map().shapes["ESP"][0]
    # A point well inside mainland Spain: the middle of its ring's box.
    xs, ys = ring[0::2], ring[1::2]
    centre = QPointF((min(xs) + max(xs)) / 2, -(min(ys) + max(ys)) / 2)
    where = view.canvas.mapFromScene(centre)
    assert view.canvas.code_at(QPointF(where)) == "ESP"
    with qtbot.waitSignal(view.details_wanted) as asked:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert asked.args == ["ESP", ""]
    assert view.store.state.countries == ("FRA", "DEU", "ESP")


def test_a_region_preset_zooms_there_and_the_button_resets(
    qtbot: QtBot, default_bundle: Bundle
) -> None:
    view, _ = drawn(qtbot, default_bundle, map_state(default_bundle))
    whole = view.canvas.mapToScene(view.canvas.viewport().rect()).boundingRect()
    view.region.setCurrentIndex(view.region.findData("Europe"))
    view.region.activated.emit(view.region.currentIndex())
    shown = view.canvas.mapToScene(view.canvas.viewport().rect()).boundingRect()
    west, south, east, north = region_bounds(REGIONS["Europe"])
    assert shown.width() < whole.width() / 2
    assert shown.left() <= west and shown.right() >= east
    assert shown.top() <= -north and shown.bottom() >= -south
    view.whole.click()
    assert view.canvas.mapToScene(view.canvas.viewport().rect()).boundingRect() == whole


def test_the_list_beside_the_map_holds_every_figure(qtbot: QtBot, default_bundle: Bundle) -> None:
    view, model = drawn(qtbot, default_bundle, map_state(default_bundle))
    table = view.values
    assert table.rowCount() == len(default_bundle.countries)
    first = table.item(0, 1).value
    largest = max(e.row.value for e in model.entries if e.known)
    assert first == largest  # largest first
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert names == sorted(names, key=str.casefold) or names == sorted(names)


def test_ctrl_7_shows_the_map_and_presenting_keeps_the_slider(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.view is ViewKind.MAP
    view = window.view(ViewKind.MAP)
    assert isinstance(view, MapView) and view.canvas.built
    window.presentation.enter()
    assert view.slider.isVisible() and view.play.isVisible()
    assert not view.classes.isVisible()
    before = window.store.state
    window.presentation.step(-1)
    assert window.store.state.map_period != before.map_period
    window.presentation.leave()


def test_the_geometry_is_not_read_at_start_up() -> None:
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from tgviewer.core.bundle.reader import read_default_bundle\n"
        "from tgviewer.ui.window.main_window import MainWindow\n"
        "w = MainWindow(read_default_bundle()); w.show(); app.processEvents()\n"
        "print(sorted(m for m in sys.modules if 'world_map' in m or m.endswith('views.map')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_saved_map_renders_to_png_svg_and_csv(
    qtbot: QtBot, tmp_path: Path, default_bundle: Bundle
) -> None:
    state = map_state(
        default_bundle,
        normalisation=Normalisation.PER_MILLION,
        granularity=Granularity.YEAR,
        map_period="2025",
        map_classes=MapClasses.NICE,
    )
    saved = tmp_path / "map.tgview"
    write_view(saved, SavedView(state, BundleRef.of(default_bundle)))
    for suffix in ("png", "svg", "csv"):
        assert main(["render", str(saved), "-o", str(tmp_path / f"map.{suffix}")]) == 0
    image = QImage(str(tmp_path / "map.png"))
    assert (image.width(), image.height()) == (1920, 1080)
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg.count("<path") > 150  # the shapes stay vector paths
    assert "Natural Earth" in svg and "de facto" in svg
    lines = (tmp_path / "map.csv").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if not line.startswith("#")][1:]
    assert len(rows) == len(default_bundle.countries)


def test_left_and_right_on_the_map_step_through_time(qtbot: QtBot, default_bundle: Bundle) -> None:
    view, model = drawn(qtbot, default_bundle, map_state(default_bundle))
    index = model.choices.index(model.period)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    assert view.store.state.map_period == model.choices[index - 1].code
    view.canvas.zoom_by(4)
    before = view.canvas.horizontalScrollBar().value()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.canvas.horizontalScrollBar().value() > before  # Shift pans instead
    assert view.store.state.map_period == model.choices[index - 1].code
