"""Themes: follow the system, light, dark or high contrast; the window and charts follow."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import SIGNAL, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QProxyStyle,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow
from tgviewer.ui.style import theme
from tgviewer.ui.style.theme import Theme

Role = QPalette.ColorRole
BLACK = QColor(0, 0, 0)


@pytest.fixture
def app(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The application; its palette, style, scheme and theme are put back afterwards."""
    original, style = qapp.palette(), qapp.style().name()
    monkeypatch.setattr(theme, "_current", Theme.SYSTEM)
    monkeypatch.setattr(theme, "_original_style", None)
    yield qapp
    if qapp.style().name() != style:  # the high contrast style is a nameless Fusion proxy
        qapp.setStyle(style)
    qapp.setPalette(original)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()


def window_colour(app: QApplication) -> QColor:
    return app.palette().color(Role.Window)


def test_dark_system_scheme_gives_dark_window_and_readable_charts(
    app: QApplication, qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    drawn = window.render_count
    monkeypatch.setattr(theme, "is_dark", lambda: True)
    theme.apply_theme(app)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 60
    text = app.palette().color(QPalette.ColorRole.WindowText)
    assert text.lightness() > 200
    qtbot.waitUntil(lambda: window.render_count > drawn)
    axis = window.trend.plot.getAxis("left")
    assert axis.textPen().color() == text  # redrawn in the new text colour

    monkeypatch.setattr(theme, "is_dark", lambda: False)
    theme.apply_theme(app)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180


def test_themes_have_menu_labels_and_stored_values() -> None:
    assert [(t.value, t.label) for t in Theme] == [
        ("system", "Follow System"),
        ("light", "Light"),
        ("dark", "Dark"),
        ("high_contrast", "High Contrast"),
    ]
    assert Theme("high_contrast") is Theme.HIGH_CONTRAST


@pytest.mark.parametrize(
    ("chosen", "low", "high"),
    [(Theme.LIGHT, 181, 255), (Theme.DARK, 0, 59), (Theme.HIGH_CONTRAST, 0, 0)],
)
def test_each_theme_gives_its_window_lightness(
    app: QApplication, monkeypatch: pytest.MonkeyPatch, chosen: Theme, low: int, high: int
) -> None:
    # Whatever the system says: an explicit choice wins.
    monkeypatch.setattr(theme, "is_dark", lambda: chosen is Theme.LIGHT)
    theme.apply_theme(app, chosen)
    assert low <= window_colour(app).lightness() <= high
    assert theme.current_theme() is chosen


def test_high_contrast_text_meets_wcag_aaa(app: QApplication) -> None:
    theme.apply_theme(app, Theme.HIGH_CONTRAST)
    palette = app.palette()
    assert window_colour(app) == BLACK
    assert palette.color(Role.Base) == BLACK
    for text, background in (
        (Role.WindowText, Role.Window),
        (Role.Text, Role.Base),
        (Role.ButtonText, Role.Button),
        (Role.HighlightedText, Role.Highlight),
        (Role.Link, Role.Base),
        (Role.ToolTipText, Role.ToolTipBase),
        (Role.PlaceholderText, Role.Base),
    ):
        ratio = theme.contrast_ratio(palette.color(text), palette.color(background))
        assert ratio >= 7, (text, background, ratio)
    gold = palette.color(Role.Highlight)
    assert gold.red() == 255 and gold.blue() == 0 and 200 <= gold.green() <= 225
    # Disabled text: clearly not the normal white, still readable on black.
    disabled = palette.color(QPalette.ColorGroup.Disabled, Role.WindowText)
    assert theme.contrast_ratio(disabled, palette.color(Role.WindowText)) >= 2
    assert theme.contrast_ratio(disabled, BLACK) >= 7


def test_high_contrast_check_boxes_show_on_black(app: QApplication, qtbot: QtBot) -> None:
    theme.apply_theme(app, Theme.HIGH_CONTRAST)
    gc.collect()  # the style is owned by the application, not by Python
    box = QCheckBox("Log scale")
    qtbot.addWidget(box)
    box.show()
    image = box.grab().toImage()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    edge = max(
        theme.contrast_ratio(image.pixelColor(x, y), BLACK)
        for x in range(indicator.left(), indicator.right() + 1)
        for y in range(indicator.top(), indicator.bottom() + 1)
    )
    assert edge >= 3  # WCAG's minimum for the edges of controls


def test_contrast_ratio_follows_wcag() -> None:
    white = QColor(255, 255, 255)
    assert theme.contrast_ratio(BLACK, white) == pytest.approx(21)
    assert theme.contrast_ratio(white, BLACK) == pytest.approx(21)
    assert theme.contrast_ratio(white, white) == pytest.approx(1)
    assert theme.contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)


