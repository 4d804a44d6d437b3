"""The coverage view, driven through the window: cell colours, marks, order, and a click
that shows the cell's records in the details panel."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tgviewer.core.figures.coverage import CellKind
from tgviewer.core.state.view_state import CoverageOrder, ViewKind
from tgviewer.ui.views.coverage import cell_colour
from tgviewer.ui.window.main_window import MainWindow


def rgb(kind: CellKind) -> tuple[int, int, int]:
    colour = QColor(cell_colour(kind))
    return colour.red(), colour.green(), colour.blue()


def test_cells_are_coloured_by_how_the_quarter_is_known(window: MainWindow) -> None:
    window.store.update(view=ViewKind.COVERAGE, countries=("FRA", "DEU", "ISL"))
    view = window.coverage
    assert window.current_view() is view
    assert view.order == ("FRA", "DEU", "ISL")  # by name: France, Germany, Iceland
    image = view.image.image
    assert image is not None
    rows = len(view.order)
    germany_row = rows - 1 - view.order.index("DEU")  # first country drawn on top
    assert tuple(image[germany_row, 0, :3]) == rgb(CellKind.COVERED)
    assert tuple(image[germany_row, 3, :3]) == rgb(CellKind.REPORTED)
    iceland_row = rows - 1 - view.order.index("ISL")
    assert tuple(image[iceland_row, 8, :3]) == rgb(CellKind.UNKNOWN)
    assert "15 of 27 country-quarters have a figure" in view.caption.text()  # 9 + 6 + 0


def test_contradictions_are_marked_and_the_order_follows_the_state(window: MainWindow) -> None:
    window.store.update(view=ViewKind.COVERAGE, countries=("ISL", "GBR", "FRA"))
    view = window.coverage
    assert view.order == ("FRA", "ISL", "GBR")  # by name: France, Iceland, United Kingdom
    assert set(view.marks) == {("GBR", q) for q in ("2024Q1", "2024Q2", "2024Q3", "2024Q4")}
    view.sort.setCurrentIndex(view.sort.findData("coverage"))
    view.sort.activated.emit(view.sort.currentIndex())
    assert window.store.state.coverage_order is CoverageOrder.COVERAGE
    assert view.order == ("FRA", "GBR", "ISL")


def test_clicking_a_cell_shows_its_records(window: MainWindow) -> None:
    window.store.update(view=ViewKind.COVERAGE, countries=("FRA", "DEU"))
    view = window.coverage
    rows = len(view.order)
    cell = view.cell_at(0.1, rows - 1 - view.order.index("DEU") + 0.2)
    assert cell is not None and (cell.country, cell.quarter.code) == ("DEU", "2024Q1")
    assert "only inside a longer total" in view.tooltip_for(cell)
    view.click_cell(cell)
    text = window.details.toPlainText()
    assert window.details.country == "DEU"
    assert text.startswith("Q1 2024: only inside a longer total — 2024 (2,237;")
    assert "Germany (DEU)" in text


def test_no_country_says_what_to_do(window: MainWindow) -> None:
    window.store.update(view=ViewKind.COVERAGE, countries=())
    assert window.coverage.chart.currentWidget() is window.coverage.message


def assert_whole(legend: QWidget) -> None:
    """Every label of ``legend`` is shown at its full size, inside the legend."""
    labels = legend.findChildren(QLabel)
    assert labels
    for label in labels:
        assert label.isVisible()
        assert label.width() >= label.sizeHint().width(), label.text()
        corner = label.mapTo(legend, label.rect().bottomRight())
        assert legend.rect().contains(corner), label.text()


def test_the_legend_wraps_rather_than_being_cut(window: MainWindow, qtbot: QtBot) -> None:
    window.store.update(view=ViewKind.COVERAGE, countries=("FRA", "DEU", "ISL"))
    legend = window.coverage.legend
    for width in (1920, 1024, 800):
        window.resize(width, 700)
        qtbot.wait(20)
        assert_whole(legend)
    lines = {
        label.mapTo(legend, label.rect().topLeft()).y() for label in legend.findChildren(QLabel)
    }
    assert len(lines) > 1  # wrapped at 800 pixels


def test_quarter_labels_never_run_into_each_other(window: MainWindow, qtbot: QtBot) -> None:
    window.store.update(view=ViewKind.COVERAGE, countries=("FRA", "DEU"))
    view = window.coverage
    axis = view.plot.getAxis("bottom")
    metrics = QFontMetrics(axis.style["tickFont"] or view.plot.font())
    for width in (1920, 1024):
        window.resize(width, 700)
        qtbot.wait(20)
        (ticks,) = axis._tickLevels  # as set by the view
        assert ticks[0][1] == "Q1 2024"
        pixels = [
            view.plot.mapFromScene(view.plot.getViewBox().mapViewToScene(QPointF(x, 0))).x()
            for x, _ in ticks
        ]
        widest = max(metrics.horizontalAdvance(text) for _, text in ticks)
        assert all(b - a > widest for a, b in itertools.pairwise(pixels))
        if width == 1920:
            assert len(ticks) == 9  # room for every quarter
    assert len(ticks) < 9  # at 1024, every second or fourth quarter
