"""The table behind a view: figures in full, text safe for spreadsheets."""

from __future__ import annotations

import csv
import io

from tgviewer.core.export.csv_file import csv_text
from tgviewer.core.views.data_table import DataTable, cell_text, number_text


def test_numbers_are_written_in_full() -> None:
    assert number_text(4534.0) == "4534"
    assert number_text(4534) == "4534"
    assert number_text(0.1 + 0.2) == "0.30000000000000004"  # exact, not rounded
    assert number_text(float("nan")) == "" and number_text(None) == ""
    assert float(number_text(3.9112688757155345)) == 3.9112688757155345
    assert cell_text(True) == "yes" and cell_text(False) == "no"


def test_text_that_a_spreadsheet_would_run_is_defused() -> None:
    table = DataTable(
        ("country", "note", "value"),
        (
            ("=cmd|' /C calc'!A0", "+1", -5.0),
            ("@SUM(A1)", "-x", 2.5),
            ("GBR", "plain, with a comma", None),
        ),
    )
    rows = list(csv.reader(io.StringIO(csv_text(table))))
    assert rows[0] == ["country", "note", "value"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "'+1", "-5"]  # numbers stay numbers
    assert rows[2] == ["'@SUM(A1)", "'-x", "2.5"]
    assert rows[3] == ["GBR", "plain, with a comma", ""]


def test_columns_and_records() -> None:
    table = DataTable(("a", "b"), ((1, "x"), (2, "y")))
    assert table.column("b") == ["x", "y"]
    assert table.records() == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
