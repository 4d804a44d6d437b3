"""The scatter view, driven through the window and checked on what it holds."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from pytestqt.qtbot import QtBot

from tgviewer.core.state.view_state import Normalisation, ViewKind
from tgviewer.core.views.value_scale import ZERO_SYMBOL
from tgviewer.ui.views.scatter import ScatterView
from tgviewer.ui.window.main_window import MainWindow


def points(window: MainWindow) -> dict[str, tuple[float, float]]:
    item = window.scatter.points
    return {
        str(code): (float(x), float(y))
        for code, x, y in zip(item.data["data"], item.data["x"], item.data["y"], strict=True)
    }


def test_scatter_shows_requests_against_users_for_jan_sep_2024(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.store.update(
        countries=("DEU", "FRA", "USA", "ISL"),
        view=ViewKind.SCATTER,
        scatter_period="2024Q1-2024Q3",
    )
    view = window.scatter
    assert window.current_view() is view
    assert points(window) == {"DEU": (53, 115), "FRA": (220, 686), "USA": (14, 108)}
    assert "3 of 4 selected countries drawn" in view.caption.text()
    assert "median 3.12 users per request" in view.caption.text()
    # The median line: users = 686/220 x requests, from 0 to past the widest point.
    xs, ys = view.median_line.getData()
    assert xs[0] == 0 and ys[0] == 0
    assert ys[1] == pytest.approx(686 / 220 * xs[1])
    assert view.left_out.count() == 1
    assert (
        view.left_out.item(0)
        .text()
        .startswith("Iceland (ISL): Jan–Sep 2024: requests and users unknown")
    )
    assert view.code_labels["FRA"].textItem.toPlainText() == "FRA"
    tip = view.tooltips["DEU"]
    assert "Germany (DEU)" in tip and "Users affected: 115 — reported (records.csv" in tip
    assert "Users per request: 2.17" in tip


def test_hovering_a_point_shows_its_country_in_the_details(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.store.update(
        countries=("DEU", "FRA", "USA"), view=ViewKind.SCATTER, scatter_period="2024Q1-2024Q3"
    )
    view = window.scatter
    scene = view.plot.getViewBox().mapViewToScene(QPointF(220, 686))
    assert view.point_near(scene) == "FRA"
    with qtbot.waitSignal(view.details_wanted) as signal:
        view.mouse_moved(scene)
    assert signal.args == ["FRA", ""]
    assert window.details.country == "FRA"


def test_the_period_is_picked_in_the_view(window: MainWindow) -> None:
    window.store.update(countries=("DEU", "FRA"), view=ViewKind.SCATTER)
    view = window.scatter
    assert view.period.currentData() == "2026Q1"  # the most recent with both countries
    index = view.period.findData("2025Q2")
    view.period.setCurrentIndex(index)
    view.period.activated.emit(index)
    assert window.store.state.scatter_period == "2025Q2"
    assert points(window)["FRA"][1] == 1024


def test_log_log_axes_keep_zeros_at_the_foot(window: MainWindow) -> None:
    window.store.update(
        countries=("DEU", "SRB", "CAN", "FRA"),
        view=ViewKind.SCATTER,
        scatter_period="2024Q1-2024Q3",
        log_scale=True,
    )
    view = window.scatter
    drawn = points(window)
    assert drawn["DEU"] == (pytest.approx(math.log10(53)), pytest.approx(math.log10(115)))
    foot_x, foot_y = math.log10(view.x_scale.foot), math.log10(view.y_scale.foot)
    assert drawn["SRB"] == (foot_x, foot_y) == drawn["CAN"]  # 0 requests, 0 users: drawn
    symbols = dict(zip(view.points.data["data"], view.points.data["symbol"], strict=True))
    assert symbols["SRB"] == ZERO_SYMBOL and symbols["DEU"] == "o"
    assert view.code_labels["SRB"].textItem.toPlainText() == "SRB, CAN"
    assert "Same figures: 1 other country (CAN)" in view.tooltips["SRB"]
    assert "log scale" in view.plot.getAxis("bottom").labelText
    # On log-log axes the median line is straight with slope 1: log users = log requests + c.
    xs, ys = view.median_line.getData()
    assert ys[1] - ys[0] == pytest.approx(xs[1] - xs[0])


def test_per_million_and_an_unapplied_index_say_so(window: MainWindow) -> None:
    window.store.update(
        countries=("FRA",),
        view=ViewKind.SCATTER,
        scatter_period="2025Q2",
        normalisation=Normalisation.PER_MILLION,
    )
    view = window.scatter
    assert points(window)["FRA"][1] == pytest.approx(1024 / 68551653 * 1e6)
    assert "per million inhabitants, population 68,551,653" in view.tooltips["FRA"]
    window.store.update(normalisation=Normalisation.INDEX)
    assert "not applied here" in view.note.text()
    assert points(window)["FRA"][1] == 1024


def test_no_country_says_what_to_do(window: MainWindow) -> None:
    window.store.update(countries=(), view=ViewKind.SCATTER)
    assert window.scatter.chart.currentWidget() is window.scatter.message
    assert "No country selected" in window.scatter.message.text()


def test_ctrl_6_opens_the_scatter(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.view is ViewKind.SCATTER


def label_rects(view: ScatterView) -> dict[str, QRectF]:
    """Each label shown, by its text, as a rectangle in the plot's pixels."""
    to_pixels = view.plot.viewportTransform()
    shown = {}
    for _, _, label in [*view.label_points, (0, 0, view.median_label)]:
        if label.isVisible():
            rect = label.textItem.mapRectToScene(label.textItem.boundingRect())
            shown[label.textItem.toPlainText()] = to_pixels.mapRect(rect)
    return shown


