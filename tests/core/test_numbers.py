"""Whole numbers of any length in files: refused by their field, never Python's ValueError.

Regression tests: a number of 5,000 digits in manifest.json, records.csv or dataset.json
raised ``ValueError: Exceeds the limit (4300 digits) for integer string conversion``, an
internal error, instead of a message naming where it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tgviewer.core.bundle.manifest_json import parse_manifest
from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.importing.community_dataset import parse_community_dataset
from tgviewer.core.numbers import MAX_DIGITS, LongNumber, bounded_int, loads

from .bundles import manifest, records_csv, write_folder

HUGE = "1" + "0" * 5000  # 5,001 digits, beyond Python's 4,300
TOO_LONG = "a number 5,001 digits long, more than the 15 digits tgviewer reads"


def test_numbers_up_to_15_digits_are_read_and_longer_ones_kept_as_their_length() -> None:
    assert MAX_DIGITS == 15
    assert bounded_int("9" * 15) == 10**15 - 1
    assert bounded_int("-" + "9" * 15) == -(10**15 - 1)
    assert bounded_int("1" * 16) == LongNumber(16)
    assert bounded_int("-" + "1" * 16) == LongNumber(16)
    assert repr(LongNumber(5001)) == "a number 5,001 digits long"
    assert loads('{"a": [1, ' + HUGE + ", 2.5]}") == {"a": [1, LongNumber(5001), 2.5]}


@given(st.integers(-(10**40), 10**40))
def test_any_json_integer_is_read_or_kept_as_a_long_number(number: int) -> None:
    digits = len(str(abs(number)))
    expected = number if digits <= MAX_DIGITS else LongNumber(digits)
    assert loads(json.dumps({"n": number})) == {"n": expected}


def manifest_problems(text: str) -> list[str]:
    found, _, problems = parse_manifest(text.encode())
    assert found is None
    return [str(p) for p in problems]


def test_a_huge_format_version_is_named() -> None:
    text = json.dumps(manifest(format_version=1)).replace(
        '"format_version": 1', '"format_version": ' + HUGE
    )
    assert manifest_problems(text) == [
        "manifest.json, field 'format_version': expected the whole number 1, found a number "
        "5,001 digits long"
    ]


def test_a_huge_number_in_any_field_of_the_manifest_is_named() -> None:
    document = manifest(title="@TITLE@", files={"records.csv": {"sha256": "@SHA@"}})
    document["sources"][0]["retrieved"] = "@DATE@"
    text = json.dumps(document)
    for placeholder in ("@TITLE@", "@SHA@", "@DATE@"):
        text = text.replace(f'"{placeholder}"', HUGE)
    assert manifest_problems(text) == [
        "manifest.json, field 'sources[0].retrieved': expected text, found a number 5,001 "
        "digits long",
        "manifest.json, field 'files.records.csv.sha256': expected the file's SHA-256 as 64 "
        "hexadecimal digits",
        "manifest.json, field 'title': expected text, found a number 5,001 digits long",
    ]


def test_a_huge_figure_in_records_csv_is_named_by_line_and_column(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "b", records_csv(f"FRA,2024-01-01,2024-03-31,{'9' * 5000},1,,src,")
    )
    with pytest.raises(BundleError) as caught:
        read_bundle(folder)
    assert [str(p) for p in caught.value.problems] == [
        "records.csv, line 2, field 'requests': '" + "9" * 39 + "…': a number 5,000 digits "
        "long, more than the 15 digits tgviewer reads; expected a count such as 42, or "
        "nothing if unknown"
    ]


def test_huge_numbers_in_the_community_dataset_are_named_by_entry() -> None:
    data = (
        '{"FRA": [{"from": '
        + HUGE
        + ', "to": "20240331", "requests": '
        + HUGE
        + ', "users": '
        + "9" * 16
        + "}]}"
    ).encode()
    with pytest.raises(BundleError) as caught:
        parse_community_dataset(data)
    assert [str(p) for p in caught.value.problems] == [
        "dataset.json, field 'FRA[0].from': a number 5,001 digits long: expected a date "
        "written YYYYMMDD",
        f"dataset.json, field 'FRA[0].requests': {TOO_LONG}; expected a whole number >= 0",
        "dataset.json, field 'FRA[0].users': a number 16 digits long, more than the 15 digits "
        "tgviewer reads; expected a whole number >= 0",
    ]
