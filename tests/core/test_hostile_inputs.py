"""Every kind of file a user can open or paste, generated as a hostile user would make it.

Each reader must accept the input or refuse it with tgviewer's own error, naming the file,
and must never raise anything else, hang, or change the file it read; the command line
never exits 70 (an internal error). The number of cases per kind is
``TGVIEWER_FUZZ_EXAMPLES`` (a few dozen in the normal run). A fuzz campaign of 1,500 cases
per kind (13,500 inputs) takes about a minute::

    TGVIEWER_FUZZ_EXAMPLES=1500 .venv/bin/python -m pytest tests/core/test_hostile_inputs.py \
        -p no:randomly --hypothesis-show-statistics

Each case is stopped after :data:`HANG_SECONDS`, so a hang fails the test instead of
stopping the run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import signal
import warnings
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.bundles import manifest, records_csv, write_folder
from tgviewer.cli.main import main
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.errors import TgviewerError
from tgviewer.core.importing.csv_import import table_records
from tgviewer.core.importing.csv_mapping import guess_mapping
from tgviewer.core.importing.csv_table import read_table
from tgviewer.core.importing.import_plan import read_bot_answers, read_community_json
from tgviewer.core.state.settings import load_settings
from tgviewer.core.state.view_file import read_view
from tgviewer.core.state.view_state import ViewState
from tgviewer.resources import default_bundle_path

EXAMPLES = int(os.environ.get("TGVIEWER_FUZZ_EXAMPLES", "30"))
#: A case still running after this long is a hang (a correct reader answers in far less).
HANG_SECONDS = 20

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


class Hang(Exception):  # noqa: N818 (a hang is not an error the code under test raises)
    """A case ran longer than :data:`HANG_SECONDS`."""


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Stop the case with :class:`Hang` after :data:`HANG_SECONDS` (main thread, POSIX)."""

    def alarm(_signal: int, _frame: object) -> None:
        raise Hang(f"no answer after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def accepted_or_refused(read: Callable[[], object], name: str) -> object | None:
    """``read()``'s result, or ``None`` when it refused with a message naming ``name``."""
    with bounded():
        try:
            return read()
        except TgviewerError as exc:
            assert name in exc.describe(), exc.describe()
            return None


# Values a hostile file is made of ------------------------------------------------------------

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(["2024-01-01", "9999-12-31", "0000-01-01", "1500-06-30", "٢٠٢٤-٠١-٠١"])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=30,
)


def mutated(document: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """``document`` with some of its fields replaced, removed or added."""
    keys = sorted(document)
    return st.builds(
        lambda replaced, removed, added: {
            **{k: v for k, v in document.items() if k not in removed},
            **replaced,
            **added,
        },
        st.dictionaries(st.sampled_from(keys), JSON_VALUES, max_size=3),
        st.sets(st.sampled_from(keys), max_size=2),
        st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=2),
    )


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


JSON_TEXT = (
    JSON_VALUES.map(json.dumps)
    | st.text(max_size=200)
    | st.integers(min_value=1, max_value=200_000).map(deep)
    | st.integers(min_value=4300, max_value=6000).map(
        lambda n: '{"format_version": ' + "9" * n + "}"
    )
)

CELLS = st.one_of(
    st.sampled_from(["FRA", "DEU", "XXX", "", "France", "US", "usa", "\u202eFRA"]),
    st.sampled_from(
        [
            "2024-01-01",
            "2024-03-31",
            "2024-13-01",
            "9999-12-31",
            "0001-01-01",
            "1500-01-01",
            "2024-02-30",
            "２０２４-０１-０１",
            "Q1 2024",
            "2024",
        ]
    ),
    st.integers(min_value=-5, max_value=10**6).map(str),
    st.integers(min_value=4300, max_value=5200).map(lambda n: "9" * n),
    st.text(alphabet=',;"\t\r\n =+-@', max_size=6),
    st.text(max_size=12),
)
CSV_LINES = st.lists(st.lists(CELLS, min_size=1, max_size=9).map(",".join), max_size=40)

