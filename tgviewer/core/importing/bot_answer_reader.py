"""Reading the @transparency bot's answers, as people paste them.

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

import datetime as dt
import re
from dataclasses import dataclass, field

from tgviewer.core.importing.bot_answer import (
    AnswerFigures,
    BotAnswer,
    BotText,
    BotTextError,
    TotalCheck,
    UnreadLine,
)
from tgviewer.core.importing.bot_answer_patterns import (
    FENCE,
    FIGURE_LINE,
    FOOTER_STARTS,
    HEADER_LINES,
    HEADER_START,
    MAX_LINE_LENGTH,
    MEASURE_LABELS,
    QUARTER_LINE,
    REQUESTS,
    REQUESTS_HEADING,
    TOTAL_LINE,
    USERS,
    USERS_HEADING,
    YOUR_COUNTRY,
    clean_line,
    header_period,
    quarter_dates,
    read_number,
)
from tgviewer.core.periods.spans import describe_dates
from tgviewer.core.periods.years import is_supported_year, unsupported_year
from tgviewer.core.reference.country_names import code_for_name


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
            if len(raw) > MAX_LINE_LENGTH:
                self.unread.append(_too_long(number, raw))
                index += 1
                continue
            if FENCE.match(raw.strip()):  # code fences (and their language labels) go
                index += 1
                continue
            text = clean_line(raw)
            if not text:
                index += 1
                continue
            if HEADER_START.match(text):
                index = self._header(index)
                continue
            try:
                self._body_line(number, text)
            except ValueError as exc:  # a figure too long to be a count
                self.problems.append(UnreadLine(number, _shortened(text), str(exc)))
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
            if len(self.lines[index + offset]) > MAX_LINE_LENGTH:
                break
            part = clean_line(self.lines[index + offset])
            if offset and (
                not part
                or FENCE.match(part)
                or REQUESTS_HEADING.match(part)
                or USERS_HEADING.match(part)
                or HEADER_START.match(part)
            ):
                break
            parts.append(part)
        period = header_period(re.sub(r"\s+", "", "".join(parts)))
        self.current = None
        if period is None:
            self.problems.append(
                UnreadLine(
                    index + 1,
                    clean_line(self.lines[index]),
                    "a report header without a period that can be read",
                )
            )
            return index + 1
        used = next(
            k
            for k in range(1, len(parts) + 1)
            if header_period(re.sub(r"\s+", "", "".join(parts[:k]))) == period
        )
        start, end = period
        outside = [year for year in (start.year, end.year) if not is_supported_year(year)]
        if outside:
            self.problems.append(
                UnreadLine(index + 1, " ".join(parts[:used]), unsupported_year(outside[0]))
            )
        elif end < start:
            self.problems.append(
                UnreadLine(index + 1, " ".join(parts[:used]), "the period ends before it starts")
            )
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
        heading = REQUESTS_HEADING.match(text)
        if heading:
            answer.country_text = heading["country"].strip()
            self._start_section(answer, REQUESTS, number, heading["rest"])
            return
        heading = USERS_HEADING.match(text)
        if heading:
            self._start_section(answer, USERS, number, heading["rest"])
            return
        section = answer.sections[-1] if answer.sections else None
        if section is None:
            self.unread.append(UnreadLine(number, text, "not part of a report"))
            return
        quarter = QUARTER_LINE.match(text)
        figure, total = FIGURE_LINE.match(text), TOTAL_LINE.match(text)
        if quarter:
            n = int(quarter[1])
            if n in section.quarters:
                self.problems.append(UnreadLine(number, text, f"Q{n} is given twice"))
            else:
                section.quarters[n] = (read_number(quarter[2]), number)
        elif total:
            stated = read_number(total[1])
            summed = sum(v for v, _ in section.quarters.values()) if section.quarters else None
            section.totals.append(TotalCheck(section.measure, number, stated, summed))
            if summed is None and section.whole is None:
                section.whole = (stated, number)
        elif figure and not section.quarters and section.whole is None:
            section.whole = (read_number(figure[1]), number)
        else:
            self.unread.append(
                UnreadLine(number, text, f"not a figure of {MEASURE_LABELS[section.measure]}")
            )

    def _start_section(self, answer: _Answer, measure: str, number: int, rest: str) -> None:
        if any(s.measure == measure for s in answer.sections):
            self.problems.append(
                UnreadLine(number, MEASURE_LABELS[measure], "given twice in one report")
            )
        section = _Section(measure, number)
        answer.sections.append(section)
        rest = rest.strip()
        if rest:
            if FIGURE_LINE.match(rest):
                section.whole = (read_number(rest), number)  # the section stands if it raises
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
                    start, end = quarter_dates(raw.start.year, n)
                    if start < raw.start or end > raw.end:
                        self.problems.append(
                            UnreadLine(
                                line,
                                f"Q{n}",
                                f"Q{n} {raw.start.year} lies outside the report's "
                                f"period {describe_dates(raw.start, raw.end)}",
                            )
                        )
                        continue
                    spans.setdefault((start, end), {})[section.measure] = value
                    lines.setdefault((start, end), []).append(line)
            elif section.whole is not None:
                value, line = section.whole
                spans.setdefault((raw.start, raw.end), {})[section.measure] = value
                lines.setdefault((raw.start, raw.end), []).append(line)
            else:
                self.problems.append(
                    UnreadLine(
                        section.line,
                        MEASURE_LABELS[section.measure],
                        "a heading with no figure under it",
                    )
                )
        figures = tuple(
            AnswerFigures(
                start,
                end,
                {m: values.get(m) for m in (REQUESTS, USERS)},
                tuple(lines[(start, end)]),
            )
            for (start, end), values in sorted(spans.items())
        )
        totals = tuple(t for s in raw.sections for t in s.totals)
        for total in totals:
            if not total.agrees:
                self.problems.append(
                    UnreadLine(
                        total.line, f"Total: {total.stated}", total.describe().split(": ", 1)[1]
                    )
                )
        country_text = raw.country_text or "your country"
        country = None if YOUR_COUNTRY.match(country_text) else code_for_name(country_text)
        if country is None and not YOUR_COUNTRY.match(country_text):
            self.problems.append(
                UnreadLine(raw.header_line, country_text, "a country name that is not known")
            )
        return BotAnswer(
            raw.header_line, raw.start, raw.end, country_text, country, figures, totals
        )


def _shortened(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length] + "…"


def _too_long(number: int, text: str) -> UnreadLine:
    return UnreadLine(
        number,
        _shortened(text),
        f"a line of {len(text):,} characters, longer than any line of an answer "
        f"(at most {MAX_LINE_LENGTH:,}); not read",
    )


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
        raise BotTextError(
            "no answer of the @transparency bot was found: expected a line "
            f"'Transparency report for the period ...'{where}"
        )
    return result
