"""Colours: a colour-blind-safe categorical palette with a stable colour per country."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication, QPalette

from tgviewer.ui.style.theme import Theme, current_theme

#: Okabe & Ito's palette (black left out for lines), extended with Paul Tol's muted scheme
#: for more than six countries. Okabe-Ito's yellow comes last: it is hard to read on white.
CATEGORICAL = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#F0E442",
)


#: For the high-contrast theme (black background): Paul Tol's light scheme, then the light
#: colours of Okabe & Ito's; every one at 7:1 or more on black, still told apart by people
#: with the common colour-vision deficiencies.
HIGH_CONTRAST = (
    "#77AADD",
    "#EE8866",
    "#EEDD88",
    "#FFAABB",
    "#99DDFF",
    "#44BB99",
    "#BBCC33",
    "#AAAA00",
    "#DDDDDD",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#EE99AA",
    "#66CCEE",
    "#FFFFFF",
    "#CCBB44",
)


def country_colours(selected: Sequence[str]) -> dict[str, str]:
    """A colour per selected country, by the order of selection: every view colours a country
    the same way, and the first sixteen countries picked never share a colour. The
    high-contrast theme has its own, lighter colours."""
    colours = HIGH_CONTRAST if current_theme() is Theme.HIGH_CONTRAST else CATEGORICAL
    return {code: colours[i % len(colours)] for i, code in enumerate(selected)}


def muted_text_colour() -> str:
    """Grey readable on the current light or dark background, for secondary text."""
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()


def text_colour() -> str:
    """The colour of ordinary text on the current light or dark background."""
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
