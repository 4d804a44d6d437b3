"""Cautions: a record with more requests than users is flagged in plain words, apart from
contradictions, in validation, the Details dock, the series rows, tooltips and the CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from tgviewer.core.bundle.cautions import CAUTION_MARK, MORE_REQUESTS_THAN_USERS, has_caution
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.problems import Severity, cautions_in, count_words, warnings_in
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.figures.details import country_details
from tgviewer.core.figures.series import SeriesRow, series_rows
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.state.view_state import (
    USERS_PER_REQUEST,
    ViewKind,
    ViewState,
    default_view_state,
)
from tgviewer.core.views.formatting import CAUTION_LINE, describe_row
from tgviewer.core.views.registry import data_csv, view_model

from .bundles import records_csv, write_folder

IND_Q4_2025 = (
    "records.csv, line 146: IND Q4 2025: more requests than users: several requests may "
    "concern the same users (12,146 requests, 8,855 users)"
)


@pytest.fixture
def small(tmp_path: Path) -> Bundle:
    """FRA's 2024 total has more requests than users; its Q4 is derived from that total."""
    folder = write_folder(
        tmp_path / "b",
        records_csv(
            "FRA,2024-01-01,2024-09-30,9,30,Telegram,src,",  # line 2
            "FRA,2024-01-01,2024-12-31,50,40,Telegram,src,",  # line 3: the caution
            "FRA,2024-01-01,2024-03-31,3,3,Telegram,src,",  # as many requests as users
            "DEU,2024-10-01,2024-12-31,5,,Telegram,src,",  # users unknown
        ),
    )
    return read_bundle(folder)


def state(bundle: Bundle, countries: tuple[str, ...], span: str, **changes: object) -> ViewState:
    chosen = parse_span(span)
    return dataclasses.replace(
        default_view_state(bundle),
        countries=countries,
        first=chosen.first,
        last=chosen.last,
        **changes,
    )


def cell(rows: tuple[SeriesRow, ...], country: str, period: str) -> SeriesRow:
    return next(r for r in rows if r.country == country and r.period == period)


# Validation ------------------------------------------------------------------------------


def test_the_default_bundle_cautions_about_india_apart_from_its_warning(
    default_bundle: Bundle,
) -> None:
    cautions = cautions_in(default_bundle.warnings)
    assert str(cautions[0]) == IND_Q4_2025
    assert [c.line for c in cautions] == [146, 147]  # Q4 2025, and the 2025 total
    assert all(c.severity is Severity.CAUTION and c.file == "records.csv" for c in cautions)
    assert [w.severity for w in warnings_in(default_bundle.warnings)] == [Severity.WARNING]
    assert count_words(default_bundle.warnings) == "1 warning, 2 cautions"


def test_a_small_bundle_cautions_only_where_requests_outnumber_users(small: Bundle) -> None:
    assert warnings_in(small.warnings) == []
    assert [str(c) for c in cautions_in(small.warnings)] == [
        f"records.csv, line 3: FRA 2024: {MORE_REQUESTS_THAN_USERS} (50 requests, 40 users)"
    ]
    assert [has_caution(r) for r in small.records] == [False, True, False, False]
    assert count_words(()) == "0 warnings"


# Details ---------------------------------------------------------------------------------


def test_details_mark_indias_records_and_say_the_caution(default_bundle: Bundle) -> None:
    details = country_details(default_bundle, "IND", "Telegram")
    flagged = [(line.period, line.marks) for line in details.records if line.caution]
    assert flagged == [("2025", f" {CAUTION_MARK}"), ("Q4 2025", f" {CAUTION_MARK}")]
    assert details.cautions[1] == (
        f"{CAUTION_MARK} Q4 2025: {MORE_REQUESTS_THAN_USERS} "
        "(12,146 requests, 8,855 users; records.csv line 146)."
    )
    # A caution is not a contradiction: no warning, no ⚠, not repeated among the warnings.
    assert details.warnings == ()
    assert not any(line.inconsistent for line in details.records)
    html = details.to_html()
    assert "<h4>Cautions</h4>" in html and "Warnings" not in html
    assert f"{CAUTION_MARK} marks records with a caution." in html
    assert f"<b>Q4 2025 {CAUTION_MARK}</b>" in html
    text = details.to_text()
    assert f"- Q4 2025 {CAUTION_MARK}: 12,146 fulfilled requests" in text
    assert text.count(MORE_REQUESTS_THAN_USERS) == 2
    assert country_details(default_bundle, "FRA", "Telegram").cautions == ()


