"""The window, driven as a person would, checked on what the views hold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers import OFFLINE_BOOT
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.view_state import default_view_state
from tgviewer.ui.window.main_window import MainWindow


def line_data(window: MainWindow, country: str) -> tuple[list[float], list[float]]:
    xs, ys = window.trend.lines[country].getData()
    return list(xs), list(ys)


def test_opens_on_useful_data(window: MainWindow) -> None:
    assert window.store.state.countries == ("IND", "DEU", "KOR", "POL", "FRA")
    _, ys = line_data(window, "FRA")
    assert ys[:5] == [17, 37, 632, 1386, 1425]
    _, deu = line_data(window, "DEU")
    assert np.isnan(deu[:3]).all()  # inside the Jan–Sep 2024 total: gaps, not zeros
    assert deu[3] == 2122
    assert "Offline" in " ".join(
        w.text() for w in window.statusBar().findChildren(type(window.filters.count_label))
    )


def test_nine_month_totals_are_dashed_spans_not_quarter_values(window: MainWindow) -> None:
    segments = {country: item for country, item, _ in window.trend.span_segments}
    xs, ys = segments["DEU"].getData()
    assert list(ys) == [115, 115]
    assert list(xs) == [-0.4, 2.4]  # across Q1–Q3 2024
    assert segments["DEU"].opts["pen"].style() == Qt.PenStyle.CustomDashLine
    labels = [label.textItem.toPlainText() for _, _, label in window.trend.span_segments]
    assert "Germany, Jan–Sep 2024 total: 115" in labels


def test_reported_points_are_filled_and_derived_hollow(window: MainWindow) -> None:
    window.store.update(countries=("BGR",))
    derived = window.trend.derived_points["BGR"]
    _, ys = derived.getData()
    assert list(ys) == [40]  # Q4 2024 = 2024 (40) − Jan–Sep 2024 (0)
    assert derived.opts["brush"].color().alpha() == 0
    assert window.trend.reported_points["BGR"].opts["brush"].color().alpha() == 255


def test_ticking_a_country_redraws_once(window: MainWindow, qtbot: QtBot) -> None:
    before = window.render_count
    panel = window.filters
    item = next(
        panel.countries.item(i)
        for i in range(panel.countries.count())
        if panel.countries.item(i).data(Qt.ItemDataRole.UserRole) == "USA"
    )
    item.setCheckState(Qt.CheckState.Checked)
    assert window.store.state.countries[-1] == "USA"
    assert window.render_count == before + 1
    assert line_data(window, "USA")[1][3] == 2145
    assert panel.count_label.text() == "6 selected"


def test_search_filters_the_country_list(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.filters.search, "germ")
    panel = window.filters
    visible = [
        panel.countries.item(i).text()
        for i in range(panel.countries.count())
        if not panel.countries.isRowHidden(i)
    ]
    assert visible == ["Germany  (DEU)"]


def test_reset_is_one_action(window: MainWindow, default_bundle: Bundle) -> None:
    window.store.update(countries=(), measure="requests")
    before = window.render_count
    window.filters.reset_button.click()
    assert window.store.state == default_view_state(default_bundle)
    assert window.render_count == before + 1
    assert window.filters.measure.currentData() == "users"


def test_no_country_selected_says_what_to_do(window: MainWindow) -> None:
    window.filters.none_button.click()
    assert window.trend.message.isVisible()
    assert "No country selected" in window.trend.message.text()
    assert window.trend.lines == {}


@pytest.mark.parametrize(
    ("normalisation", "label"),
    [
        ("ABSOLUTE", ""),
        ("PER_MILLION", "per million inhabitants"),
        ("SHARE", "% of the selected countries' total"),
    ],
)
def test_the_axis_names_the_scale_not_one_country(
    window: MainWindow, normalisation: str, label: str
) -> None:
    from tgviewer.core.state.view_state import Normalisation

    window.store.update(normalisation=Normalisation[normalisation])
    assert window.trend.plot.getAxis("left").labelText == label


def test_scaled_span_totals_keep_their_digits(window: MainWindow) -> None:
    from tgviewer.core.state.view_state import Normalisation

    window.store.update(normalisation=Normalisation.PER_MILLION)
    labels = {
        country: label.textItem.toPlainText() for country, _, label in window.trend.span_segments
    }
    assert labels["DEU"] == "Germany, Jan–Sep 2024 total: 1.38"  # 115 users / 83.5 million
    assert labels["KOR"] == "South Korea, Jan–Sep 2024 total: 0"  # zero users: a true zero


def test_events_are_vertical_lines(window: MainWindow) -> None:
    titles = [line.label.toPlainText() for line in window.trend.event_lines]
    assert titles == ["Durov arrested in France", "Privacy policy extended"]
    positions = [line.value() for line in window.trend.event_lines]
    assert 1.5 < positions[0] < positions[1] < 2.5  # late in Q3 2024


def test_smoke_start_exits_zero_offline_and_reports_time() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_BOOT, "--smoke"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "time to interactive" in result.stdout
    assert "NETWORK USED" not in result.stderr
    assert "Traceback" not in result.stderr


def test_smoke_start_on_a_broken_bundle_says_why(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tgbundle"
    broken.write_text("not a zip")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_BOOT, str(broken), "--smoke"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1
    assert "broken.tgbundle: cannot be used" in result.stderr
    assert "not a zip archive" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_axes_show_every_point_and_span_total(window: MainWindow) -> None:
    window.store.update(countries=("FRA", "DEU", "USA"))
    (left, right), (bottom, top) = window.trend.plot.getViewBox().viewRange()
    spans = [item.getData() for _, item, _ in window.trend.span_segments]
    assert all(r.value <= top for r in window.trend.model.rows if r.known)
    assert max(max(ys) for _, ys in spans) <= top and bottom <= 0
    assert left <= min(min(xs) for xs, _ in spans)
    assert len(window.store.state.periods()) - 1 < right
