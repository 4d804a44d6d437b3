"""Reading calendar dates written in files, with reasons people can act on."""

from __future__ import annotations

import datetime as dt
import re

_EXTENDED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})$")

EXPECTED_DATE = "expected an ISO 8601 date such as 2024-09-30"


def parse_date(text: str) -> dt.date:
    """Read an ISO 8601 calendar date, ``2024-09-30`` or ``20240930``.

    Raises
    ------
    ValueError
        With a message saying what is wrong (``month 21 does not exist``) and what was
        expected.
    """
    stripped = text.strip()
    match = _EXTENDED.match(stripped) or _BASIC.match(stripped)
    if not match:
        if stripped.isdigit():
            reason = f"{len(stripped)} digits where a date has 8"
        elif not stripped:
            reason = "the date is empty"
        else:
            reason = "not a date"
        raise ValueError(f"{text!r}: {reason}; {EXPECTED_DATE}")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: month {month} does not exist; {EXPECTED_DATE}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            f"{text!r}: day {day} does not exist in {year}-{month:02d}; {EXPECTED_DATE}"
        ) from None
