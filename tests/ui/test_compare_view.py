"""The compare view, driven through the window: dumbbells, order, suggestions, the countries
left out and the note on unequal periods."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tgviewer.core.state.view_state import CompareOrder, Normalisation, ViewKind
from tgviewer.ui.window.main_window import MainWindow


def open_compare(window: MainWindow, *countries: str, **changes: object) -> None:
    window.store.update(
        view=ViewKind.COMPARE, countries=countries or tuple(window.bundle.countries), **changes
    )


def test_compare_jan_sep_per_million_shows_growth_and_the_rest(window: MainWindow) -> None:
    open_compare(
        window,
        compare_a="2024Q1-2024Q3",
        compare_b="2025Q1-2025Q3",
        normalisation=Normalisation.PER_MILLION,
    )
    view = window.compare
    assert window.current_view() is view
    assert len(view.order) == 23 and view.left_out.count() == 60
    germany = next(r for r in view.model.rows if r.country == "DEU")
    assert (germany.a.raw, germany.b.raw) == (115, 10844)
    xs_a, ys_a = view.a_points.getData()
    position = view.order.index("DEU")
    assert xs_a[position] == pytest.approx(germany.a.value)
    assert ys_a[position] == len(view.order) - 1 - position
    assert view.value_labels["DEU"].textItem.toPlainText() == " +9,329.6% (1.38 → 130)"
    assert "per million inhabitants" in view.caption.text()
    first = view.left_out.item(0)
    assert first.text() == "Armenia (ARM): Jan–Sep 2025 unknown: no record covers Jan–Sep 2025"
    percents = [r.percent for r in view.model.rows if r.percent is not None]
    assert percents == sorted(percents, reverse=True)
    assert "population" in view.tooltips["DEU"]


def test_sorting_is_kept_in_the_state(window: MainWindow) -> None:
    open_compare(window, "FRA", "DEU", "USA", compare_a="2024", compare_b="2025")
    view = window.compare
    view.sort.setCurrentIndex(view.sort.findData("b"))
    view.sort.activated.emit(view.sort.currentIndex())
    assert window.store.state.compare_order is CompareOrder.B
    bs = [r.b.value for r in view.model.rows]
    assert bs == sorted(bs, reverse=True)
    assert view.order[0] == "DEU"


def test_a_suggestion_applies_with_one_click(window: MainWindow, qtbot: QtBot) -> None:
    open_compare(window)
    view = window.compare
    labels = [b.text() for b in view.suggestion_buttons]
    assert "Jan–Sep 2024 vs Jan–Sep 2025 (23)" in labels
    button = view.suggestion_buttons[labels.index("Jan–Sep 2024 vs Jan–Sep 2025 (23)")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    state = window.store.state
    assert (state.compare_a, state.compare_b) == ("2024Q1-2024Q3", "2025Q1-2025Q3")
    assert len(view.order) == 23
    assert view.a_period.currentText() == "Jan–Sep 2024"
    checked = [b.text() for b in view.suggestion_buttons if b.isChecked()]
    assert checked == ["Jan–Sep 2024 vs Jan–Sep 2025 (23)"]


def test_without_chosen_periods_the_best_pair_is_shown(window: MainWindow) -> None:
    open_compare(window, "FRA", "DEU", "USA")
    view = window.compare
    assert view.model.comparison is not None
    assert (view.model.comparison.a.code, view.model.comparison.b.code) == ("2024", "2025")


def test_unequal_periods_say_so_and_use_averages(window: MainWindow) -> None:
    open_compare(window, "FRA", "DEU", compare_a="2024Q1-2024Q3", compare_b="2025Q4")
    view = window.compare
    assert "differ in length" in view.note.text() and not view.note.isHidden()
    assert "per-quarter average" in view.caption.text()
    germany = next(r for r in view.model.rows if r.country == "DEU")
    assert germany.a.value == pytest.approx(115 / 3)


def test_picking_a_country_left_out_shows_its_details(window: MainWindow) -> None:
    open_compare(window, "FRA", "AUT", compare_a="2024Q1-2024Q3", compare_b="2025Q1-2025Q3")
    view = window.compare
    assert view.order == ["FRA"]
    view.left_out.setCurrentRow(0)
    assert window.details.country == "AUT"


def test_nothing_selected_or_nothing_comparable_says_what_to_do(window: MainWindow) -> None:
    window.store.update(view=ViewKind.COMPARE, countries=())
    assert window.compare.chart.currentWidget() is window.compare.message
    assert "No country selected" in window.compare.message.text()
    window.store.update(countries=("AUT",), compare_a="2024Q1-2024Q3", compare_b="2025Q1-2025Q3")
    assert "None of the selected countries" in window.compare.message.text()
    assert window.compare.left_out.count() == 1


def test_with_nobody_left_out_the_list_gives_its_room_to_the_chart(window: MainWindow) -> None:
    window.store.update(view=ViewKind.COMPARE, countries=("FRA", "DEU", "USA", "GBR", "ITA"))
    view = window.compare
    listed = view.left_out_list
    assert listed is not None and listed.title.text() == "Every selected country is compared."
    assert not view.left_out.isVisibleTo(view)
    assert listed.maximumHeight() <= listed.title.sizeHint().height()
    window.store.update(countries=("FRA", "ISL"))  # Iceland is not comparable
    assert view.left_out.isVisibleTo(view) and view.left_out.count() == 1
    assert listed.maximumHeight() > 10_000
