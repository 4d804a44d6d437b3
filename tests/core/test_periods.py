"""Quarters, spans, their labels and the period notation people type."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tgviewer.core.periods.spans import (
    Granularity,
    PeriodError,
    QuarterSpan,
    parse_span,
    periods_in_range,
    quarter_index,
)

Q = QuarterSpan.quarter


@pytest.mark.parametrize(
    ("text", "expected", "label"),
    [
        ("2025Q1", Q(2025, 1), "Q1 2025"),
        ("2025q4", Q(2025, 4), "Q4 2025"),
        ("2025H1", QuarterSpan.half(2025, 1), "H1 2025"),
        ("2025H2", QuarterSpan.half(2025, 2), "H2 2025"),
        ("2025", QuarterSpan.year(2025), "2025"),
        (
            "2024Q1-2024Q3",
            QuarterSpan(quarter_index(2024, 1), quarter_index(2024, 3)),
            "Jan–Sep 2024",
        ),
        ("2024Q1-Q3", QuarterSpan(quarter_index(2024, 1), quarter_index(2024, 3)), "Jan–Sep 2024"),
        (
            "2024Q2–2024Q3",
            QuarterSpan(quarter_index(2024, 2), quarter_index(2024, 3)),
            "Apr–Sep 2024",
        ),
        (
            "2024Q4-2025Q1",
            QuarterSpan(quarter_index(2024, 4), quarter_index(2025, 1)),
            "Oct 2024–Mar 2025",
        ),
        ("2024-2025", QuarterSpan(quarter_index(2024, 1), quarter_index(2025, 4)), "2024–2025"),
        (
            "2024H2-2025H1",
            QuarterSpan(quarter_index(2024, 3), quarter_index(2025, 2)),
            "Jul 2024–Jun 2025",
        ),
        (" 2025Q2 ", Q(2025, 2), "Q2 2025"),
    ],
)
def test_parse_span_reads_every_notation(text: str, expected: QuarterSpan, label: str) -> None:
    span = parse_span(text)
    assert span == expected
    assert span.label == label


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("20244", "expected a year"),
        ("2025Q5", "Q1 to Q4"),
        ("2025H3", "H1 and H2"),
        ("2025Q3-2025Q1", "ends before it starts"),
        ("Q1", "must name a year"),
        ("", "expected a year"),
        ("0999", "year 999 is outside the years tgviewer supports, 1900–2999"),
        ("2024Q1-", "expected a year"),
    ],
)
def test_parse_span_explains_bad_input(text: str, reason: str) -> None:
    with pytest.raises(PeriodError, match=reason):
        parse_span(text)


def test_dates_of_a_span() -> None:
    span = parse_span("2024Q1-2024Q3")
    assert span.start_date == dt.date(2024, 1, 1)
    assert span.end_date == dt.date(2024, 9, 30)
    assert span.length == 3
    assert Q(2024, 4).end_date == dt.date(2024, 12, 31)


def test_from_dates_accepts_only_quarter_edges() -> None:
    assert QuarterSpan.from_dates(dt.date(2024, 1, 1), dt.date(2024, 9, 30)) == parse_span(
        "2024Q1-Q3"
    )
    assert QuarterSpan.from_dates(dt.date(2024, 1, 15), dt.date(2024, 9, 30)) is None
    assert QuarterSpan.from_dates(dt.date(2024, 1, 1), dt.date(2024, 9, 29)) is None
    assert QuarterSpan.from_dates(dt.date(2024, 4, 1), dt.date(2024, 3, 31)) is None


spans = st.builds(
    lambda first, length: QuarterSpan(first, first + length),
    st.integers(quarter_index(1990, 1), quarter_index(2100, 4)),
    st.integers(0, 16),
)


@given(spans)
def test_code_reads_back_as_the_same_span(span: QuarterSpan) -> None:
    assert parse_span(span.code) == span


@given(spans)
def test_dates_read_back_as_the_same_span(span: QuarterSpan) -> None:
    assert QuarterSpan.from_dates(span.start_date, span.end_date) == span


@given(spans, st.sampled_from(list(Granularity)))
def test_periods_in_range_tile_the_range_with_aligned_periods(
    span: QuarterSpan, granularity: Granularity
) -> None:
    periods = periods_in_range(span, granularity)
    for period in periods:
        assert span.contains(period)
        assert period.length == granularity.quarters
        assert period.first % granularity.quarters == 0
    for before, after in itertools.pairwise(periods):
        assert after.first == before.last + 1
    if granularity is Granularity.QUARTER:
        assert [p.first for p in periods] == list(span.quarters())


def test_periods_in_range_leaves_out_partial_periods() -> None:
    halves = periods_in_range(parse_span("2024Q2-2025Q4"), Granularity.HALF)
    assert [h.code for h in halves] == ["2024H2", "2025H1", "2025H2"]
    years = periods_in_range(parse_span("2024Q2-2026Q1"), Granularity.YEAR)
    assert [y.code for y in years] == ["2025"]
