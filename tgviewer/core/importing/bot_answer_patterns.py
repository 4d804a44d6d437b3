"""The lines of the @transparency bot's answers: the patterns that tell them apart.

What a header, a section heading, a quarter line, a figure, a ``Total:`` line and the bot's
footer look like, and how a line is cleaned of Markdown and its numbers and dates read. The
reader (:mod:`tgviewer.core.importing.bot_answer_reader`) puts the lines together.

Every pattern runs in time linear in its line: where a run of spaces or digits could be
split between two repeats, the first takes all of it (possessive ``*+``, ``++``) and never
gives any back, and a link's text and target cannot contain the brackets that delimit them.
The reader also never hands a pattern a line longer than :data:`MAX_LINE_LENGTH`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

REQUESTS = "requests"
USERS = "users"
MEASURE_LABELS = {REQUESTS: "fulfilled requests", USERS: "affected users"}

#: The longest line read (the bot's longest, a footer paragraph, has about 300 characters);
#: a longer line is listed as unread, not matched against anything.
MAX_LINE_LENGTH = 2_000
#: The most digits a figure may have: more is no count of requests or users (and Python
#: refuses to convert a number of thousands of digits).
MAX_FIGURE_DIGITS = 15

#: Every dash people and the bot use between dates and after quarter labels.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH = f"[{re.escape(DASHES)}]"
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = "(" + "|".join(MONTHS) + ")"

# The header, matched against its text with all whitespace removed.
HEADER_START = re.compile(r"^transparency\s*report", re.IGNORECASE)
NUMERIC_PERIOD = re.compile(
    rf"period(?:from)?([0-9]{{1,2}})\.([0-9]{{1,2}})\.([0-9]{{4}}|[0-9]{{2}})(?:{_DASH}|to|until)"
    rf"([0-9]{{1,2}})\.([0-9]{{1,2}})\.([0-9]{{4}}|[0-9]{{2}})",
    re.IGNORECASE,
)
WORDS_PERIOD = re.compile(
    rf"period(?:from)?([0-9]{{1,2}}){_MONTH},?([0-9]{{4}})(?:{_DASH}|to|until|till)"
    rf"([0-9]{{1,2}}){_MONTH},?([0-9]{{4}})",
    re.IGNORECASE,
)
#: How many lines a wrapped header may take.
HEADER_LINES = 5

REQUESTS_HEADING = re.compile(
    r"^fulfilled\s++requests\s++from\s++(?P<country>.+?)\s++for\s++ip\s++address"
    r"(?:\s++and\s*+/\s*+or\s++phone\s++numbers?)?\s*+:(?P<rest>.*)$",
    re.IGNORECASE,
)
USERS_HEADING = re.compile(r"^affected\s++users\s*+:(?P<rest>.*)$", re.IGNORECASE)
QUARTER_LINE = re.compile(
    rf"^q\s*+([1-4])\s*+(?:{_DASH}|:)?\s*+([0-9][0-9,\u202f\u00a0 ]*+)$", re.IGNORECASE
)
FIGURE_LINE = re.compile(r"^([0-9][0-9,\u202f\u00a0 ]*+)$")
TOTAL_LINE = re.compile(r"^total\s*+:?\s*+([0-9][0-9,\u202f\u00a0 ]*+)$", re.IGNORECASE)
FENCE = re.compile(r"^(```|~~~)")
LINK = re.compile(r"\[([^\[\]\n]*+)\]\([^()\n]*+\)")
QUOTING = re.compile(r"(?:>\s*+)*+")
YOUR_COUNTRY = re.compile(r"^your\s++country$", re.IGNORECASE)
#: How the bot's own closing paragraphs begin; from one of these to the next header, all is
#: footer.
FOOTER_STARTS = (
    "all requests are processed",
    "the next transparency report",
    "the increase in",
    "for more information",
    "telegram's annual",
    "telegram’s annual",
    "telegram's dsa",
    "telegram’s dsa",
    "http://",
    "https://",
)


def clean_line(line: str) -> str:
    """The line without Markdown: quoting, emphasis, links (their text kept), edges."""
    text = line.replace("\u00a0", " ").strip()
    quoting = QUOTING.match(text)
    if quoting:
        text = text[quoting.end() :]
    text = LINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return text.strip()


def read_number(text: str) -> int:
    """A figure as the bot writes it, grouped or not: ``1,234`` and ``1 234`` are 1234.

    Raises
    ------
    ValueError
        If it has more than :data:`MAX_FIGURE_DIGITS` digits, saying so.
    """
    digits = re.sub(r"[,\u202f\u00a0 ]", "", text)
    if len(digits) > MAX_FIGURE_DIGITS:
        raise ValueError(
            f"a figure of {len(digits):,} digits; a count has at most {MAX_FIGURE_DIGITS}"
        )
    return int(digits)


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def header_period(compact: str) -> tuple[dt.date, dt.date] | None:
    """The period in a header whose whitespace was removed, if it has a whole one."""
    try:
        match = NUMERIC_PERIOD.search(compact)
        if match:
            d1, m1, y1, d2, m2, y2 = match.groups()
            return (dt.date(_year(y1), int(m1), int(d1)), dt.date(_year(y2), int(m2), int(d2)))
        match = WORDS_PERIOD.search(compact)
        if match:
            d1, mo1, y1, d2, mo2, y2 = match.groups()
            return (
                dt.date(int(y1), MONTHS.index(mo1.lower()) + 1, int(d1)),
                dt.date(int(y2), MONTHS.index(mo2.lower()) + 1, int(d2)),
            )
    except ValueError:
        return None
    return None


def quarter_dates(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of ``quarter`` (1-4) of ``year``."""
    first_month = 3 * quarter - 2
    last_month = 3 * quarter
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return dt.date(year, first_month, 1), end
