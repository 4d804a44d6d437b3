"""Finds the files shipped inside the package (the default bundle, reference data).

Everything tgviewer needs at run time lives in ``tgviewer/data`` and is found here, through
``importlib.resources``, so it works from a source checkout, an installed wheel and a frozen
PyInstaller build alike. This module is Qt-free; icons are made by the UI layer.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tgviewer.core.errors import TgviewerError

DATA_PACKAGE = "tgviewer.data"
DEFAULT_BUNDLE = "default.tgbundle"
REGIONS = "regions.json"
POPULATION = "population.json"
#: ISO 3166-1 codes and names, built by ``scripts/build_reference_data.py``.
COUNTRY_NAMES = "countries.json"
#: The world map's shapes, built by ``scripts/build_map_geometry.py``.
WORLD_MAP = "world-map.json"
#: The application icon, rendered by ``scripts/build_icons.py`` from ``resources/icons``.
ICON_FOLDER = "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


class MissingResourceError(TgviewerError, FileNotFoundError):
    """A file that should ship with tgviewer is not there: the installation is broken."""


def data_path(name: str) -> Path:
    """Path of the packaged data file ``name``.

    Raises
    ------
    MissingResourceError
        Naming the file and listing what the data folder does hold.
    """
    root = resources.files(DATA_PACKAGE)
    entry = root.joinpath(*name.split("/"))
    if not entry.is_file():
        folder = root.joinpath(*name.split("/")[:-1])
        present = (
            sorted(p.name for p in folder.iterdir() if p.is_file() and p.name[0] != "_")
            if folder.is_dir()
            else []
        )
        raise MissingResourceError(
            f"tgviewer's installation lacks the data file {name!r} "
            f"(the data folder holds: {', '.join(present) or 'nothing'}); reinstall tgviewer"
        )
    # Data files are plain files in every supported layout (wheel, checkout, PyInstaller
    # one-folder build), so the traversable resolves to a real path.
    return Path(str(entry)).resolve()


def default_bundle_path() -> Path:
    """Path of the embedded default bundle."""
    return data_path(DEFAULT_BUNDLE)


def icon_paths() -> list[Path]:
    """The application icon's PNG renderings, smallest first (for ``QIcon`` and installers)."""
    return [data_path(f"{ICON_FOLDER}/tgviewer-{size}.png") for size in ICON_SIZES]
