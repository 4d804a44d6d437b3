"""Placing point labels: none overlaps another, covers a point or leaves the chart, and each
leader runs from its own point to its own label."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from tgviewer.core.figures.label_placement import Box, LabelWanted, place_labels

BOUNDS = Box(0, 0, 600, 400)
RADIUS = 5.5


def wanted(key: str, x: float, y: float, width: float = 30, height: float = 14) -> LabelWanted:
    return LabelWanted(key, x, y, width, height)


def passing(label: LabelWanted, start: tuple[float, float], end: tuple[float, float]) -> float:
    """How near the segment from ``start`` to ``end`` passes ``label``'s point."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = dx * dx + dy * dy
    t = 0.0 if not length else ((label.x - start[0]) * dx + (label.y - start[1]) * dy) / length
    t = max(0.0, min(1.0, t))
    return math.hypot(start[0] + t * dx - label.x, start[1] + t * dy - label.y)


def test_a_lone_point_has_its_label_right_next_to_it_without_a_leader() -> None:
    placement = place_labels([wanted("FRA", 100, 100)], BOUNDS, RADIUS)
    (label,) = placement.placed
    assert label.leader is None and placement.left_off == ()
    assert label.box.left > 100 + RADIUS and label.box.top < 100 < label.box.bottom


def test_a_point_at_the_right_edge_is_labelled_on_its_left() -> None:
    (label,) = place_labels([wanted("FRA", 595, 100)], BOUNDS, RADIUS).placed
    assert label.box.right < 595 - RADIUS and label.box.within(BOUNDS)


def test_points_on_top_of_each_other_get_leaders_to_their_own_point() -> None:
    points = [wanted(code, 300 + i, 200 + i) for i, code in enumerate(["FRA", "DEU", "ITA", "ESP"])]
    placement = place_labels(points, BOUNDS, RADIUS)
    assert {p.key for p in placement.placed} == {"FRA", "DEU", "ITA", "ESP"}
    by_key = {p.key: p for p in placement.placed}
    for point in points:
        label = by_key[point.key]
        if label.leader is not None:
            start, end = label.leader
            assert start == (point.x, point.y)
            assert label.box.distance(*end) == 0  # ends on its own box
    assert sum(p.leader is not None for p in placement.placed) >= 1


def test_labels_that_find_no_room_are_left_off_and_listed() -> None:
    tiny = Box(0, 0, 100, 44)
    points = [wanted(f"C{i}", 50, 22) for i in range(5)]
    placement = place_labels(points, tiny, RADIUS)
    assert placement.left_off and len(placement.placed) + len(placement.left_off) == 5
    assert placement.placed[0].key == "C0"  # the first is the most important


def test_labels_avoid_points_that_carry_no_label() -> None:
    placement = place_labels([wanted("FRA", 100, 100)], BOUNDS, RADIUS, points=[(125, 100)])
    (label,) = placement.placed
    assert label.box.distance(125, 100) >= RADIUS


def test_box_geometry() -> None:
    box = Box(10, 10, 20, 10)
    assert box.overlaps(Box(25, 15, 10, 10)) and not box.overlaps(Box(31, 10, 5, 5))
    assert not box.overlaps(Box(31, 10, 5, 5), gap=0.5) and box.overlaps(Box(31, 10, 5, 5), 2)
    assert box.nearest(0, 0) == (10, 10) and box.distance(15, 15) == 0


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 600), st.floats(0, 400), st.integers(10, 90)),
        min_size=1,
        max_size=40,
    )
)
def test_placed_labels_never_overlap_cover_points_or_leave_the_chart(
    points: list[tuple[float, float, int]],
) -> None:
    labels = [wanted(f"P{i}", x, y, width) for i, (x, y, width) in enumerate(points)]
    placement = place_labels(labels, BOUNDS, RADIUS)
    assert sorted(p.key for p in placement.placed) + sorted(placement.left_off) != []
    assert {p.key for p in placement.placed} | set(placement.left_off) == {
        label.key for label in labels
    }
    for a, b in itertools.combinations(placement.placed, 2):
        assert not a.box.overlaps(b.box)
    by_key = {label.key: label for label in labels}
    for placed in placement.placed:
        assert placed.box.within(BOUNDS)
        own = by_key[placed.key]
        assert placed.point == (own.x, own.y)
        for label in labels:
            assert placed.box.distance(label.x, label.y) >= RADIUS
        if placed.leader is not None:
            start, end = placed.leader
            assert start == (own.x, own.y) and placed.box.distance(*end) == 0
            # It crosses no other point's marker (but one covering its own point's centre).
            for other in labels:
                if math.hypot(other.x - own.x, other.y - own.y) > RADIUS + 1:
                    assert passing(other, start, end) >= RADIUS + 1
        else:  # right next to its own point, and nearer it than any other point
            mine = placed.box.distance(own.x, own.y)
            assert mine <= RADIUS + 3 * math.sqrt(2) + 0.01
            assert all(
                placed.box.distance(o.x, o.y) > mine for o in labels if (o.x, o.y) != (own.x, own.y)
            )


def test_labels_keep_clear_of_boxes_already_taken() -> None:
    taken = Box(108, 90, 80, 20)  # where the label would go, right of its point
    placement = place_labels([wanted("FRA", 100, 100)], BOUNDS, RADIUS, obstacles=[taken])
    (label,) = placement.placed
    assert not label.box.overlaps(taken)


def test_a_label_next_to_its_point_is_nearer_it_than_any_other_point() -> None:
    labels = [wanted("FRA", 100, 100), wanted("DEU", 112, 100), wanted("ITA", 88, 100)]
    placement = place_labels(labels, BOUNDS, RADIUS)
    by_key = {label.key: label for label in labels}
    assert placement.left_off == ()
    for placed in placement.placed:
        own = by_key[placed.key]
        mine = placed.box.distance(own.x, own.y)
        if placed.leader is not None:
            continue  # the leader says whose it is
        for other in labels:
            if other.key != placed.key:
                assert placed.box.distance(other.x, other.y) > mine
