"""The error a command raises when it cannot do what was asked (kept light to import)."""

from __future__ import annotations


class CommandError(Exception):
    """A command cannot do what was asked; the message says why (exit code 1)."""
