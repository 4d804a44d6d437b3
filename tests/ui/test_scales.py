"""Index and log scale: the figures drawn, the axis words, and zeros kept in sight."""

from __future__ import annotations

import math

import pytest
from pytestqt.qtbot import QtBot

from tgviewer.core.periods.spans import parse_span
from tgviewer.core.state.view_state import Normalisation, ViewKind
from tgviewer.core.views.value_scale import FOOT_NOTE, ZERO_SYMBOL
from tgviewer.ui.window.main_window import MainWindow

RANGE_2025 = {"first": parse_span("2025Q1").first, "last": parse_span("2026Q1").last}


def plotted(window: MainWindow, country: str) -> tuple[list[float], list[float]]:
    xs, ys = window.trend.lines[country].getData()
    return [float(x) for x in xs], [float(y) for y in ys]


# Index -------------------------------------------------------------------------------------


def test_index_divides_each_country_by_its_own_base_figure(window: MainWindow) -> None:
    window.store.update(countries=("DEU", "USA"), normalisation=Normalisation.INDEX, **RANGE_2025)
    _, deu = plotted(window, "DEU")
    _, usa = plotted(window, "USA")
    # Germany, users: 3,777 in Q1 2025 (the base), 4,534 in Q2 2025, 2,443 in Q1 2026.
    assert deu[0] == 100
    assert deu[1] == pytest.approx(4534 / 3777 * 100)
    assert deu[-1] == pytest.approx(2443 / 3777 * 100)
    assert usa[-1] == pytest.approx(297 / 1664 * 100)
    assert window.trend.plot.getAxis("left").labelText == "index, Q1 2025 = 100"
    row = next(r for r in window.trend.model.rows if r.country == "DEU" and r.period == "2025Q2")
    assert "index, Q1 2025 = 100 (base figure 3777)" in window.trend.tooltip_for(row)


def test_index_base_is_chosen_in_the_filter_panel(window: MainWindow) -> None:
    panel = window.filters
    assert not panel.index_base.isVisibleTo(panel)
    window.store.update(countries=("DEU",), **RANGE_2025)
    panel.normalisation.setCurrentIndex(panel.normalisation.findData(Normalisation.INDEX))
    assert window.store.state.normalisation is Normalisation.INDEX
    assert panel.index_base.isVisibleTo(panel)
    assert panel.index_base.currentData() == "2025Q1"
    panel.index_base.setCurrentIndex(panel.index_base.findData("2025Q2"))
    assert window.store.state.index_base == "2025Q2"
    _, deu = plotted(window, "DEU")
    assert deu[1] == 100
    assert deu[0] == pytest.approx(3777 / 4534 * 100)


def test_index_on_an_unknown_base_is_unknown_not_zero(window: MainWindow) -> None:
    # Germany's 2024 quarters are unknown (one Jan–Sep total): no base, no index, no line.
    window.store.update(
        countries=("DEU", "FRA"),
        normalisation=Normalisation.INDEX,
        first=parse_span("2024Q1").first,
        last=parse_span("2025Q2").last,
    )
    assert "DEU" not in window.trend.lines  # no line, not even an empty one
    assert all(math.isnan(r.value) for r in window.trend.model.rows_of("DEU"))
    row = next(r for r in window.trend.model.rows if r.country == "DEU" and r.period == "2025Q1")
    assert row.scaling == "index unknown: the base figure (Q1 2024) is unknown"
    # Not silently gone: listed below the chart with the reason, and not in the legend.
    listed = window.trend.left_out_list
    assert listed is not None and listed.isVisibleTo(window.trend)
    assert "Not drawn (1)" in listed.title.text()
    assert [listed.items.item(i).text() for i in range(listed.items.count())] == [
        "Germany (DEU): index unknown: the base figure (Q1 2024) is unknown"
    ]
    assert [label.text for _, label in window.trend.legend.items] == ["France (FRA)"]
    germany = window.trend._slots[0]  # the first country's line and points
    assert not any(i.isVisible() for i in (germany.line, germany.reported, germany.derived))
    # An export has no list: its subtitle names who is missing, and why.
    assert (
        "Not drawn: Germany (index unknown: the base figure (Q1 2024) is unknown)."
        in window.trend.model.text.subtitle
    )
    assert window.trend.span_segments == []  # a Jan–Sep total is not indexed on a quarter


def test_compare_says_an_index_is_not_applied(window: MainWindow) -> None:
    window.store.update(
        countries=("DEU", "FRA"), normalisation=Normalisation.INDEX, view=ViewKind.COMPARE
    )
    assert "An index is not applied here" in window.compare.note.text()


# Log scale -------------------------------------------------------------------------------


def test_log_scale_keeps_zero_valued_countries_visible_in_the_trend(
    window: MainWindow, qtbot: QtBot
) -> None:
    # Serbia reported 0 users in each of Q1–Q3 2025; Mexico 1 in Q1, then 0 twice.
    window.store.update(countries=("DEU", "SRB", "MEX"), log_scale=True, **RANGE_2025)
    scale = window.trend.scale
    assert scale.log and scale.foot == 0.1  # a decade below Mexico's 1
    _, srb = plotted(window, "SRB")
    assert srb[:3] == [-1.0, -1.0, -1.0]  # log10(foot): at the foot, not dropped
    points = window.trend.reported_points["SRB"]
    symbols = list(points.data["symbol"])
    ys = [float(y) for y in points.data["y"]]
    assert ys == [-1.0] * 3 and symbols == [ZERO_SYMBOL] * 3
    mexico = window.trend.reported_points["MEX"]
    # Mexico, third picked, is drawn with diamonds; its zeros with the foot's triangle.
    assert list(mexico.data["symbol"]) == ["d", ZERO_SYMBOL, ZERO_SYMBOL]
    low, _ = window.trend.plot.getViewBox().viewRange()[1]
    assert low < -1.0  # the foot is inside the plot
    _, deu = plotted(window, "DEU")
    assert deu[0] == pytest.approx(math.log10(3777))
    ticks = window.trend.plot.getAxis("left")._tickLevels
    assert ticks[0][:2] == [(-1.0, "0"), (0.0, "1")] and (3.0, "1,000") in ticks[0]
    assert "log scale" in window.trend.plot.getAxis("left").labelText
    row = next(r for r in window.trend.model.rows if r.country == "SRB" and r.period == "2025Q1")
    assert FOOT_NOTE in window.trend.tooltip_for(row)


