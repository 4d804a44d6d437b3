"""The trend stays readable with many countries: the plot keeps most of the view, the
legend a bounded share of it, and no total's label prints over a point or another label."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import MakeWindow
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.views.groups import EU27_KEY, WITH_DATA_KEY, resolve_group
from tgviewer.ui.style.chart_style import zoom_of
from tgviewer.ui.views.scene_geometry import scene_box
from tgviewer.ui.views.trend import SPAN_NOTE, TrendView
from tgviewer.ui.views.trend_legend import LEGEND_SHARE
from tgviewer.ui.window.main_window import MainWindow

EIGHT = ("FRA", "DEU", "USA", "GBR", "IND", "ESP", "ITA", "POL")


def _shown(make_window: MakeWindow, size: tuple[int, int], group: str | None) -> MainWindow:
    window = make_window()
    window.resize(*size)
    countries = (
        tuple(window.bundle.countries)
        if group is None
        else resolve_group(window.bundle, window.store.state, group)
    )
    window.store.update(countries=countries)
    for _ in range(3):
        QApplication.processEvents()
    return window


def _heights(trend: TrendView) -> tuple[float, float, float]:
    """The view box's and the legend's heights, and the plot widget's, in pixels."""
    zoom = zoom_of(trend.plot)
    view = trend.plot.getViewBox().sceneBoundingRect().height()
    legend = trend.legend.sceneBoundingRect().height() if trend.legend.isVisible() else 0.0
    plot = trend.plot.height() / zoom
    return view, legend, plot


@pytest.mark.parametrize("size", [(1024, 700), (1440, 900)])
@pytest.mark.parametrize("group", [WITH_DATA_KEY, None])
def test_many_countries_leave_the_plot_most_of_the_view(
    make_window: MakeWindow, size: tuple[int, int], group: str | None
) -> None:
    window = _shown(make_window, size, group)
    trend = window.trend
    assert len(trend.lines) >= 40
    view, legend, plot = _heights(trend)
    assert view >= 0.6 * trend.height()
    assert legend <= LEGEND_SHARE * plot
    # The legend lists the highest lines and counts the others, whose lines say their names.
    assert 0 < len(trend.legend.items) < len(trend.lines)
    assert trend.legend_more == len(trend.lines) - len(trend.legend.items)
    assert trend.chart_note.isVisible()
    assert f"+{trend.legend_more} more" in trend.chart_note.text
    assert trend.chart_note.sceneBoundingRect().top() >= trend.legend.sceneBoundingRect().top()


def test_presenting_the_eu_at_size_two_keeps_the_plot(make_window: MakeWindow) -> None:
    window = _shown(make_window, (1024, 700), EU27_KEY)
    window.presentation.enter()
    window.presentation.set_scale(2.0)
    for _ in range(3):
        QApplication.processEvents()
    trend = window.trend
    assert zoom_of(trend.plot) == 2.0
    view, legend, plot = _heights(trend)
    assert view >= 0.6 * plot
    assert legend <= LEGEND_SHARE * plot
    assert f"+{trend.legend_more} more" in trend.chart_note.text
    window.presentation.leave()


