"""The window's theme: follow the system, light, dark or high contrast (charts: ``chart_style``).

Follow System keeps to the system's light or dark scheme: where the platform style does that
by itself (Windows 11, macOS) nothing is changed; on Fusion a dark palette is applied when the
system asks for dark. Light and Dark ask Qt for that scheme (Qt 6.8 and later), which native
styles honour, and set the Fusion palettes. High Contrast is for projecting charts in class:
white on pure black, text at 7:1 or more (WCAG AAA); it needs Fusion, since native styles
ignore palettes, so the original style comes back when another theme is chosen.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

_FUSION = "fusion"
_GOLD = QColor(255, 215, 0)
#: Fusion draws edges in the window colour darkened by 40%: this gives a light grey on black.
_EDGE = QColor(200, 200, 200)
#: The dark theme's edge of a checked control (its highlight, lightened).
_BLUE = QColor(86, 180, 233)
_Option = TypeVar("_Option", bound=QStyleOption)


class Theme(Enum):
    """A choice in View > Theme; the value is what settings store."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high_contrast"

    @property
    def label(self) -> str:
        """The menu text."""
        return _LABELS[self]


_LABELS = {
    Theme.SYSTEM: "Follow System",
    Theme.LIGHT: "Light",
    Theme.DARK: "Dark",
    Theme.HIGH_CONTRAST: "High Contrast",
}

#: The theme last applied; the system's scheme changes are followed only while it is SYSTEM.
_current = Theme.SYSTEM
#: The style the application had before the first theme was applied, to come back to.
_original_style: str | None = None
#: Whether the system's scheme changes are connected (once per process).
_connected = False
#: True while a theme is being applied, so scheme changes asked for by it are not followed.
_applying = False


def is_dark() -> bool:
    """Whether the window is dark: as the theme chose, or under SYSTEM as the system asks."""
    if _current is not Theme.SYSTEM:
        return _current is not Theme.LIGHT
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def current_theme() -> Theme:
    """The theme last applied."""
    return _current


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style."""
    palette = QPalette()
    window, base, text = QColor(37, 37, 38), QColor(30, 30, 30), QColor(230, 230, 230)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(45, 45, 48),
        QPalette.ColorRole.ToolTipBase: QColor(50, 50, 52),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(50, 50, 52),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.Highlight: QColor(0, 114, 178),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(86, 180, 233),
        QPalette.ColorRole.Mid: QColor(80, 80, 80),
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(130, 130, 130))
    return palette


def high_contrast_palette() -> QPalette:
    """White on pure black with a gold highlight, every text at 7:1 or more, for Fusion.

    Disabled text is a mid grey: plainly not white, yet still 8:1 on black, since charts use
    it for their muted labels.
    """
    palette = QPalette()
    black, white, gold = QColor(0, 0, 0), QColor(255, 255, 255), _GOLD
    grey = QColor(160, 160, 160)
    roles = {
        QPalette.ColorRole.Window: black,
        QPalette.ColorRole.WindowText: white,
        QPalette.ColorRole.Base: black,
        QPalette.ColorRole.AlternateBase: QColor(28, 28, 28),
        QPalette.ColorRole.ToolTipBase: black,
        QPalette.ColorRole.ToolTipText: white,
        QPalette.ColorRole.Text: white,
        QPalette.ColorRole.BrightText: white,
        QPalette.ColorRole.Button: QColor(20, 20, 20),
        QPalette.ColorRole.ButtonText: white,
        QPalette.ColorRole.Highlight: gold,
        QPalette.ColorRole.HighlightedText: black,
        QPalette.ColorRole.Link: gold,
        QPalette.ColorRole.LinkVisited: QColor(255, 170, 60),
        QPalette.ColorRole.PlaceholderText: QColor(190, 190, 190),
        QPalette.ColorRole.Accent: gold,
        # Edges: light on black, so frames and separators show.
        QPalette.ColorRole.Light: white,
        QPalette.ColorRole.Midlight: QColor(200, 200, 200),
        QPalette.ColorRole.Mid: grey,
        QPalette.ColorRole.Dark: QColor(128, 128, 128),
        QPalette.ColorRole.Shadow: QColor(128, 128, 128),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.PlaceholderText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, grey)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.HighlightedText, black)
    return palette


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours, from 1 (same) to 21 (black and white)."""
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: QColor) -> float:
    """WCAG's relative luminance of an sRGB colour (alpha ignored)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


class _HighContrastStyle(QProxyStyle):
    """Fusion with light edges on controls, which Fusion draws from the (black) window colour.

    Without it, check boxes, radio buttons, the country list's check marks and the frames of
    buttons, fields and combo boxes would be black on black; a checked button gets a gold edge.
    """

    _EDGED = frozenset(
        {
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
            QStyle.PrimitiveElement.PE_PanelButtonCommand,
            QStyle.PrimitiveElement.PE_FrameLineEdit,
            QStyle.PrimitiveElement.PE_PanelLineEdit,
        }
    )
    _EDGED_COMPLEX = frozenset(
        {
            QStyle.ComplexControl.CC_ComboBox,
            QStyle.ComplexControl.CC_SpinBox,
        }
    )

    def __init__(self) -> None:
        super().__init__(_FUSION)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in self._EDGED:
            option = self._edged(option)
        super().drawPrimitive(element, option, painter, widget)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if control in self._EDGED_COMPLEX:
            option = self._edged(option)
        super().drawComplexControl(control, option, painter, widget)

    @staticmethod
    def _edged(option: _Option) -> _Option:
        """A copy of ``option`` whose window colour gives Fusion a light edge, gold if checked."""
        copy = type(option)(option)
        checked = bool(option.state & QStyle.StateFlag.State_On)
        copy.palette.setColor(QPalette.ColorRole.Window, _GOLD if checked else _EDGE)
        return copy


class _DarkStyle(_HighContrastStyle):
    """Fusion with light edges on controls in the dark theme, for the same reason as
    :class:`_HighContrastStyle`: on dark grey, Fusion's edges (the window colour darkened)
    hid unchecked check boxes; a checked button gets a blue edge."""

    @staticmethod
    def _edged(option: _Option) -> _Option:
        copy = type(option)(option)
        checked = bool(option.state & QStyle.StateFlag.State_On)
        copy.palette.setColor(QPalette.ColorRole.Window, _BLUE if checked else _EDGE)
        return copy


def apply_theme(app: QApplication, theme: Theme = Theme.SYSTEM) -> None:
    """Make the application look as ``theme`` asks, and remember it as the current theme.

    Call it with the user's choice at start-up (or use :func:`follow_system_theme`) and again
    whenever the choice changes; the windows get a PaletteChange and restyle their charts.
    """
    global _current, _original_style, _applying
    if _original_style is None:
        _original_style = app.style().name() or _FUSION
    _current = theme
    _applying = True
    try:
        _request_scheme(theme)
        _set_style(app, theme)
        app.setPalette(_palette(app, theme))
    finally:
        _applying = False
    # Once the widgets have the new palette (Qt hands it on from the event loop).
    QTimer.singleShot(0, _forget_chart_backgrounds)


def _forget_chart_backgrounds() -> None:
    """Charts cache their background (pyqtgraph), which would keep the old window colour."""
    for widget in QApplication.allWidgets():
        if isinstance(widget, QGraphicsView):
            widget.resetCachedContent()


def follow_system_theme(app: QApplication, theme: Theme = Theme.SYSTEM) -> None:
    """Apply ``theme`` now, and again on system scheme changes while the theme is SYSTEM."""
    global _connected
    apply_theme(app, theme)
    if not _connected:
        QGuiApplication.styleHints().colorSchemeChanged.connect(_on_scheme_changed)
        _connected = True


def _on_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    """The system's scheme changed: follow it if the theme says so."""
    if _applying or _current is not Theme.SYSTEM:
        return
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, Theme.SYSTEM)


