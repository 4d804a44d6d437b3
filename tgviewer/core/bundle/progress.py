"""Telling how far the reading of a bundle has got, and stopping it when asked.

:func:`tgviewer.core.bundle.reader.read_bundle` calls a :data:`Progress` callback now and
then with what it is doing and the share of the work done (0 to 1). The callback may raise
:class:`LoadCancelled` to stop the reading: nothing is kept, and the caller's data stays as
it was.
"""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(step, done)``: ``step`` in words ("Reading records.csv"), ``done`` from 0 to 1.
Progress = Callable[[str, float], None]

#: How the reading's steps share the work, as (words, share of the whole): measured on a
#: million records, reading the lines takes about half the time, checking them the rest.
STEPS = (
    ("Reading records.csv", 0.55),
    ("Checking the records", 0.15),
    ("Checking that totals agree with their parts", 0.30),
)


class LoadCancelled(Exception):  # noqa: N818 (a request honoured, not an error)
    """The reading was stopped on request (see :data:`Progress`)."""


def no_progress(step: str, done: float) -> None:
    """A :data:`Progress` that tells no one."""


class Stepper:
    """Turns each step's own progress into the whole reading's, for ``report``."""

    def __init__(self, report: Progress) -> None:
        self.report = report
        self.offset = 0.0
        self.index = -1

    def step(self) -> Callable[[float], None]:
        """Begin the next step of :data:`STEPS`; returns how to report within it (0 to 1)."""
        if self.index >= 0:
            self.offset += STEPS[self.index][1]
        self.index += 1
        words, share = STEPS[self.index]
        offset = self.offset

        def within(done: float) -> None:
            self.report(words, min(1.0, offset + share * done))

        within(0.0)
        return within

    def finish(self) -> None:
        """The reading is done."""
        self.report("Done", 1.0)
