"""Where labels go: spread apart, the room at the right, how many period labels fit."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from tgviewer.ui.views.label_layout import label_step, labelled, right_margin, spread


@given(st.lists(st.floats(0, 500), max_size=12))
def test_spread_labels_never_overlap_and_stay_inside(wanted: list[float]) -> None:
    placed = spread(wanted, 20.0, 0.0, 500.0)
    assert placed is not None and len(placed) == len(wanted)
    ordered = sorted(placed)
    assert all(b - a >= 20.0 - 1e-9 for a, b in pairwise(ordered))
    assert all(10.0 - 1e-9 <= y <= 490.0 + 1e-9 for y in placed)


def test_spread_keeps_labels_that_fit_where_wanted_and_refuses_too_many() -> None:
    assert spread([100.0, 300.0], 20.0, 0.0, 500.0) == [100.0, 300.0]
    assert spread([100.0, 105.0], 20.0, 0.0, 500.0) == [100.0, 120.0]
    assert spread([1.0] * 30, 20.0, 0.0, 500.0) is None


def test_right_margin_fits_the_label_or_says_there_is_no_room() -> None:
    margin = right_margin(100.0, 1000.0, 9, 1 / 3)
    assert margin is not None
    assert margin * 1000.0 / (9 + margin) == 100.0  # the label's width, in periods
    assert right_margin(400.0, 1000.0, 9, 1 / 3) is None


def test_period_labels_thin_out_keeping_the_last() -> None:
    assert label_step(60.0, 100.0) == 1
    assert label_step(60.0, 25.0) == 3
    assert labelled(9, 3) == [2, 5, 8]


def test_a_segment_crosses_a_rectangle_only_through_it() -> None:
    from tgviewer.ui.views.label_layout import crosses

    rect = (0.0, 0.0, 10.0, 10.0)
    assert crosses(rect, (-5.0, 5.0), (15.0, 5.0))  # straight through
    assert crosses(rect, (2.0, 2.0), (3.0, 3.0))  # inside
    assert not crosses(rect, (-5.0, -1.0), (15.0, -1.0))  # above it
    assert not crosses(rect, (11.0, -5.0), (20.0, 5.0))  # beside it, slanting
    assert crosses(rect, (-5.0, 0.0), (5.0, 20.0))  # through a corner's side


def test_legend_rows_fit_the_room_given() -> None:
    from tgviewer.ui.views.label_layout import legend_rows

    assert legend_rows(100.0, 20.0) == 5
    assert legend_rows(19.0, 20.0) == 0
    assert legend_rows(-5.0, 20.0) == 0
