"""Problems found in files people give tgviewer, and the error that carries them.

Every problem says what is wrong and where: the file, the line and the field when known.
Errors make a bundle unusable and are raised together as one :class:`BundleError`;
warnings stay attached to the loaded bundle so the app can show them, and so do cautions:
figures that are possible but doubtful (see :mod:`tgviewer.core.bundle.cautions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from tgviewer.core.errors import TgviewerError, locate
from tgviewer.core.plurals import plural

#: Beyond this many errors a message lists the first ones and counts the rest.
MAX_LISTED_PROBLEMS = 20


#: A list of lines in a message names at most this many runs of consecutive lines.
MAX_LISTED_RUNS = 5


def describe_lines(lines: Sequence[int]) -> str:
    """``lines 4, 5``, ``lines 3–4002, 4010`` or ``lines 2, 4, 6, 8, 10 and 2,000 more``.

    Consecutive lines are said as one run; past :data:`MAX_LISTED_RUNS` runs the remaining
    lines are counted, so that a message about thousands of rows stays one line long.
    """
    runs: list[list[int]] = []
    for line in lines:
        if runs and runs[-1][1] == line - 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    shown = [f"{a}" if a == b else (f"{a}, {b}" if b == a + 1 else f"{a}–{b}") for a, b in runs]
    text = "lines " + ", ".join(shown[:MAX_LISTED_RUNS])
    if len(runs) > MAX_LISTED_RUNS:
        rest = sum(b - a + 1 for a, b in runs[MAX_LISTED_RUNS:])
        text += f" and {rest:,} more"
    return text


class Severity(Enum):
    """How bad a problem is."""

    ERROR = "error"
    WARNING = "warning"
    #: Possible but doubtful figures within one record; not a contradiction between records.
    CAUTION = "caution"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    Attributes
    ----------
    severity
        An error refuses the file; a warning or a caution is kept with it.
    message
        What is wrong and what was expected, in plain words.
    file
        File name inside the bundle (``records.csv``) or the path of a loose file.
    line
        1-based line number in ``file``, when it is a text file.
    field
        Column name, or a dotted path into a JSON document (``sources[0].url``).
    """

    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    @property
    def location(self) -> str:
        """``records.csv, line 12, field 'start'``: where the problem is, as far as known."""
        return locate(self.file, self.line, field=self.field)

    def __str__(self) -> str:
        location = self.location
        return f"{location}: {self.message}" if location else self.message


def error(
    message: str, file: str | None = None, line: int | None = None, field: str | None = None
) -> Problem:
    """Make an error :class:`Problem`."""
    return Problem(Severity.ERROR, message, file, line, field)


def warning(
    message: str, file: str | None = None, line: int | None = None, field: str | None = None
) -> Problem:
    """Make a warning :class:`Problem`."""
    return Problem(Severity.WARNING, message, file, line, field)


def caution(
    message: str, file: str | None = None, line: int | None = None, field: str | None = None
) -> Problem:
    """Make a caution :class:`Problem`."""
    return Problem(Severity.CAUTION, message, file, line, field)


def error_of(exc: TgviewerError) -> Problem:
    """The error :class:`Problem` saying what ``exc`` says, where it says it."""
    return error(exc.message, exc.file, exc.line, exc.field)


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The errors among ``problems``."""
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    """The warnings among ``problems``."""
    return [p for p in problems if p.severity is Severity.WARNING]


def cautions_in(problems: Iterable[Problem]) -> list[Problem]:
    """The cautions among ``problems``."""
    return [p for p in problems if p.severity is Severity.CAUTION]


def count_words(problems: Sequence[Problem]) -> str:
    """``1 warning``, ``1 warning, 2 cautions``, ``2 cautions`` or ``0 warnings``."""
    parts = []
    for severity in (Severity.WARNING, Severity.CAUTION):
        count = sum(p.severity is severity for p in problems)
        if count:
            parts.append(plural(count, severity.value))
    return ", ".join(parts) or "0 warnings"


class BundleError(TgviewerError):
    """A bundle or another data file cannot be used; ``problems`` says why and where.

    The error's own ``file`` is the bundle (``source``); each problem names its place inside
    it, so one error carries the many file, line and field positions a damaged bundle has.

    Parameters
    ----------
    source
        The path or name the user gave, shown first in the message.
    problems
        The errors found (at least one).
    """

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems) or (
            error("the file could not be used"),
        )
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"cannot be used ({count} {noun})", file=source)

    def describe(self, limit: int = MAX_LISTED_PROBLEMS) -> str:
        """A message listing the first ``limit`` problems, one per line."""
        count = len(self.problems)
        lines = [super().describe()]
        lines += [f"  {problem}" for problem in self.problems[:limit]]
        if count > limit:
            lines.append(f"  ... and {count - limit} more")
        return "\n".join(lines)
