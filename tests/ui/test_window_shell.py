"""The window around the views: menus, shortcuts, bundles, settings, errors, groups."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.core.bundles import small_bundle
from tests.ui.helpers import MakeWindow, in_fresh_window, menu_action
from tgviewer import __version__
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.reference.countries import EU27
from tgviewer.core.state.settings import load_settings, settings_path
from tgviewer.core.state.view_state import ViewKind, default_view_state
from tgviewer.ui.app import open_window
from tgviewer.ui.error_handler import ErrorHandler, log_path
from tgviewer.ui.window.main_window import TAB_ORDER, MainWindow

# Views, shortcuts and docks --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        (Qt.Key.Key_2, ViewKind.RANKING),
        (Qt.Key.Key_3, ViewKind.TABLE),
        (Qt.Key.Key_4, ViewKind.COMPARE),
        (Qt.Key.Key_5, ViewKind.COVERAGE),
    ],
)
def test_ctrl_number_switches_views(
    window: MainWindow, qtbot: QtBot, key: Qt.Key, kind: ViewKind
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.view is kind
    assert window.current_view() is window.views[kind]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.view is ViewKind.TREND


def test_clicking_a_tab_is_one_action_and_draws_that_view_once(window: MainWindow) -> None:
    before = window.render_count
    window.tabs.setCurrentIndex(2)
    assert window.store.state.view is ViewKind.TABLE
    assert window.render_count == before + 1
    assert window.table.table_model.rowCount() == 5
    assert window.actions_.views[ViewKind.TABLE].isChecked()


def test_only_the_view_shown_is_built_at_start_and_others_on_first_show(
    make_window: MakeWindow, default_bundle: Bundle
) -> None:
    window = make_window(
        state=dataclasses.replace(default_view_state(default_bundle), view=ViewKind.TABLE)
    )
    assert set(window.views) == {ViewKind.TABLE}
    assert window.table.table_model.rowCount() == 5
    window.tabs.setCurrentIndex(TAB_ORDER.index(ViewKind.COVERAGE))
    assert set(window.views) == {ViewKind.TABLE, ViewKind.COVERAGE}
    assert window.coverage.isVisible()
    assert len(window.coverage.order) == 5  # built and drawn in the same action


def test_hidden_views_are_drawn_when_shown_not_on_every_change(window: MainWindow) -> None:
    window.store.update(countries=("FRA",))
    assert window.ranking.order == []  # hidden: not drawn yet
    window.store.update(view=ViewKind.RANKING)
    assert window.ranking.order == ["FRA"]


def test_view_menu_hides_and_shows_the_docks(window: MainWindow) -> None:
    toggle = window.details_dock.toggleViewAction()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert toggle in view_menu.actions()
    toggle.trigger()
    assert not window.details_dock.isVisible()
    toggle.trigger()
    assert window.details_dock.isVisible()


def test_quick_groups_select_countries_as_one_action(window: MainWindow) -> None:
    menu = window.filters.groups_menu
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    # The group ranks the period the ranking opens on: Q4 2025, where all five have a figure.
    assert "EU-27" in labels and "Top 10 by users affected, Q4 2025" in labels
    assert "Europe" in labels and "Western Europe" in labels
    before = window.render_count
    next(a for a in menu.actions() if a.text() == "EU-27").trigger()
    assert window.render_count == before + 1
    chosen = window.store.state.countries
    assert chosen and set(chosen) <= EU27
    assert window.filters.count_label.text() == f"{len(chosen)} selected"
    next(a for a in menu.actions() if a.text().startswith("Top 10 by users affected")).trigger()
    assert len(window.store.state.countries) == 10
    assert window.store.state.countries[0] == "IND"


# Status bar and About ---------------------------------------------------------------------


def test_status_bar_names_the_bundle_and_lists_warnings_on_click(window: MainWindow) -> None:
    status = window.status
    assert status.bundle_label.text() == ("Telegram disclosures to authorities, as of 30 May 2026")
    assert status.records_label.text() == "299 records"
    assert status.offline.text() == "● Offline"
    assert status.warnings_button.text() == "⚠ 1 warning · † 2 cautions"
    status.warnings_button.click()
    assert status.dialog is not None and status.dialog.isVisible()
    assert "GBR users: 2024 is reported as 293" in status.dialog.text.toPlainText()
    assert "Warning: records.csv, line 72" in status.dialog.text.toPlainText()
    assert "Caution: records.csv, line 146: IND Q4 2025: more requests than users" in (
        status.dialog.text.toPlainText()
    )


def test_about_names_version_attribution_and_licences(window: MainWindow) -> None:
    menu_action(window, "Help", "About tgviewer").trigger()  # type: ignore[attr-defined]
    assert window.about_box is not None
    text = window.about_box.text()
    assert f"tgviewer {__version__}" in text
    assert "collected by the telegram-transparency project (Te-k)" in text
    assert "CC BY 4.0" in text
    assert "World Bank" in text and "Natural Earth" in text
    assert "LGPL-3.0" in text and "pyqtgraph" in text


# Opening bundles -------------------------------------------------------------------------


def test_open_bundle_shows_it_and_remembers_it(window: MainWindow, tmp_path: Path) -> None:
    path = small_bundle(tmp_path)
    assert window.bundles.open_file(str(path))
    assert window.bundle.countries == ["FRA", "ITA"]
    assert window.store.state.countries == ("FRA",)  # kept from the previous selection
    assert list(window.trend.lines["FRA"].getData()[1]) == [17, 20]
    assert window.status.bundle_label.text().startswith("Test bundle")
    saved = load_settings(settings_path()).settings
    assert saved.last_bundle == str(path.resolve())
    assert saved.recent_bundles == (str(path.resolve()),)
    window.actions_.fill_recent_menu()
    recent = [a.data() for a in window.actions_.recent_menu.actions() if a.data()]
    assert recent == [str(path.resolve())]


def test_a_broken_bundle_says_what_and_where_and_keeps_the_data(
    window: MainWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.tgbundle"
    broken.write_bytes(b"PK\x03\x04 truncated")
    state, bundle = window.store.state, window.bundle
    assert not window.bundles.open_file(str(broken))
    assert window.notifier.failure_dialog is not None
    assert "broken.tgbundle" in window.notifier.failure_dialog.text()
    assert "The data shown is unchanged" in window.notifier.failure_dialog.text()
    assert window.bundle is bundle and window.store.state == state
    assert broken.read_bytes() == b"PK\x03\x04 truncated"  # the user's file is untouched
    assert "Could not open broken.tgbundle" in window.status.notice.text()


# Settings and start-up -------------------------------------------------------------------


def test_the_window_reopens_as_it_was_closed(qtbot: QtBot, tmp_path: Path) -> None:
    path = small_bundle(tmp_path)
    first, failure = open_window(str(path))
    qtbot.addWidget(first)
    assert failure is None
    first.store.update(countries=("ITA", "FRA"), view=ViewKind.TABLE)
    first.filter_dock.hide()
    first.close()
    document = json.loads(settings_path().read_text())
    assert document["view_state"]["countries"] == ["ITA", "FRA"]

    second, failure = open_window(None)
    qtbot.addWidget(second)
    assert failure is None
    assert second.bundle_path == str(path.resolve())
    assert second.store.state.countries == ("ITA", "FRA")
    assert second.current_view() is second.table
    assert not second.filter_dock.isVisible()


def test_a_corrupt_settings_file_is_set_aside_and_said(qtbot: QtBot) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format_version": 1, "geometry": ')
    shown, _ = open_window(None)
    qtbot.addWidget(shown)
    assert shown.bundle.manifest.title == "Telegram disclosures to authorities"
    assert "settings file was damaged" in shown.status.notice.text()
    aside = path.with_name("settings.json.corrupt")
    assert aside.read_text() == '{"format_version": 1, "geometry": '


def test_a_vanished_last_bundle_falls_back_to_the_default_with_a_dialog(
    qtbot: QtBot, tmp_path: Path, default_bundle: Bundle
) -> None:
    path = small_bundle(tmp_path)
    first, _ = open_window(str(path))
    qtbot.addWidget(first)
    first.close()
    path.unlink()
    shown, failure = open_window(None)
    qtbot.addWidget(shown)
    assert failure is not None and "no such file" in failure
    assert shown.bundle.location == default_bundle.location
    box = shown.notifier.failure_dialog
    assert box is not None
    assert box.windowTitle() == "The bundle you used last could not be opened"


# Errors ----------------------------------------------------------------------------------


class Trigger(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_a_dialog_logs_and_keeps_running(
    window: MainWindow, qtbot: QtBot
) -> None:
    handler = ErrorHandler(lambda: window)
    handler.install()
    try:
        trigger = Trigger()

        def broken_slot() -> None:
            raise RuntimeError("a bug in a slot")

        trigger.fired.connect(broken_slot)
        trigger.fired.emit()
    finally:
        handler.uninstall()
    assert len(handler.dialogs) == 1
    box = handler.dialogs[0]
    assert box.isVisible()
    assert "RuntimeError: a bug in a slot" in box.text()
    assert "still running" in box.informativeText()
    assert "Traceback" in box.detailedText() and "broken_slot" in box.detailedText()
    logged = log_path().read_text(encoding="utf-8")
    assert "RuntimeError: a bug in a slot" in logged
    box.done(QMessageBox.StandardButton.Close)
    window.store.update(countries=("FRA",))  # the app still works
    assert list(window.trend.lines) == ["FRA"]


# The whole story -------------------------------------------------------------------------


def test_a_person_compares_fra_deu_usa_then_ranks_then_reads_why_gbr_is_flagged(
    window: MainWindow, qtbot: QtBot
) -> None:
    panel = window.filters
    panel.none_button.click()
    for code in ("FRA", "DEU", "USA"):
        item = next(
            panel.countries.item(i)
            for i in range(panel.countries.count())
            if panel.countries.item(i).data(Qt.ItemDataRole.UserRole) == code
        )
        item.setCheckState(Qt.CheckState.Checked)
    assert window.store.state.countries == ("FRA", "DEU", "USA")
    assert panel.measure.currentText() == "Users affected"
    periods = window.trend.model.periods
    assert periods[0].label == "Q1 2024" and periods[-1].label == "Q1 2026"
    ticks = window.trend.plot.getAxis("bottom")._tickLevels[0]  # thinned to fit, latest kept
    assert ticks[-1][1] == "Q1 2026"
    spans = {c: label.textItem.toPlainText() for c, _, label in window.trend.span_segments}
    assert spans == {
        "DEU": "Germany, Jan–Sep 2024 total: 115",
        "USA": "United States, Jan–Sep 2024 total: 108",
    }

    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_Right)
    assert window.store.state.view is ViewKind.RANKING
    combo = window.ranking.period
    combo.setCurrentIndex(combo.findData("2025Q4"))
    combo.activated.emit(combo.currentIndex())
    assert window.ranking.order == ["DEU", "FRA", "USA"]

    panel.search.setText("United K")
    item = next(
        panel.countries.item(i)
        for i in range(panel.countries.count())
        if not panel.countries.isRowHidden(i)
    )
    panel.countries.setCurrentItem(item)
    assert window.details.country == "GBR"
    assert "do not add up" in window.details.toPlainText()


def test_no_test_left_a_real_settings_folder(isolated_home: Path) -> None:
    assert str(settings_path()).startswith(str(isolated_home))
    assert os.environ["TGVIEWER_HOME"] == str(isolated_home)
    assert QApplication.instance() is not None


def test_the_window_starts_without_what_only_about_and_logging_need() -> None:
    """importlib.metadata (About's versions) and logging.handlers (the error log) are
    imported when first needed, not while the window starts."""
    done = in_fresh_window(
        "window.show()\n"
        "app.processEvents()\n"
        "late = ('importlib.metadata', 'logging.handlers')\n"
        "assert not [m for m in late if m in sys.modules], 'imported at start'\n"
        "window.show_about()\n"
        "assert 'importlib.metadata' in sys.modules\n"
    )
    assert done.returncode == 0, done.stderr