@pytest.mark.parametrize("size", [QSize(1024, 700), QSize(1920, 1080)])
def test_labels_never_overlap_and_leaders_join_each_label_to_its_own_point(
    window: MainWindow, qtbot: QtBot, size: QSize
) -> None:
    window.resize(size)
    window.store.update(
        countries=tuple(window.bundle.countries),
        view=ViewKind.SCATTER,
        scatter_period="2024Q1-2024Q3",
        log_scale=True,
    )
    qtbot.wait(50)
    view = window.scatter
    rects = label_rects(view)
    assert len(rects) >= 15 and "median: 2.33 users per request" in rects
    inside = view.plot.viewportTransform().mapRect(view.plot.getViewBox().sceneBoundingRect())
    assert all(inside.contains(rect) for rect in rects.values())
    for (a, first), (b, second) in itertools.combinations(rects.items(), 2):
        assert not first.intersects(second), (a, b)
    # Every label shown is beside its own point, or joined to it by a leader.
    view_box = view.plot.getViewBox()
    to_pixels = view.plot.viewportTransform()
    xs, ys = view.leaders.getData()
    starts = zip(xs[::2], ys[::2], strict=True)
    leaders = list(zip(starts, zip(xs[1::2], ys[1::2], strict=True), strict=True))
    drawn = points(window)
    for x, y, label in view.label_points:
        if not label.isVisible():
            continue
        rect = rects[label.textItem.toPlainText()].adjusted(-1, -1, 1, 1)
        own = [end for start, end in leaders if start == pytest.approx((x, y))]
        if own:
            (end,) = own
            assert rect.contains(to_pixels.map(view_box.mapViewToScene(QPointF(*end))))
    # Labels left off are the countries' whose points are drawn: their tooltip still names
    # them.
    for code in view.unlabelled:
        assert code in drawn and f"({code})" in view.tooltips[code]
    # Each leader starts at a point, or at the median line's end for its label.
    starts = {(x, y) for x, y, _ in view.label_points} | {
        (view.median_end.x(), view.median_end.y())
    }
    assert all(any(start == pytest.approx(p) for p in starts) for start, _ in leaders)


def test_labels_are_placed_again_when_the_plot_is_resized(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1920, 1080)
    window.store.update(
        countries=tuple(window.bundle.countries), view=ViewKind.SCATTER, scatter_period="2025Q2"
    )
    qtbot.wait(50)
    before = label_rects(window.scatter)
    window.resize(1024, 700)
    qtbot.wait(50)
    after = label_rects(window.scatter)
    assert before != after
    for first, second in itertools.combinations(after.values(), 2):
        assert not first.intersects(second)


def test_labels_are_placed_again_when_presentation_enlarges_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(1024, 700)
    window.store.update(
        countries=tuple(window.bundle.countries),
        view=ViewKind.SCATTER,
        scatter_period="2024Q1-2024Q3",
        log_scale=True,
    )
    view = window.scatter
    view.zoom(1.8)
    qtbot.wait(50)
    rects = label_rects(view)
    assert rects
    for (a, first), (b, second) in itertools.combinations(rects.items(), 2):
        assert not first.intersects(second), (a, b)
    view.zoom(1.0)
