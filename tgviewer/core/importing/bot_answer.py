"""The @transparency bot's answers as read: answers, figures, checked totals, unread lines.

:func:`~tgviewer.core.importing.bot_answer_reader.parse_bot_text` reads pasted answers into
a :class:`BotText`; :func:`answer_records` turns its answers into the records of a bundle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tgviewer.core.bundle.model import Record
from tgviewer.core.errors import TgviewerError
from tgviewer.core.importing.bot_answer_patterns import MEASURE_LABELS
from tgviewer.core.periods.spans import describe_dates


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
        return (
            f"line {self.line}: {label} total {self.stated} {verdict} the quarters' "
            f"sum {self.summed}"
        )


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


def answer_records(
    result: BotText, country: str | None = None, source: str = "", note: str = "pasted bot answer"
) -> list[Record]:
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
                f"{answer.country_text!r}: say which country it is"
            )
        for figures in answer.figures:
            lines = ", ".join(str(n) for n in figures.lines)
            records.append(
                Record(
                    code,
                    figures.start,
                    figures.end,
                    dict(figures.values),
                    source=source,
                    note=f"{note}, lines {lines}",
                )
            )
    return records
