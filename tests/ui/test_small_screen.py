"""At 1024 by 700 the window is usable: the chart keeps most of the width (the details go
behind the filters, as a tab), no text widens the window past the screen, and no choice in
the filter panel is cut short."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow
from tgviewer.core.state.view_state import Normalisation, ViewKind
from tgviewer.ui.window.layout import NARROW_WIDTH
from tgviewer.ui.window.main_window import MainWindow

SMALL = (1024, 700)
LARGE = (1600, 1000)


def sized(qtbot: QtBot, window: MainWindow, size: tuple[int, int]) -> MainWindow:
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    QApplication.processEvents()
    return window


def chart_share(window: MainWindow) -> float:
    return window.centralWidget().width() / window.width()


def test_at_1024_the_details_go_behind_the_filters_and_the_chart_keeps_the_width(
    qtbot: QtBot, window: MainWindow
) -> None:
    sized(qtbot, window, SMALL)
    assert window.tabifiedDockWidgets(window.filter_dock) == [window.details_dock]
    assert window.filter_dock.isVisible()  # the filters are the tab shown
    assert chart_share(window) >= 0.65
    assert window.tabs.currentWidget().width() >= 0.65 * window.width()


def test_widened_past_the_limit_the_details_come_back_on_the_right(
    qtbot: QtBot, window: MainWindow
) -> None:
    sized(qtbot, window, SMALL)
    sized(qtbot, window, LARGE)
    assert window.tabifiedDockWidgets(window.filter_dock) == []
    assert window.dockWidgetArea(window.details_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.details_dock.isVisible() and window.filter_dock.isVisible()
    assert chart_share(window) >= 0.55
    sized(qtbot, window, SMALL)
    assert window.tabifiedDockWidgets(window.filter_dock) == [window.details_dock]


def test_a_layout_the_user_arranged_on_a_small_window_is_kept(
    qtbot: QtBot, window: MainWindow
) -> None:
    sized(qtbot, window, SMALL)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.details_dock)
    sized(qtbot, window, (NARROW_WIDTH - 100, 700))  # still narrow: nothing moves
    assert window.dockWidgetArea(window.details_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.tabifiedDockWidgets(window.filter_dock) == []


def test_a_long_status_message_never_widens_the_window(qtbot: QtBot, window: MainWindow) -> None:
    sized(qtbot, window, SMALL)
    long = "Not recognised: " + ", ".join(f"\u201centry {n}\u201d" for n in range(200)) + "."
    window.notifier.notice(long)
    QApplication.processEvents()
    assert window.width() == SMALL[0]
    assert window.minimumSizeHint().width() <= SMALL[0]
    notice = window.status.notice
    assert notice.text() == long and notice.toolTip() == long  # whole, for the tooltip
    assert notice.is_cut() and notice.shown_text().endswith("…")
    assert notice.geometry().right() < window.status.width()


def test_a_short_status_message_is_shown_whole(qtbot: QtBot, window: MainWindow) -> None:
    sized(qtbot, window, SMALL)
    window.notifier.notice("Opened the bundle.")
    QApplication.processEvents()
    assert not window.status.notice.is_cut()


def test_a_long_bundle_title_never_widens_the_window(qtbot: QtBot, window: MainWindow) -> None:
    sized(qtbot, window, SMALL)
    window.status.bundle_label.setText("A bundle with a very long title " * 20)
    QApplication.processEvents()
    assert window.width() == SMALL[0]
    assert window.status.bundle_label.is_cut()


def test_no_choice_of_the_filter_panel_is_cut_short_at_1024(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    sized(qtbot, window, SMALL)
    panel = window.filters
    for normalisation in Normalisation:
        window.store.update(normalisation=normalisation)
        QApplication.processEvents()
        for combo in panel.findChildren(QComboBox):
            if not combo.isVisible():
                continue
            # The width Qt's style asks for to show the combo's longest item whole.
            assert combo.width() >= combo.sizeHint().width(), (
                combo.currentText(),
                combo.width(),
                combo.sizeHint().width(),
            )


def test_every_view_keeps_its_choices_and_legend_inside_the_window_at_1024(
    qtbot: QtBot, window: MainWindow
) -> None:
    sized(qtbot, window, SMALL)
    window.store.update(countries=("FRA", "DEU", "IND", "USA", "GBR"))
    right = window.tabs.mapTo(window, window.tabs.rect().topRight()).x()
    checked = set()
    for kind in ViewKind:
        window.store.update(view=kind)
        QApplication.processEvents()
        view = window.current_view()
        assert view.width() <= window.tabs.width()
        # Laid out in less than the width it asks for, a row squeezes its words or buttons.
        assert view.minimumSizeHint().width() <= view.width(), kind.value
        parts = [
            w
            for w in view.findChildren(QWidget)
            if isinstance(w, QLabel | QPushButton | QComboBox) and w.isVisible()
        ]
        if parts:
            checked.add(kind)
        for part in parts:
            edge = part.mapTo(window, part.rect().topRight()).x()
            name = part.objectName() or type(part).__name__
            assert edge <= right, (kind.value, name, edge)
            assert part.width() >= part.minimumSizeHint().width(), (kind.value, name)
    assert {ViewKind.COMPARE, ViewKind.COVERAGE, ViewKind.TABLE} <= checked
