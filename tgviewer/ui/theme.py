"""Light or dark, following the system (the charts' share is in ``chart_style``).

Where the platform style follows the system scheme by itself (Windows 11, macOS) nothing
is changed. Elsewhere (Fusion on Linux) a dark palette is applied when the system asks for
dark, and put back when it asks for light.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def is_dark() -> bool:
    """Whether the system currently asks for a dark scheme."""
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style."""
    palette = QPalette()
    window, base, text = QColor(37, 37, 38), QColor(30, 30, 30), QColor(230, 230, 230)
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: QColor(45, 45, 48),
        QPalette.ColorRole.ToolTipBase: QColor(50, 50, 52), QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: QColor(50, 50, 52),
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.Highlight: QColor(0, 114, 178),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(86, 180, 233), QPalette.ColorRole.Mid: QColor(80, 80, 80),
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(130, 130, 130))
    return palette


def apply_theme(app: QApplication) -> None:
    """Match the system's light or dark scheme where the style does not do it itself."""
    if app.style().name().casefold() != "fusion":
        return
    app.setPalette(dark_palette() if is_dark() else app.style().standardPalette())


def follow_system_theme(app: QApplication) -> None:
    """Apply the theme now and again whenever the system scheme changes."""
    apply_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))

