"""Colours: a colour-blind-safe categorical palette with a stable colour per country."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication, QPalette

#: Okabe & Ito's palette (black left out for lines), extended with Paul Tol's muted scheme
#: for more than six countries. Okabe-Ito's yellow comes last: it is hard to read on white.
CATEGORICAL = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
    "#AA4499", "#F0E442",
)


def country_colours(selected: Sequence[str]) -> dict[str, str]:
    """A colour per selected country, by the order of selection: every view colours a country
    the same way, and the first sixteen countries picked never share a colour."""
    return {code: CATEGORICAL[i % len(CATEGORICAL)] for i, code in enumerate(selected)}


def muted_text_colour() -> str:
    """Grey readable on the current light or dark background, for secondary text."""
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()


def text_colour() -> str:
    """The colour of ordinary text on the current light or dark background."""
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
