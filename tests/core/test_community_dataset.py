"""Reading the community dataset.json format."""

from __future__ import annotations

import datetime as dt

import pytest

from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.importing.community_dataset import parse_community_dataset


def messages(data: bytes) -> list[str]:
    with pytest.raises(BundleError) as caught:
        parse_community_dataset(data)
    return [str(p) for p in caught.value.problems]


def test_reads_records_in_order_with_their_origin() -> None:
    records = parse_community_dataset(
        b'{"FRA": [{"from": "20240101", "to": "20240331", "requests": 4, "users": 17}],'
        b' "DEU": [{"from": "20240101", "to": "20240930", "requests": 53, "users": 115}]}'
    )
    assert [(r.country, r.start, r.end, dict(r.values), r.note) for r in records] == [
        (
            "FRA",
            dt.date(2024, 1, 1),
            dt.date(2024, 3, 31),
            {"requests": 4, "users": 17},
            "dataset.json FRA[0]",
        ),
        (
            "DEU",
            dt.date(2024, 1, 1),
            dt.date(2024, 9, 30),
            {"requests": 53, "users": 115},
            "dataset.json DEU[0]",
        ),
    ]


def test_bad_entries_are_named_by_country_and_position() -> None:
    found = messages(
        b'{"FRA": [{"from": "20242131", "to": "20240331", "requests": -1, "users": 1.5}],'
        b' "fr": [], "DEU": {}}'
    )
    assert found == [
        "dataset.json, field 'FRA[0].from': '20242131': month 21 does not exist; expected an "
        "ISO 8601 date such as 2024-09-30",
        "dataset.json, field 'FRA[0].requests': -1 is not a count; expected a whole number >= 0",
        "dataset.json, field 'FRA[0].users': 1.5 is not a count; expected a whole number >= 0",
        "dataset.json, field 'fr': 'fr' is not an ISO 3166-1 alpha-3 code such as FRA",
        "dataset.json, field 'DEU': expected a list of periods",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"FRA": [', "dataset.json, line 1: malformed JSON: Expecting value"),
        (b"[1, 2]", "expected an object mapping country codes"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_unreadable_files(data: bytes, expected: str) -> None:
    assert expected in messages(data)[0]
