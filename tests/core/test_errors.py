"""One family of errors: every error a person can meet is a TgviewerError saying where."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tgviewer.core.bundle.problems import BundleError, error
from tgviewer.core.errors import TgviewerError, locate
from tgviewer.core.importing.import_plan import SourceError, decode_text
from tgviewer.core.json_file import JsonFileError, read_json_object
from tgviewer.core.periods.spans import PeriodError, parse_span
from tgviewer.core.state.settings import NewerFormatError, Settings
from tgviewer.core.state.view_file import ViewFileError, read_view
from tgviewer.resources import MissingResourceError, data_path

PACKAGE = Path(__file__).resolve().parents[2] / "tgviewer"

#: Every error class a user can meet, by module; the Qt ones are checked where Qt is.
USER_FACING = {
    "tgviewer.cli.errors": ["CommandError", "UsageError"],
    "tgviewer.core.export.files": ["DataExportError"],
    "tgviewer.core.export.layouts": ["NoWideLayoutError"],
    "tgviewer.core.bundle.problems": ["BundleError"],
    "tgviewer.core.importing.bot_answer": ["BotTextError"],
    "tgviewer.core.importing.csv_import": ["MappingError"],
    "tgviewer.core.importing.import_plan": ["SourceError", "MissingCountryError"],
    "tgviewer.core.json_file": ["JsonFileError"],
    "tgviewer.core.library.bundle_library": ["LibraryError"],
    "tgviewer.core.periods.dates": ["DateError"],
    "tgviewer.core.periods.spans": ["PeriodError"],
    "tgviewer.core.state.settings": ["NewerFormatError"],
    "tgviewer.core.state.view_file": ["ViewFileError", "ViewNotApplicableError"],
    "tgviewer.core.user_file": ["UserFileError", "MissingFileError", "FileTooLargeError"],
    "tgviewer.resources": ["MissingResourceError"],
    "tgviewer.ui.export.chart_page": ["ExportError"],
}
QT_MODULES = {"tgviewer.ui.export.chart_page"}


def error_classes_defined() -> set[tuple[str, str]]:
    """(module, class) of every class named ``...Error`` in the package's source."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found |= {
            (module, node.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.name.endswith("Error")
        }
    return found


def test_the_list_of_user_facing_errors_is_every_error_class_in_tgviewer() -> None:
    listed = {(module, name) for module, names in USER_FACING.items() for name in names}
    assert error_classes_defined() == listed | {("tgviewer.core.errors", "TgviewerError")}


@pytest.mark.parametrize(
    ("module", "name"), [(module, name) for module, names in USER_FACING.items() for name in names]
)
def test_every_user_facing_error_is_a_tgviewer_error(module: str, name: str) -> None:
    if module in QT_MODULES:
        pytest.importorskip("PySide6.QtWidgets", exc_type=ImportError)
    cls = getattr(importlib.import_module(module), name)
    assert issubclass(cls, TgviewerError)


def test_describe_names_file_line_column_and_field() -> None:
    exc = TgviewerError("expected a date", file="records.csv", line=12, field="start")
    assert exc.describe() == "records.csv, line 12, field 'start': expected a date"
    assert str(exc) == exc.describe()
    assert (exc.message, exc.file, exc.line, exc.field) == (
        "expected a date",
        "records.csv",
        12,
        "start",
    )
    assert TgviewerError("x", file="v.json", line=1, column=5).describe() == (
        "v.json, line 1, column 5: x"
    )
    assert TgviewerError("x", field="bundle.id").describe() == "field 'bundle.id': x"
    assert TgviewerError("give the bundle a name").describe() == "give the bundle a name"
    assert locate() == ""


def test_a_bundle_error_is_the_family_with_a_problem_per_place() -> None:
    exc = BundleError(
        "mine.tgbundle",
        [
            error("not a date", "records.csv", 3, "start"),
            error("missing", "manifest.json", field="title"),
        ],
    )
    assert isinstance(exc, TgviewerError)
    assert exc.file == "mine.tgbundle"
    assert exc.describe().splitlines() == [
        "mine.tgbundle: cannot be used (2 problems)",
        "  records.csv, line 3, field 'start': not a date",
        "  manifest.json, field 'title': missing",
    ]
    assert exc.describe(limit=1).splitlines()[-1] == "  ... and 1 more"
    # One form of place for the problems and the family.
    problem = exc.problems[0]
    assert problem.location == locate(problem.file, problem.line, field=problem.field)


def test_a_damaged_view_file_names_its_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.tgview"
    path.write_text('{"format": "tgviewer-view",\n "format_version": }', encoding="utf-8")
    with pytest.raises(TgviewerError) as caught:
        read_view(path)
    exc = caught.value
    assert isinstance(exc, ViewFileError)
    assert (exc.file, exc.line, exc.column) == ("bad.tgview", 2, 20)
    assert exc.describe() == "bad.tgview, line 2, column 20: Expecting value; not a saved view"


def test_a_bad_field_of_a_view_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "v.tgview"
    path.write_text(
        '{"format": "tgviewer-view", "format_version": 1, "bundle": 3}', encoding="utf-8"
    )
    with pytest.raises(ViewFileError) as caught:
        read_view(path)
    assert (caught.value.file, caught.value.field) == ("v.tgview", "bundle")
    assert str(caught.value) == "v.tgview, field 'bundle': expected an object, found a number"


def test_json_and_source_errors_say_where(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(b"[1]")
    with pytest.raises(JsonFileError) as json_error:
        read_json_object(path, 100)
    assert json_error.value.file == "s.json"
    with pytest.raises(SourceError) as source_error:
        decode_text(b"fine\nstill fine\n\xff", "answers.txt")
    assert (source_error.value.file, source_error.value.line) == ("answers.txt", 3)
    assert str(source_error.value) == "answers.txt, line 3: not UTF-8 text (byte 16)"


def test_newer_settings_name_the_field() -> None:
    with pytest.raises(NewerFormatError) as caught:
        Settings.from_dict({"format_version": 99})
    assert caught.value.field == "format_version"
    assert caught.value.version == 99
    assert str(caught.value).startswith("field 'format_version': 99 is newer than")


def test_errors_that_were_builtin_kinds_still_are() -> None:
    # Callers that catch ValueError or FileNotFoundError keep working.
    with pytest.raises(ValueError, match="cannot read the period"):
        parse_span("nonsense")
    assert issubclass(PeriodError, ValueError)
    with pytest.raises(FileNotFoundError) as caught:
        data_path("no-such-file.json")
    assert isinstance(caught.value, MissingResourceError)
    assert "reinstall tgviewer" in caught.value.describe()
