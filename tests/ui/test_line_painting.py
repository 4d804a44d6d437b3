"""The trend stays quick with long or jagged series: long lines are drawn as segments, and
antialiasing is kept while the lines are short enough on screen to paint quickly."""

from __future__ import annotations

import dataclasses
import math

from pytestqt.qtbot import QtBot

from tgviewer.core.bundle.model import Bundle, Record
from tgviewer.core.periods.spans import quarter_end, quarter_index, quarter_start
from tgviewer.core.state.view_state import ViewKind, ViewState
from tgviewer.ui.views.line_painting import (
    ANTIALIAS_BUDGET,
    LONG_LINE_POINTS,
    PATH_BUDGET,
    line_style,
    screen_length,
)
from tgviewer.ui.views.trend import TrendView

from .conftest import MakeWindow

COUNTRIES = ("FRA", "DEU", "ITA", "ESP", "POL")


def test_screen_length_measures_on_screen_and_skips_gaps() -> None:
    # One line across a 300x400 plot: 3-4-5 in pixels.
    assert screen_length([([0.0, 1.0], [0.0, 1.0])], 300, 400) == 500
    # A gap (NaN) draws nothing across it.
    assert screen_length([([0.0, 1.0, 2.0], [0.0, math.nan, 1.0])], 300, 400) == 0
    assert screen_length([], 300, 400) == 0


def test_lines_are_paths_while_cheap_then_segments_then_plain() -> None:
    # (segments, antialiased)
    assert line_style(LONG_LINE_POINTS, PATH_BUDGET) == (False, True)  # short and smooth
    assert line_style(LONG_LINE_POINTS + 1, PATH_BUDGET) == (True, True)  # long and smooth
    assert line_style(LONG_LINE_POINTS, PATH_BUDGET + 1) == (True, True)  # short but jagged
    assert line_style(10, ANTIALIAS_BUDGET + 1) == (True, False)  # too much to smooth


def quarterly_bundle(default_bundle: Bundle, figure: object, quarters: int) -> Bundle:
    """``quarters`` quarters from 2000 of the five countries, with ``figure(q, i)``."""
    first = quarter_index(2000, 1)
    records = tuple(
        Record(
            country,
            quarter_start(first + q),
            quarter_end(first + q),
            {"requests": figure(q, i), "users": figure(q, i)},  # type: ignore[operator]
        )
        for q in range(quarters)
        for i, country in enumerate(COUNTRIES)
    )
    return dataclasses.replace(default_bundle, records=records, warnings=(), cache={})


def trend_of(make_window: MakeWindow, qtbot: QtBot, bundle: Bundle) -> TrendView:
    span = bundle.quarter_span
    assert span is not None
    state = ViewState(countries=COUNTRIES, first=span.first, last=span.last, view=ViewKind.TREND)
    window = make_window(bundle, state=state)
    qtbot.waitExposed(window)
    return window.trend


def test_smooth_long_series_are_segments_and_stay_antialiased(
    make_window: MakeWindow, qtbot: QtBot, default_bundle: Bundle
) -> None:
    bundle = quarterly_bundle(default_bundle, lambda q, i: 1000 + 10 * q + 100 * i, 100)
    trend = trend_of(make_window, qtbot, bundle)
    lines = [trend.lines[c] for c in COUNTRIES]
    assert all(len(line.xData) == 100 > LONG_LINE_POINTS for line in lines)
    assert all(line.curve.opts["segmentedLineMode"] == "on" for line in lines)
    assert all(line.curve.opts["antialias"] for line in lines)


def test_jagged_long_series_are_painted_plain(
    make_window: MakeWindow, qtbot: QtBot, default_bundle: Bundle
) -> None:
    bundle = quarterly_bundle(default_bundle, lambda q, i: 100 + 5000 * ((q + i) % 2), 400)
    trend = trend_of(make_window, qtbot, bundle)
    lines = [trend.lines[c] for c in COUNTRIES]
    drawn = [(line.xData, line.yData) for line in lines]
    view = trend.plot.getViewBox()
    assert screen_length(drawn, view.width(), view.height()) > ANTIALIAS_BUDGET
    assert not any(line.curve.opts["antialias"] for line in lines)
    # The figures drawn are all there: nothing is thinned out.
    assert [len(x) for x, _ in drawn] == [400] * 5


def test_the_default_bundle_is_drawn_as_antialiased_paths(make_window: MakeWindow) -> None:
    window = make_window()
    lines = list(window.trend.lines.values())
    assert lines and all(line.curve.opts["antialias"] for line in lines)
    assert all(line.curve.opts["segmentedLineMode"] == "auto" for line in lines)
