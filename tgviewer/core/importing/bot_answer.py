"""Reading the @transparency bot's answers, as people paste them, into records.

An answer looks like this (one of several forms; ``../shared/data/bot-answers`` has real ones)::

    Transparency report for the period 01.01.24–31.12.24

    Fulfilled requests from Belgium for IP address and/or phone number:
    Q1 — 1
    Q2 – 4
    Total: 5

    Affected users:
    Q1 – 1
    Q2 – 4
    Total: 5

    All requests are processed according to paragraph 8.3 of the Privacy Policy (...)

What is read:

- the header's period, ``01.01.24–30.09.24`` (any dash) or ``[from] 1 January 2025 to 30 June
  2025``, even wrapped over lines, inside a date too (the header is read without its spaces);
- the country, in long or short form, or "your country" (the caller then names it);
- per measure, quarter lines ``Q1 — 4`` (any dash, any spacing), or a single figure on the
  heading line or on the next one, for the whole period; ``Total:`` lines, checked against the
  quarters;
- several answers pasted one after the other.

Quarter n is months 3n-2 to 3n of the report's year. A report over several quarters gives a
record per quarter and no total record; one without quarter lines gives one record over its
period. Code fences, Markdown emphasis and links, quoting ``>``, and the footers the bot adds
are ignored; any other line the parser cannot place is returned in :attr:`BotText.unread`,
with its line number, and never dropped silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from tgviewer.core.bundle.model import Record
from tgviewer.core.errors import TgviewerError
from tgviewer.core.periods.spans import describe_dates
from tgviewer.core.reference.country_names import code_for_name

REQUESTS = "requests"
USERS = "users"
MEASURE_LABELS = {REQUESTS: "fulfilled requests", USERS: "affected users"}

#: Every dash people and the bot use between dates and after quarter labels.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH = f"[{re.escape(DASHES)}]"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = "(" + "|".join(MONTHS) + ")"

# The header, matched against its text with all whitespace removed.
_HEADER_START = re.compile(r"^transparency\s*report", re.IGNORECASE)
_NUMERIC_PERIOD = re.compile(
    rf"period(?:from)?(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}|\d{{2}})(?:{_DASH}|to|until)"
    rf"(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}|\d{{2}})", re.IGNORECASE)
_WORDS_PERIOD = re.compile(
    rf"period(?:from)?(\d{{1,2}}){_MONTH},?(\d{{4}})(?:{_DASH}|to|until|till)"
    rf"(\d{{1,2}}){_MONTH},?(\d{{4}})", re.IGNORECASE)
#: How many lines a wrapped header may take.
HEADER_LINES = 5

_REQUESTS_HEADING = re.compile(
    r"^fulfilled\s+requests\s+from\s+(?P<country>.+?)\s+for\s+ip\s+address"
    r"(?:\s+and\s*/\s*or\s+phone\s+numbers?)?\s*:(?P<rest>.*)$", re.IGNORECASE)
_USERS_HEADING = re.compile(r"^affected\s+users\s*:(?P<rest>.*)$", re.IGNORECASE)
_QUARTER = re.compile(rf"^q\s*([1-4])\s*(?:{_DASH}|:)?\s*(\d[\d,\u202f\u00a0 ]*)$",
                      re.IGNORECASE)
_FIGURE = re.compile(r"^(\d[\d,\u202f\u00a0 ]*)$")
_TOTAL = re.compile(r"^total\s*:?\s*(\d[\d,\u202f\u00a0 ]*)$", re.IGNORECASE)
_FENCE = re.compile(r"^(```|~~~)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_YOUR_COUNTRY = re.compile(r"^your\s+country$", re.IGNORECASE)
#: How the bot's own closing paragraphs begin; from one of these to the next header, all is
#: footer.
FOOTER_STARTS = ("all requests are processed", "the next transparency report",
                 "the increase in", "for more information", "telegram's annual",
                 "telegram’s annual", "telegram's dsa", "telegram’s dsa", "http://", "https://")


class BotTextError(TgviewerError, ValueError):
    """Nothing in the text could be read as an answer of the bot."""


@dataclass(frozen=True)
class UnreadLine:
    """A line the parser could not place, with the reason."""

    line: int
    text: str
    reason: str

    def describe(self) -> str:
        return f"line {self.line}: {self.reason}: {self.text!r}"


@dataclass(frozen=True)
class TotalCheck:
    """A ``Total:`` line against the sum of the quarters above it."""

    measure: str
    line: int
    stated: int
    summed: int | None  # None when no quarter lines preceded it

    @property
    def agrees(self) -> bool:
        return self.summed is None or self.summed == self.stated

    def describe(self) -> str:
        label = MEASURE_LABELS[self.measure].capitalize()
        if self.summed is None:
            return f"line {self.line}: {label} total {self.stated} (no quarters to check)"
        verdict = "matches" if self.agrees else "does not match"
        return (f"line {self.line}: {label} total {self.stated} {verdict} the quarters' "
                f"sum {self.summed}")


@dataclass(frozen=True)
class AnswerFigures:
    """The figures of one answer, for one span (a quarter, or the whole period)."""

    start: dt.date
    end: dt.date
    values: dict[str, int | None]
    lines: tuple[int, ...]

    @property
    def label(self) -> str:
        return describe_dates(self.start, self.end)


@dataclass(frozen=True)
class BotAnswer:
    """One answer of the bot: its period, country and figures.

    ``country`` is the ISO alpha-3 code, ``None`` when the answer says "from your country"
    (or names a country no one knows), with ``country_text`` as written.
    """

    header_line: int
    start: dt.date
    end: dt.date
    country_text: str
    country: str | None
    figures: tuple[AnswerFigures, ...]
    totals: tuple[TotalCheck, ...]

    @property
    def label(self) -> str:
        return describe_dates(self.start, self.end)


@dataclass(frozen=True)
class BotText:
    """Everything read from a pasted text: the answers, and the lines that were not read."""

    answers: tuple[BotAnswer, ...]
    unread: tuple[UnreadLine, ...]
    problems: tuple[UnreadLine, ...] = field(default=())

    @property
    def totals_checked(self) -> tuple[TotalCheck, ...]:
        """Every ``Total:`` line of every answer, checked against its quarters."""
        return tuple(t for answer in self.answers for t in answer.totals)

    @property
    def needs_country(self) -> bool:
        """Whether some answer does not say which country it is about."""
        return any(a.country is None for a in self.answers)


# --------------------------------------------------------------------------- helpers


def _clean(line: str) -> str:
    """The line without Markdown: quoting, emphasis, links (their text kept), edges."""
    text = line.replace("\u00a0", " ").strip()
    while text.startswith(">"):
        text = text[1:].lstrip()
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return text.strip()


def _number(text: str) -> int:
    return int(re.sub(r"[,\u202f\u00a0 ]", "", text))


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _header_period(compact: str) -> tuple[dt.date, dt.date] | None:
    """The period in a header whose whitespace was removed, if it has a whole one."""
    try:
        match = _NUMERIC_PERIOD.search(compact)
        if match:
            d1, m1, y1, d2, m2, y2 = match.groups()
            return (dt.date(_year(y1), int(m1), int(d1)), dt.date(_year(y2), int(m2), int(d2)))
        match = _WORDS_PERIOD.search(compact)
        if match:
            d1, mo1, y1, d2, mo2, y2 = match.groups()
            return (dt.date(int(y1), MONTHS.index(mo1.lower()) + 1, int(d1)),
                    dt.date(int(y2), MONTHS.index(mo2.lower()) + 1, int(d2)))
    except ValueError:
        return None
    return None


def _quarter_dates(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * quarter - 2
    last_month = 3 * quarter
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return dt.date(year, first_month, 1), end


# --------------------------------------------------------------------------- the parser


@dataclass
class _Section:
    measure: str
    line: int
    quarters: dict[int, tuple[int, int]] = field(default_factory=dict)  # n -> (value, line)
    whole: tuple[int, int] | None = None
    totals: list[TotalCheck] = field(default_factory=list)


@dataclass
class _Answer:
    header_line: int
    start: dt.date
    end: dt.date
    country_text: str = ""
    sections: list[_Section] = field(default_factory=list)
    in_footer: bool = False


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.answers: list[_Answer] = []
        #: The answer being read; None before the first header and after one not read.
        self.current: _Answer | None = None
        self.unread: list[UnreadLine] = []
        self.problems: list[UnreadLine] = []

    def parse(self) -> None:
        index = 0
        while index < len(self.lines):
            number = index + 1
            raw = self.lines[index]
            if _FENCE.match(raw.strip()):  # code fences (and their language labels) go
                index += 1
                continue
            text = _clean(raw)
            if not text:
                index += 1
                continue
            if _HEADER_START.match(text):
                index = self._header(index)
                continue
            self._body_line(number, text)
            index += 1

    def _header(self, index: int) -> int:
        """Read a header from line ``index``; returns the index of the line after it.

        A header may be wrapped over up to HEADER_LINES lines, anywhere (inside a date too),
        so the lines up to a blank line or a section heading are joined without whitespace;
        the header is the fewest of them that give the same period as all of them (a partly
        read year, ``20`` of ``2024``, must not pass for a whole one).
        """
        parts: list[str] = []
        for offset in range(HEADER_LINES):
            if index + offset >= len(self.lines):
                break
            part = _clean(self.lines[index + offset])
            if offset and (not part or _FENCE.match(part) or _REQUESTS_HEADING.match(part)
                           or _USERS_HEADING.match(part) or _HEADER_START.match(part)):
                break
            parts.append(part)
        period = _header_period(re.sub(r"\s+", "", "".join(parts)))
        self.current = None
        if period is None:
            self.problems.append(UnreadLine(index + 1, _clean(self.lines[index]),
                                            "a report header without a period that can be read"))
            return index + 1
        used = next(k for k in range(1, len(parts) + 1)
                    if _header_period(re.sub(r"\s+", "", "".join(parts[:k]))) == period)
        start, end = period
        if end < start:
            self.problems.append(UnreadLine(index + 1, " ".join(parts[:used]),
                                            "the period ends before it starts"))
        else:
            self.current = _Answer(index + 1, start, end)
            self.answers.append(self.current)
        return index + used

    def _body_line(self, number: int, text: str) -> None:
        answer = self.current
        if answer is None:
            self.unread.append(UnreadLine(number, text, "not part of a report"))
            return
        lowered = text.lower()
        if answer.in_footer or lowered.startswith(FOOTER_STARTS):
            answer.in_footer = True
            return
        heading = _REQUESTS_HEADING.match(text)
        if heading:
            answer.country_text = heading["country"].strip()
            self._start_section(answer, REQUESTS, number, heading["rest"])
            return
        heading = _USERS_HEADING.match(text)
        if heading:
            self._start_section(answer, USERS, number, heading["rest"])
            return
        section = answer.sections[-1] if answer.sections else None
        if section is None:
            self.unread.append(UnreadLine(number, text, "not part of a report"))
            return
        quarter, figure, total = _QUARTER.match(text), _FIGURE.match(text), _TOTAL.match(text)
        if quarter:
            n = int(quarter[1])
            if n in section.quarters:
                self.problems.append(UnreadLine(number, text, f"Q{n} is given twice"))
            else:
                section.quarters[n] = (_number(quarter[2]), number)
        elif total:
            stated = _number(total[1])
            summed = sum(v for v, _ in section.quarters.values()) if section.quarters else None
            section.totals.append(TotalCheck(section.measure, number, stated, summed))
            if summed is None and section.whole is None:
                section.whole = (stated, number)
        elif figure and not section.quarters and section.whole is None:
            section.whole = (_number(figure[1]), number)
        else:
            self.unread.append(UnreadLine(number, text, "not a figure of "
                                          f"{MEASURE_LABELS[section.measure]}"))

    def _start_section(self, answer: _Answer, measure: str, number: int, rest: str) -> None:
        if any(s.measure == measure for s in answer.sections):
            self.problems.append(UnreadLine(number, MEASURE_LABELS[measure],
                                            "given twice in one report"))
        section = _Section(measure, number)
        answer.sections.append(section)
        rest = rest.strip()
        if rest:
            if _FIGURE.match(rest):
                section.whole = (_number(rest), number)
            else:
                self.unread.append(UnreadLine(number, rest, "not a figure"))

    def result(self) -> BotText:
        answers = []
        for raw in self.answers:
            answer = self._answer(raw)
            if answer is not None:
                answers.append(answer)
        return BotText(tuple(answers), tuple(self.unread), tuple(self.problems))

    def _answer(self, raw: _Answer) -> BotAnswer | None:
        if not raw.sections:
            self.problems.append(UnreadLine(raw.header_line, "", "a report with no figures"))
            return None
        spans: dict[tuple[dt.date, dt.date], dict[str, int | None]] = {}
        lines: dict[tuple[dt.date, dt.date], list[int]] = {}
        for section in raw.sections:
            if section.quarters:
                for n, (value, line) in sorted(section.quarters.items()):
                    start, end = _quarter_dates(raw.start.year, n)
                    if start < raw.start or end > raw.end:
                        self.problems.append(UnreadLine(
                            line, f"Q{n}", f"Q{n} {raw.start.year} lies outside the report's "
                            f"period {describe_dates(raw.start, raw.end)}"))
                        continue
                    spans.setdefault((start, end), {})[section.measure] = value
                    lines.setdefault((start, end), []).append(line)
            elif section.whole is not None:
                value, line = section.whole
                spans.setdefault((raw.start, raw.end), {})[section.measure] = value
                lines.setdefault((raw.start, raw.end), []).append(line)
            else:
                self.problems.append(UnreadLine(section.line, MEASURE_LABELS[section.measure],
                                                "a heading with no figure under it"))
        figures = tuple(
            AnswerFigures(start, end, {m: values.get(m) for m in (REQUESTS, USERS)},
                          tuple(lines[(start, end)]))
            for (start, end), values in sorted(spans.items()))
        totals = tuple(t for s in raw.sections for t in s.totals)
        for total in totals:
            if not total.agrees:
                self.problems.append(UnreadLine(total.line, f"Total: {total.stated}",
                                                total.describe().split(": ", 1)[1]))
        country_text = raw.country_text or "your country"
        country = None if _YOUR_COUNTRY.match(country_text) else code_for_name(country_text)
        if country is None and not _YOUR_COUNTRY.match(country_text):
            self.problems.append(UnreadLine(raw.header_line, country_text,
                                            "a country name that is not known"))
        return BotAnswer(raw.header_line, raw.start, raw.end, country_text, country, figures,
                         totals)


def parse_bot_text(text: str) -> BotText:
    """Read every answer of the bot in ``text``.

    Raises
    ------
    BotTextError
        If no answer at all can be read (the message says what was found instead).
    """
    parser = _Parser(text)
    parser.parse()
    result = parser.result()
    if not result.answers:
        first = next(iter(result.problems or result.unread), None)
        where = f" ({first.describe()})" if first else ""
        raise BotTextError("no answer of the @transparency bot was found: expected a line "
                           f"'Transparency report for the period ...'{where}")
    return result


def answer_records(result: BotText, country: str | None = None, source: str = "",
                   note: str = "pasted bot answer") -> list[Record]:
    """The records of every answer in ``result``; ``country`` (alpha-3) for answers that do
    not name theirs ("from your country").

    Raises
    ------
    BotTextError
        If an answer names no country and ``country`` is not given.
    """
    records = []
    for answer in result.answers:
        code = answer.country or country
        if code is None:
            raise BotTextError(
                f"the report on line {answer.header_line} ({answer.label}) is about "
                f"{answer.country_text!r}: say which country it is")
        for figures in answer.figures:
            lines = ", ".join(str(n) for n in figures.lines)
            records.append(Record(code, figures.start, figures.end, dict(figures.values),
                                  source=source, note=f"{note}, lines {lines}"))
    return records
