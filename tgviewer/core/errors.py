"""The one family of errors a person can meet, each saying what is wrong and where.

Every error a user can cause or run into (a damaged bundle, a saved view from a newer
tgviewer, a period that cannot be read, an export that cannot be written, a broken
installation) is a :class:`TgviewerError`. It carries a plain-language ``message`` and, when
known, the ``file``, ``line``, ``column`` and ``field`` it concerns, and
:meth:`TgviewerError.describe` joins them in one form everywhere::

    records.csv, line 12, field 'start': expected a date such as 2025-01-01

The edges handle the family once, by this base: the command line prints
``tgviewer: <describe()>`` (:func:`tgviewer.cli.main.report_error`), the window shows the
same text in a warning (:func:`tgviewer.ui.error_handler.warning_text`). Anything else that
escapes is a bug, reported as one. This module is Qt-free and imports nothing of tgviewer.
"""

from __future__ import annotations


def locate(
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    field: str | None = None,
) -> str:
    """Where something is, as far as known: ``records.csv, line 12, field 'start'``.

    Parameters
    ----------
    file
        A path or a file's name (inside a bundle: ``records.csv``).
    line, column
        1-based position in ``file``, when it is a text file.
    field
        A column name, or a dotted path into a JSON document (``sources[0].url``).

    Returns
    -------
    str
        The parts known, joined by commas; empty when nothing is known.
    """
    parts = []
    if file:
        parts.append(file)
    if line is not None:
        parts.append(f"line {line}")
    if column is not None:
        parts.append(f"column {column}")
    if field:
        parts.append(f"field '{field}'")
    return ", ".join(parts)


#: Longest text quoted whole in a message; longer text is cut (a hostile cell can be huge).
MAX_QUOTED = 40


def quoted(text: str) -> str:
    """``text`` as a message quotes it: ``'2024-13-01'``, cut to :data:`MAX_QUOTED`
    characters with an ellipsis, so that a megabyte written in one field stays one line."""
    return repr(text) if len(text) <= MAX_QUOTED else repr(text[: MAX_QUOTED - 1] + "…")


class TgviewerError(Exception):
    """Something a person asked for cannot be done; the message says what and where.

    Parameters
    ----------
    message
        What is wrong (and, when it helps, what to do), in plain words, without the place.
    file, line, column, field
        Where the problem is, when known (see :func:`locate`).

    Attributes
    ----------
    message, file, line, column, field
        As given; ``str(error)`` is :meth:`describe`.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        super().__init__(self.describe())

    @property
    def location(self) -> str:
        """``data.csv, line 7, field 'users'``: where the problem is, as far as known."""
        return locate(self.file, self.line, self.column, self.field)

    def describe(self) -> str:
        """The error in one text for a person: ``file, line N, field 'F': message``."""
        where = self.location
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self.describe()
