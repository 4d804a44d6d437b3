"""Where the window turns errors into words: the family people can meet, and bugs.

Every error a person can meet is a :class:`~tgviewer.core.errors.TgviewerError`;
:func:`warning_text` is the one place that turns one into the text of a warning (its
``describe()``, then what stayed as it was), for the commands that catch it to say what
did not happen. One that no command catches reaches :class:`ErrorHandler`, which shows it
the same way, as a warning without a traceback.

Anything else is a bug, the last line of defence: Qt calls ``sys.excepthook`` for
exceptions raised in Python slots; tgviewer's hook writes the traceback to
``tgviewer.log`` in the log folder, shows a dialog whose details can be copied, and returns
to the event loop, so the app keeps running and no traceback reaches the terminal a user
never sees.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tgviewer import __version__
from tgviewer.core.errors import TgviewerError
from tgviewer.paths import log_dir

LOG_FILE = "tgviewer.log"
LOGGER = logging.getLogger("tgviewer")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_path() -> Path:
    """Where errors are logged."""
    return log_dir() / LOG_FILE


def warning_text(error: TgviewerError, outcome: str = "") -> str:
    """The text of the warning that shows ``error``.

    Parameters
    ----------
    error
        What went wrong; its :meth:`~tgviewer.core.errors.TgviewerError.describe` says what
        and where (``file, line N, field 'F': message``).
    outcome
        What the user should know happened instead, as a sentence (``"The data shown is
        unchanged."``); it follows after a blank line.
    """
    text = error.describe()
    return f"{text}\n\n{outcome}" if outcome else text


def _file_logger() -> logging.Logger:
    # Imported when something is first logged: logging.handlers brings socket, pickle and
    # queue, which a start that logs nothing has no use for.
    from logging.handlers import RotatingFileHandler

    path = log_path()
    if not any(
        isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in LOGGER.handlers
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)
    return LOGGER


class ErrorHandler:
    """Installed as ``sys.excepthook`` while the window runs."""

    def __init__(self, parent: Callable[[], QWidget | None] = QApplication.activeWindow) -> None:
        self._parent = parent
        self._previous: ExceptHook | None = None
        self._handling = False
        #: The dialogs shown, most recent last (kept so they are not garbage collected).
        self.dialogs: list[QMessageBox] = []

    def install(self) -> None:
        """Make this the handler of uncaught exceptions."""
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        """Put back the handler found at :meth:`install`."""
        if sys.excepthook is self and self._previous is not None:
            sys.excepthook = self._previous

    def __call__(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(error, TgviewerError):
            self._show_user_error(error)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        try:
            _file_logger().error("uncaught exception in tgviewer %s\n%s", __version__, details)
            logged = f"The details were also saved to {log_path()}."
        except OSError as exc:
            logged = f"The details could not be saved to the log ({exc.strerror})."
        if self._handling:  # an error while showing the error: do not loop
            return
        self._handling = True
        try:
            self.dialogs = [d for d in self.dialogs if d.isVisible()]
            box = QMessageBox(self._parent())
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle("Something went wrong")
            box.setText(f"tgviewer hit an unexpected problem: {kind.__name__}: {error}")
            box.setInformativeText(
                f"The app is still running and your data and files are unchanged. {logged}"
            )
            box.setDetailedText(details)
            box.setStandardButtons(QMessageBox.StandardButton.Close)
            box.open()
            self.dialogs.append(box)
        finally:
            self._handling = False

    def _show_user_error(self, error: TgviewerError) -> None:
        """A slot let through an error the user can meet: say it, as a command would."""
        with contextlib.suppress(OSError):  # an unwritable log must not hide the warning
            _file_logger().warning("not done: %s", error.describe())
        if self._handling:
            return
        self._handling = True
        try:
            self.dialogs = [d for d in self.dialogs if d.isVisible()]
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "That could not be done",
                warning_text(error, "The app is still running."),
                QMessageBox.StandardButton.Ok,
                self._parent(),
            )
            box.open()
            self.dialogs.append(box)
        finally:
            self._handling = False
