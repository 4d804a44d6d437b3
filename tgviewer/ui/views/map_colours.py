"""The map's colours: a sequential, colour-blind-safe scale per theme, and the no-data greys.

The classes are sampled from viridis (matplotlib's, as pyqtgraph ships it), a scale that
people with the common colour-vision deficiencies read in order and that stays ordered in
greyscale. On a light background the largest figures are darkest (as maps in print are); on
a dark one they are brightest. The high-contrast theme (black) uses plasma (as uniform and as
colour-blind-safe) from its first third up, bright hues that no class shares with the greys
of "no figure" and "no record", each at 3:1 or more against the black around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtGui import QColor

from tgviewer.ui.style.theme import Theme, current_theme, is_dark


@dataclass(frozen=True)
class MapColours:
    """The colours one theme paints the map with."""

    classes: tuple[QColor, ...]
    no_record: QColor
    no_figure: QColor
    hatch: QColor
    outline: QColor
    selected: QColor
    water: QColor


def class_colours(count: int, theme: Theme | None = None) -> tuple[QColor, ...]:
    """``count`` colours from the smallest class to the largest, for ``theme``."""
    theme = current_theme() if theme is None else theme
    dark = theme is Theme.DARK or (theme is Theme.SYSTEM and is_dark())
    if theme is Theme.HIGH_CONTRAST:
        scale, low, high = pg.colormap.get("plasma"), 0.3, 1.0
    elif dark:
        scale, low, high = pg.colormap.get("viridis"), 0.3, 1.0
    else:
        scale, low, high = pg.colormap.get("viridis"), 0.92, 0.0
    if count <= 1:
        return (QColor(scale.mapToQColor((low + high) / 2)),)
    return tuple(
        QColor(scale.mapToQColor(low + (high - low) * i / (count - 1))) for i in range(count)
    )


def map_colours(count: int, theme: Theme | None = None) -> MapColours:
    """Everything the map paints with, for ``count`` classes in ``theme``."""
    theme = current_theme() if theme is None else theme
    dark = theme is Theme.DARK or (theme is Theme.SYSTEM and is_dark())
    if theme is Theme.HIGH_CONTRAST:
        return MapColours(
            class_colours(count, theme),
            no_record=QColor("#3a3a3a"),
            no_figure=QColor("#3a3a3a"),
            hatch=QColor("#ffffff"),
            outline=QColor("#000000"),
            selected=QColor("#ffffff"),
            water=QColor("#000000"),
        )
    if dark:
        return MapColours(
            class_colours(count, theme),
            no_record=QColor("#4a4a4a"),
            no_figure=QColor("#5a5a5a"),
            hatch=QColor("#d8d8d8"),
            outline=QColor("#2b2b2b"),
            selected=QColor("#ffffff"),
            water=QColor("#1e1e1e"),
        )
    return MapColours(
        class_colours(count, theme),
        no_record=QColor("#e6e6e6"),
        no_figure=QColor("#d4d4d4"),
        hatch=QColor("#707070"),
        outline=QColor("#8c8c8c"),
        selected=QColor("#000000"),
        water=QColor("#ffffff"),
    )