def test_details_of_a_small_bundle(small: Bundle) -> None:
    details = country_details(small, "FRA", "Telegram")
    assert details.warnings == ()
    assert details.cautions == (
        f"{CAUTION_MARK} 2024: {MORE_REQUESTS_THAN_USERS} "
        "(50 requests, 40 users; records.csv line 3).",
    )
    assert [line.reference for line in details.records if line.caution] == ["records.csv line 3"]
    assert country_details(small, "DEU", "Telegram").cautions == ()


# Series rows, tooltips and the CSV -------------------------------------------------------


def test_series_rows_of_india_carry_the_caution(default_bundle: Bundle) -> None:
    rows = series_rows(default_bundle, state(default_bundle, ("IND", "FRA"), "2025"))
    assert [r.period for r in rows if r.caution] == ["2025Q4"]
    assert cell(rows, "IND", "2025Q4").country == "IND"
    assert not cell(rows, "IND", "2025Q3").caution and not cell(rows, "FRA", "2025Q4").caution
    yearly = series_rows(
        default_bundle,
        state(default_bundle, ("IND",), "2024-2025", granularity=Granularity.YEAR),
    )
    assert [(r.period, r.caution) for r in yearly] == [("2024", False), ("2025", True)]
    text = describe_row(cell(rows, "IND", "2025Q4"), "users affected")
    assert CAUTION_LINE in text and MORE_REQUESTS_THAN_USERS in CAUTION_LINE
    assert "⚠" not in text
    assert CAUTION_LINE not in describe_row(cell(rows, "IND", "2025Q3"), "users affected")


def test_a_figure_derived_from_a_record_with_a_caution_has_it(small: Bundle) -> None:
    for measure in ("users", "requests", USERS_PER_REQUEST):
        rows = series_rows(small, state(small, ("FRA", "DEU"), "2024", measure=measure))
        q4 = cell(rows, "FRA", "2024Q4")
        assert q4.status == "derived" and q4.caution, measure  # 2024 − Jan–Sep
        assert not cell(rows, "FRA", "2024Q1").caution  # 3 requests, 3 users
        assert not cell(rows, "DEU", "2024Q4").caution
    rows = series_rows(small, state(small, ("FRA",), "2024", granularity=Granularity.YEAR))
    assert [r.caution for r in rows] == [True]


def test_the_csv_has_a_caution_column(default_bundle: Bundle, small: Bundle) -> None:
    chosen = state(default_bundle, ("IND", "FRA"), "2025", view=ViewKind.TABLE)
    table = view_model(default_bundle, chosen).data_table()
    cautions = {
        (row["country"], row["period"]): row["caution"] for row in table.records() if row["caution"]
    }
    assert cautions == {("IND", "2025Q4"): MORE_REQUESTS_THAN_USERS}
    lines = [line for line in data_csv(default_bundle, chosen).splitlines() if line[:1] != "#"]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert [r["caution"] for r in rows if r["country"] == "IND" and r["period"] == "2025Q4"] == [
        MORE_REQUESTS_THAN_USERS
    ]
    assert {r["caution"] for r in rows if r["country"] == "FRA"} == {""}
    trend = view_model(small, state(small, ("FRA",), "2024", view=ViewKind.TREND)).data_table()
    assert {r["period"]: r["caution"] for r in trend.records()}["2024Q4"] == (
        MORE_REQUESTS_THAN_USERS
    )
