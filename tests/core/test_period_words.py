"""Periods written in words, as the window shows them, are read back (--period "Jan-Sep 2024")."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tgviewer.core.periods.spans import PeriodError, QuarterSpan, quarter_index
from tgviewer.core.periods.words import parse_period
from tgviewer.core.views.chart_text import range_words

QUARTERS = st.integers(quarter_index(1990, 1), quarter_index(2060, 4))


@st.composite
def spans(draw: st.DrawFn) -> QuarterSpan:
    first = draw(QUARTERS)
    return QuarterSpan(first, draw(st.integers(first, first + 40)))


@given(spans())
def test_every_label_and_code_reads_back(span: QuarterSpan) -> None:
    assert parse_period(span.label) == span
    assert parse_period(span.code) == span
    assert parse_period(range_words(span)) == span  # a chart's title: "Q1 2024 – Q1 2026"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Jan-Sep 2024", "2024Q1-2024Q3"),
        ("jan–sep 2024", "2024Q1-2024Q3"),
        ("January to September 2024", "2024Q1-2024Q3"),
        ("2024 Q1", "2024Q1"),
        ("h2 2025", "2025H2"),
        ("Q1-Q3 2024", "2024Q1-2024Q3"),
        ("Oct 2024 - Mar 2025", "2024Q4-2025Q1"),
    ],
)
def test_the_ways_people_write_periods(text: str, code: str) -> None:
    assert parse_period(text).code == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Feb-Sep 2024", "Feb does not begin a quarter"),
        ("Jan-Aug 2024", "Aug does not end a quarter"),
        ("Jan-Sep", "it names no year"),
        ("Q5 2024", "quarters run from Q1 to Q4"),
        ("Oct 2025 - Mar 2024", "ends before it starts"),
        ("Jan-Sep 0999", "0999"),
        ("soon", "expected a year (2025)"),
        ("2025Q9", "quarters run from Q1 to Q4"),  # a code's own message
    ],
)
def test_what_cannot_be_read_says_why(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=re.escape(message)):
        parse_period(text)
