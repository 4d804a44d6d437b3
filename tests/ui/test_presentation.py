"""Presentation mode, slides and themes: what changes, what the keys do, what Esc restores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tgviewer.core.bundle.reader import read_default_bundle
from tgviewer.core.state.view_state import Normalisation, ViewKind
from tgviewer.ui.style import theme
from tgviewer.ui.style.chart_style import zoom_of
from tgviewer.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication) -> Iterator[MainWindow]:
    palette, font = qapp.palette(), qapp.font()
    shown = MainWindow(read_default_bundle())
    shown.settings_store.writable = False
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    yield shown
    shown.presentation.leave()
    theme.apply_theme(qapp, theme.Theme.SYSTEM)
    qapp.setPalette(palette)
    qapp.setFont(font)


def window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def test_f11_presents_and_esc_restores_everything(qtbot: QtBot, window: MainWindow) -> None:
    before_font = window.tabs.font().pointSizeF()
    before_light = window_lightness()
    before_state = window.store.state
    qtbot.keyClick(window, Qt.Key.Key_F11)
    presentation = window.presentation
    assert presentation.active
    assert window.isFullScreen()
    assert not window.filter_dock.isVisible() and not window.details_dock.isVisible()
    assert not window.menuBar().isVisible() and not window.actions_.toolbar.isVisible()
    assert not window.tabs.tabBar().isVisible()
    assert presentation.title.isVisible()
    assert presentation.title.text() == window.exports.chart_title()
    assert window_lightness() == 0  # high contrast: black
    scale = window.settings.presentation_scale
    assert zoom_of(window.trend.plot) == scale
    assert window.tabs.font().pointSizeF() == pytest.approx(max(before_font, 9.0) * scale)
    assert window.actions_.present.isChecked()
    assert window.store.state == before_state  # presenting changes how, not what

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not presentation.active
    assert not window.isFullScreen()
    assert window.filter_dock.isVisible() and window.details_dock.isVisible()
    assert window.menuBar().isVisible() and window.actions_.toolbar.isVisible()
    assert window.tabs.tabBar().isVisible() and not presentation.title.isVisible()
    assert window_lightness() == before_light
    assert zoom_of(window.trend.plot) == 1.0
    assert window.tabs.font().pointSizeF() == before_font
    assert not window.actions_.present.isChecked()


def test_left_and_right_step_the_period(qtbot: QtBot, window: MainWindow) -> None:
    window.store.update(view=ViewKind.RANKING)
    window.presentation.enter()
    opening = window.ranking.model.period  # Q4 2025: Q1 2026 has fewer figures
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.ranking.model.period.last == opening.last - 1
    assert window.presentation.title.text().endswith(window.ranking.model.period.label)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.ranking.model.period == opening
    qtbot.keyClick(window, Qt.Key.Key_Right)
    last = window.store.state.periods()[-1]
    assert window.ranking.model.period == last
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.ranking.model.period == last
    assert window.presentation.hint.text() == "No later period."


def test_left_and_right_do_nothing_outside_presentation(qtbot: QtBot, window: MainWindow) -> None:
    before = window.store.state
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.store.state == before


def test_the_scale_is_changed_with_keys_and_remembered(qtbot: QtBot, window: MainWindow) -> None:
    window.presentation.enter()
    start = window.settings.presentation_scale
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.presentation_scale == start + 0.25
    assert zoom_of(window.trend.plot) == start + 0.25
    assert window.current_settings().presentation_scale == start + 0.25
    window.presentation.set_scale(99)
    assert window.settings.presentation_scale == 3.0
    # A view built while presenting is enlarged too.
    window.store.update(view=ViewKind.SCATTER)
    assert zoom_of(window.scatter.plot) == 3.0


def test_page_down_and_up_step_through_the_slides(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.store.update(view=ViewKind.RANKING, countries=("GBR", "FRA"))
    first = window.store.state
    window.saved_views.save_to(str(tmp_path / "one.tgview"))
    window.store.update(view=ViewKind.COMPARE, countries=("DEU", "ITA", "ESP"))
    second = window.store.state
    window.saved_views.save_to(str(tmp_path / "two.tgview"))
    window.filters.reset()
    window.presentation.enter()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.presentation.hint.text() == "No slides yet: choose saved views in View > Slides…"

    window.settings_commands.choose_slides()
    dialog = window.settings_commands.slides_dialog
    for name in ("one.tgview", "two.tgview"):
        dialog.add_path(str(tmp_path / name))
    dialog.list.setCurrentRow(1)
    dialog.move_current(-1)
    dialog.move_current(1)
    dialog.accept()
    assert [Path(p).name for p in window.settings.slides] == ["one.tgview", "two.tgview"]

    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.store.state == first
    assert window.presentation.hint.text() == "Slide 1 of 2"
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.store.state == second
    assert window.presentation.title.text() == window.exports.chart_title()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.presentation.hint.text() == "The last slide."
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert window.store.state == first


def test_the_theme_menu_switches_and_remembers(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_.themes[theme.Theme.DARK].trigger()
    assert window_lightness() < 60
    assert window.settings.theme == "dark"
    assert window.actions_.themes[theme.Theme.DARK].isChecked()
    # Presenting is high contrast, and leaving comes back to the theme chosen.
    window.presentation.enter()
    assert window_lightness() == 0
    window.presentation.leave()
    assert window_lightness() < 60 and window_lightness() > 0
    window.actions_.themes[theme.Theme.LIGHT].trigger()
    assert window_lightness() > 180
    axis = window.trend.plot.getAxis("left")
    assert axis.textPen().color() == QApplication.palette().color(QPalette.ColorRole.WindowText)


def test_high_contrast_country_colours_read_on_black(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QColor

    from tgviewer.ui.style.palette import CATEGORICAL, HIGH_CONTRAST, country_colours

    assert len(set(HIGH_CONTRAST)) == len(CATEGORICAL)
    assert all(theme.contrast_ratio(QColor(c), QColor(0, 0, 0)) >= 7 for c in HIGH_CONTRAST)
    window.presentation.enter()
    assert country_colours(["GBR", "FRA"]) == {"GBR": HIGH_CONTRAST[0], "FRA": HIGH_CONTRAST[1]}
    lines = window.trend.lines
    first = window.store.state.countries[0]
    qtbot.waitUntil(lambda: lines[first].opts["pen"].color().name().upper() == HIGH_CONTRAST[0])
    legend_label = window.trend.legend.items[0][1]
    white = QApplication.palette().color(QPalette.ColorRole.WindowText)
    qtbot.waitUntil(lambda: legend_label.opts["color"] == white)  # once the palette changed
    window.presentation.leave()
    assert country_colours(["GBR"]) == {"GBR": CATEGORICAL[0]}


def test_the_theme_chosen_is_applied_at_start(qtbot: QtBot, qapp: QApplication) -> None:
    from tgviewer.core.state.settings import Settings, save_settings
    from tgviewer.ui.app import open_window

    palette = qapp.palette()
    save_settings(Settings(theme="dark"))
    try:
        opened, _ = open_window(None, quiet=True)
        qtbot.addWidget(opened)
        opened.settings_store.writable = False
        assert theme.current_theme() is theme.Theme.DARK
        assert window_lightness() < 60
        assert opened.actions_.themes[theme.Theme.DARK].isChecked()
    finally:
        theme.apply_theme(qapp, theme.Theme.SYSTEM)
        qapp.setPalette(palette)


def test_a_theme_chosen_while_presenting_applies_on_leaving(window: MainWindow) -> None:
    window.presentation.enter()
    window.settings_commands.choose_theme(theme.Theme.DARK)
    assert window_lightness() == 0  # still high contrast while presenting
    window.presentation.leave()
    assert theme.current_theme() is theme.Theme.DARK
    assert 0 < window_lightness() < 60


def test_closing_while_presenting_saves_the_layout_from_before(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    geometry = bytes(window.saveGeometry().toBase64().data()).decode()
    layout = bytes(window.saveState().toBase64().data()).decode()
    window.presentation.enter()
    saved = window.current_settings()
    assert (saved.geometry, saved.window_state) == (geometry, layout)
    # Slides do not crowd the recent views.
    window.store.update(countries=("GBR",))
    window.saved_views.save_to(str(tmp_path / "a.tgview"))
    window.settings_store.replace(
        window.settings.without_recent_view(str((tmp_path / "a.tgview").resolve()))
    )
    window.settings_store.update(slides=(str(tmp_path / "a.tgview"),))
    window.presentation.next_slide(1)
    assert window.presentation.hint.text() == "Slide 1 of 1"
    assert window.settings.recent_views == ()


def test_left_tells_a_trend_period_by_period(qtbot: QtBot, window: MainWindow) -> None:
    window.presentation.enter()
    last = window.store.state.last
    periods = len(window.trend._positions)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.store.state.last == last - 1
    assert len(window.trend._positions) == periods - 1  # the chart ends a quarter earlier
    assert window.presentation.title.text() == window.exports.chart_title()


def test_esc_brings_back_the_state_from_before_stepping_and_slides(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.store.update(view=ViewKind.COMPARE, countries=("DEU", "ITA", "ESP"))
    window.saved_views.save_to(str(tmp_path / "slide.tgview"))
    window.settings_store.update(slides=(str(tmp_path / "slide.tgview"),))
    window.filters.reset()
    window.store.update(view=ViewKind.RANKING)
    before = window.store.state
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.store.state.ranking_period is not None  # stepped away from the default
    stepped = window.store.state
    assert window.current_settings().view_state == before  # what closing now would keep
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.store.state.view is ViewKind.COMPARE and window.store.state != stepped

    changes: list[object] = []
    window.store.changed.connect(lambda old, new: changes.append(new))
    draws = window.render_count
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert window.store.state == before
    assert changes == [before]  # one action
    assert window.render_count == draws + 1  # one redraw
    assert window.current_view() is window.ranking
    assert window.ranking.model.period.code == window.ranking.model.shown[-1].code


def test_esc_brings_back_the_bundle_a_slide_replaced(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from tests.core.bundles import small_bundle

    window.store.update(countries=("GBR", "FRA"))
    window.saved_views.save_to(str(tmp_path / "default.tgview"))
    window.settings_store.update(slides=(str(tmp_path / "default.tgview"),))
    small = small_bundle(tmp_path)
    assert window.bundles.open_file(str(small))
    bundle, path, before = window.bundle, window.bundle_path, window.store.state
    window.presentation.enter()
    window.presentation.next_slide(1)
    box = window.saved_views.mismatch_box
    assert box is not None
    own = next(b for b in box.buttons() if "Open Telegram" in b.text().replace("&", ""))
    own.click()
    assert window.bundle is not bundle and window.store.state.countries == ("GBR", "FRA")
    assert window.current_settings().last_bundle == path  # closing now keeps the one before

    window.presentation.leave()
    assert window.bundle is bundle and window.bundle_path == path
    assert window.store.state == before


def test_presenting_shows_the_chart_alone(window: MainWindow) -> None:
    window.store.update(view=ViewKind.COMPARE, normalisation=Normalisation.INDEX)
    compare = window.compare
    assert compare.a_period.isVisibleTo(window) and compare.suggestion_bar.isVisibleTo(window)
    assert compare.caption.isVisibleTo(window) and compare.note.isVisibleTo(window)
    window.presentation.enter()
    hidden = [
        compare.a_period,
        compare.b_period,
        compare.sort,
        compare.suggestion_bar,
        compare.caption,
        compare.note,
    ]
    assert not any(widget.isVisibleTo(window) for widget in hidden)
    assert compare.plot.isVisibleTo(window)
    window.store.update(view=ViewKind.RANKING)  # a view built while presenting: the same
    assert not window.ranking.period.isVisibleTo(window)
    window.presentation.leave()  # back to the compare view, as it was
    assert window.store.state.view is ViewKind.COMPARE
    assert all(widget.isVisibleTo(window) for widget in hidden)
    assert window.ranking.period.isVisibleTo(window.ranking)