BOT_WORDS = st.sampled_from(
    [
        "Total",
        "requests",
        "users",
        "fulfilled",
        "affected",
        "IP addresses",
        "phone numbers",
        "Q1",
        "Q2",
        "2024",
        "2025",
        "Jan",
        "Sep",
        "–",
        "-",
        ":",
        "[",
        "]",
        "(",
        ")",
        "France",
        "your country",
        "\n",
        "\n\n",
        " ",
        "0",
        "12",
        "99999999999999999999",
        "🇫🇷",
        "\u200b",
    ]
)
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.sampled_from(["1,234", "1 234", "-3", "0x10", "١٢", "", "  ", "99999999999999999"]),
    st.integers(min_value=16, max_value=6000).map(lambda n: "7" * n),
)
DAY_MONTH_YEAR = st.one_of(
    st.sampled_from(
        [
            "01.01.24",
            "31.12.24",
            "31.03.25",
            "31.02.24",
            "01.01.9999",
            "00.00.00",
            "01.13.24",
            "1.1.24",
            "01.01.1500",
        ]
    ),
    st.text(alphabet="0123456789.", max_size=12),
)


@st.composite
def bot_answers(draw: st.DrawFn) -> str:
    """A report shaped like the bot's (see shared/data/bot-answers) with odd values."""
    quarters = draw(
        st.lists(st.sampled_from(["Q1", "Q2", "Q3", "Q4", "H1", "Jan-Sep"]), max_size=5)
    )
    dash = draw(st.sampled_from(["—", "–", "-", ":", ""]))

    def block(title: str) -> str:
        lines = [title] + [f"{q} {dash} {draw(NUMBERS)}" for q in quarters]
        return "\n".join([*lines, f"Total: {draw(NUMBERS)}"])

    country = draw(st.sampled_from(["Belgium", "France", "Narnia", "", "your country"]))
    return (
        f"Transparency report for the period {draw(DAY_MONTH_YEAR)}–{draw(DAY_MONTH_YEAR)}"
        f"\n\n{block(f'Fulfilled requests from {country} for IP address and/or phone number:')}"
        f"\n\n{block('Affected users:')}\n"
    )


BOT_TEXT = (
    bot_answers()
    | st.lists(bot_answers(), min_size=2, max_size=4).map("\n\n".join)
    | st.lists(BOT_WORDS, max_size=200).map(" ".join)
    | st.text(max_size=400)
    | st.integers(min_value=1000, max_value=70_000).map(lambda n: "[" * n)
    | st.integers(min_value=4300, max_value=6000).map(lambda n: "Total: " + "7" * n + " requests")
)


def default_bundle_bytes() -> bytes:
    return default_bundle_path().read_bytes()


@st.composite
def zip_bytes(draw: st.DrawFn) -> bytes:
    """The default bundle damaged (cut, bytes flipped), random bytes, or a zip of odd
    members."""
    base = default_bundle_bytes()
    kind = draw(st.sampled_from(["cut", "flip", "random", "members"]))
    if kind == "cut":
        return base[: draw(st.integers(min_value=0, max_value=len(base)))]
    if kind == "flip":
        data = bytearray(base)
        for _ in range(draw(st.integers(min_value=1, max_value=8))):
            position = draw(st.integers(min_value=0, max_value=len(data) - 1))
            data[position] = draw(st.integers(min_value=0, max_value=255))
        return bytes(data)
    if kind == "random":
        return draw(st.binary(max_size=4096))
    buffer = io.BytesIO()
    names = st.sampled_from(
        [
            "manifest.json",
            "records.csv",
            "events.csv",
            "../manifest.json",
            "/records.csv",
            "a\\records.csv",
            "dir/manifest.json",
            "é.csv",
        ]
    )
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point here
        for name in draw(st.lists(names, max_size=5)):
            archive.writestr(name, draw(JSON_TEXT | CSV_LINES.map("\n".join)))
    return buffer.getvalue()


# The readers --------------------------------------------------------------------------------


