"""What the window remembers between runs: layout, recent bundles and the last view.

The settings live in one JSON file in the config folder (see :mod:`tgviewer.paths`), written
atomically. Reading them never fails: a missing file gives the defaults; a damaged one is
set aside (renamed, never deleted) so that nothing the user had is lost, and the defaults
are used with a one-sentence notice for the status bar. A last view that cannot be read is
dropped alone, with a notice, keeping the rest (the recent bundles above all).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tgviewer.core.atomic import atomic_write_text, remove_leftovers
from tgviewer.core.errors import TgviewerError
from tgviewer.core.importing.csv_mapping import ColumnMapping
from tgviewer.core.json_file import JsonFileError, read_json_object
from tgviewer.core.state.view_state import ViewState
from tgviewer.core.user_file import MissingFileError, UserFileError
from tgviewer.paths import config_dir

#: Name of the settings file in the config folder.
SETTINGS_FILE = "settings.json"
#: Version of the layout :meth:`Settings.to_dict` writes; bumped on incompatible changes.
FORMAT_VERSION = 1
#: Number of bundles (and of views) the recent lists keep.
MAX_RECENT = 10
#: The largest presentation scale.
MAX_PRESENTATION_SCALE = 3.0
#: A settings file larger than this is treated as damaged (real ones are a few kilobytes).
MAX_SETTINGS_BYTES = 1_000_000
#: Suffix of a damaged settings file that was set aside.
CORRUPT_SUFFIX = ".corrupt"
# Enough numbered names for any real history of damaged files; beyond it we give up.
_MAX_SET_ASIDE_ATTEMPTS = 1000


class NewerFormatError(TgviewerError, ValueError):
    """The settings were written by a newer tgviewer, in a format this one does not know.

    Parameters
    ----------
    version
        The format version found.
    """

    def __init__(self, version: int) -> None:
        super().__init__(
            f"{version} is newer than {FORMAT_VERSION}, the version this tgviewer reads",
            field="format_version",
        )
        self.version = version


def _recent_list(paths: Iterable[str]) -> tuple[str, ...]:
    """Drop empty paths and later duplicates, keep the order, keep at most MAX_RECENT."""
    return tuple(dict.fromkeys(path for path in paths if path))[:MAX_RECENT]


@dataclass(frozen=True)
class Settings:
    """Everything the window remembers between runs.

    Attributes
    ----------
    geometry
        Window geometry as opaque base64 text (``QMainWindow.saveGeometry``); the core never
        interprets it. Empty for none.
    window_state
        Dock and toolbar layout as opaque base64 text (``QMainWindow.saveState``). Empty for
        none.
    last_bundle
        Absolute path of the last bundle opened from a file; ``None`` for the embedded
        default bundle. An empty string is read as ``None``.
    recent_bundles
        Absolute paths of recently opened bundles, most recent first. On construction empty
        paths and later duplicates are dropped and the list is cut to :data:`MAX_RECENT`.
    view_state
        The last view, or ``None`` to start from the bundle's default view. A stored view
        that cannot be read (say its periods lie outside the years tgviewer supports) is
        read as ``None``, with a notice, rather than damaging the whole file.
    recent_views
        Absolute paths of recently opened or saved views (``.tgview``), most recent first,
        under the same rules as ``recent_bundles``.
    theme
        The theme chosen in the View menu (``system``, ``light``, ``dark``,
        ``high_contrast``); the window reads an unknown name as ``system``.
    presentation_scale
        How much presentation mode enlarges text, markers and lines (1 to 3).
    slides
        The saved views presentation mode steps through, in order.
    csv_mapping
        The column mapping last used to import a CSV file, offered first next time; ``None``
        when none was used. A stored mapping that cannot be read is ignored (read as
        ``None``) rather than damaging the whole file: it only saves a few clicks.
    """

    geometry: str = ""
    window_state: str = ""
    last_bundle: str | None = None
    recent_bundles: tuple[str, ...] = ()
    view_state: ViewState | None = None
    recent_views: tuple[str, ...] = ()
    theme: str = "system"
    presentation_scale: float = 1.5
    slides: tuple[str, ...] = ()
    csv_mapping: ColumnMapping | None = None

    def __post_init__(self) -> None:
        # The recent lists' rules hold for every Settings, however it was made.
        object.__setattr__(self, "recent_bundles", _recent_list(self.recent_bundles))
        object.__setattr__(self, "recent_views", _recent_list(self.recent_views))
        scale = self.presentation_scale
        object.__setattr__(
            self,
            "presentation_scale",
            min(MAX_PRESENTATION_SCALE, max(1.0, scale)) if scale == scale else 1.5,
        )
        if self.last_bundle == "":
            object.__setattr__(self, "last_bundle", None)

    def with_recent(self, path: str) -> Settings:
        """A copy with ``path`` opened last: first in the recent list and the last bundle.

        ``path`` should be absolute and resolved, so that one file has one spelling.

        Raises
        ------
        ValueError
            If ``path`` is empty.
        """
        if not path:
            raise ValueError("the path of a recent bundle cannot be empty")
        return dataclasses.replace(
            self, last_bundle=path, recent_bundles=(path, *self.recent_bundles)
        )

    def with_recent_view(self, path: str) -> Settings:
        """A copy with the view file ``path`` first in the recent views."""
        return dataclasses.replace(self, recent_views=(path, *self.recent_views))

    def without_recent_view(self, path: str) -> Settings:
        """A copy without the view file ``path`` in the recent views."""
        return dataclasses.replace(
            self, recent_views=tuple(p for p in self.recent_views if p != path)
        )

    def without_recent(self, path: str) -> Settings:
        """A copy without ``path`` (say the file has vanished), also as the last bundle."""
        return dataclasses.replace(
            self,
            last_bundle=None if self.last_bundle == path else self.last_bundle,
            recent_bundles=tuple(p for p in self.recent_bundles if p != path),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, with the ``format_version`` it is written in."""
        return {
            "format_version": FORMAT_VERSION,
            "geometry": self.geometry,
            "window_state": self.window_state,
            "last_bundle": self.last_bundle,
            "recent_bundles": list(self.recent_bundles),
            "view_state": None if self.view_state is None else self.view_state.to_dict(),
            "recent_views": list(self.recent_views),
            "theme": self.theme,
            "presentation_scale": self.presentation_scale,
            "slides": list(self.slides),
            "csv_mapping": None if self.csv_mapping is None else self.csv_mapping.to_dict(),
        }

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> Settings:
        """Read the form :meth:`to_dict` writes.

        ``format_version`` is required. Other missing fields take their defaults; unknown
        fields are ignored, so that settings from a later compatible version can be read.

        Raises
        ------
        NewerFormatError
            If ``format_version`` is newer than :data:`FORMAT_VERSION`.
        ValueError
            Naming the field that cannot be read and what was expected.
        """
        version = document.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise ValueError(
                f"field 'format_version': expected a whole number, found {version!r:.60}"
            )
        if version > FORMAT_VERSION:
            raise NewerFormatError(version)
        if version != FORMAT_VERSION:
            raise ValueError(f"field 'format_version': expected {FORMAT_VERSION}, found {version}")

        def text(name: str) -> str:
            value = document.get(name, "")
            if not isinstance(value, str):
                raise ValueError(f"field {name!r}: expected text, found {value!r:.60}")
            return value

        last_bundle = document.get("last_bundle")
        if last_bundle is not None and not isinstance(last_bundle, str):
            raise ValueError(
                f"field 'last_bundle': expected a path or null, found {last_bundle!r:.60}"
            )

        def paths(name: str) -> tuple[str, ...]:
            value = document.get(name, [])
            if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                raise ValueError(f"field {name!r}: expected a list of paths, found {value!r:.60}")
            return tuple(value)

        scale = document.get("presentation_scale", 1.5)
        if isinstance(scale, bool) or not isinstance(scale, int | float) or not abs(scale) < 1e6:
            raise ValueError(f"field 'presentation_scale': expected a number, found {scale!r:.60}")
        return cls(
            geometry=text("geometry"),
            window_state=text("window_state"),
            last_bundle=last_bundle,
            recent_bundles=paths("recent_bundles"),
            view_state=_view_state(document.get("view_state"))[0],
            recent_views=paths("recent_views"),
            theme=text("theme") or "system",
            presentation_scale=float(scale),
            slides=paths("slides"),
            csv_mapping=_csv_mapping(document.get("csv_mapping")),
        )