def test_system_after_dark_follows_the_system(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme, "is_dark", lambda: False)
    theme.apply_theme(app, Theme.DARK)
    assert window_colour(app).lightness() < 60
    theme.apply_theme(app, Theme.SYSTEM)
    assert window_colour(app).lightness() > 180
    monkeypatch.setattr(theme, "is_dark", lambda: True)
    theme.apply_theme(app, Theme.SYSTEM)
    assert window_colour(app).lightness() < 60


def test_system_scheme_changes_are_followed_only_under_follow_system(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme, "is_dark", lambda: False)
    theme.follow_system_theme(app, Theme.LIGHT)
    light = app.palette()
    monkeypatch.setattr(theme, "is_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    theme._on_scheme_changed(Qt.ColorScheme.Dark)
    assert app.palette() == light

    theme.apply_theme(app, Theme.SYSTEM)  # chosen later, from the menu
    monkeypatch.setattr(theme, "is_dark", lambda: False)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window_colour(app).lightness() > 180


def test_the_system_scheme_is_connected_once(app: QApplication) -> None:
    hints = QGuiApplication.styleHints()
    signal = SIGNAL("colorSchemeChanged(Qt::ColorScheme)")
    theme.follow_system_theme(app)
    connected = hints.receivers(signal)
    theme.follow_system_theme(app, Theme.DARK)
    theme.follow_system_theme(app)
    assert hints.receivers(signal) == connected


def test_explicit_themes_tell_is_dark(app: QApplication) -> None:
    theme.apply_theme(app, Theme.DARK)
    assert theme.is_dark()
    theme.apply_theme(app, Theme.HIGH_CONTRAST)
    assert theme.is_dark()
    theme.apply_theme(app, Theme.LIGHT)
    assert not theme.is_dark()


def test_high_contrast_on_a_native_style_uses_fusion_and_gives_the_style_back(
    app: QApplication,
) -> None:
    app.setStyle("Windows")
    theme.apply_theme(app, Theme.HIGH_CONTRAST)
    style = app.style()
    assert isinstance(style, QProxyStyle) and style.baseStyle().name() == "fusion"
    assert window_colour(app) == BLACK
    theme.apply_theme(app, Theme.LIGHT)
    assert app.style().name() == "windows"
    assert window_colour(app).lightness() > 180
    theme.apply_theme(app, Theme.SYSTEM)
    assert app.style().name() == "windows"


def test_charts_take_the_new_background(
    app: QApplication, qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme, "is_dark", lambda: False)
    theme.apply_theme(app, Theme.DARK)
    window = make_window()
    qtbot.waitUntil(lambda: window.render_count > 0)
    plot = window.trend.plot
    assert background(plot) == window_colour(app)
    for chosen in (Theme.SYSTEM, Theme.HIGH_CONTRAST, Theme.LIGHT):
        theme.apply_theme(app, chosen)
        qtbot.wait(50)
        assert background(plot) == window_colour(app), chosen


def background(widget: QWidget) -> QColor:
    """The commonest colour in a grid over the widget: its background."""
    image = widget.grab().toImage()
    colours = Counter(
        image.pixelColor(x, y).rgb()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    )
    return QColor.fromRgb(colours.most_common(1)[0][0])
