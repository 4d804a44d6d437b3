"""What the window's controllers and dialogs need from it, as narrow protocols.

A controller is built with exactly what it uses: the state store, the settings store, a
:class:`Notifier`, a :class:`BundleHost`, small callables and the widgets it acts on, never
the whole window. The window satisfies these protocols; tests can pass small fakes.
"""

from __future__ import annotations

from typing import Protocol

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.view_state import ViewState


class Notifier(Protocol):
    """Where a controller says what happened."""

    def notice(self, text: str) -> None:
        """One sentence in the status bar that stays until replaced (a file saved, a file
        that could not be opened)."""

    def warn(self, title: str, text: str) -> None:
        """Say what went wrong in a window-modal box."""


class BundleHost(Protocol):
    """The bundle shown, and showing another."""

    @property
    def bundle(self) -> Bundle:
        """The bundle shown."""

    @property
    def bundle_path(self) -> str | None:
        """The file the bundle shown was opened from; ``None`` for the embedded default."""

    def set_bundle(self, bundle: Bundle, path: str | None, state: ViewState | None = None) -> None:
        """Show ``bundle`` (opened from ``path``) in ``state``, else in the current view where
        it applies to it."""
