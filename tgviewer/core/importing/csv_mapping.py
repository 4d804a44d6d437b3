"""Which column of a CSV file holds what: the country, the period and each measure.

A :class:`ColumnMapping` is chosen by a person (on the command line, in a dialog) starting
from :func:`guess_mapping`, checked by :func:`check_mapping`, and remembered in the settings
through :meth:`ColumnMapping.to_dict`. This module only knows column names; reading the cells
is :mod:`tgviewer.core.importing.csv_import`'s job. It imports nothing but the standard library, so
that the settings can hold a mapping cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: How the country column is written: ISO codes, names, or either (row by row).
COUNTRY_FORMS = ("auto", "code", "name")
_FORM_LABELS = {"auto": "code or name", "code": "ISO code", "name": "name"}

# Header names, normalised (see _normal), each role's in order of preference.
_COUNTRY = (
    "iso3",
    "iso 3",
    "iso alpha 3",
    "alpha 3",
    "country code",
    "country iso",
    "country iso3",
    "iso code",
    "iso",
    "code",
    "country",
    "country name",
    "nation",
    "jurisdiction",
    "name",
)
_START = (
    "start",
    "start date",
    "from",
    "date from",
    "begin",
    "begins",
    "period start",
    "first day",
    "since",
)
_END = ("end", "end date", "to", "date to", "until", "till", "period end", "last day")
_PERIOD = ("period", "quarter", "reporting period", "time period", "span", "half", "year")
_MEASURES = {
    "requests": (
        "requests",
        "fulfilled requests",
        "requests fulfilled",
        "fulfilled",
        "number of requests",
        "request count",
    ),
    "users": (
        "users",
        "affected users",
        "users affected",
        "users disclosed",
        "number of users",
        "user count",
        "accounts",
    ),
}


def _normal(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower()).split())


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds what; ``None`` where no column is chosen yet.

    Attributes
    ----------
    country
        The column holding the country.
    country_as
        How it is written: ``code`` (ISO 3166-1 alpha-3 or alpha-2), ``name`` (any name
        or code :func:`~tgviewer.core.reference.country_names.code_for_name` knows) or
        ``auto`` (a known code, else a name).
    start, end
        The columns holding the first and last day of each row's period (ISO dates).
    period
        Instead of ``start`` and ``end``: the column holding a period label (``2025Q1``,
        ``2025-Q1``, ``Q1 2025``, ``2025H1``, ``2024``, ``2024Q1-2024Q3``).
    measures
        The column of each measure, by measure key; a measure without a column is imported
        as unknown.
    """

    country: str | None = None
    country_as: str = "auto"
    start: str | None = None
    end: str | None = None
    period: str | None = None
    measures: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.country_as not in COUNTRY_FORMS:
            raise ValueError(
                f"country_as: expected one of {', '.join(COUNTRY_FORMS)}, "
                f"found {self.country_as!r:.60}"
            )
        # Frozen in both senses: the mapping is shared by the dialog and the settings.
        object.__setattr__(self, "measures", MappingProxyType(dict(self.measures)))

    def __hash__(self) -> int:
        return hash(
            (
                self.country,
                self.country_as,
                self.start,
                self.end,
                self.period,
                tuple(sorted(self.measures.items())),
            )
        )

    def describe(self) -> str:
        """``country from 'Land' (code or name), period from 'Quarter', users from 'n'``."""
        parts = [
            f"country from {self.country!r} ({_FORM_LABELS[self.country_as]})"
            if self.country
            else "no country column"
        ]
        if self.period:
            parts.append(f"period from {self.period!r}")
        else:
            parts.append(f"start from {self.start!r}" if self.start else "no start column")
            parts.append(f"end from {self.end!r}" if self.end else "no end column")
        parts += [f"{key} from {column!r}" for key, column in self.measures.items()]
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, read back by :meth:`from_dict`."""
        return {
            "country": self.country,
            "country_as": self.country_as,
            "start": self.start,
            "end": self.end,
            "period": self.period,
            "measures": dict(self.measures),
        }

    @classmethod
    def from_dict(cls, document: object) -> ColumnMapping:
        """Read the form :meth:`to_dict` writes; missing fields take their defaults and
        unknown ones are ignored.

        Raises
        ------
        ValueError
            Naming the field that cannot be read and what was expected.
        """
        if not isinstance(document, Mapping):
            raise ValueError(f"expected an object, found {document!r:.60}")

        def column(name: str) -> str | None:
            value = document.get(name)
            if value is not None and not isinstance(value, str):
                raise ValueError(
                    f"field {name!r}: expected a column name or null, found {value!r:.60}"
                )
            return value or None

        country_as = document.get("country_as", "auto")
        if country_as not in COUNTRY_FORMS:
            raise ValueError(
                f"field 'country_as': expected one of {', '.join(COUNTRY_FORMS)}, "
                f"found {country_as!r:.60}"
            )
        measures = document.get("measures", {})
        if not isinstance(measures, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in measures.items()
        ):
            raise ValueError(
                "field 'measures': expected an object of measure keys and "
                f"column names, found {measures!r:.60}"
            )
        return cls(
            column("country"),
            country_as,
            column("start"),
            column("end"),
            column("period"),
            measures,
        )


@dataclass(frozen=True)
class MappingGap:
    """Something a mapping lacks or gets wrong, and which choice it concerns.

    Attributes
    ----------
    role
        ``country``, ``start``, ``end``, ``period``, ``dates`` (period or start and end),
        ``measures`` (no measure at all), or a measure key.
    message
        What to do, in plain words.
    """

    role: str
    message: str


def mapping_gaps(
    mapping: ColumnMapping, headers: Sequence[str], measure_keys: Sequence[str]
) -> list[MappingGap]:
    """What keeps ``mapping`` from reading a file with ``headers`` into ``measure_keys``."""
    gaps: list[MappingGap] = []
    if mapping.country is None:
        gaps.append(MappingGap("country", "choose the column that holds the country"))
    if mapping.period is not None and (mapping.start or mapping.end):
        gaps.append(
            MappingGap("dates", "choose either a period column or start and end columns, not both")
        )
    elif mapping.period is None:
        if mapping.start is None and mapping.end is None:
            gaps.append(
                MappingGap(
                    "dates",
                    "choose the column that holds the period (such "
                    "as 2025Q1), or the columns of its start and end "
                    "dates",
                )
            )
        elif mapping.end is None:
            gaps.append(MappingGap("end", "choose the column that holds the end date"))
        elif mapping.start is None:
            gaps.append(MappingGap("start", "choose the column that holds the start date"))
    known = ", ".join(measure_keys)
    for key in mapping.measures:
        if key not in measure_keys:
            gaps.append(MappingGap(key, f"there is no measure {key!r}; the measures are {known}"))
    if not any(key in measure_keys for key in mapping.measures):
        gaps.append(MappingGap("measures", f"choose the column of at least one measure ({known})"))
    roles = [
        ("country", mapping.country),
        ("start", mapping.start),
        ("end", mapping.end),
        ("period", mapping.period),
        *mapping.measures.items(),
    ]
    chosen: dict[str, str] = {}
    for role, column in roles:
        if column is None:
            continue
        if column not in headers:
            gaps.append(MappingGap(role, f"column {column!r} is not in the file"))
        elif column in chosen:
            gaps.append(
                MappingGap(
                    role, f"column {column!r} is chosen for both {chosen[column]} and {role}"
                )
            )
        else:
            chosen[column] = role
    return gaps


def check_mapping(
    mapping: ColumnMapping, headers: Sequence[str], measure_keys: Sequence[str]
) -> list[str]:
    """Messages saying what ``mapping`` lacks for a file with ``headers``; empty when it can
    be used (see :func:`mapping_gaps` for which choice each concerns)."""
    return [gap.message for gap in mapping_gaps(mapping, headers, measure_keys)]


def guess_mapping(
    headers: Sequence[str], measure_keys: Sequence[str], country_as: str = "auto"
) -> ColumnMapping:
    """A first mapping from the column names (any case, spacing or punctuation).

    Columns that cannot be guessed are left out (``None``, or no entry in ``measures``);
    :func:`check_mapping` says which. A column is used for one role at most; start and end
    columns are preferred to a period column when both are there.
    """
    normal: dict[str, str] = {}
    for header in headers:
        if header.strip():
            normal.setdefault(_normal(header), header)
    taken: set[str] = set()

    def find(names: Sequence[str], reserve: bool = True) -> str | None:
        for name in names:
            header = normal.get(name)
            if header is not None and header not in taken:
                if reserve:
                    taken.add(header)
                return header
        return None

    measures: dict[str, str] = {}
    for key in measure_keys:
        found = find((_normal(key), *_MEASURES.get(key, ())))
        if found is not None:
            measures[key] = found
    country = find(_COUNTRY)
    start, end = find(_START), find(_END)
    period = None
    if start is None or end is None:
        period = find(_PERIOD)
        if period is not None:
            start = end = None
    return ColumnMapping(country, country_as, start, end, period, measures)
