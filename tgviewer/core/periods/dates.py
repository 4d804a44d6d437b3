"""Reading calendar dates written in files, with reasons people can act on."""

from __future__ import annotations

import datetime as dt
import re

from tgviewer.core.errors import TgviewerError, quoted
from tgviewer.core.periods.years import is_supported_year, unsupported_year
from tgviewer.core.plurals import plural

# re.ASCII: only 0-9 are digits. Python's \d and int() would also take Arabic-Indic,
# full-width and other digits, which no file format tgviewer reads means by a date.
_EXTENDED = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)

EXPECTED_DATE = "expected an ISO 8601 date such as 2024-09-30"


class DateError(TgviewerError, ValueError):
    """A date that cannot be read, or that lies outside the years tgviewer supports.

    The message quotes the text; ``file``, ``line`` and ``field`` say where it was, as far as
    the caller of :func:`parse_date` knew.
    """


def _reason_not_a_date(text: str) -> str:
    if not text:
        return "the date is empty"
    if any(c.isdigit() and not c.isascii() for c in text):
        return "write the date with the digits 0-9"
    if text.isascii() and text.isdigit():
        return f"{plural(len(text), 'digit')} where a date has 8"
    return "not a date"


def parse_date(
    text: str, *, file: str | None = None, line: int | None = None, field: str | None = None
) -> dt.date:
    """Read an ISO 8601 calendar date, ``2024-09-30`` or ``20240930``, in the years
    tgviewer supports (:mod:`tgviewer.core.periods.years`).

    Parameters
    ----------
    text
        The date as written; spaces around it are ignored. Only the digits 0-9 are read.
    file, line, field
        Where the date was written, given to the error.

    Raises
    ------
    DateError
        With a message saying what is wrong (``month 21 does not exist``, ``year 1500 is
        outside the years tgviewer supports, 1900–2999``) and what was expected, located at
        ``file``, ``line`` and ``field``.
    """

    def fail(reason: str) -> DateError:
        return DateError(f"{quoted(text)}: {reason}", file=file, line=line, field=field)

    stripped = text.strip()
    match = _EXTENDED.fullmatch(stripped) or _BASIC.fullmatch(stripped)
    if not match:
        raise fail(f"{_reason_not_a_date(stripped)}; {EXPECTED_DATE}")
    year, month, day = (int(part) for part in match.groups())
    if not is_supported_year(year):
        raise fail(unsupported_year(year))
    if not 1 <= month <= 12:
        raise fail(f"month {month} does not exist; {EXPECTED_DATE}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise fail(f"day {day} does not exist in {year}-{month:02d}; {EXPECTED_DATE}") from None