def _view_state(value: object) -> tuple[ViewState | None, str | None]:
    """The stored last view, or ``None`` and why when it cannot be read.

    A last view that cannot be read (damaged, or with periods outside the years tgviewer
    supports) is dropped alone: the window starts from the bundle's default view, and the
    rest of the settings (the recent bundles above all) is kept.
    """
    if value is None:
        return None, None
    if not isinstance(value, dict):
        return None, f"expected an object or null, found {value!r:.60}"
    try:
        return ViewState.from_dict(value), None
    except (ValueError, TypeError) as exc:
        return None, str(exc)


def _csv_mapping(value: object) -> ColumnMapping | None:
    """The stored mapping, or ``None`` for none or for one that cannot be read."""
    try:
        return None if value is None else ColumnMapping.from_dict(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class LoadedSettings:
    """The settings read at start-up, and what went wrong reading them.

    Attributes
    ----------
    settings
        The settings to use: those read, or the defaults.
    notice
        One sentence for the status bar when something went wrong, else ``None``.
    set_aside
        Where a damaged settings file was moved, if it was.
    writable
        Whether saving may replace the settings file. ``False`` when the file holds something
        saving would destroy: settings from a newer tgviewer, a file that could not be read,
        or a damaged file that could not be moved aside.
    """

    settings: Settings = field(default_factory=Settings)
    notice: str | None = None
    set_aside: Path | None = None
    writable: bool = True


def settings_path() -> Path:
    """Where the settings live: :data:`SETTINGS_FILE` in the config folder."""
    return config_dir() / SETTINGS_FILE


def _set_aside(path: Path) -> Path:
    """Rename ``path`` to the first free ``<name>.corrupt[-N]`` beside it; never overwrites.

    Raises
    ------
    OSError
        If the file cannot be moved, or every name is taken.
    """
    for number in range(1, _MAX_SET_ASIDE_ATTEMPTS + 1):
        suffix = CORRUPT_SUFFIX if number == 1 else f"{CORRUPT_SUFFIX}-{number}"
        target = path.with_name(path.name + suffix)
        try:
            # A hard link fails if the target exists, so a file that appears meanwhile
            # (another tgviewer starting) is never overwritten, unlike a plain rename.
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError:
            # Some file systems have no hard links: check, then rename.
            if target.exists():
                continue
            path.rename(target)
            return target
        try:
            path.unlink()
        except OSError:
            with contextlib.suppress(OSError):
                target.unlink()
            raise
        return target
    raise OSError(
        f"every name up to {path.name}{CORRUPT_SUFFIX}-{_MAX_SET_ASIDE_ATTEMPTS} is taken"
    )


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings; never raises for anything the file holds or the disk does.

    Parameters
    ----------
    path
        The settings file; :func:`settings_path` if omitted.

    Returns
    -------
    LoadedSettings
        The settings read (without the last view, and with a notice, when that view
        cannot be read); or the defaults with a notice when the file cannot be read, is
        damaged (then it is renamed aside, see :attr:`LoadedSettings.set_aside`), or comes
        from a newer tgviewer (then it is left untouched and not writable). A missing file
        gives the defaults without a notice.
    """
    path = settings_path() if path is None else path
    # What a write killed at the wrong moment left beside the settings goes at start.
    remove_leftovers(path.parent, path.name)
    try:
        document = read_json_object(path, MAX_SETTINGS_BYTES)
        settings = Settings.from_dict(document)
    except MissingFileError:
        return LoadedSettings()
    except UserFileError as exc:  # a folder, a pipe, a device, unreadable
        return LoadedSettings(
            notice=f"Your settings file could not be read ({path.name}: {exc.message}); "
            "defaults are used and will not be saved over it.",
            writable=False,
        )
    except NewerFormatError as exc:
        return LoadedSettings(
            notice=f"Your settings file was written by a newer tgviewer ({path.name}, format "
            f"{exc.version}); it was left untouched and defaults are used.",
            writable=False,
        )
    except ValueError as exc:
        problem = f"{path.name}: {exc}"
    except JsonFileError as exc:
        problem = str(exc)
    else:
        dropped = None if settings.view_state else _view_state(document.get("view_state"))[1]
        if dropped is None:
            return LoadedSettings(settings)
        return LoadedSettings(
            settings,
            notice=f"The last view in your settings could not be restored ({path.name}, "
            f"field 'view_state': {dropped}); the bundle's default view is used.",
        )
    try:
        target = _set_aside(path)
    except OSError as exc:
        return LoadedSettings(
            notice=f"Your settings file was damaged ({problem}) and could not be moved aside "
            f"({_reason(exc)}); defaults are used and will not be saved over it.",
            writable=False,
        )
    return LoadedSettings(
        notice=f"Your settings file was damaged ({problem}); it was kept as {target.name} "
        "and defaults are used.",
        set_aside=target,
    )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically as pretty-printed JSON, creating the folder if needed.

    Non-ASCII characters are written as ``\\u`` escapes, so that any path Python can hold
    (even one with undecodable bytes) is saved and read back unchanged.

    Parameters
    ----------
    settings
        What to save.
    path
        The settings file; :func:`settings_path` if omitted.

    Raises
    ------
    OSError
        If the file cannot be written; the previous file is then left as it was.
    """
    path = settings_path() if path is None else path
    text = json.dumps(settings.to_dict(), indent=2, sort_keys=True, ensure_ascii=True)
    atomic_write_text(path, text + "\n")
