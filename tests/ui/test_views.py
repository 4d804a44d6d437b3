"""Ranking, table, hover and details: driven through the window, checked on what they hold."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.core.bundles import RECORDS_HEADER, write_folder
from tgviewer.core.bundle.cautions import CAUTION_MARK, MORE_REQUESTS_THAN_USERS
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.periods.spans import parse_span
from tgviewer.core.state.view_state import Normalisation, ViewKind, ViewState
from tgviewer.ui.views.table import SORT_ROLE, STATUS_ROLE
from tgviewer.ui.window.main_window import MainWindow


def choose(window: MainWindow, *countries: str, **changes: object) -> None:
    window.store.update(countries=countries, **changes)


def bar_lengths(window: MainWindow) -> dict[str, float]:
    bars = window.ranking.bars
    assert bars is not None
    widths = [float(w) for w in bars.opts["width"]]
    return dict(zip(window.ranking.order, widths, strict=False))


# Ranking ---------------------------------------------------------------------------------


def test_ranking_shows_sorted_bars_for_the_end_of_the_range(window: MainWindow) -> None:
    choose(window, "FRA", "DEU", "USA", view=ViewKind.RANKING)
    assert window.current_view() is window.ranking
    assert window.ranking.model.period == parse_span("2026Q1")
    assert window.ranking.order == ["DEU", "FRA", "USA"]
    assert bar_lengths(window) == {"DEU": 2443, "FRA": 1040, "USA": 297}
    labels = {
        c: item.textItem.toPlainText().strip() for c, item in window.ranking.value_labels.items()
    }
    assert labels == {"DEU": "2,443", "FRA": "1,040", "USA": "297"}


def test_ranking_period_is_chosen_in_the_view_and_kept_in_the_state(
    window: MainWindow, qtbot: QtBot
) -> None:
    choose(window, "FRA", "DEU", "USA", "GBR", view=ViewKind.RANKING)
    combo = window.ranking.period
    index = combo.findData("2025Q4")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert window.store.state.ranking_period == "2025Q4"
    assert window.ranking.caption.text() == "Users affected, Q4 2025"
    assert window.ranking.order == ["DEU", "GBR", "FRA", "USA"]
    assert bar_lengths(window)["GBR"] == 1442


def test_the_ranking_opens_where_the_most_selected_countries_have_a_figure(
    window: MainWindow,
) -> None:
    # Q1 2026, the end of the range, has three of the five; Q4 2025 has all five.
    choose(window, "IND", "DEU", "KOR", "POL", "FRA", view=ViewKind.RANKING)
    assert window.ranking.model.period == parse_span("2025Q4")
    assert window.ranking.period.currentData() == "2025Q4"
    assert len(bar_lengths(window)) == 5


def test_a_year_is_ranked_without_changing_the_period_length(window: MainWindow) -> None:
    choose(window, "FRA", "DEU", "USA", "GBR", view=ViewKind.RANKING)
    combo = window.ranking.period
    offered = [combo.itemData(i) for i in range(combo.count())]
    quarters = [span.code for span in window.store.state.periods()]
    assert offered[: len(quarters)] == quarters
    # A line, then the years, a line, then the halves.
    assert offered[len(quarters) :] == [
        None,
        "2024",
        "2025",
        None,
        *["2024H1", "2024H2"],
        *["2025H1", "2025H2"],
    ]
    index = combo.findData("2025")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert window.store.state.ranking_period == "2025"
    assert window.store.state.granularity.quarters == 1  # still quarters along time
    assert window.ranking.caption.text() == "Users affected, 2025"
    assert combo.currentData() == "2025"


def test_bars_share_one_colour_and_the_grid_runs_behind_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(1600, 1000)
    choose(window, *window.bundle.countries, view=ViewKind.RANKING)
    bars = window.ranking.bars
    assert bars is not None
    colours = {brush.color().name() for brush in bars.opts["brushes"]}
    assert len(bars.opts["brushes"]) > 16 and len(colours) == 1
    # The grid (drawn by the bottom axis) runs behind the bars: along the top bar, across
    # several grid lines, every pixel is the bar's colour.
    plot = window.ranking.plot
    assert plot.getAxis("bottom").grid
    qtbot.wait(20)
    image = plot.grab().toImage()
    widths = bar_lengths(window)
    top = window.ranking.order[0]
    y = len(window.ranking.order) - 1  # the top row
    view = plot.getViewBox()
    start = plot.mapFromScene(view.mapViewToScene(QPointF(0, y)))
    end = plot.mapFromScene(view.mapViewToScene(QPointF(widths[top], y)))
    assert end.x() - start.x() > 200
    ratio = image.devicePixelRatio()
    along = {
        image.pixelColor(round(x * ratio), round(start.y() * ratio)).name()
        for x in range(start.x() + 3, end.x() - 3)
    }
    assert along == colours


def test_countries_without_a_figure_are_listed_not_drawn_as_zero(window: MainWindow) -> None:
    # Q2 2024: Germany only has the Jan–Sep total, which cannot be split.
    choose(window, "FRA", "DEU", view=ViewKind.RANKING, ranking_period="2024Q2")
    assert [r.country for r in window.ranking.model.unranked] == ["DEU"]
    assert bar_lengths(window) == {"FRA": 37}
    assert window.ranking.order == ["FRA", "DEU"]
    assert "no figure" in window.ranking.value_labels["DEU"].textItem.toPlainText()
    assert "records cover only" in window.ranking.tooltips["DEU"]


def test_ranking_of_a_derived_figure_says_so(window: MainWindow) -> None:
    choose(window, "BGR", view=ViewKind.RANKING, ranking_period="2024Q4")
    assert bar_lengths(window) == {"BGR": 40}
    assert "(derived)" in window.ranking.value_labels["BGR"].textItem.toPlainText()


def test_ranking_with_no_figure_at_all_says_what_to_do(window: MainWindow) -> None:
    choose(window, "DEU", view=ViewKind.RANKING, ranking_period="2024Q1")
    assert window.ranking.message.isVisible()
    assert "No figure is known" in window.ranking.message.text()


def test_hovering_a_bar_shows_its_country_in_details(window: MainWindow) -> None:
    choose(window, "FRA", "GBR", view=ViewKind.RANKING, ranking_period="2025Q4")
    top = window.ranking.order[0]
    view = window.ranking.plot.getViewBox()
    scene = view.mapViewToScene(QPointF(100, len(window.ranking.order) - 1))
    window.ranking.mouse_moved(scene)
    assert top == "GBR"
    assert window.details.country == "GBR"
    assert "Users affected do not add up" in window.details.toPlainText()


# Table -----------------------------------------------------------------------------------


def table_row(window: MainWindow, row: int) -> list[str]:
    table = window.table
    return [table.cell_text(row, c) for c in range(table.proxy.columnCount())]


def test_table_holds_countries_by_periods_with_status(window: MainWindow) -> None:
    choose(window, "FRA", "DEU", "BGR", "GBR", view=ViewKind.TABLE)
    model = window.table.table_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Country",
        "Q1 2024",
        "Q2 2024",
        "Q3 2024",
    ]
    assert table_row(window, 0)[:5] == ["France (FRA)", "17", "37", "632", "1,386"]
    assert table_row(window, 1)[:5] == ["Germany (DEU)", "—", "—", "—", "2,122"]
    statuses = {
        (r, c): window.table.proxy.index(r, c).data(STATUS_ROLE) for r in range(4) for c in (1, 4)
    }
    assert statuses[(0, 1)] == "reported"
    assert statuses[(1, 1)] == "unknown"
    assert statuses[(2, 4)] == "derived"  # BGR Q4 2024 = 2024 − Jan–Sep
    assert statuses[(3, 4)] == "inconsistent"  # GBR Q4 2024, the records disagree
    background = window.table.proxy.index(3, 4).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color().alpha() > 0
    tooltip = window.table.proxy.index(2, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "derived" in tooltip and "40" in tooltip


def test_a_big_table_sizes_its_columns_from_a_sample_and_cuts_no_text(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QHeaderView

    from tgviewer.ui.views import table as table_module

    monkeypatch.setattr(table_module, "MEASURED_CELLS", 10)  # as a grid of 100,000 cells
    monkeypatch.setattr(table_module, "SAMPLED_CELLS", 5)
    choose(window, "FRA", "DEU", "BGR", "GBR", "IND", view=ViewKind.TABLE)
    header = window.table.table.horizontalHeader()
    assert header.sectionResizeMode(1) is QHeaderView.ResizeMode.Interactive
    metrics = window.table.table.fontMetrics()
    model = window.table.table_model
    for column in range(model.columnCount()):
        width = header.sectionSize(column)
        texts = [str(model.headerData(column, Qt.Orientation.Horizontal))]
        texts += [str(model.index(r, column).data()) for r in range(model.rowCount())]
        assert max(metrics.horizontalAdvance(t) for t in texts) <= width, column
    # A small table is measured by Qt, every cell.
    monkeypatch.setattr(table_module, "MEASURED_CELLS", 20_000)
    choose(window, "FRA", view=ViewKind.TABLE)
    assert header.sectionResizeMode(1) is QHeaderView.ResizeMode.ResizeToContents


def test_a_figure_with_more_requests_than_users_is_marked_and_explained(
    window: MainWindow,
) -> None:
    choose(window, "IND", "FRA", view=ViewKind.TABLE)
    model = window.table.table_model
    column = model.periods.index("Q4 2025") + 1
    india = window.table.proxy.index(0, column)
    assert india.data() == f"8,855 {CAUTION_MARK}"
    assert india.data(SORT_ROLE) == 8855  # sorted and copied as the figure
    assert india.data(STATUS_ROLE) == "reported"  # a mark, not the disagreement's shade
    tooltip = india.data(Qt.ItemDataRole.ToolTipRole)
    assert f"{CAUTION_MARK} {MORE_REQUESTS_THAN_USERS}" in tooltip and "⚠" not in tooltip
    france = window.table.proxy.index(1, column)
    assert CAUTION_MARK not in france.data()
    assert MORE_REQUESTS_THAN_USERS not in france.data(Qt.ItemDataRole.ToolTipRole)
    legend = window.table.findChild(QLabel, "legend-caution")
    assert legend is not None and legend.text() == f"{CAUTION_MARK} More requests than users"
    assert legend.toolTip() == f"{CAUTION_MARK} {MORE_REQUESTS_THAN_USERS}"
    window.table.table.setCurrentIndex(india)
    assert window.details.country == "IND"
    details = window.details.toPlainText()
    assert "Cautions" in details and f"Q4 2025 {CAUTION_MARK}" in details
    assert f"Q4 2025: {MORE_REQUESTS_THAN_USERS} (12,146 requests, 8,855 users" in details


def test_trend_and_ranking_mark_a_figure_with_a_caution(window: MainWindow) -> None:
    choose(window, "IND", "GBR")
    marks = [(country, period) for country, period, _ in window.trend.caution_marks]
    assert marks == [("IND", "2025Q4")]
    assert [(c, p) for c, p, _ in window.trend.inconsistent_marks] == [("GBR", "2024Q4")]
    choose(window, "IND", "FRA", view=ViewKind.RANKING, ranking_period="2025Q4")
    labels = {c: item.textItem.toPlainText() for c, item in window.ranking.value_labels.items()}
    assert labels["IND"].endswith(f" {CAUTION_MARK}") and CAUTION_MARK not in labels["FRA"]
    assert MORE_REQUESTS_THAN_USERS in window.ranking.tooltips["IND"]


def test_table_sorts_by_figure_with_unknowns_last(window: MainWindow) -> None:
    choose(window, "FRA", "DEU", "USA", "IND", view=ViewKind.TABLE)
    table = window.table.table
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # Q1 2024
    assert [table_row(window, r)[1] for r in range(4)] == ["5,675", "17", "—", "—"]
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [table_row(window, r)[1] for r in range(4)] == ["17", "5,675", "—", "—"]


def test_copying_a_selection_gives_tab_separated_text_with_headers(window: MainWindow) -> None:
    choose(window, "FRA", "DEU", view=ViewKind.TABLE)
    table = window.table.table
    selection = table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select
    for row in (0, 1):
        for column in (3, 4):
            selection.select(window.table.proxy.index(row, column), flags)
    window.table.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == (
        "Country\tQ3 2024\tQ4 2024\nFrance (FRA)\t632\t1386\nGermany (DEU)\t\t2122\n"
    )


def test_picking_a_row_shows_its_country_in_details(window: MainWindow) -> None:
    choose(window, "FRA", "GBR", view=ViewKind.TABLE)
    window.table.table.setCurrentIndex(window.table.proxy.index(1, 2))
    assert window.details.country == "GBR"


# Trend hover and details ---------------------------------------------------------------


def test_hovering_a_point_tells_country_period_value_status_and_records(window: MainWindow) -> None:
    choose(window, "FRA")
    view = window.trend.plot.getViewBox()
    near = view.mapViewToScene(QPointF(3, 1386))  # Q4 2024
    row = window.trend.point_near(near + QPointF(3, -2))
    assert row is not None
    text = window.trend.tooltip_for(row)
    assert text.splitlines()[:2] == ["France (FRA) · Q4 2024", "1,386 users affected · reported"]
    assert "records.csv line 5" in text
    assert window.trend.point_near(near + QPointF(0, 200)) is None


def test_hover_moves_the_details_to_that_country(window: MainWindow) -> None:
    choose(window, "FRA", "DEU")
    view = window.trend.plot.getViewBox()
    window.trend.mouse_moved(view.mapViewToScene(QPointF(4, 3777)))  # DEU Q1 2025
    assert window.details.country == "DEU"
    assert "records.csv line" in window.details.toPlainText()


def test_details_say_in_plain_words_why_gbr_is_flagged(window: MainWindow) -> None:
    choose(window, "GBR")
    text = window.details.toPlainText()
    assert text.startswith("United Kingdom (GBR)")
    assert (
        "the 2024 total is reported as 293, but Jan–Sep 2024 (7) plus Q4 2024 (292) make "
        "299, a difference of 6"
    ) in text
    assert "Telegram transparency reports" in text


def test_per_million_ranking_uses_population(window: MainWindow) -> None:
    choose(
        window,
        "FRA",
        "DEU",
        view=ViewKind.RANKING,
        ranking_period="2025Q4",
        normalisation=Normalisation.PER_MILLION,
    )
    lengths = bar_lengths(window)
    assert math.isclose(lengths["FRA"], 1201 / 68.5, rel_tol=0.02)
    assert window.ranking.plot.getAxis("bottom").labelText == "per million inhabitants"


# Edge states with small bundles ---------------------------------------------------------


def small_window(qtbot: QtBot, tmp_path: Path, rows: str) -> MainWindow:
    bundle = read_bundle(write_folder(tmp_path / "b", RECORDS_HEADER + rows))
    shown = MainWindow(bundle)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_a_single_period_bundle_explains_the_trend_and_ranks(qtbot: QtBot, tmp_path: Path) -> None:
    shown = small_window(
        qtbot,
        tmp_path,
        "FRA,2025-01-01,2025-03-31,4,17,Telegram,src,\n"
        "DEU,2025-01-01,2025-03-31,9,30,Telegram,src,\n",
    )
    assert shown.trend.message.isVisible()
    assert "only one period" in shown.trend.message.text()
    shown.store.update(view=ViewKind.RANKING)
    assert bar_lengths(shown) == {"DEU": 30, "FRA": 17}


def test_a_single_country_bundle_draws_its_line(qtbot: QtBot, tmp_path: Path) -> None:
    shown = small_window(
        qtbot,
        tmp_path,
        "FRA,2025-01-01,2025-03-31,4,17,Telegram,src,\n"
        "FRA,2025-04-01,2025-06-30,5,20,Telegram,src,\n",
    )
    assert shown.store.state.countries == ("FRA",)
    assert list(shown.trend.lines["FRA"].getData()[1]) == [17, 20]
    assert not shown.filters.service.isVisibleTo(shown.filters)


def test_the_service_choice_appears_only_with_several_services(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shown = small_window(
        qtbot,
        tmp_path,
        "FRA,2025-01-01,2025-03-31,4,17,Telegram,src,\n"
        "FRA,2025-01-01,2025-03-31,1,2,Other,src,\n"
        "FRA,2025-04-01,2025-06-30,5,20,Telegram,src,\n"
        "FRA,2025-04-01,2025-06-30,1,3,Other,src,\n",
    )
    combo = shown.filters.service
    assert combo.isVisibleTo(shown.filters)
    combo.setCurrentIndex(combo.findData("Other"))
    assert shown.store.state.service == "Other"
    assert list(shown.trend.lines["FRA"].getData()[1]) == [2, 3]


def test_a_range_without_data_says_so(window: MainWindow) -> None:
    window.store.replace(
        ViewState(
            countries=("DEU",), first=parse_span("2024Q1").first, last=parse_span("2024Q2").first
        )
    )
    assert window.trend.message.isVisible()
    assert "No figure is known" in window.trend.message.text()


def test_points_whose_records_disagree_are_flagged_on_the_trend(window: MainWindow) -> None:
    choose(window, "FRA", "GBR")
    marks = [(country, period) for country, period, _ in window.trend.inconsistent_marks]
    assert marks == [("GBR", "2024Q4")]


def test_legend_and_lines_follow_the_selection_as_it_changes(window: MainWindow) -> None:
    choose(window, "FRA", "DEU", "USA")
    choose(window, "GBR")
    names = [label.text for _, label in window.trend.legend.items]
    assert names == ["United Kingdom (GBR)"]
    assert list(window.trend.lines) == ["GBR"]
    drawn = [
        item
        for item in window.trend.plot.listDataItems()
        if item.isVisible()
        and item is not window.trend.grid
        and item.getData()[0] is not None
        and len(item.getData()[0]) > 0
    ]
    # GBR's line, its reported points and its span total; nothing left of FRA, DEU, USA.
    assert len(drawn) == 3
    choose(window, "GBR", "FRA")
    assert [label.text for _, label in window.trend.legend.items] == [
        "United Kingdom (GBR)",
        "France (FRA)",
    ]


def test_value_labels_end_inside_the_plot_however_narrow(window: MainWindow, qtbot: QtBot) -> None:
    choose(window, "IND", "DEU", "ESP", "USA", "BRA", view=ViewKind.RANKING)
    view_box = window.ranking.plot.getViewBox()
    for size in ((1024, 700), (1920, 1080)):
        window.resize(*size)
        qtbot.wait(20)
        inside = view_box.sceneBoundingRect()
        for code, label in window.ranking.value_labels.items():
            drawn = label.mapRectToScene(label.boundingRect())
            assert drawn.right() <= inside.right() + 1, (code, size)


def test_the_table_legend_and_hint_are_never_cut(window: MainWindow, qtbot: QtBot) -> None:
    choose(window, "FRA", "DEU", view=ViewKind.TABLE)
    view = window.table
    for width in (1920, 1024, 800):
        window.resize(width, 700)
        qtbot.wait(20)
        for label in view.legend.findChildren(QLabel):
            assert label.width() >= label.sizeHint().width(), label.text()
            corner = label.mapTo(view.legend, label.rect().bottomRight())
            assert view.legend.rect().contains(corner), label.text()
        hint = view.hint
        assert hint.isVisible() and hint.height() >= hint.heightForWidth(hint.width())
        assert hint.width() >= QFontMetrics(hint.font()).horizontalAdvance("Select cells and")


def test_a_log_ranking_without_zeros_starts_a_decade_below_its_smallest_bar(
    window: MainWindow,
) -> None:
    choose(window, "IND", "FRA", "USA", view=ViewKind.RANKING, log_scale=True)
    view = window.ranking
    smallest = min(row.value for row in view.model.ranked)
    assert smallest > 0
    (low, _), _ = view.plot.getViewBox().viewRange()
    assert low == math.floor(math.log10(smallest))  # not the foot, a decade lower still
    assert view.scale.origin < low
    label = view.plot.getAxis("bottom").labelText
    assert label.endswith("log scale") and "▼" not in label


def test_plots_are_made_without_pyqtgraph_menus(qtbot: QtBot) -> None:
    """The views' plots have no context menu, so none is built (a few ms a plot at start)."""
    from tgviewer.ui.views.plot import make_plot

    plot = make_plot()
    qtbot.addWidget(plot)
    assert plot.getViewBox().menu is None and not plot.getPlotItem().menuEnabled()