@FUZZ
@given(data=zip_bytes())
def test_bundle_files(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("zip") / "hostile.tgbundle"
    path.write_bytes(data)
    accepted_or_refused(lambda: read_bundle(path), "hostile.tgbundle")
    assert path.read_bytes() == data  # read, never changed


@FUZZ
@given(document=mutated(manifest()) | JSON_VALUES, text=st.none() | JSON_TEXT)
def test_manifests(
    tmp_path_factory: pytest.TempPathFactory, document: Any, text: str | None
) -> None:
    folder = tmp_path_factory.mktemp("bundle") / "hostile-bundle"
    write_folder(folder, records_csv("FRA,2024-01-01,2024-03-31,4,17,,src,"))
    (folder / "manifest.json").write_text(json.dumps(document) if text is None else text)
    accepted_or_refused(lambda: read_bundle(folder), "hostile-bundle")


@FUZZ
@given(lines=CSV_LINES)
def test_records_files(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    folder = tmp_path_factory.mktemp("bundle") / "hostile-records"
    write_folder(folder, records_csv(*lines))
    accepted_or_refused(lambda: read_bundle(folder), "hostile-records")


def saved_view_document() -> dict[str, Any]:
    return {
        "format": "tgview",
        "format_version": 1,
        "title": "A view",
        "bundle": {
            "id": "telegram-transparency",
            "title": "T",
            "as_of": "2026-05-30",
            "checksum": "0" * 64,
        },
        "state": ViewState(countries=("FRA",)).to_dict(),
    }


@FUZZ
@given(document=mutated(saved_view_document()) | JSON_VALUES, text=st.none() | JSON_TEXT)
def test_saved_views(
    tmp_path_factory: pytest.TempPathFactory, document: Any, text: str | None
) -> None:
    path = tmp_path_factory.mktemp("view") / "hostile.tgview"
    path.write_text(json.dumps(document) if text is None else text)
    before = path.read_bytes()
    accepted_or_refused(lambda: read_view(path), "hostile.tgview")
    assert path.read_bytes() == before


@FUZZ
@given(text=JSON_TEXT)
def test_community_datasets(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    accepted_or_refused(lambda: read_community_json(data, "dataset.json"), "dataset.json")


@FUZZ
@given(lines=CSV_LINES, delimiter=st.sampled_from([",", ";", "\t"]))
def test_csv_tables(lines: list[str], delimiter: str) -> None:
    header = delimiter.join(["country", "start", "end", "requests", "users"])
    data = "\n".join([header, *(line.replace(",", delimiter) for line in lines)]).encode()

    def read() -> object:
        table = read_table(data, "figures.csv")
        return table_records(
            table, guess_mapping(table.headers, ["requests", "users"]), ["requests", "users"]
        )

    accepted_or_refused(read, "figures.csv")


@FUZZ
@given(text=BOT_TEXT)
def test_pasted_bot_answers(text: str) -> None:
    accepted_or_refused(lambda: read_bot_answers(text, "src", country="FRA"), "the pasted text")


@FUZZ
@given(text=JSON_TEXT | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_settings_files(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("settings") / "settings.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with bounded():
        loaded = load_settings(path)  # never raises: defaults and a notice at worst
    assert dataclasses.is_dataclass(loaded.settings)
    kept = [p for p in path.parent.iterdir()]
    assert kept, "the damaged settings file is set aside, never deleted"


@FUZZ
@given(data=zip_bytes(), command=st.sampled_from([["bundle", "validate"], ["bundle", "info"]]))
def test_the_command_line_never_fails_internally(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, command: list[str]
) -> None:
    path = tmp_path_factory.mktemp("cli") / "hostile.tgbundle"
    path.write_bytes(data)
    with bounded(), contextlib.redirect_stdout(io.StringIO()):
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            code = main([*command, str(path)])
    assert code in (0, 1), errors.getvalue()  # 70 would be an internal error
    if code == 1:
        assert "hostile.tgbundle" in errors.getvalue()
