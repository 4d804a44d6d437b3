"""``tgviewer bundle import --from csv``: a table into a bundle, through a column mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.helpers import run
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_bundle

TABLE = (
    "Country,Quarter,Fulfilled requests,Affected users\n"
    "France,2026-Q2,321,999\n"
    'DE,Q2 2026,"1,204",\n'
)


def write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def figures(path: Path) -> list[tuple[str, dt.date, dt.date, int | None, int | None]]:
    return [
        (r.country, r.start, r.end, r.value("requests"), r.value("users"))
        for r in read_bundle(path).records
    ]


def test_a_table_is_added_to_a_copy_of_the_default_with_guessed_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, default_bundle: Bundle
) -> None:
    source = write(tmp_path, TABLE)
    before = source.read_bytes()
    out = tmp_path / "out.tgbundle"
    code, stdout, stderr = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "csv",
        str(source),
        "--into",
        "default",
        "-o",
        str(out),
        "--as-of",
        "2026-11-22",
    )
    assert (code, stderr) == (0, "")
    assert (
        f"{source}: comma-separated; country from 'Country' (code or name), period from "
        "'Quarter', requests from 'Fulfilled requests', users from 'Affected users'" in stdout
    )
    assert f"{source}: 2 rows read, 0 left out" in stdout
    assert "2 new, 0 already in" in stdout
    bundle = read_bundle(out)
    assert len(bundle.records) == len(default_bundle.records) + 2
    added = bundle.manifest.sources[-1]
    assert added.title == "CSV file, 2026-11-22"
    new = [r for r in bundle.records if r.start == dt.date(2026, 4, 1)]
    assert [(r.country, r.end, dict(r.values), r.source, r.note) for r in new] == [
        (
            "DEU",
            dt.date(2026, 6, 30),
            {"requests": 1204, "users": None},
            added.id,
            "data.csv line 3",
        ),
        ("FRA", dt.date(2026, 6, 30), {"requests": 321, "users": 999}, added.id, "data.csv line 2"),
    ]
    assert source.read_bytes() == before  # the source is only read


def test_columns_named_on_the_command_line_make_a_new_bundle(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write(
        tmp_path,
        "\ufeffLand;Von;Bis;Nutzer;Anfragen\r\n"
        "fr;2024-01-15;2024-02-20;7;\r\nIT;2025-01-01;2025-12-31;;3\r\n",
        "daten.csv",
    )
    out = tmp_path / "new.tgbundle"
    code, stdout, stderr = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "csv",
        str(source),
        "-o",
        str(out),
        "--country-column",
        "Land",
        "--country-as",
        "code",
        "--start-column",
        "Von",
        "--end-column",
        "Bis",
        "--measure",
        "users=Nutzer",
        "--measure",
        "requests=Anfragen",
        "--as-of",
        "2026-11-22",
    )
    assert (code, stderr) == (0, "")
    assert "semicolon-separated; country from 'Land' (ISO code), start from 'Von'" in stdout
    assert figures(out) == [
        ("FRA", dt.date(2024, 1, 15), dt.date(2024, 2, 20), None, 7),
        ("ITA", dt.date(2025, 1, 1), dt.date(2025, 12, 31), 3, None),
    ]
    sources = read_bundle(out).manifest.sources
    assert [s.title for s in sources] == ["CSV file, 2026-11-22"]


def test_an_incomplete_mapping_says_which_options_to_pass_and_lists_the_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write(tmp_path, "Land\tZeit\tn\nFRA\t2026Q2\t3\n", "data.tsv")
    out = tmp_path / "out.tgbundle"
    code, stdout, stderr = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "csv",
        str(source),
        "-o",
        str(out),
        "--measure",
        "users=n",
    )
    assert (code, stdout) == (2, "")  # the command line must say more
    assert stderr == (
        f"tgviewer: {source}: the columns to read cannot all be told from the header:\n"
        "  choose the column that holds the country (pass --country-column NAME)\n"
        "  choose the column that holds the period (such as 2025Q1), or the columns of its "
        "start and end dates (pass --period-column NAME, or --start-column NAME and "
        "--end-column NAME)\n"
        "  the file's columns are: 'Land', 'Zeit', 'n'\n"
    )
    assert not out.exists()
    code, _, stderr = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "csv",
        str(source),
        "-o",
        str(out),
        "--measure",
        "users=n",
        "--country-column",
        "Land",
        "--period-column",
        "Time",
    )
    assert code == 2
    assert "column 'Time' is not in the file (pass --period-column NAME)" in stderr
    code, _, stderr = run(
        capsys,
        "bundle",
        "import",
        "--from",
        "csv",
        str(source),
        "-o",
        str(out),
        "--measure",
        "users=n",
        "--country-column",
        "Land",
        "--period-column",
        "Zeit",
    )
    assert code == 0
    assert (
        f"{source}: no column for requests: its figures are left unknown (name one with "
        "--measure requests=COLUMN)"
    ) in stderr
    assert figures(out) == [("FRA", dt.date(2026, 4, 1), dt.date(2026, 6, 30), None, 3)]


def test_rows_not_read_are_listed_on_stderr_and_the_rest_is_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write(tmp_path, TABLE + "Atlantis,2026Q2,1,1\nFRA,2026Q3,12.5,1\n")
    out = tmp_path / "out.tgbundle"
    code, stdout, stderr = run(
        capsys, "bundle", "import", "--from", "csv", str(source), "-o", str(out)
    )
    assert code == 0
    assert stderr.splitlines() == [
        f"{source} line 4, field 'Country': 'Atlantis' is not a country name or code "
        "tgviewer knows",
        f"{source} line 5, field 'Fulfilled requests': '12.5' is not a whole number; expected "
        "a whole number such as 1234, or nothing if unknown",
    ]
    assert f"{source}: 2 rows read, 2 left out" in stdout
    assert [r[0] for r in figures(out)] == ["FRA", "DEU"]


@pytest.mark.parametrize(
    ("data", "args", "exit_code", "message"),
    [
        (
            b"Country,Quarter,users\nAtlantis,2026Q2,1\n",
            [],
            1,
            "no row could be read (1 left out, 1 in the file)",
        ),
        (
            TABLE.encode(),
            ["--country", "FRA"],
            2,
            "--country is for bot answers; with --from csv "
            "name the column holding the country with "
            "--country-column",
        ),
        (b"a,b\n\xff", [], 1, "data.csv, line 2: the file is not UTF-8 text"),
    ],
)
def test_tables_that_give_nothing_are_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data: bytes,
    args: list[str],
    exit_code: int,
    message: str,
) -> None:
    source = tmp_path / "data.csv"
    source.write_bytes(data)
    out = tmp_path / "out.tgbundle"
    code, _, stderr = run(
        capsys, "bundle", "import", "--from", "csv", str(source), "-o", str(out), *args
    )
    assert code == exit_code
    assert message in stderr
    assert not out.exists()


def test_column_options_are_only_for_tables(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write(tmp_path, "{}", "dataset.json")
    code, _, stderr = run(
        capsys,
        "bundle",
        "import",
        str(source),
        "-o",
        str(tmp_path / "out.tgbundle"),
        "--period-column",
        "Q",
        "--measure",
        "users=n",
    )
    assert code == 2
    assert stderr == "tgviewer: --period-column, --measure: only for --from csv\n"
