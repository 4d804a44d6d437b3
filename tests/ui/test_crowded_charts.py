"""Charts crowded with countries, checked on their real geometry: every ranking row's label
readable with all 83 countries, the compare view's change labels inside the plot, the
scatter's leader lines ending at their own point, and presentation mode hiding the list of
countries left out."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QSplitter
from pytestqt.qtbot import QtBot

from tgviewer.core.state.view_state import Normalisation, ViewKind
from tgviewer.core.views.ranking import MOST_ROWS_WITHOUT_FIGURE
from tgviewer.ui.style.chart_style import zoom_of
from tgviewer.ui.views.ranking import RankingView
from tgviewer.ui.views.scatter import SYMBOL_SIZE, ScatterView
from tgviewer.ui.window.main_window import MainWindow

SIZES = ((1024, 700), (1920, 1080))


def present(window: MainWindow, qtbot: QtBot, scale: float = 2.0) -> None:
    window.presentation.set_scale(scale)
    window.presentation.enter()
    qtbot.wait(50)


def test_every_change_label_ends_inside_the_compare_plot(window: MainWindow, qtbot: QtBot) -> None:
    window.store.update(view=ViewKind.COMPARE)
    view = window.compare
    assert view.value_labels

    def all_inside(where: str) -> None:
        inside = view.plot.getViewBox().sceneBoundingRect()
        for code, label in view.value_labels.items():
            drawn = label.mapRectToScene(label.boundingRect())
            assert drawn.right() <= inside.right() + 1, (code, where)
            assert drawn.left() >= inside.left() - 1, (code, where)

    for size in SIZES:
        window.resize(*size)
        qtbot.wait(30)
        all_inside(f"{size}")
    window.resize(1024, 700)
    present(window, qtbot)
    try:
        all_inside("presenting")
    finally:
        window.presentation.leave()


@pytest.mark.parametrize("kind", [ViewKind.COMPARE, ViewKind.SCATTER])
def test_presenting_hides_the_list_left_out_and_leaving_shows_it(
    window: MainWindow, qtbot: QtBot, kind: ViewKind
) -> None:
    window.store.update(view=kind)
    view = window.compare if kind is ViewKind.COMPARE else window.scatter
    listed = view.left_out_list
    assert listed is not None and listed.isVisible()
    splitter = listed.parentWidget()
    assert isinstance(splitter, QSplitter)
    handle = splitter.handle(splitter.indexOf(listed))
    assert handle.isVisible()
    present(window, qtbot)
    try:
        assert not listed.isVisible() and not handle.isVisible()
        window.store.update(countries=("FRA", "DEU", "IND"))  # redrawn while presenting
        assert not listed.isVisible()
    finally:
        window.presentation.leave()
    assert listed.isVisible() and handle.isVisible()


def row_label_rects(view: RankingView) -> list[tuple[QRectF, str]]:
    """The rects (in the axis's coordinates) pyqtgraph draws the row names in."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = view.plot.getAxis("left").generateDrawSpecs(painter)
    finally:
        painter.end()
    assert specs is not None
    return [(QRectF(rect), text) for rect, _, text in specs[2]]


def assert_rows_readable(view: RankingView, where: str) -> None:
    axis = view.plot.getAxis("left")
    height = QFontMetricsF(axis.style["tickFont"]).height()
    rects = row_label_rects(view)
    assert len(rects) == len(view.order), where
    for (first, name), (second, other) in itertools.combinations(rects, 2):
        assert not first.intersects(second), (name, other, where)
    # Each row at least a line of text high, in the scene's units (which the zoom enlarges).
    view_box = view.plot.getViewBox()
    ys = [view_box.mapViewToScene(QPointF(0, y)).y() for y in range(len(view.order))]
    gaps = [abs(b - a) for a, b in itertools.pairwise(ys)]
    assert min(gaps) >= height, where
    labels = [label.mapRectToScene(label.boundingRect()) for label in view.value_labels.values()]
    for first, second in itertools.combinations(labels, 2):
        assert not first.intersects(second), where


def test_ranking_all_countries_keeps_every_row_readable(window: MainWindow, qtbot: QtBot) -> None:
    window.store.update(
        view=ViewKind.RANKING,
        countries=tuple(window.bundle.countries),
        normalisation=Normalisation.PER_MILLION,
        ranking_period="2025Q1",
    )
    view = window.ranking
    model = view.model
    assert len(model.rows) == 83 and len(model.unranked) > MOST_ROWS_WITHOUT_FIGURE
    # Those without a figure are listed below the chart, not drawn as rows in it.
    assert view.order == [r.country for r in model.ranked]
    listed = view.left_out_list
    assert listed is not None and listed.isVisible()
    assert listed.items.count() == len(model.unranked)
    assert listed.items.item(0).text().endswith(": no figure for this period")
    assert listed.title.text().startswith(f"<b>Without a figure ({len(model.unranked)})</b>")
    window.resize(1024, 700)
    qtbot.wait(30)
    # Taller than the window: the plot scrolls.
    assert view.plot.height() > view.scroller.viewport().height()
    assert view.scroller.verticalScrollBar().isVisible()
    assert_rows_readable(view, "1024x700")
    present(window, qtbot)
    try:
        assert zoom_of(view.plot) == 2.0
        assert_rows_readable(view, "presenting at 2x")
        assert not listed.isVisible()
    finally:
        window.presentation.leave()
    assert listed.isVisible()


def test_a_few_countries_without_a_figure_stay_rows_of_the_ranking(window: MainWindow) -> None:
    # Q2 2024: Germany only has the Jan–Sep total, which cannot be split.
    window.store.update(view=ViewKind.RANKING, countries=("FRA", "DEU"), ranking_period="2024Q2")
    view = window.ranking
    assert view.order == ["FRA", "DEU"]
    assert "no figure" in view.value_labels["DEU"].textItem.toPlainText()
    assert view.model.left_out == ()
    assert view.left_out_list is None or not view.left_out_list.isVisible()


def segment_distance(point: QPointF, start: QPointF, end: QPointF) -> float:
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = dx * dx + dy * dy
    t = 0.0
    if length:
        t = ((point.x() - start.x()) * dx + (point.y() - start.y()) * dy) / length
        t = max(0.0, min(1.0, t))
    return math.hypot(start.x() + t * dx - point.x(), start.y() + t * dy - point.y())


def assert_leaders_reach_their_own_point(view: ScatterView, where: str) -> int:
    """Check every leader, in the scene's units (the zoom enlarges markers and scene alike);
    return how many there are."""
    view_box = view.plot.getViewBox()
    data = view.points.data
    points = {
        str(code): view_box.mapViewToScene(QPointF(float(x), float(y)))
        for code, x, y in zip(data["data"], data["x"], data["y"], strict=True)
    }
    labels = {
        code: label.mapRectToScene(label.boundingRect())
        for code, label in view.code_labels.items()
        if label.isVisible()
    }
    radius = SYMBOL_SIZE / 2
    xs, ys = view.leaders.getData()
    for index in range(0, len(xs), 2):
        start = view_box.mapViewToScene(QPointF(xs[index], ys[index]))
        end = view_box.mapViewToScene(QPointF(xs[index + 1], ys[index + 1]))
        own = min(points, key=lambda c: QLineF(points[c], start).length())
        assert QLineF(points[own], start).length() < 0.5, where
        for code, point in points.items():
            if code == own:
                continue
            assert QLineF(point, end).length() > radius, (own, code, where)
            if QLineF(point, start).length() > radius + 1:  # not on top of its own marker
                assert segment_distance(point, start, end) >= radius, (own, code, where)
        # The leader ends on its own label, nearer it than any other label.
        mine = labels[own].adjusted(-1, -1, 1, 1)
        assert mine.contains(end), (own, where)
        for code, rect in labels.items():
            if code != own:
                assert not rect.contains(end), (own, code, where)
    return len(xs) // 2


def test_scatter_leaders_end_at_their_own_label_clear_of_other_points(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.store.update(view=ViewKind.SCATTER)
    view = window.scatter
    assert view.model.period.label == "Q4 2025"
    leaders = 0
    for size in SIZES:
        window.resize(*size)
        qtbot.wait(50)
        leaders += assert_leaders_reach_their_own_point(view, f"{size}")
    window.resize(1024, 700)
    present(window, qtbot)
    try:
        leaders += assert_leaders_reach_their_own_point(view, "presenting")
    finally:
        window.presentation.leave()
    assert leaders  # the crowded corner (DEU, KOR, POL, FRA) needs some


def test_the_wheel_over_a_tall_ranking_scrolls_it(window: MainWindow, qtbot: QtBot) -> None:
    window.store.update(view=ViewKind.RANKING, countries=tuple(window.bundle.countries))
    window.resize(1024, 700)
    qtbot.wait(30)
    view = window.ranking
    bar = view.scroller.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    viewport = view.plot.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert bar.value() > 0
