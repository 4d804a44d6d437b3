"""Picking countries from the search box: the best match is highlighted, Enter ticks it and
keeps focus in the box, and a pasted list ticks every country it names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tgviewer.ui.window.country_search import CountrySearch
from tgviewer.ui.window.main_window import MainWindow


@pytest.fixture
def search(qtbot: QtBot, window: MainWindow) -> CountrySearch:
    """The search box, focused, with no country selected."""
    window.settings_store.writable = False
    window.store.update(countries=())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    box = window.filters.search
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    return box


def shown(box: CountrySearch) -> list[str]:
    return [item.data(Qt.ItemDataRole.UserRole) for item in box.matches()]


@pytest.mark.parametrize(
    ("typed", "code"),
    [("UK", "GBR"), ("Britain", "GBR"), ("USA", "USA"), ("Russia", "RUS"), ("Korea", "KOR")],
)
def test_enter_ticks_the_country_a_common_name_finds(
    qtbot: QtBot, window: MainWindow, search: CountrySearch, typed: str, code: str
) -> None:
    qtbot.keyClicks(search, typed)
    assert code in shown(search)
    before = window.render_count
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.store.state.countries == (code,)
    assert window.render_count == before + 1  # one action
    assert search.hasFocus()
    assert search.selectedText() == typed  # typing the next country replaces it


def test_uk_highlights_the_united_kingdom_not_ukraine(qtbot: QtBot, search: CountrySearch) -> None:
    qtbot.keyClicks(search, "uk")
    assert shown(search) == ["UKR", "GBR"]  # in the list's order, by name
    highlighted = search.highlighted()
    assert highlighted is not None
    assert highlighted.data(Qt.ItemDataRole.UserRole) == "GBR"
    assert highlighted.isSelected()


def test_down_moves_the_highlight_and_enter_ticks_it(
    qtbot: QtBot, window: MainWindow, search: CountrySearch
) -> None:
    qtbot.keyClicks(search, "korea")
    assert shown(search) == ["KOR"]  # the bundle has no North Korea
    search.clear()
    qtbot.keyClicks(search, "uk")
    qtbot.keyClick(search, Qt.Key.Key_Up)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.store.state.countries == ("UKR",)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.store.state.countries == ("UKR", "GBR")


def test_typing_one_country_after_another(
    qtbot: QtBot, window: MainWindow, search: CountrySearch
) -> None:
    for typed in ("fra", "deu", "japan"):
        qtbot.keyClicks(search, typed)  # replaces the text left selected
        qtbot.keyClick(search, Qt.Key.Key_Enter)
    assert window.store.state.countries == ("FRA", "DEU", "JPN")
    assert window.filters.count_label.text() == "3 selected"


def test_enter_ticks_nothing_when_nothing_or_several_match(
    qtbot: QtBot, window: MainWindow, search: CountrySearch
) -> None:
    qtbot.keyClicks(search, "atlantis")
    assert shown(search) == []
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.store.state.countries == ()
    assert window.status.notice.text() == "\u201catlantis\u201d matches no country."


def test_pasting_a_list_of_codes_ticks_them_all(
    qtbot: QtBot, window: MainWindow, search: CountrySearch
) -> None:
    QGuiApplication.clipboard().setText("FRA, DEU, USA")
    before = window.render_count
    qtbot.keyClick(search, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.countries == ("FRA", "DEU", "USA")
    assert window.render_count == before + 1
    assert search.text() == ""  # the list is not left in the box
    assert window.status.notice.text() == "Ticked 3 countries."


def test_pasting_names_ticks_them_and_says_what_was_not_recognised(
    qtbot: QtBot, window: MainWindow, search: CountrySearch
) -> None:
    window.store.update(countries=("FRA",))
    QGuiApplication.clipboard().setText("France\nUnited Kingdom\nAtlantis\nRussia\nChad\n")
    qtbot.keyClick(search, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.countries == ("FRA", "GBR", "RUS")
    assert window.status.notice.text() == (
        "Ticked 3 countries. Not recognised: \u201cAtlantis\u201d. Not in this bundle: TCD."
    )


def test_pasting_one_country_is_an_ordinary_paste(
    qtbot: QtBot, window: MainWindow, search: CountrySearch
) -> None:
    QGuiApplication.clipboard().setText("Germany")
    qtbot.keyClick(search, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == "Germany"
    assert shown(search) == ["DEU"]
    assert window.store.state.countries == ()


def test_a_list_typed_in_the_box_is_read_on_enter(
    qtbot: QtBot, window: MainWindow, search: CountrySearch
) -> None:
    qtbot.keyClicks(search, "ita; esp")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.store.state.countries == ("ITA", "ESP")
    assert window.status.notice.text() == "Ticked 2 countries."
