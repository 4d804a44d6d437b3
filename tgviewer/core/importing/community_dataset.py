"""The community dataset format (Te-k/telegram-transparency ``dataset.json``).

Its shape is ``{"FRA": [{"from": "20240101", "to": "20240331", "requests": 4, "users": 17},
...], ...}``: per country code, records with inclusive ``YYYYMMDD`` dates and the two counts.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tgviewer.core.bundle.model import Manifest, Measure, Record, Source
from tgviewer.core.bundle.problems import BundleError, Problem, error, error_of
from tgviewer.core.bundle.records_csv import COUNTRY_CODE
from tgviewer.core.errors import quoted
from tgviewer.core.numbers import LongNumber, loads, too_long
from tgviewer.core.periods.dates import DateError, parse_date

SOURCE_ID = "telegram-transparency"
MEASURE_KEYS = ("requests", "users")

TELEGRAM_MEASURES = (
    Measure(
        "requests",
        "Fulfilled requests",
        "Requests from the country's authorities for users' IP addresses and/or phone "
        "numbers that Telegram fulfilled.",
    ),
    Measure(
        "users", "Users affected", "Users whose IP address and/or phone number Telegram disclosed."
    ),
)
ATTRIBUTION = (
    "Telegram transparency reports, collected by the telegram-transparency project "
    "(Te-k) and contributors, CC BY 4.0"
)
SOURCE = Source(
    SOURCE_ID,
    "Telegram transparency reports (community dataset)",
    "https://github.com/Te-k/telegram-transparency",
)

#: Largest dataset.json accepted; the real one is a few dozen KiB.
MAX_SIZE = 64 << 20


def parse_community_dataset(
    data: bytes, name: str = "dataset.json", source_id: str = SOURCE_ID
) -> list[Record]:
    """Read a ``dataset.json`` into records, in the file's order.

    Raises
    ------
    BundleError
        Listing every entry that cannot be read, by country and position
        (``FRA[3].to``), with what was expected.
    """
    if len(data) > MAX_SIZE:
        raise BundleError(name, [error(f"the file is larger than {MAX_SIZE >> 20} MiB", name)])
    try:
        document = loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BundleError(name, [error("the file is not UTF-8 text", name, line)]) from None
    except json.JSONDecodeError as exc:
        raise BundleError(
            name, [error(f"malformed JSON: {exc.msg} (column {exc.colno})", name, exc.lineno)]
        ) from None
    except RecursionError:
        raise BundleError(
            name, [error("the JSON is nested too deeply to be a dataset", name)]
        ) from None
    if not isinstance(document, dict):
        raise BundleError(
            name,
            [
                error(
                    "expected an object mapping country codes to lists of periods, such as "
                    '{"FRA": [{"from": "20240101", "to": "20240331", "requests": 4, "users": 17}]}',
                    name,
                )
            ],
        )
    problems: list[Problem] = []
    records: list[Record] = []
    for country, entries in document.items():
        if not isinstance(country, str) or not COUNTRY_CODE.match(country):
            problems.append(
                error(
                    f"{quoted(country)} is not an ISO 3166-1 alpha-3 code such as FRA",
                    name,
                    field=str(country),
                )
            )
            continue
        if not isinstance(entries, list):
            problems.append(error("expected a list of periods", name, field=country))
            continue
        for index, entry in enumerate(entries):
            record = _record(country, index, entry, name, source_id, problems)
            if record is not None:
                records.append(record)
    if problems:
        raise BundleError(name, problems)
    return records


def _record(
    country: str, index: int, entry: Any, name: str, source_id: str, problems: list[Problem]
) -> Record | None:
    where = f"{country}[{index}]"
    if not isinstance(entry, dict):
        problems.append(
            error("expected an object with from, to, requests and users", name, field=where)
        )
        return None
    before = len(problems)
    dates: list[dt.date] = []
    for key in ("from", "to"):
        value = entry.get(key)
        if not isinstance(value, str | int) or isinstance(value, bool):
            problems.append(
                error(
                    f"{value!r:.40}: expected a date written YYYYMMDD", name, field=f"{where}.{key}"
                )
            )
            continue
        try:
            dates.append(parse_date(str(value), file=name, field=f"{where}.{key}"))
        except DateError as exc:
            problems.append(error_of(exc))
    values: dict[str, int | None] = {}
    for key in MEASURE_KEYS:
        value = entry.get(key)
        if value is None:
            values[key] = None
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            values[key] = value
        else:
            problems.append(
                error(
                    f"{_not_a_count(value)}; expected a whole number >= 0",
                    name,
                    field=f"{where}.{key}",
                )
            )
    if len(dates) == 2 and dates[0] > dates[1]:
        problems.append(
            error(
                f"the period starts ({dates[0]}) after it ends ({dates[1]})",
                name,
                field=f"{where}.from",
            )
        )
    if len(problems) > before:
        return None
    return Record(
        country, dates[0], dates[1], values, source=source_id, note=f"dataset.json {where}"
    )


def _not_a_count(value: object) -> str:
    if isinstance(value, LongNumber):
        return too_long(value.digits)
    return f"{quoted(value) if isinstance(value, str) else repr(value)[:40]} is not a count"


def community_manifest(
    bundle_id: str, title: str, as_of: dt.date, description: str = "", source: Source = SOURCE
) -> Manifest:
    """A manifest for records read from the community dataset."""
    return Manifest(
        id=bundle_id,
        title=title,
        description=description,
        as_of=as_of,
        licence="CC BY 4.0",
        attribution=ATTRIBUTION,
        sources=(source,),
        measures=TELEGRAM_MEASURES,
    )
