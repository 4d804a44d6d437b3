"""Where values go along a value axis: linear, or log with zeros at the foot (no Qt)."""

from __future__ import annotations

import math

import pytest

from tgviewer.core.views.formatting import format_value
from tgviewer.core.views.value_scale import ValueScale


def test_value_scale_foot_sits_a_decade_below_the_smallest_positive_value() -> None:
    scale = ValueScale.fit([0.0, 3.0, 4534.0, float("nan")], log=True)
    assert scale.foot == 0.1
    assert scale.at(0.0) == -1.0 and scale.at_foot(0.0)
    assert scale.at(1000.0) == 3.0 and not scale.at_foot(1000.0)
    assert math.isnan(scale.at(float("nan")))
    assert ValueScale.fit([10.0], log=True).foot == 1.0  # strictly below 10
    assert ValueScale.fit([0.0], log=True).foot == 1.0  # only zeros: still drawn
    linear = ValueScale.fit([0.0, 5.0], log=False)
    assert linear.at(0.0) == 0.0 and not linear.at_foot(0.0)
    assert linear.ticks(0, 5) is None


def test_log_ticks_read_as_plain_numbers() -> None:
    scale = ValueScale(log=True, foot=1.0)
    major, minor = scale.ticks(-0.2, 3.1) or ([], [])
    assert major == [(0.0, "0"), (1.0, "10"), (2.0, "100"), (3.0, "1,000")]
    assert (math.log10(20), "20") in [(pytest.approx(v), t) for v, t in minor]


def test_figures_read_in_full_or_to_three_digits() -> None:
    assert format_value(4534.0) == "4,534"
    assert format_value(0.3) == "0.3"
    assert format_value(123.456) == "123"
    assert format_value(float("nan")) == "—"


def test_a_log_axis_without_zeros_spends_no_room_on_the_foot() -> None:
    values = [700.0, 2_000.0, 45_000.0]
    scale = ValueScale.fit(values, log=True)
    low, high = scale.span(values)
    assert math.log10(700) - 0.2 < low < math.log10(700)  # just below the smallest value
    assert high > math.log10(45_000)
    major, minor = scale.ticks(low, high) or ([], [])
    assert "0" not in [text for value, text in major if low <= value <= high]
    assert tuple(t for _, t in major[1:3]) == ("1,000", "10,000")
    assert "500" not in [t for _, t in minor] and "2,000" in [t for _, t in minor]
    with_zero = [0.0, *values]
    low_zero, _ = ValueScale.fit(with_zero, log=True).span(with_zero)
    assert low_zero < math.log10(10)  # the foot, a decade below 700's, is in sight
