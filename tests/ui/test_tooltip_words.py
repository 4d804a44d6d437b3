"""Tooltips say how a figure is known once: never "reported · reported"."""

from __future__ import annotations

import re

from tgviewer.core.state.view_state import ViewKind
from tgviewer.ui.window.main_window import MainWindow

REPEATED = re.compile(r"\b(reported|derived|unknown)\b\W+\1\b")


def test_compare_tooltips_say_each_status_once(window: MainWindow) -> None:
    window.store.update(
        view=ViewKind.COMPARE,
        countries=("FRA", "DEU", "IND"),
        compare_a="2024Q1-2024Q4",
        compare_b="2025Q1-2025Q4",
    )
    tooltips = window.compare.tooltips
    assert set(tooltips) == {"FRA", "DEU", "IND"}
    for text in tooltips.values():
        assert not REPEATED.search(text), text
    assert "2024: 2,072 users affected · reported — records.csv line 7" in tooltips["FRA"]


def test_ranking_tooltips_say_each_status_once(window: MainWindow) -> None:
    window.store.update(view=ViewKind.RANKING, countries=("FRA", "DEU", "IND"))
    tooltips = window.ranking.tooltips
    assert tooltips
    for text in tooltips.values():
        assert not REPEATED.search(text), text
        assert text.count("reported") <= 1, text


def test_coverage_tooltips_say_each_status_once(window: MainWindow) -> None:
    window.store.update(view=ViewKind.COVERAGE, countries=("FRA", "DEU"))
    view = window.coverage
    assert view.coverage is not None
    cells = [cell for row in view.coverage.rows for cell in row.cells]
    texts = [view.tooltip_for(cell) for cell in cells]
    assert any("reported, 17 — records.csv line 2" in text for text in texts)
    for text in texts:
        assert not REPEATED.search(text), text
