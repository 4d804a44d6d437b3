"""The data behind a view as files analysts open: CSV with its CSV-on-the-Web metadata, and
Excel workbooks; one row per country and period, or countries × periods."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tgviewer.core import atomic
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.export.columns import DESCRIPTIONS
from tgviewer.core.export.files import DataExportError, data_files, write_data
from tgviewer.core.export.layouts import Layout, NoWideLayoutError, has_wide, wide_table
from tgviewer.core.state.view_state import Normalisation, ViewKind, ViewState, default_view_state
from tgviewer.core.views.data_table import (
    COMPARE_COLUMNS,
    COVERAGE_COLUMNS,
    SCATTER_COLUMNS,
    SERIES_COLUMNS,
    DataTable,
)
from tgviewer.core.views.map import MAP_COLUMNS
from tgviewer.core.views.registry import view_model

COUNTRIES = ("DEU", "FRA", "GBR", "IND", "USA")


def state_for(bundle: Bundle, kind: ViewKind, **changes: object) -> ViewState:
    return dataclasses.replace(
        default_view_state(bundle), view=kind, countries=COUNTRIES, **changes
    )  # type: ignore[arg-type]


def export(bundle: Bundle, state: ViewState, path: Path, layout: Layout = Layout.LONG) -> None:
    write_data(view_model(bundle, state), state, path, layout)


@pytest.mark.parametrize("kind", list(ViewKind))
def test_the_csv_is_one_header_row_then_rows_after_a_byte_order_mark(
    default_bundle: Bundle, tmp_path: Path, kind: ViewKind
) -> None:
    state = state_for(default_bundle, kind)
    export(default_bundle, state, tmp_path / "data.csv")
    raw = (tmp_path / "data.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and raw.count(codecs.BOM_UTF8) == 1
    text = raw.decode("utf-8-sig")
    assert not any(line.startswith("#") for line in text.splitlines())
    table = view_model(default_bundle, state).data_table()
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == table.columns and len(rows) == 1 + len(table.rows)
    frame = pd.read_csv(tmp_path / "data.csv")  # no option needed
    assert tuple(frame.columns) == table.columns and len(frame) == len(table.rows)


def test_words_and_marks_survive_as_written(default_bundle: Bundle, tmp_path: Path) -> None:
    state = state_for(default_bundle, ViewKind.TREND)
    export(default_bundle, state, tmp_path / "trend.csv")
    frame = pd.read_csv(tmp_path / "trend.csv")
    assert "Jan–Sep 2024" in set(frame["period_label"])  # the dashed total's label
    assert frame.loc[frame["country"] == "DEU", "country_name"].iloc[0] == "Germany"


def test_the_metadata_describes_the_csv_beside_it(default_bundle: Bundle, tmp_path: Path) -> None:
    state = state_for(default_bundle, ViewKind.TABLE, normalisation=Normalisation.PER_MILLION)
    export(default_bundle, state, tmp_path / "table.csv")
    metadata = json.loads((tmp_path / "table.csv-metadata.json").read_text(encoding="utf-8"))
    model = view_model(default_bundle, state)
    manifest = default_bundle.manifest
    assert metadata["@context"][0] == "http://www.w3.org/ns/csvw"
    assert metadata["url"] == "table.csv"
    assert metadata["dc:title"] == model.text.title
    assert metadata["dc:description"] == model.text.subtitle
    assert metadata["dc:source"] == model.text.footer
    assert metadata["dc:license"] == manifest.licence
    source = metadata["prov:wasDerivedFrom"]
    assert (source["dc:identifier"], source["schema:sha256"]) == (
        manifest.id,
        default_bundle.checksum,
    )
    made = metadata["prov:wasGeneratedBy"]
    assert ViewState.from_dict(json.loads(made["dc:description"])) == state
    assert "table view, long layout" in made["dc:type"]
    columns = metadata["tableSchema"]["columns"]
    header = pd.read_csv(tmp_path / "table.csv").columns
    assert [c["titles"] for c in columns] == list(header)
    by_name = {c["name"]: c for c in columns}
    assert by_name["value"]["datatype"] == "number"
    assert by_name["value"]["schema:unitText"] == "Users affected, per million inhabitants"
    assert by_name["population_year"]["datatype"] == "integer"
    assert by_name["records_disagree"]["datatype"] == {"base": "boolean", "format": "yes|no"}
    assert by_name["country"]["datatype"] == "string"
    assert all(c["dc:description"] for c in columns)


def test_every_column_of_every_view_is_described() -> None:
    for columns in (
        SERIES_COLUMNS,
        COMPARE_COLUMNS,
        COVERAGE_COLUMNS,
        SCATTER_COLUMNS,
        MAP_COLUMNS,
    ):
        assert set(columns) <= set(DESCRIPTIONS)


def test_the_wide_layout_is_the_table_views_grid(default_bundle: Bundle, tmp_path: Path) -> None:
    state = state_for(default_bundle, ViewKind.TABLE)
    model = view_model(default_bundle, state)
    wide = wide_table(model).table
    labels = [period.label for period in state.periods()]
    assert wide.columns == ("country", "country_name", *labels)
    assert [row[0] for row in wide.rows] == list(COUNTRIES)
    long = {(r["country"], r["period_label"]): r["value"] for r in model.data_table().records()}
    for row in wide.rows:
        for label, cell in zip(labels, row[2:], strict=True):
            assert cell == long[row[0], label]
    export(default_bundle, state, tmp_path / "wide.csv", Layout.WIDE)
    frame = pd.read_csv(tmp_path / "wide.csv")
    assert list(frame.columns) == list(wide.columns)
    metadata = json.loads((tmp_path / "wide.csv-metadata.json").read_text(encoding="utf-8"))
    columns = metadata["tableSchema"]["columns"]
    assert [c["titles"] for c in columns] == list(frame.columns)
    assert columns[2]["name"] == state.periods()[0].code
    assert columns[2]["schema:unitText"] == "Users affected"
    assert "wide layout" in metadata["prov:wasGeneratedBy"]["dc:type"]


def test_the_trends_dashed_totals_stay_in_the_long_layout(default_bundle: Bundle) -> None:
    model = view_model(default_bundle, state_for(default_bundle, ViewKind.TREND))
    wide = wide_table(model).table
    assert "Jan–Sep 2024" in model.data_table().column("period_label")
    assert "Jan–Sep 2024" not in wide.columns
    assert len(wide.columns) == 2 + len(model.state.periods())


def test_the_coverage_grid_goes_wide_with_what_the_records_say(default_bundle: Bundle) -> None:
    model = view_model(default_bundle, state_for(default_bundle, ViewKind.COVERAGE))
    wide = wide_table(model).table
    assert {cell for row in wide.rows for cell in row[2:]} <= {
        "reported",
        "derived",
        "covered",
        "unknown",
    }
    germany = next(row for row in wide.rows if row[0] == "DEU")
    assert germany[2] == "covered"  # Q1 2024 is only inside a longer total


@pytest.mark.parametrize("kind", [ViewKind.COMPARE, ViewKind.SCATTER])
def test_views_with_a_row_per_country_have_no_wide_layout(
    default_bundle: Bundle, tmp_path: Path, kind: ViewKind
) -> None:
    assert not has_wide(kind)
    with pytest.raises(NoWideLayoutError, match="already has one row per country"):
        export(default_bundle, state_for(default_bundle, kind), tmp_path / "x.csv", Layout.WIDE)
    assert list(tmp_path.iterdir()) == []


def test_the_workbook_has_the_data_and_what_it_is(default_bundle: Bundle, tmp_path: Path) -> None:
    state = state_for(default_bundle, ViewKind.TREND)
    export(default_bundle, state, tmp_path / "trend.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "trend.xlsx")
    assert workbook.sheetnames == ["Data", "About"]
    table = view_model(default_bundle, state).data_table()
    data = workbook["Data"]
    assert tuple(c.value for c in data[1]) == table.columns
    assert data.max_row == 1 + len(table.rows)
    value = table.columns.index("value") + 1
    for number, row in enumerate(table.rows, start=2):
        cell = data.cell(number, value)
        expected = row[value - 1]
        if expected is None:
            assert cell.value is None
        else:
            assert cell.data_type == "n" and cell.value == expected  # a number, not text
    about = {row[0]: row[1] for row in workbook["About"].iter_rows(values_only=True) if row[0]}
    assert about["Title"] == view_model(default_bundle, state).text.title
    assert about["Licence"] == default_bundle.manifest.licence
    assert about["Bundle checksum"] == default_bundle.checksum
    assert ViewState.from_dict(json.loads(about["View settings (JSON)"])) == state
    assert about["value"] == "value"  # each column is described, by name then header


def test_the_workbook_never_holds_a_formula(tmp_path: Path, default_bundle: Bundle) -> None:
    from tgviewer.core.export.provenance import long_columns, provenance
    from tgviewer.core.export.xlsx import xlsx_bytes

    table = DataTable(("country", "note", "value"), (("=1+1", "@SUM(A1)", -5), ("GBR", "x", 2.5)))
    model = view_model(default_bundle, state_for(default_bundle, ViewKind.TABLE))
    about = provenance(model, model.state, Layout.LONG, long_columns(table))
    (tmp_path / "x.xlsx").write_bytes(xlsx_bytes(table, about))
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["Data"]
    assert [(c.value, c.data_type) for c in sheet[2]] == [
        ("'=1+1", "s"),
        ("'@SUM(A1)", "s"),
        (-5, "n"),
    ]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_an_unknown_suffix_is_refused(default_bundle: Bundle, tmp_path: Path) -> None:
    model = view_model(default_bundle, state_for(default_bundle, ViewKind.TABLE))
    with pytest.raises(DataExportError, match=r"unknown format \.ods; use \.csv or \.xlsx"):
        data_files(model, model.state, tmp_path / "x.ods")


def test_a_failed_write_leaves_both_files_as_they_were(
    default_bundle: Bundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = state_for(default_bundle, ViewKind.TABLE)
    target = tmp_path / "table.csv"
    export(default_bundle, state, target)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    real = atomic._write_temporary

    def full_disk_at_the_metadata(path: Path, data: bytes, keep_mode: bool) -> Path:
        if path.name.endswith("-metadata.json"):
            raise OSError(28, "No space left on device", str(path))
        return real(path, data, keep_mode)

    monkeypatch.setattr(atomic, "_write_temporary", full_disk_at_the_metadata)
    changed = dataclasses.replace(state, countries=("FRA",))
    with pytest.raises(DataExportError, match="No space left on device"):
        export(default_bundle, changed, target)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
