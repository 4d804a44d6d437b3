"""The settings of the running app: one :class:`Settings`, changed and saved only here.

Every change of settings (a bundle opened, a recent list cleared, a theme chosen) goes
through one :class:`SettingsStore`, which tells its listeners and writes the file. Saving is
never fatal: a settings file that must not be replaced (see :attr:`LoadedSettings.writable`)
is left alone, and a disk that refuses the write is logged and reported in one sentence.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tgviewer.core.state.settings import LoadedSettings, Settings, save_settings, settings_path

LOGGER = logging.getLogger("tgviewer")

#: Called as ``listener(old, new)`` after each change.
SettingsListener = Callable[[Settings, Settings], None]


def _unchanged(settings: Settings) -> Settings:
    return settings


def _silent(_text: str) -> None:
    return None


class SettingsStore:
    """Holds the current :class:`Settings`, tells listeners of changes, and saves them.

    Parameters
    ----------
    settings
        The first settings (the defaults when ``None``).
    path
        The settings file; :func:`~tgviewer.core.state.settings.settings_path` when ``None``.
    writable
        Whether :meth:`save` may write the file (see :attr:`LoadedSettings.writable`).
    gather
        Adds, before each save, what the running app keeps elsewhere (the window's layout,
        the bundle and view shown); unchanged settings when omitted.
    report
        Told, in one sentence, when the settings could not be written.

    Attributes
    ----------
    writable
        Whether :meth:`save` writes the file; may be turned off (a smoke run, a test).
    path
        Where :meth:`save` writes.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        path: Path | None = None,
        *,
        writable: bool = True,
        gather: Callable[[Settings], Settings] = _unchanged,
        report: Callable[[str], None] = _silent,
    ) -> None:
        self._settings = Settings() if settings is None else settings
        self.path = settings_path() if path is None else path
        self.writable = writable
        self._gather = gather
        self._report = report
        self._listeners: list[SettingsListener] = []

    @classmethod
    def loaded(
        cls,
        loaded: LoadedSettings,
        path: Path | None = None,
        *,
        gather: Callable[[Settings], Settings] = _unchanged,
        report: Callable[[str], None] = _silent,
    ) -> SettingsStore:
        """A store of the settings read at start-up, writable only if they may be saved."""
        return cls(loaded.settings, path, writable=loaded.writable, gather=gather, report=report)

    @property
    def settings(self) -> Settings:
        """The current settings."""
        return self._settings

    def subscribe(self, listener: SettingsListener) -> Callable[[], None]:
        """Call ``listener(old, new)`` after each change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def update(self, **changes: Any) -> bool:
        """Change some fields; returns whether anything changed."""
        return self.replace(dataclasses.replace(self._settings, **changes))

    def replace(self, settings: Settings) -> bool:
        """Make ``settings`` current; returns whether anything changed."""
        if settings == self._settings:
            return False
        old, self._settings = self._settings, settings
        for listener in list(self._listeners):
            listener(old, settings)
        return True

    def gathered(self) -> Settings:
        """The settings as :meth:`save` would write them now."""
        return self._gather(self._settings)

    def save(self) -> bool:
        """Gather, then write the settings atomically; returns whether they were written.

        Nothing is written when the store is not :attr:`writable`; a failure to write is
        logged and reported, never raised.
        """
        self.replace(self.gathered())
        if not self.writable:
            return False
        try:
            save_settings(self._settings, self.path)
        except OSError as exc:
            LOGGER.warning("settings not saved to %s: %s", self.path, exc)
            self._report(f"Settings could not be saved: {self.path}: {exc.strerror or exc}.")
            return False
        return True
