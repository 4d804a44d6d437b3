"""Which line passes nearest the mouse, measured along its segments."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from tgviewer.ui.views.scene_geometry import distance_to_segment, nearest_line


def test_the_distance_to_a_segment_is_to_its_nearest_point() -> None:
    a, b = QPointF(0, 0), QPointF(10, 0)
    assert distance_to_segment(QPointF(5, 3), a, b) == pytest.approx(3.0)
    assert distance_to_segment(QPointF(-3, 4), a, b) == pytest.approx(5.0)  # past its end
    assert distance_to_segment(QPointF(1, 1), a, a) == pytest.approx(2**0.5)  # a point


def test_the_nearest_line_within_reach_is_named() -> None:
    runs = {
        "FRA": [[QPointF(0, 0), QPointF(100, 0)]],
        "DEU": [[QPointF(0, 10), QPointF(100, 10)], [QPointF(200, 0), QPointF(300, 0)]],
    }
    assert nearest_line(QPointF(50, 3), runs, 5.0) == "FRA"
    assert nearest_line(QPointF(50, 8), runs, 5.0) == "DEU"
    assert nearest_line(QPointF(150, 0), runs, 5.0) is None  # in DEU's gap, FRA far
    assert nearest_line(QPointF(250, 2), runs, 5.0) == "DEU"
