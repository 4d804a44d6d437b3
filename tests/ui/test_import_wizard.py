"""File > Import...: paste an answer, preview, settle conflicts, save into the library, see it."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QApplication, QComboBox, QWizard
from pytestqt.qtbot import QtBot

from tests.helpers import SHARED_DATA, needs_shared
from tests.ui.helpers import menu_action, open_wizard
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.periods.spans import quarter_index
from tgviewer.core.state.view_state import ViewKind
from tgviewer.ui.dialogs.import_wizard import ImportWizard
from tgviewer.ui.window.main_window import MainWindow

GREECE_Q1_2025 = ("bot-answers", "07_GRC_2025-Q1.txt")  # in ../shared/data
FRANCE_Q2_2026 = (
    "Transparency report for the period 01.04.26–30.06.26\n\n"
    "Fulfilled requests from France for IP address and/or phone number:\n"
    "Q2 — 321\n\nAffected users:\nQ2 — 999\n"
)
YOUR_COUNTRY = (
    "Transparency report for the period 1 April 2026 to 30 June 2026\n\n"
    "Fulfilled requests from your country for IP address and/or phone number:\n"
    "Q2 — 3\nThis line is not part of an answer\n\nAffected users:\nQ2 — 5\n"
)


def cells(wizard: ImportWizard) -> list[list[str]]:
    tree = wizard.preview_page.tree
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount() - 1)]
        for i in range(tree.topLevelItemCount())
    ]


def finish(wizard: ImportWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_pasted_answer_becomes_a_library_bundle_shown_in_the_trend(
    window: MainWindow, isolated_home: Path
) -> None:
    default_title = window.bundle.manifest.title
    wizard = open_wizard(window, FRANCE_Q2_2026)
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW
    page = wizard.preview_page
    assert "1 new record, 0 already in" in page.summary.text()
    assert cells(wizard) == [["New", "France", "Q2 2026", "321", "999"]]
    assert page.name.text() == f"{default_title} + my additions"
    assert page.unread.isHidden()
    page.name.setText("Default + my additions")
    finish(wizard)
    assert not wizard.isVisible()
    saved = isolated_home / "data" / "bundles" / "default-my-additions.tgbundle"
    assert window.bundle_path == str(saved)
    assert window.bundle.manifest.title == "Default + my additions"
    assert window.windowTitle().startswith("Default + my additions")
    assert "Default + my additions" in window.status.bundle_label.text()
    assert read_bundle(saved).manifest.sources[-1].title == "pasted bot answer, 2026-11-22"
    # The trend shows France's new quarter.
    state = window.store.state
    assert state.view is ViewKind.TREND and "FRA" in state.countries
    assert state.span.last == quarter_index(2026, 2)
    x, y = window.trend.lines["FRA"].getData()
    assert window.trend._positions["2026Q2"] == x[-1]
    assert y[-1] == 999
    assert "1 new record" in window.status.notice.text()


@needs_shared(*GREECE_Q1_2025)
def test_a_conflict_is_shown_with_both_figures_and_settled_as_chosen(window: MainWindow) -> None:
    greece = SHARED_DATA.joinpath(*GREECE_Q1_2025).read_text(encoding="utf-8")
    changed = greece.replace("users:\n202", "users:\n203")
    assert changed != greece
    wizard = open_wizard(window, changed)
    wizard.next()
    [row] = cells(wizard)
    assert row == ["Conflict", "Greece", "Q1 2025", "69", "203"]
    now = wizard.preview_page.tree.topLevelItem(0).child(0)
    assert [now.text(c) for c in range(1, 5)] == ["in the bundle now", "", "69", "202"]
    [combo] = wizard.preview_page.choices.values()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(1)  # use the new figures
    finish(wizard)
    greek = [
        r
        for r in window.bundle.records
        if r.country == "GRC" and r.start == dt.date(2025, 1, 1) and r.end == dt.date(2025, 3, 31)
    ]
    assert [r.value("users") for r in greek] == [203]


def test_an_answer_about_your_country_asks_which_and_lists_unread_lines(window: MainWindow) -> None:
    wizard = open_wizard(window, YOUR_COUNTRY)
    wizard.next()
    assert wizard.currentId() == ImportWizard.COUNTRY
    page = wizard.country_page
    assert "your country" in page.question.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.country.setCurrentIndex(page.country.findData("BEL"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert cells(wizard)[0][:5] == ["New", "Belgium", "Q2 2026", "3", "5"]
    unread = wizard.preview_page.unread
    assert unread.isVisibleTo(wizard)
    assert "line 5" in unread.toPlainText()
    assert "This line is not part of an answer" in unread.toPlainText()


def test_text_that_is_no_answer_is_explained_and_nothing_changes(
    window: MainWindow, isolated_home: Path
) -> None:
    before = (window.bundle, window.store.state)
    wizard = open_wizard(window, "hello, this is not a report")
    wizard.next()
    assert wizard.currentId() == ImportWizard.SOURCE
    error = wizard.source_page.error
    assert error.isVisibleTo(wizard) and "Nothing was imported" in error.text()
    wizard.reject()
    assert (window.bundle, window.store.state) == before
    assert not (isolated_home / "data" / "bundles").exists()


@needs_shared(*GREECE_Q1_2025)
def test_an_answer_already_in_the_bundle_offers_nothing_to_save(window: MainWindow) -> None:
    wizard = open_wizard(window, SHARED_DATA.joinpath(*GREECE_Q1_2025).read_text("utf-8"))
    wizard.next()
    assert "Nothing to add" in wizard.preview_page.summary.text()
    assert cells(wizard)[0][0] == "Already there"
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_a_dataset_file_is_read_and_a_bad_one_is_explained(
    window: MainWindow, tmp_path: Path
) -> None:
    good = tmp_path / "dataset.json"
    good.write_text(
        '{"FRA": [{"from": "20260401", "to": "20260630", "requests": 5, "users": 6}]}',
        encoding="utf-8",
    )
    bad = tmp_path / "broken.json"
    bad.write_text('{"FRA": [{"from": "2026', encoding="utf-8")
    before = bad.read_bytes()
    wizard = open_wizard(window)
    wizard.source_page.use_file(str(bad))
    wizard.next()
    assert wizard.currentId() == ImportWizard.SOURCE
    assert "broken.json, line 1: malformed JSON" in wizard.source_page.error.text()
    assert bad.read_bytes() == before
    wizard.source_page.use_file(str(good))
    wizard.next()
    assert cells(wizard) == [["New", "France", "Q2 2026", "5", "6"]]


def test_a_missing_file_is_explained(window: MainWindow, tmp_path: Path) -> None:
    wizard = open_wizard(window)
    wizard.source_page.use_file(str(tmp_path / "nowhere.csv"))
    wizard.next()
    assert "nowhere.csv: no such file" in wizard.source_page.error.text()


@pytest.mark.parametrize("suffix", [".txt", ".json"])
def test_dropping_figures_opens_the_import_wizard_on_them(
    window: MainWindow, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"answer{suffix}"
    path.write_text(FRANCE_Q2_2026, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert window.bundles.accepts(mime)
    assert window.bundles.drop(mime)
    wizard = window.bundles.wizard
    assert wizard is not None and wizard.source_page.path.text() == str(path)
    assert wizard.source_page.file_choice.isChecked()


def test_dropping_a_bundle_opens_it(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    from tests.core.bundles import small_bundle

    path = small_bundle(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.settings_store.writable = False
    assert window.bundles.drop(mime)
    assert window.bundle_path == str(Path(path).resolve())
    other = QMimeData()
    other.setText("just text")
    assert not window.bundles.accepts(other)


def test_imported_values_are_whole_numbers(window: MainWindow) -> None:
    wizard = open_wizard(window, FRANCE_Q2_2026)
    wizard.next()
    finish(wizard)
    _x, y = window.trend.lines["FRA"].getData()
    assert all(math.isnan(v) or float(v).is_integer() for v in y)


CSV_TEXT = (
    "Land;Quartal;Anfragen;Nutzer\nFrance;2026Q2;12;34\nAtlantis;2026Q2;1;2\nDEU;Q2 2026;5;x\n"
)


def test_a_csv_file_is_mapped_previewed_and_the_mapping_remembered(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    wizard = open_wizard(window)
    wizard.source_page.use_file(str(path))
    wizard.next()
    assert wizard.currentId() == ImportWizard.MAPPING
    page = wizard.mapping_page
    assert "3 rows and 4 columns, separated by semicolon" in page.subTitle()
    assert page.preview.item(0, 0).text() == "France"
    # Nothing is guessed from German headers: Next waits for the columns.
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "choose the column that holds the country" in page.gaps.text()
    page.country.setCurrentIndex(page.country.findData("Land"))
    page.by_period.setChecked(True)
    page.period.setCurrentIndex(page.period.findData("Quartal"))
    page.measures["requests"].setCurrentIndex(page.measures["requests"].findData("Anfragen"))
    page.measures["users"].setCurrentIndex(page.measures["users"].findData("Nutzer"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert cells(wizard) == [["New", "France", "Q2 2026", "12", "34"]]
    unread = wizard.preview_page.unread.toPlainText()
    assert "figures.csv line 3" in unread and "Atlantis" in unread
    assert "figures.csv line 4" in unread
    finish(wizard)
    remembered = window.settings.csv_mapping
    assert remembered is not None and remembered.country == "Land"
    assert remembered.period == "Quartal"
    # The next CSV import starts from the remembered mapping.
    wizard = open_wizard(window)
    wizard.source_page.use_file(str(path))
    wizard.next()
    assert wizard.mapping_page.mapping() == remembered
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_csv_whose_rows_all_fail_is_explained_on_the_mapping_page(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("country,period,requests,users\nAtlantis,2026Q2,1,2\n", encoding="utf-8")
    wizard = open_wizard(window)
    wizard.source_page.use_file(str(path))
    wizard.next()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # guessed
    wizard.next()
    assert wizard.currentId() == ImportWizard.MAPPING
    error = wizard.mapping_page.error
    assert error.isVisibleTo(wizard)
    assert "No row could be read" in error.text() and "bad.csv line 2" in error.text()


def test_paste_then_compare_with_the_default_without_choosing_anything(window: MainWindow) -> None:
    """The done-criterion: paste an answer, see it in the trend, diff against the default."""
    from tgviewer.ui.dialogs.diff import DiffDialog

    wizard = open_wizard(window, FRANCE_Q2_2026)
    wizard.next()
    finish(wizard)
    assert window.store.state.view is ViewKind.TREND
    menu_action(window, "File", "Compare Bundles…").trigger()
    dialog = window.bundles.diff
    assert isinstance(dialog, DiffDialog)
    assert dialog.old.currentText().endswith("(embedded)")
    assert dialog.new.currentText() == window.bundle.manifest.title
    assert dialog.summary.text().endswith(
        "1 record added, 0 removed, 0 changed; "
        "0 derived values changed; 0 new inconsistencies, "
        "0 resolved"
    )
    top = dialog.tree.topLevelItem(0)
    assert top.text(0) == "France (FRA)"
    assert [top.child(0).text(c) for c in range(5)] == [
        "Q2 2026",
        "Added",
        "requests",
        "\u2013",
        "321",
    ]


def test_a_csv_mapping_from_an_abandoned_attempt_is_not_remembered(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("country,period,requests,users\nFRA,2026Q3,1,2\n", encoding="utf-8")
    wizard = open_wizard(window)
    wizard.source_page.use_file(str(path))
    wizard.next()
    wizard.next()
    assert wizard.mapping is not None
    wizard.back()
    wizard.back()
    wizard.source_page.text.setPlainText(FRANCE_Q2_2026)
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW
    finish(wizard)
    assert window.settings.csv_mapping is None


def test_dates_at_the_end_of_the_supported_years_are_read(window: MainWindow) -> None:
    wizard = open_wizard(
        window,
        "Transparency report for the period 01.10.2999–31.12.2999\n\n"
        "Fulfilled requests from France for IP address and/or phone "
        "number:\nQ4 — 1\n",
    )
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert cells(wizard) == [["New", "France", "Q4 2999", "1", "\u2013"]]


def test_a_year_beyond_the_supported_ones_is_refused_on_the_first_page(
    window: MainWindow,
) -> None:
    wizard = open_wizard(
        window,
        "Transparency report for the period 01.10.9999–31.12.9999\n\n"
        "Fulfilled requests from France for IP address and/or phone "
        "number:\nQ4 — 1\n",
    )
    wizard.next()
    assert wizard.currentId() != ImportWizard.PREVIEW
    assert "year 9999 is outside the years tgviewer supports" in wizard.source_page.error.text()


def test_saving_an_import_redraws_once(window: MainWindow) -> None:
    wizard = open_wizard(window, FRANCE_Q2_2026)
    wizard.next()
    before = window.render_count
    finish(wizard)
    assert window.render_count == before + 1


def test_a_total_that_disagrees_is_listed_once_among_the_unread_lines(window: MainWindow) -> None:
    text = FRANCE_Q2_2026.replace("Q2 — 999\n", "Q2 — 999\nTotal: 1000\n")
    wizard = open_wizard(window, text)
    wizard.next()
    page = wizard.preview_page
    assert "Total: 1000" in page.unread.toPlainText()
    assert "does not match" not in page.notes.text()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Belgium", "Belgium (BEL)"),
        ("BEL", "Belgium (BEL)"),
        ("be", "Belgium (BEL)"),
        ("belg", "Belgium (BEL)"),
        ("UK", "United Kingdom (GBR)"),
    ],
)
def test_a_country_typed_by_name_or_code_is_taken_with_enter(
    qtbot: QtBot, window: MainWindow, typed: str, shown: str
) -> None:
    wizard = open_wizard(window, YOUR_COUNTRY)
    wizard.next()
    page = wizard.country_page
    edit = page.country.lineEdit()
    assert edit is not None
    edit.setFocus()
    qtbot.keyClicks(edit, typed)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # The first Enter goes to the completions' popup (as it has the keyboard), the next to
    # the wizard, which goes on.
    qtbot.keyClick(QApplication.activePopupWidget() or edit, Qt.Key.Key_Return)
    assert page.country.currentText() == shown
    qtbot.keyClick(QApplication.activePopupWidget() or edit, Qt.Key.Key_Return)
    assert wizard.currentId() == ImportWizard.PREVIEW


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_a_country_typed_that_names_none_is_not_taken(qtbot: QtBot, window: MainWindow) -> None:
    wizard = open_wizard(window, YOUR_COUNTRY)
    wizard.next()
    edit = wizard.country_page.country.lineEdit()
    assert edit is not None
    qtbot.keyClicks(edit, "Atlantis")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.currentId() == ImportWizard.COUNTRY
