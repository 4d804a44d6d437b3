"""Plurals: one of a thing is said in the singular, everywhere a count meets a noun, and a
tooltip says how a figure is known once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tgviewer.core.bundle.problems import count_words, warning
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.figures.details import country_details
from tgviewer.core.figures.series import series_rows
from tgviewer.core.figures.suggestions import Suggestion
from tgviewer.core.periods.dates import parse_date
from tgviewer.core.periods.spans import parse_span
from tgviewer.core.plurals import plural, quantity, singular_of
from tgviewer.core.state.view_state import ViewKind, default_view_state
from tgviewer.core.views.formatting import describe_row, how_known
from tgviewer.core.views.registry import view_model

from .bundles import manifest, records_csv, write_folder


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "country", "0 countries"),
        (1, "country", "1 country"),
        (2, "country", "2 countries"),
        (1, "record", "1 record"),
        (1_234, "record", "1,234 records"),
        (1, "warning", "1 warning"),
        (3, "caution", "3 cautions"),
        (1, "quarter", "1 quarter"),
        (2, "address", "2 addresses"),
        (2, "day", "2 days"),
        (2, "person", "2 people"),
        (1.0, "row", "1 row"),
        (2.5, "quarter", "2.5 quarters"),
        (1, "selected country", "1 selected country"),
        (4, "selected country", "4 selected countries"),
    ],
)
def test_a_count_says_its_noun_in_the_singular_for_one_only(
    count: float, noun: str, expected: str
) -> None:
    assert plural(count, noun) == expected


def test_an_explicit_plural_wins_over_the_rule() -> None:
    assert plural(2, "datum", "data") == "2 data"
    assert plural(1, "datum", "data") == "1 datum"


@pytest.mark.parametrize(
    ("many", "one"),
    [
        ("fulfilled requests", "fulfilled request"),
        ("users affected", "user affected"),
        ("IP addresses", "IP address"),
        ("users per request", "user per request"),
        ("countries", "country"),
        ("Requests", "Request"),
        ("status", "status"),  # not a plural: left as it is
    ],
)
def test_a_measure_named_in_the_plural_reads_in_the_singular(many: str, one: str) -> None:
    assert singular_of(many) == one


@pytest.mark.parametrize(
    ("value", "words", "expected"),
    [
        (1, "fulfilled requests", "1 fulfilled request"),
        (1.0, "users affected", "1 user affected"),
        (0, "users affected", "0 users affected"),
        (2, "fulfilled requests", "2 fulfilled requests"),
        (0.5, "users per request", "0.5 users per request"),
    ],
)
def test_a_figure_of_one_reads_in_the_singular(value: float, words: str, expected: str) -> None:
    assert quantity(value, words) == expected


def test_quantity_keeps_the_figure_as_written() -> None:
    assert quantity(1_000, "users affected", "1,000") == "1,000 users affected"
    assert quantity(1, "users affected", "1") == "1 user affected"


@pytest.fixture
def ones(tmp_path: Path):  # type: ignore[no-untyped-def]
    """One country, one record: one request, one user."""
    document = manifest(
        measures=[
            {"key": "requests", "label": "Fulfilled requests", "description": ""},
            {"key": "users", "label": "Users affected", "description": ""},
        ]
    )
    folder = write_folder(
        tmp_path / "b",
        records_csv("FRA,2024-01-01,2024-03-31,1,1,Telegram,src,"),
        manifest_doc=document,
    )
    return read_bundle(folder)


def test_the_details_of_one_request_say_it_in_the_singular(ones) -> None:  # type: ignore[no-untyped-def]
    text = country_details(ones, "FRA", "Telegram").to_text()
    assert "1 fulfilled request, 1 user affected" in text
    assert "1 fulfilled requests" not in text


def test_a_tooltip_says_one_user_and_its_status_once(ones) -> None:  # type: ignore[no-untyped-def]
    span = parse_span("2024Q1")
    state = dataclasses.replace(
        default_view_state(ones), countries=("FRA",), first=span.first, last=span.last
    )
    row = series_rows(ones, state)[0]
    lines = describe_row(row, "users affected").splitlines()
    assert lines[1] == "1 user affected · reported"
    assert lines[2] == "records.csv line 2"
    assert sum(line.count("reported") for line in lines) == 1


def test_the_scatter_caption_counts_one_selected_country(ones) -> None:  # type: ignore[no-untyped-def]
    state = dataclasses.replace(default_view_state(ones), countries=("FRA",), view=ViewKind.SCATTER)
    caption = view_model(ones, state).caption
    assert "of 1 selected country " in caption


@pytest.mark.parametrize(
    ("status", "explanation", "expected"),
    [
        ("reported", "reported (records.csv line 137)", "records.csv line 137"),
        (
            "reported",
            "reported (records.csv line 2); inconsistent: x",
            "records.csv line 2; inconsistent: x",
        ),
        ("derived", "derived: 2024 − Jan–Sep 2024", "2024 − Jan–Sep 2024"),
        ("unknown", "unknown: no record covers Q1 2024", "no record covers Q1 2024"),
        ("unknown", "undefined: no request was fulfilled", "undefined: no request was fulfilled"),
    ],
)
def test_how_a_figure_is_known_does_not_repeat_its_status(
    status: str, explanation: str, expected: str
) -> None:
    assert how_known(status, explanation) == expected


def test_counts_in_messages_read_in_the_singular_for_one() -> None:
    assert count_words([warning("x", "records.csv")]) == "1 warning"
    assert Suggestion(parse_span("2024Q1"), parse_span("2025Q1"), ("FRA",), 1).describe() == (
        "Q1 2024 vs Q1 2025: 1 of 1 country"
    )
    with pytest.raises(ValueError, match="1 digit where a date has 8"):
        parse_date("2")


def test_the_coverage_caption_counts_one_country_quarter(ones) -> None:  # type: ignore[no-untyped-def]
    span = parse_span("2024Q1")
    state = dataclasses.replace(
        default_view_state(ones),
        countries=("FRA",),
        first=span.first,
        last=span.last,
        view=ViewKind.COVERAGE,
    )
    assert "1 of 1 country-quarter has a figure" in view_model(ones, state).caption
