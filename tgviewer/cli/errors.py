"""How the command line reports the errors people can meet (kept light to import).

Every such error is a :class:`~tgviewer.core.errors.TgviewerError`; :func:`report_error`
is the one place that turns one into ``tgviewer: <describe()>`` on stderr and an exit code.
Commands raise :class:`UsageError` for a command line that asks for what cannot be (an
option that names nothing: exit code 2, as argparse's own errors), :class:`CommandError`
for what could not be done with the files given (exit code 1), and let the core's errors
through untouched (exit code 1: bad data or files).
"""

from __future__ import annotations

import sys

from tgviewer.core.errors import TgviewerError
from tgviewer.core.periods.spans import PeriodError

EXIT_OK = 0
#: A command that could not do what was asked.
EXIT_FAILED = 1
#: A command line that cannot be read (argparse's code, and a period that cannot be read).
EXIT_USAGE = 2
#: A bug in tgviewer (``EX_SOFTWARE``).
EXIT_INTERNAL = 70


class CommandError(TgviewerError):
    """A command cannot do what was asked; the message says why (exit code 1)."""


class UsageError(CommandError):
    """A command line asking for what cannot be: an option naming nothing, a format or
    layout the command does not write (exit code 2)."""


def exit_code(error: TgviewerError) -> int:
    """The exit code of a command stopped by ``error``.

    A command line that cannot be read or asks for what cannot be (a period that cannot be
    read, a :class:`UsageError`) gives 2, as argparse's own errors do; every other error of
    the family (bad data or files) means the command failed (1).
    """
    return EXIT_USAGE if isinstance(error, PeriodError | UsageError) else EXIT_FAILED


def report_error(error: TgviewerError) -> int:
    """Write ``tgviewer: <error.describe()>`` to stderr and return the exit code."""
    print(f"tgviewer: {error.describe()}", file=sys.stderr)
    return exit_code(error)
