"""The data behind each view as CSV: checked cell by cell against what the view draws."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from tests.ui.helpers import in_fresh_window
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_default_bundle
from tgviewer.core.state.view_state import Normalisation, ViewKind, ViewState, default_view_state
from tgviewer.ui.export.chart_page import ChartPage, export_chart
from tgviewer.ui.window.main_window import MainWindow

ALL = ("GBR", "DEU", "FRA", "ITA", "ESP", "NLD", "BEL", "POL", "IND", "BRA", "USA", "KOR")


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return read_default_bundle()


@pytest.fixture
def page_of(qtbot: QtBot, bundle: Bundle) -> Iterator[object]:
    pages: list[ChartPage] = []

    def make(state: ViewState) -> ChartPage:
        page = ChartPage(bundle, state)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def read_csv(text: str) -> list[dict[str, str]]:
    assert not any(line.startswith("#") for line in text.splitlines())  # no comment lines
    return list(csv.DictReader(io.StringIO(text)))


def state_for(bundle: Bundle, view: ViewKind, **changes: object) -> ViewState:
    countries = tuple(c for c in ALL if c in bundle.countries)
    return dataclasses.replace(
        default_view_state(bundle), view=view, countries=countries, **changes
    )  # type: ignore[arg-type]


def test_the_metadata_names_chart_source_bundle_and_view(
    qtbot: QtBot, tmp_path: Path, bundle: Bundle
) -> None:
    state = state_for(bundle, ViewKind.TREND)
    export_chart(bundle, state, tmp_path / "trend.csv")
    page = ChartPage(bundle, state)
    page.close()
    metadata = json.loads((tmp_path / "trend.csv-metadata.json").read_text(encoding="utf-8"))
    assert metadata["dc:title"] == page.text.title
    assert metadata["dc:source"] == page.text.footer
    assert metadata["prov:wasDerivedFrom"]["schema:sha256"] == bundle.checksum
    view = metadata["prov:wasGeneratedBy"]["dc:description"]
    assert ViewState.from_dict(json.loads(view)) == state


def test_trend_csv_holds_exactly_the_points_drawn(page_of, bundle: Bundle) -> None:
    page = page_of(state_for(bundle, ViewKind.TREND))
    view = page.view
    rows = read_csv(page.data_csv())
    drawn = {}
    for status, items in (("reported", view.reported_points), ("derived", view.derived_points)):
        for country, item in items.items():
            xs, ys = item.getData()
            for x, y in zip(xs, ys, strict=True):
                drawn[(country, int(x))] = (float(y), status)
    position = view._positions
    points = {
        (r["country"], position[r["period"]]): (float(r["value"]), r["status"])
        for r in rows
        if r["status"] in ("reported", "derived") and r["value"]
    }
    assert points == drawn
    assert len(drawn) > 20
    unknown = [r for r in rows if r["status"] == "unknown"]
    assert all(r["value"] == "" and r["how_known"].startswith("unknown") for r in unknown)
    totals = [r for r in rows if r["status"] == "span total"]
    assert len(totals) == len(view.span_segments)
    for row in totals:
        assert "records.csv line" in row["how_known"]


def test_ranking_csv_follows_the_bars(page_of, bundle: Bundle) -> None:
    page = page_of(state_for(bundle, ViewKind.RANKING, normalisation=Normalisation.PER_MILLION))
    view = page.view
    rows = read_csv(page.data_csv())
    widths = [float(w) for w in view.bars.opts["width"]]
    drawn = [r for r in rows if r["value"]]
    assert [r["country"] for r in drawn] == view.order[: len(widths)]
    assert [float(r["value"]) for r in drawn] == pytest.approx(widths, rel=1e-12)
    unranked = [r.country for r in view.model.unranked]
    assert [r["country"] for r in rows if not r["value"]] == unranked
    for row in drawn:  # per million: the population used is named
        assert int(row["population"]) > 100_000 and row["population_year"].isdigit()
        assert float(row["value"]) == pytest.approx(
            float(row["records_figure"]) / int(row["population"]) * 1e6
        )


def test_table_csv_matches_every_cell(page_of, bundle: Bundle) -> None:
    page = page_of(state_for(bundle, ViewKind.TABLE))
    view = page.view
    rows = read_csv(page.data_csv())
    model = view.table_model
    by_cell = {(r["country"], r["period_label"]): r for r in rows}
    assert len(by_cell) == len(model.countries) * len(model.periods)
    for row in range(model.rowCount()):
        country = model.countries[row][0]
        for column, label in enumerate(model.periods, start=1):
            shown = str(model.index(row, column).data() or "")
            value = by_cell[(country, label)]["value"]
            figure = "" if not value else f"{float(value):,.0f}"
            assert shown.replace("⚠", "").strip().startswith(figure), (country, label)


def test_compare_csv_matches_the_points_and_the_left_out(page_of, bundle: Bundle) -> None:
    page = page_of(state_for(bundle, ViewKind.COMPARE))
    view = page.view
    rows = read_csv(page.data_csv())
    compared = [r for r in rows if r["value_a"]]
    assert [r["country"] for r in compared] == view.order
    xs_a, _ = view.a_points.getData()
    xs_b, _ = view.b_points.getData()
    assert [float(r["value_a"]) for r in compared] == pytest.approx(list(xs_a))
    assert [float(r["value_b"]) for r in compared] == pytest.approx(list(xs_b))
    for row in compared:
        assert float(row["change"]) == pytest.approx(float(row["value_b"]) - float(row["value_a"]))
        assert row["period_a"] == view.model.comparison.a.code
    left = [r["country"] for r in rows if not r["value_a"]]
    assert left == [item.country for item in view.model.comparison.not_comparable]
    assert all(r["how_known"].startswith("not compared: ") for r in rows if not r["value_a"])


def test_coverage_csv_has_every_cell(page_of, bundle: Bundle) -> None:
    page = page_of(state_for(bundle, ViewKind.COVERAGE))
    grid = page.view.coverage
    rows = read_csv(page.data_csv())
    assert len(rows) == len(grid.rows) * len(grid.quarters)
    cells = [cell for row in grid.rows for cell in row.cells]
    assert [r["cell"] for r in rows] == [cell.kind.value for cell in cells]
    assert [r["value"] for r in rows] == ["" if c.value is None else str(c.value) for c in cells]
    assert [r["country"] for r in rows[:: len(grid.quarters)]] == list(page.view.order)


def test_scatter_csv_matches_the_points(page_of, bundle: Bundle) -> None:
    page = page_of(state_for(bundle, ViewKind.SCATTER))
    view = page.view
    rows = read_csv(page.data_csv())
    xs, ys = view.points.getData()
    codes = list(view.points.data["data"])
    drawn = [r for r in rows if r["requests"]]
    assert [r["country"] for r in drawn] == codes
    assert [float(r["requests"]) for r in drawn] == pytest.approx(list(xs))
    assert [float(r["users"]) for r in drawn] == pytest.approx(list(ys))
    for row in drawn:
        if float(row["requests"]):
            assert float(row["users_per_request"]) == pytest.approx(
                float(row["users"]) / float(row["requests"])
            )


def test_an_empty_view_exports_its_columns(page_of, bundle: Bundle) -> None:
    for kind in ViewKind:
        page = page_of(dataclasses.replace(state_for(bundle, kind), countries=()))
        text = page.data_csv()
        rows = read_csv(text)
        assert text.startswith("country,")
        if kind is ViewKind.MAP:  # the map shows every country, selected or not
            assert sorted(r["country"] for r in rows) == sorted(bundle.countries)
            continue
        assert rows == []


def test_the_window_exports_data_beside_charts(
    qtbot: QtBot, tmp_path: Path, bundle: Bundle
) -> None:
    window = MainWindow(bundle)
    qtbot.addWidget(window)
    window.settings_store.writable = False
    target = tmp_path / "data.csv"
    assert window.exports.export_chart_to(str(target))
    rows = read_csv(target.read_text(encoding="utf-8-sig"))
    assert {r["country"] for r in rows} == set(window.store.state.countries)
    assert (tmp_path / "data.csv-metadata.json").is_file()
    assert window.actions_.export_data.shortcut().toString() == "Ctrl+Shift+E"


def test_export_chart_writes_csv_through_the_same_path(
    tmp_path: Path, bundle: Bundle, qtbot: QtBot
) -> None:
    state = state_for(bundle, ViewKind.RANKING)
    export_chart(bundle, state, tmp_path / "ranking.csv")
    first = (tmp_path / "ranking.csv").read_bytes()
    export_chart(bundle, state, tmp_path / "ranking.csv")
    assert (tmp_path / "ranking.csv").read_bytes() == first  # reproducible


@pytest.mark.parametrize(
    ("command", "name", "chosen"),
    [
        ("export_data", "long.csv", "CSV table"),
        ("export_data_wide", "wide.csv", "CSV table"),
        ("export_data", "book", "Excel workbook"),  # no suffix: the type chosen gives it
    ],
)
def test_export_data_writes_the_format_and_layout_chosen(
    make_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    name: str,
    chosen: str,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    window = make_window(state=state_for(read_default_bundle(), ViewKind.TABLE))
    window.settings_store.writable = False
    asked: list[str] = []

    def answer(parent, caption, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(tmp_path / name), next(f for f in filters.split(";;") if f.startswith(chosen))

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    getattr(window.actions_, command).trigger()
    assert "CSV table" in asked[0] and "Excel workbook" in asked[0]
    countries = list(window.store.state.countries)
    labels = [period.label for period in window.store.state.periods()]
    if chosen == "Excel workbook":
        workbook = openpyxl.load_workbook(tmp_path / "book.xlsx")
        assert workbook.sheetnames == ["Data", "About"]
        data = list(workbook["Data"].iter_rows(values_only=True))
        assert data[0][:3] == ("country", "country_name", "period")
        assert len(data) == 1 + len(countries) * len(labels)
        return
    text = (tmp_path / name).read_bytes()
    assert text.startswith(codecs.BOM_UTF8)
    rows = read_csv(text.decode("utf-8-sig"))
    assert (tmp_path / f"{name}-metadata.json").is_file()
    if command == "export_data_wide":  # as the Table view shows: countries × periods
        assert list(rows[0]) == ["country", "country_name", *labels]
        assert [row["country"] for row in rows] == countries
    else:
        assert len(rows) == len(countries) * len(labels)
        assert "period" in rows[0]


def test_countries_by_periods_is_greyed_out_where_a_view_has_none(make_window) -> None:
    window = make_window()
    action = window.actions_.export_data_wide
    for kind in ViewKind:
        window.store.update(view=kind)
        assert action.isEnabled() is (kind not in (ViewKind.COMPARE, ViewKind.SCATTER)), kind
    window.store.update(view=ViewKind.SCATTER)
    assert "scatter's data already has one row per country" in action.toolTip()
    assert action.statusTip() == action.toolTip()
    window.store.update(view=ViewKind.TREND)
    assert action.isEnabled() and "one column per period" in action.toolTip()
    window.store.update(view=ViewKind.COVERAGE)
    assert action.isEnabled() and "what the records give for each" in action.toolTip()


def test_the_window_starts_without_the_workbook_writer(tmp_path: Path) -> None:
    """openpyxl (a quarter of a second to import) is loaded when a workbook is written."""
    done = in_fresh_window(
        "assert 'openpyxl' not in sys.modules, 'imported at start'\n"
        f"assert window.exports.export_data_to({str(tmp_path / 'x.xlsx')!r})\n"
        "assert 'openpyxl' in sys.modules\n"
    )
    assert done.returncode == 0, done.stderr
