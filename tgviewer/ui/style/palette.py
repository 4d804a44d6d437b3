"""Colours and marker shapes: a stable colour and shape per country, and text that reads.

Each theme has its own sixteen colours, every one at 4.5:1 or more on the theme's background
(so a country's colour serves its lines, its markers and its labels alike; the high-contrast
ones at 7:1 or more). The first eight of each have eight different hues (none two blues);
the next eight are lighter or darker variants of them. A country also has a marker shape
(:data:`SHAPES`), so the chart reads in greyscale and for colour-blind viewers: the first
eight countries picked never share a shape, and the first sixteen never share a colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from tgviewer.ui.style.theme import Theme, contrast_ratio, current_theme, is_dark

#: For light backgrounds: Okabe & Ito's and Paul Tol's hues, darkened where needed to read
#: at 4.5:1 on white (blue, orange, green, red, purple, violet, olive, grey, then variants).
CATEGORICAL = (
    "#0072B2",
    "#B35900",
    "#007D5A",
    "#CC3311",
    "#AA3377",
    "#5D3FD3",
    "#7A6A00",
    "#4D4D4D",
    "#882255",
    "#1D6B2F",
    "#1F4E9C",
    "#8C4A00",
    "#8E3FBF",
    "#C0006A",
    "#2F6F6F",
    "#5C5C33",
)

#: For the dark theme: the same hues, light enough to read at 4.5:1 on its dark grey.
DARK = (
    "#56B4E9",
    "#E69F00",
    "#2EC4A0",
    "#FF7A5C",
    "#E58FC2",
    "#B7A6FF",
    "#E4D84B",
    "#D0D0D0",
    "#9FD8F5",
    "#FFCB70",
    "#8FE3C7",
    "#FFB3A3",
    "#F5C6E0",
    "#8FB8FF",
    "#B8C060",
    "#9E9E9E",
)

#: For the high-contrast theme (black background): every colour at 8:1 or more on black,
#: the first eight of different hues (blue, amber, yellow, pink, green, white, lilac, coral).
HIGH_CONTRAST = (
    "#56B4E9",
    "#FFB000",
    "#F0E442",
    "#FF8FB1",
    "#5EE38E",
    "#FFFFFF",
    "#C9A2FF",
    "#FF7F50",
    "#A5DDFF",
    "#FFD68A",
    "#FFFFA8",
    "#FFC9DA",
    "#B0F5C8",
    "#BDBDBD",
    "#E6D5FF",
    "#FFB69C",
)

#: Marker shapes (pyqtgraph's symbols), one per country by the order of selection; all can
#: be drawn hollow (for derived figures) as well as filled, and none is the downward triangle
#: that marks a zero at the foot of a log axis (``ZERO_SYMBOL``).
SHAPES = ("o", "s", "d", "t1", "star", "p", "h", "t2")

#: The least contrast on the background: text (WCAG AA), and marks such as lines and points.
TEXT_CONTRAST, MARK_CONTRAST = 4.5, 3.0


def theme_colours() -> tuple[str, ...]:
    """The sixteen country colours of the theme in use."""
    if current_theme() is Theme.HIGH_CONTRAST:
        return HIGH_CONTRAST
    return DARK if is_dark() else CATEGORICAL


def country_colours(selected: Sequence[str]) -> dict[str, str]:
    """A colour per selected country, by the order of selection: every view colours a country
    the same way, and the first sixteen countries picked never share a colour. Each theme
    has its own colours (:func:`theme_colours`), all readable as text on its background."""
    colours = theme_colours()
    return {code: colours[i % len(colours)] for i, code in enumerate(selected)}


def country_symbols(selected: Sequence[str]) -> dict[str, str]:
    """A marker shape per selected country, by the order of selection (see :data:`SHAPES`)."""
    return {code: SHAPES[i % len(SHAPES)] for i, code in enumerate(selected)}


def background_colour() -> QColor:
    """The colour charts are drawn on: the window's."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window)


def readable_on(colour: str, background: QColor, ratio: float = TEXT_CONTRAST) -> str:
    """``colour``, darkened on a light background or lightened on a dark one just enough to
    reach ``ratio`` against ``background`` (unchanged when it already does)."""
    adjusted = QColor(colour)
    dark_background = background.lightnessF() < 0.5
    for _ in range(40):
        if contrast_ratio(adjusted, background) >= ratio:
            break
        adjusted = adjusted.lighter(108) if dark_background else adjusted.darker(108)
        if adjusted.lightness() in (0, 255):
            adjusted = QColor("white" if dark_background else "black")
    return adjusted.name()


def muted_text_colour() -> str:
    """Grey for secondary text (event names, notes on a chart): plainly not the text colour,
    yet at 4.5:1 or more on the background in every theme."""
    palette = QGuiApplication.palette()
    grey = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    return readable_on(grey, background_colour())


def mark_colour() -> str:
    """Grey for marks that are not data (event lines, the index's base line): 3:1 or more."""
    return readable_on("#999999", background_colour(), MARK_CONTRAST)


def text_colour() -> str:
    """The colour of ordinary text on the current light or dark background."""
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
