"""``tgviewer table`` ranks as the window does: per capita, sorted, the top N."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from tests.helpers import run
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import Granularity
from tgviewer.core.state.view_state import Normalisation, default_view_state
from tgviewer.core.views.groups import top_countries


def rows_of(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def test_the_top_ten_per_million_are_the_windows_top_ten(
    capsys: pytest.CaptureFixture[str], default_bundle: Bundle
) -> None:
    code, out, err = run(
        capsys,
        "table",
        "--period",
        "2025",
        "--measure",
        "users",
        "--per-capita",
        "--top",
        "10",
        "--format",
        "csv",
    )
    assert code == 0, err
    rows = rows_of(out)
    state = dataclasses.replace(
        default_view_state(default_bundle),
        granularity=Granularity.YEAR,
        ranking_period="2025",
        normalisation=Normalisation.PER_MILLION,
    )
    assert [r["country"] for r in rows] == list(top_countries(default_bundle, state))
    values = [float(r["value"]) for r in rows]
    assert values == sorted(values, reverse=True) and len(rows) == 10
    germany = next(r for r in rows if r["country"] == "DEU")
    assert int(germany["records_figure"]) == 12455
    assert float(germany["value"]) == pytest.approx(12455 / 83_516_593 * 1e6)
    assert "per million inhabitants, population 83,516,593" in germany["explanation"]


def test_the_text_says_per_million_and_reads_to_three_digits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "table", "--period", "2025", "--measure", "users", "--per-capita", "--top", "3"
    )
    assert code == 0
    assert out.startswith("Users affected, per million inhabitants, 2025")
    assert "DEU   Germany    149  12455" in out


def test_sorting_by_value_puts_unknown_figures_last(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "table",
        "--period",
        "2025",
        "--measure",
        "users",
        "--sort",
        "value",
        "--countries",
        "ISL,FRA,DEU",
        "--format",
        "csv",
    )
    assert code == 0
    assert [r["country"] for r in rows_of(out)] == ["DEU", "FRA", "ISL"]


def test_countries_may_be_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "table",
        "--period",
        "2025Q1",
        "--countries",
        "Germany,United Kingdom,fra",
        "--format",
        "csv",
    )
    assert code == 0
    assert sorted(r["country"] for r in rows_of(out)) == ["DEU", "FRA", "GBR"]
    code, _, err = run(capsys, "table", "--period", "2025Q1", "--countries", "Narnia")
    assert code == 2 and "--countries: Narnia" in err


def test_a_top_of_nothing_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "table", "--period", "2025", "--top", "0")
    assert code == 2 and "--top 0" in err


def test_periods_and_countries_may_be_written_as_the_window_shows_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    by_code = run(
        capsys, "table", "--period", "2024Q1-2024Q3", "--countries", "DEU,FRA", "--format", "csv"
    )
    in_words = run(
        capsys,
        "table",
        "--period",
        "Jan-Sep 2024",
        "--countries",
        "Germany,France",
        "--format",
        "csv",
    )
    assert by_code[0] == in_words[0] == 0
    assert in_words[1] == by_code[1] and rows_of(in_words[1])[0]["period_label"] == "Jan–Sep 2024"
    code, out, _ = run(
        capsys, "compare", "--a", "Jan–Sep 2024", "--b", "Q1-Q3 2025", "--countries", "Germany"
    )
    assert code == 0 and "Jan–Sep 2024" in out and "Jan–Sep 2025" in out
    code, _, err = run(capsys, "table", "--period", "Feb-Sep 2024")
    assert code == 2 and "Feb does not begin a quarter" in err


def test_the_table_says_which_figures_carry_a_caution(capsys: pytest.CaptureFixture[str]) -> None:
    """India's Q4 2025 reports more requests than users: marked † with the words why."""
    code, out, _ = run(capsys, "table", "--period", "2025Q4", "--countries", "IND,FRA")
    assert code == 0
    india = next(line for line in out.splitlines() if line.startswith("IND"))
    france = next(line for line in out.splitlines() if line.startswith("FRA"))
    assert "†" in india and "†" not in france
    assert "1 caution (marked †: more requests than users" in out
    code, out, _ = run(
        capsys, "table", "--period", "2025Q4", "--countries", "IND", "--format", "csv"
    )
    assert "more requests than users" in out.splitlines()[1]
