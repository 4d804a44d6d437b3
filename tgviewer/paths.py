"""Where tgviewer keeps its files on this machine; the only module that calls platformdirs.

Set ``TGVIEWER_HOME`` to keep everything under one folder instead (used by the tests and
handy for a portable install on a USB stick).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from tgviewer import APP_NAME

HOME_VARIABLE = "TGVIEWER_HOME"


def _folder(kind: str) -> Path:
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home) / kind
    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return Path(
        {
            "config": dirs.user_config_dir,
            "data": dirs.user_data_dir,
            "cache": dirs.user_cache_dir,
            "logs": dirs.user_log_dir,
        }[kind]
    )


def config_dir() -> Path:
    """Settings: window layout, recent bundles, the last view."""
    return _folder("config")


def data_dir() -> Path:
    """The user's bundle library."""
    return _folder("data")


def cache_dir() -> Path:
    """Files that can be rebuilt at any time."""
    return _folder("cache")


def log_dir() -> Path:
    """Error logs."""
    return _folder("logs")