def test_a_line_left_out_of_the_legend_says_its_name_when_hovered(
    make_window: MakeWindow,
) -> None:
    window = _shown(make_window, (1024, 700), WITH_DATA_KEY)
    trend = window.trend
    listed = " ".join(label.text for _, label in trend.legend.items)
    # The highest line not in the legend (its run of known points, the last two).
    unlisted = [c for c in trend.lines if f"({c})" not in listed]
    assert unlisted
    view = trend.plot.getViewBox()
    for country in unlisted:
        xs, ys = trend.lines[country].getData()
        if len(xs) < 2 or ys[-1] != ys[-1] or ys[-2] != ys[-2]:
            continue
        a = view.mapViewToScene(QPointF(float(xs[-2]), float(ys[-2])))
        b = view.mapViewToScene(QPointF(float(xs[-1]), float(ys[-1])))
        middle = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
        found = trend.line_near(middle)
        assert found is not None  # this line, or one passing nearer there
        text = trend.hover_text(middle)
        assert text is not None and f"({found})" in text[0] and text[1] == found
        return
    pytest.fail("no line left out of the legend has two known points at its end")


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_total_labels_never_print_over_points_or_other_labels(
    make_window: MakeWindow, zoom: float
) -> None:
    window = make_window()
    window.resize(1024, 700)
    window.store.update(countries=EIGHT)
    trend = window.trend
    trend.zoom(zoom)
    for _ in range(3):
        QApplication.processEvents()
    shown = [scene_box(label) for _, _, label in trend.span_segments if label.isVisible()]
    assert not any(a.intersects(b) for a, b in itertools.combinations(shown, 2))
    view = trend.plot.getViewBox()
    points = [
        view.mapViewToScene(QPointF(float(x), float(y)))
        for item in (*trend.reported_points.values(), *trend.derived_points.values())
        for x, y in zip(*item.getData(), strict=True)
    ]
    events = [scene_box(line.label) for line in trend.event_lines]
    marks = [scene_box(mark) for _, _, mark in trend.inconsistent_marks]
    for box in shown:
        assert not any(box.contains(point) for point in points)
        assert not any(box.intersects(other) for other in events + marks)
    # Every total left unlabelled is said by its segment's tooltip, and the note says so.
    if len(shown) < len(trend.span_segments):
        assert SPAN_NOTE in trend.chart_note.text and trend.chart_note.isVisible()
    for _, segment, _ in trend.span_segments:
        xs, ys = segment.getData()
        at = view.mapViewToScene(QPointF(float(xs[0] + xs[1]) / 2, float(ys[0])))
        assert trend.spans.near(at) is not None
    trend.zoom(1.0)


def test_more_than_six_totals_are_not_labelled(make_window: MakeWindow) -> None:
    window = _shown(make_window, (1920, 1080), EU27_KEY)
    trend = window.trend
    assert len(trend.span_segments) > 6
    assert not any(label.isVisible() for _, _, label in trend.span_segments)
    assert trend.spans.unlabelled == len(trend.span_segments)
    assert SPAN_NOTE in trend.chart_note.text


def test_an_exported_chart_does_not_ask_to_hover(default_bundle: Bundle) -> None:
    from tgviewer.core.state.view_state import default_view_state
    from tgviewer.ui.export.chart_page import ChartPage
    from tgviewer.ui.export.size import ExportSize

    state = dataclasses.replace(
        default_view_state(default_bundle), countries=tuple(default_bundle.countries)
    )
    page = ChartPage(default_bundle, state)
    try:
        page.image(ExportSize(1200, 800, 1.0))
        trend = page.view
        assert isinstance(trend, TrendView)
        assert trend.legend_more > 0
        note = trend.chart_note.text
        assert f"+{trend.legend_more} more not named" in note
        assert "dashed: totals over longer periods" in note and "hover" not in note
    finally:
        page.close()


def test_an_export_at_scale_one_and_a_half_keeps_every_period_on_the_page(
    default_bundle: Bundle,
) -> None:
    from tgviewer.core.state.view_state import default_view_state
    from tgviewer.ui.export.chart_page import ChartPage
    from tgviewer.ui.export.size import ExportSize

    state = dataclasses.replace(
        default_view_state(default_bundle), countries=tuple(default_bundle.countries)
    )
    page = ChartPage(default_bundle, state)
    try:
        page.image(ExportSize(1600, 900, 1.5))
        trend = page.view
        assert isinstance(trend, TrendView)
        width = trend.plot.width() / zoom_of(trend.plot)
        assert trend.plot.getPlotItem().geometry().width() == pytest.approx(width)
        view = trend.plot.getViewBox()
        last = view.mapViewToScene(QPointF(len(trend.model.periods) - 1, 0))
        assert last.x() < width  # the latest period is drawn, not cut off
        assert trend.legend.sceneBoundingRect().right() <= width
    finally:
        page.close()