def test_log_scale_ranking_marks_zero_bars(window: MainWindow) -> None:
    window.store.update(
        countries=("DEU", "SRB", "MEX"),
        log_scale=True,
        view=ViewKind.RANKING,
        ranking_period="2025Q2",
        **RANGE_2025,
    )
    ranking = window.ranking
    assert ranking.order == ["DEU", "MEX", "SRB"]
    zero_ys = sorted(float(y) for y in ranking.zero_marks.data["y"])
    assert len(zero_ys) == 2  # Mexico and Serbia: 0 in Q2 2025, each marked at the foot
    assert list(ranking.zero_marks.data["x"]) == [ranking.scale.origin] * 2
    label = ranking.value_labels["SRB"].textItem.toPlainText()
    assert label.strip().startswith("0") and "foot of the log axis" in label
    assert "foot of the log axis" in ranking.tooltips["SRB"]
    assert window.filters.log_scale.isChecked()


def test_log_scale_is_a_check_box_and_linear_is_the_default(window: MainWindow) -> None:
    assert not window.store.state.log_scale
    assert not window.trend.scale.log
    window.filters.log_scale.setChecked(True)
    assert window.store.state.log_scale
    assert window.trend.scale.log


# The scale itself ----------------------------------------------------------------------------


def test_log_scale_compare_keeps_a_zero_in_a_at_the_foot(window: MainWindow) -> None:
    # Canada: 0 users in Jan–Sep 2024, 90 in Jan–Sep 2025.
    window.store.update(
        countries=("DEU", "CAN"),
        view=ViewKind.COMPARE,
        log_scale=True,
        compare_a="2024Q1-2024Q3",
        compare_b="2025Q1-2025Q3",
    )
    compare = window.compare
    index = compare.order.index("CAN")
    a_x = float(compare.a_points.data["x"][index])
    assert a_x == math.log10(compare.scale.foot)
    assert compare.a_points.data["symbol"][index] == ZERO_SYMBOL
    assert float(compare.b_points.data["x"][index]) == pytest.approx(math.log10(90))
    assert FOOT_NOTE in compare.tooltips["CAN"]
    low, _ = compare.plot.getViewBox().viewRange()[0]
    assert low < a_x


def test_the_index_base_level_is_a_line_at_100(window: MainWindow) -> None:
    assert not window.trend.base_line.isVisible()
    window.store.update(countries=("DEU",), normalisation=Normalisation.INDEX, **RANGE_2025)
    assert window.trend.base_line.isVisible()
    assert window.trend.base_line.value() == 100


def test_a_base_outside_the_range_gives_way_to_the_first_period(window: MainWindow) -> None:
    window.store.update(
        countries=("DEU",), normalisation=Normalisation.INDEX, index_base="2025Q2", **RANGE_2025
    )
    window.store.update(first=parse_span("2025Q3").first)
    assert window.store.state.index_span() == parse_span("2025Q3")
    assert window.trend.plot.getAxis("left").labelText == "index, Q3 2025 = 100"
    assert window.filters.index_base.currentData() == "2025Q3"
    _, deu = plotted(window, "DEU")
    assert deu[0] == 100


def test_an_unknown_base_says_so_instead_of_no_figure(window: MainWindow) -> None:
    # Germany's Q1 2024 lies inside its Jan–Sep total: no base, though later figures are known.
    window.store.update(
        countries=("DEU",),
        normalisation=Normalisation.INDEX,
        first=parse_span("2024Q1").first,
        last=parse_span("2025Q2").last,
    )
    message = window.trend.message.text()
    assert message.startswith("The figures are known, but this scale cannot be applied")
    assert "the base figure (Q1 2024) is unknown" in message
    window.store.update(view=ViewKind.RANKING, ranking_period="2025Q2")
    assert "the base figure (Q1 2024) is unknown" in window.ranking.message.text()


def test_a_scaled_tooltip_shows_the_records_figure_too(window: MainWindow) -> None:
    window.store.update(countries=("DEU",), normalisation=Normalisation.INDEX, **RANGE_2025)
    row = next(r for r in window.trend.model.rows if r.period == "2025Q2")
    lines = window.trend.tooltip_for(row).splitlines()
    assert lines[1] == "120 (index, Q1 2025 = 100 (base figure 3777))"
    assert lines[2] == "The records: 4,534 users affected · reported"


def test_a_trend_that_draws_every_country_lists_none(window: MainWindow) -> None:
    listed = window.trend.left_out_list
    assert listed is None or not listed.isVisibleTo(window.trend)
    assert len(window.trend.legend.items) == len(window.store.state.countries)


def test_a_redraw_keeps_the_legend_rows(window: MainWindow) -> None:
    legend = window.trend.legend
    rows = [(id(sample), id(label)) for sample, label in legend.items]
    window.store.update(log_scale=True)
    window.store.update(first=window.store.state.first + 1)
    assert [(id(sample), id(label)) for sample, label in legend.items] == rows
