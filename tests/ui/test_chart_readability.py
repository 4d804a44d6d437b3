"""Charts readable when projected or exported: contrast in every theme, sizes that follow
the zoom, lines named at their ends, a shape per country, span totals kept apart."""

from __future__ import annotations

import dataclasses
import gc
import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow
from tgviewer.core.bundle.model import Bundle
from tgviewer.ui.style import palette, theme
from tgviewer.ui.style.chart_style import zoom_of
from tgviewer.ui.style.theme import Theme, contrast_ratio
from tgviewer.ui.views.trend import LINE_WIDTH, SYMBOL_SIZE, TrendView
from tgviewer.ui.window.main_window import MainWindow

Role = QPalette.ColorRole
THEMES = (Theme.LIGHT, Theme.DARK, Theme.HIGH_CONTRAST)


@pytest.fixture
def themed(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The application; its palette, style, scheme and theme are put back afterwards."""
    original, style = qapp.palette(), qapp.style().name()
    monkeypatch.setattr(theme, "_current", Theme.SYSTEM)
    monkeypatch.setattr(theme, "_original_style", None)
    yield qapp
    if qapp.style().name() != style:
        qapp.setStyle(style)
    qapp.setPalette(original)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()


def _lab(colour: QColor) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour, to say how far apart two colours look."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize("chosen", THEMES, ids=lambda t: t.value)
def test_every_text_and_mark_contrasts_with_its_background(
    themed: QApplication, chosen: Theme
) -> None:
    theme.apply_theme(themed, chosen)
    colours = themed.palette()
    window, base = colours.color(Role.Window), colours.color(Role.Base)
    texts = {
        "window text": (colours.color(Role.WindowText), window),
        "field text": (colours.color(Role.Text), base),
        "placeholder text": (colours.color(Role.PlaceholderText), base),
        "button text": (colours.color(Role.ButtonText), colours.color(Role.Button)),
        "chart text": (QColor(palette.text_colour()), window),
        "muted chart text": (QColor(palette.muted_text_colour()), window),
    }
    for country in palette.theme_colours():
        texts[f"label in {country}"] = (QColor(palette.readable_on(country, window)), window)
    for name, (text, background) in texts.items():
        assert contrast_ratio(text, background) >= 4.5, name
    marks = [palette.mark_colour(), *palette.theme_colours()]
    for mark in marks:
        assert contrast_ratio(QColor(mark), window) >= 3, mark


@pytest.mark.parametrize("chosen", THEMES, ids=lambda t: t.value)
def test_the_first_eight_countries_have_eight_distinct_hues_and_shapes(
    themed: QApplication, chosen: Theme
) -> None:
    theme.apply_theme(themed, chosen)
    codes = [f"C{i}" for i in range(16)]
    colours = palette.country_colours(codes)
    assert len(set(colours.values())) == 16
    first = [QColor(colours[c]) for c in codes[:8]]
    for a, b in itertools.combinations(first, 2):
        distance = sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5
        assert distance >= 25, (a.name(), b.name())
    shapes = palette.country_symbols(codes[:8])
    assert len(set(shapes.values())) == 8


def test_dark_check_boxes_show_when_unchecked(themed: QApplication, qtbot: QtBot) -> None:
    theme.apply_theme(themed, Theme.DARK)
    gc.collect()
    box = QCheckBox("Log scale")
    qtbot.addWidget(box)
    box.show()
    image = box.grab().toImage()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    background = themed.palette().color(Role.Window)
    edge = max(
        contrast_ratio(image.pixelColor(x, y), background)
        for x in range(indicator.left(), indicator.right() + 1)
        for y in range(indicator.top(), indicator.bottom() + 1)
    )
    assert edge >= 3


def _wide(make_window: MakeWindow, *countries: str) -> MainWindow:
    window = make_window()
    window.resize(1920, 1080)
    window.store.update(countries=countries)
    QApplication.processEvents()
    return window


def test_lines_are_named_at_their_ends_apart_and_readable(make_window: MakeWindow) -> None:
    window = _wide(make_window, "FRA", "DEU", "IND", "USA", "GBR")
    trend: TrendView = window.trend
    QApplication.processEvents()
    assert trend.end_labelled and not trend.legend.isVisible()
    names = {c: label.textItem.toPlainText() for c, label in trend.end_labels.items()}
    assert names == {
        "FRA": "France",
        "DEU": "Germany",
        "IND": "India",
        "USA": "United States",
        "GBR": "United Kingdom",
    }
    last = len(trend.model.periods) - 1
    boxes = [label.sceneBoundingRect() for label in trend.end_labels.values()]
    assert all(label.pos().x() > last and label.isVisible() for label in trend.end_labels.values())
    assert not any(a.intersects(b) for a, b in itertools.combinations(boxes, 2))
    view = trend.plot.getViewBox()
    assert all(view.sceneBoundingRect().contains(box) for box in boxes)  # the margin holds them
    background = palette.background_colour()
    for label in trend.end_labels.values():
        assert contrast_ratio(label.textItem.defaultTextColor(), background) >= 4.5


def test_the_legend_names_the_lines_below_the_plot_when_too_many(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = _wide(make_window, *window_countries(make_window))
    trend = window.trend
    assert not trend.end_labelled and trend.legend.isVisible()
    assert not any(label.isVisible() for label in trend.end_labels.values())
    # Below the plot: the legend never covers the data.
    view = trend.plot.getViewBox()
    qtbot.waitUntil(
        lambda: trend.legend.sceneBoundingRect().top() >= view.sceneBoundingRect().bottom()
    )
    assert trend.legend.columnCount > 1  # wrapped into columns across the plot


def window_countries(make_window: MakeWindow) -> list[str]:
    window = make_window(show=False)
    return list(window.bundle.countries)


def test_each_country_has_its_shape_in_the_chart_and_the_legend(window: MainWindow) -> None:
    window.store.update(countries=("FRA", "DEU", "IND"))
    trend = window.trend
    for country, shape in zip(("FRA", "DEU", "IND"), ("o", "s", "d"), strict=True):
        assert set(trend.reported_points[country].data["symbol"]) == {shape}
    samples = [sample.item.opts["symbol"] for sample, _ in trend.legend.items]
    assert samples == ["o", "s", "d"]


def test_the_size_enlarges_legends_lines_and_markers(window: MainWindow) -> None:
    window.store.update(countries=("FRA", "DEU"))
    trend = window.trend
    trend.zoom(2.0)
    assert zoom_of(trend.plot) == 2.0
    device = trend.legend.deviceTransform(trend.plot.viewportTransform())
    assert device.m11() == pytest.approx(2.0, rel=0.05)  # the legend grows with the rest
    assert trend.lines["FRA"].opts["pen"].widthF() == 2 * LINE_WIDTH
    assert trend.reported_points["FRA"].opts["size"] == 2 * SYMBOL_SIZE
    trend.zoom(1.0)
    assert trend.lines["FRA"].opts["pen"].widthF() == LINE_WIDTH


def test_span_totals_are_named_apart_and_above_their_own_line(
    make_window: MakeWindow,
) -> None:
    window = _wide(make_window, "DEU", "USA", "GBR")
    trend = window.trend
    labels = [label for _, _, label in trend.span_segments]
    assert {label.textItem.toPlainText().split(",")[0] for label in labels} == {
        "Germany",
        "United States",
        "United Kingdom",
    }
    shown = [(segment, label) for _, segment, label in trend.span_segments if label.isVisible()]
    assert shown  # some have room, at 1920x1080
    boxes = [label.sceneBoundingRect() for _, label in shown]
    assert not any(a.intersects(b) for a, b in itertools.combinations(boxes, 2))
    for (segment, _), box in zip(shown, boxes, strict=True):
        _, ys = segment.getData()
        line = segment.mapToScene(0, ys[0]).y()
        assert box.bottom() <= line + 1  # above its line, never struck through
    pens = [segment.opts["pen"] for _, segment, _ in trend.span_segments]
    assert len({pen.dashOffset() for pen in pens}) == 3  # over each other, dashed in turn


def test_period_labels_thin_out_when_the_plot_is_narrow(make_window: MakeWindow) -> None:
    window = make_window()
    window.resize(700, 500)
    QApplication.processEvents()
    trend = window.trend
    labelled = trend.plot.getAxis("bottom")._tickLevels[0]
    periods = trend.model.periods
    assert len(labelled) < len(periods)
    assert labelled[-1] == (len(periods) - 1, periods[-1].label)  # the latest always


def test_a_narrow_plot_names_its_lines_by_code(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    window.resize(900, 700)
    window.store.update(countries=("FRA", "DEU", "IND", "USA", "GBR"))
    # Wide docks leave the plot narrow (however the window arranges them at this width).
    window.resizeDocks([window.filter_dock], [640], Qt.Orientation.Horizontal)
    trend = window.trend
    view = trend.plot.getViewBox()
    qtbot.waitUntil(lambda: 0 < view.width() < 300)

    def codes() -> list[str]:
        return sorted(label.textItem.toPlainText() for label in trend.end_labels.values())

    qtbot.waitUntil(lambda: codes() == ["DEU", "FRA", "GBR", "IND", "USA"])
    assert trend.end_labelled and not trend.legend.isVisible()


def test_the_compare_legend_sits_below_the_plot_in_one_row(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    from tgviewer.core.state.view_state import ViewKind

    window = make_window()
    window.resize(1600, 1000)
    window.store.update(countries=("FRA", "DEU", "USA"), view=ViewKind.COMPARE)
    compare = window.compare
    view = compare.plot.getViewBox()
    qtbot.waitUntil(
        lambda: compare.legend.sceneBoundingRect().top() >= view.sceneBoundingRect().bottom()
    )
    (a, _), (b, _) = compare.legend.items
    assert a.sceneBoundingRect().top() == b.sceneBoundingRect().top()  # side by side
    assert a.item is compare.a_sample and compare.a_sample.opts["size"] == 13


def test_an_export_at_scale_two_draws_lines_and_legends_twice_as_large(
    default_bundle: Bundle, qapp: object
) -> None:
    from tgviewer.core.state.view_state import default_view_state
    from tgviewer.ui.export.chart_page import ChartPage
    from tgviewer.ui.export.size import ExportSize

    state = dataclasses.replace(
        default_view_state(default_bundle), countries=tuple(window_codes(default_bundle))
    )
    page = ChartPage(default_bundle, state)
    try:
        page.image(ExportSize(1600, 900, 2.0))
        trend = page.view
        assert isinstance(trend, TrendView)
        assert zoom_of(trend.plot) == 2.0
        assert {line.opts["pen"].widthF() for line in trend.lines.values()} == {2 * LINE_WIDTH}
        device = trend.legend.deviceTransform(trend.plot.viewportTransform())
        assert device.m11() == pytest.approx(2.0, rel=0.05)
    finally:
        page.close()


def window_codes(bundle: Bundle) -> list[str]:
    """Twelve countries: more than the ends can name, so the legend is drawn."""
    return list(bundle.countries)[:12]


def test_names_of_close_events_never_print_over_each_other(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.resize(1024, 700)
    window.store.update(countries=("FRA", "DEU", "IND"))
    trend = window.trend
    for factor in (1.0, 2.0):
        trend.zoom(factor)
        QApplication.processEvents()
        names = [line.label for line in trend.event_lines]
        assert len(names) == 2
        qtbot.waitUntil(lambda names=names: all(n.isVisible() for n in names))
        first, second = (name.sceneBoundingRect() for name in names)
        assert not first.intersects(second), factor