def _can_request_scheme() -> bool:
    """Whether Qt can be asked for a light or dark scheme (Qt 6.8 and later)."""
    return hasattr(QGuiApplication.styleHints(), "setColorScheme")


def _request_scheme(theme: Theme) -> None:
    """Ask Qt for the theme's scheme, so native styles, dialogs and title bars match."""
    if not _can_request_scheme():
        return
    hints = QGuiApplication.styleHints()
    if theme is Theme.SYSTEM:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Light if theme is Theme.LIGHT else Qt.ColorScheme.Dark)


def _set_style(app: QApplication, theme: Theme) -> None:
    """The style ``theme`` needs, switched to only when it is not the one in use."""
    in_use = app.style()
    if theme is Theme.HIGH_CONTRAST:
        if type(in_use) is not _HighContrastStyle:
            app.setStyle(_HighContrastStyle())
        return
    # Light and dark need Fusion's palettes where Qt cannot be asked for a scheme.
    fusion = theme is not Theme.SYSTEM and not _can_request_scheme()
    name = _FUSION if fusion else _original_style or _FUSION
    dark = is_dark() if theme is Theme.SYSTEM else theme is Theme.DARK
    if dark and name.casefold() == _FUSION:
        if type(in_use) is not _DarkStyle:
            app.setStyle(_DarkStyle())
        return
    switch = isinstance(in_use, _HighContrastStyle) or in_use.name().casefold() != name.casefold()
    if switch and app.setStyle(name) is None:  # not a style this Qt knows
        app.setStyle(_FUSION)


def _palette(app: QApplication, theme: Theme) -> QPalette:
    """The palette for ``theme`` on the style in use; an empty one leaves it to the style."""
    if theme is Theme.HIGH_CONTRAST:
        return high_contrast_palette()
    if app.style().name().casefold() != _FUSION and not isinstance(app.style(), _DarkStyle):
        return QPalette()
    dark = is_dark() if theme is Theme.SYSTEM else theme is Theme.DARK
    return dark_palette() if dark else app.style().standardPalette()
