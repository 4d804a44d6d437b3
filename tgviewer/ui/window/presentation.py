"""Presentation mode: the chart alone, full screen, large and high-contrast, for projecting.

F11 (or the toolbar's Present button) enters and leaves; Esc leaves. While presenting:

* the docks, toolbar, menu bar, status bar and tab bar are hidden and the chart's title is
  shown large above it (what an export would carry), with a line for hints;
* charts are enlarged by the presentation scale (text, markers and lines alike: see
  :func:`~tgviewer.ui.style.chart_style.zoom_plot`) and the rest of the view's text with them;
  Ctrl+= and Ctrl+- change the scale, which is remembered;
* the colours are the high-contrast theme's;
* Left and Right step the period (:mod:`tgviewer.core.views.stepping`), Page Down and Page Up
  step through the slides: saved views chosen in View > Slides.

Leaving puts everything back as it was: window state, docks, bars, theme and fonts, and
what is shown. Stepping and slides are for showing, not choosing: the state (and the bundle,
when a slide opened another) from before presenting comes back, in one action.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QWidget

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.settings import MAX_PRESENTATION_SCALE
from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.core.state.view_state import ViewKind, ViewState
from tgviewer.core.views.stepping import step_state
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.style.theme import Theme, apply_theme, current_theme
from tgviewer.ui.views.base import ViewBase
from tgviewer.ui.window.export_commands import chart_title
from tgviewer.ui.window.ports import BundleHost

#: How much Ctrl+= and Ctrl+- change the scale.
SCALE_STEP = 0.25
#: How long a hint stays under the title, in milliseconds.
HINT_MS = 4000


@dataclass
class _Before:
    """What presentation mode changed, to put back."""

    window_state: Qt.WindowState
    visible: dict[QWidget, bool]
    theme: Theme
    font: QFont
    font_set: bool
    geometry: QByteArray
    layout: QByteArray
    state: ViewState
    bundle: Bundle
    bundle_path: str | None


class Presentation(QObject):
    """Presentation mode of ``window``.

    Parameters
    ----------
    window
        The window made full screen; the shortcuts are its own.
    tabs
        The tabs of the views: their bar is hidden, their text enlarged.
    views
        The views built so far (the window adds to it): their charts are enlarged.
    chrome
        What is hidden while presenting (docks, toolbar, menu bar, status bar, tab bar).
    store
        The state shown; Left and Right step its period.
    settings
        Where the scale and the slides are kept.
    host
        Holds the bundle shown (for stepping and for the title).
    open_slide
        Opens a saved view as a slide (not remembered among the recent views).

    Attributes
    ----------
    active
        Whether the window is presenting.
    slide
        Index of the slide shown last in :attr:`Settings.slides`, -1 before the first.
    """

    toggled = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        tabs: QTabWidget,
        views: Mapping[ViewKind, ViewBase[Any]],
        chrome: Callable[[], Sequence[QWidget]],
        *,
        store: QtViewStateStore,
        settings: SettingsStore,
        host: BundleHost,
        open_slide: Callable[[str], bool],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.tabs = tabs
        self.views = views
        self.chrome = chrome
        self.store = store
        self.settings_store = settings
        self.host = host
        self.open_slide = open_slide
        self.active = False
        self.slide = -1
        self._before: _Before | None = None
        self.title = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setObjectName("presentationTitle")
        self.hint = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.hint.setObjectName("presentationHint")
        for label in (self.title, self.hint):
            label.hide()
        self._hint_timer = QTimer(self, singleShot=True, interval=HINT_MS)
        self._hint_timer.timeout.connect(self.hint.clear)
        keys: list[tuple[Any, Any]] = [
            (Qt.Key.Key_Escape, self.leave),
            (Qt.Key.Key_Left, lambda: self.step(-1)),
            (Qt.Key.Key_Right, lambda: self.step(1)),
            (Qt.Key.Key_PageDown, lambda: self.next_slide(1)),
            (Qt.Key.Key_PageUp, lambda: self.next_slide(-1)),
            (QKeySequence.StandardKey.ZoomIn, lambda: self.set_scale(self.scale + SCALE_STEP)),
            ("Ctrl+=", lambda: self.set_scale(self.scale + SCALE_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.set_scale(self.scale - SCALE_STEP)),
        ]
        self.shortcuts: list[QShortcut] = []
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    @property
    def scale(self) -> float:
        """The presentation scale, as remembered in the settings."""
        return self.settings_store.settings.presentation_scale

    # Entering and leaving ------------------------------------------------------------------

    def toggle(self) -> None:
        """F11: enter or leave."""
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        """Full screen, chart only, large and high-contrast."""
        if self.active:
            return
        window = self.window
        hidden = self.chrome()
        self._before = _Before(
            window.windowState(),
            {w: w.isVisible() for w in hidden},
            current_theme(),
            QFont(self.tabs.font()),
            self.tabs.testAttribute(Qt.WidgetAttribute.WA_SetFont),
            window.saveGeometry(),
            window.saveState(),
            self.store.state,
            self.host.bundle,
            self.host.bundle_path,
        )
        self.active = True
        for widget in hidden:
            widget.hide()
        for shortcut in self.shortcuts:
            shortcut.setEnabled(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, Theme.HIGH_CONTRAST)
        self.title.show()
        self.hint.show()
        self._apply_scale()
        window.showFullScreen()
        self.update_title()
        self.show_hint("Left/Right: period · Page Down/Up: slides · Ctrl+=/−: size · Esc: leave")
        self.toggled.emit(True)

    def leave(self) -> None:
        """Back to the window as it was before presenting, showing what it showed then
        (one redraw, however far Left/Right and the slides went)."""
        if not self.active or self._before is None:
            return
        window, before = self.window, self._before
        self.active = False
        for shortcut in self.shortcuts:
            shortcut.setEnabled(False)
        self.title.hide()
        self.hint.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, before.theme)
        self._before = None
        self._apply_scale()  # charts back to 1 (the fonts are put back below)
        # An inherited font is inherited again, so later changes of the app's font reach it.
        self.tabs.setFont(before.font if before.font_set else QFont())
        window.setWindowState(before.window_state)
        for widget, visible in before.visible.items():
            widget.setVisible(visible)
        if self.host.bundle is before.bundle:
            self.store.replace(before.state)
        else:  # a slide opened the bundle it was made with
            self.host.set_bundle(before.bundle, before.bundle_path, before.state)
        self.toggled.emit(False)

    def layout_before(self) -> tuple[QByteArray, QByteArray] | None:
        """While presenting, the window's geometry and dock layout from before (what the
        settings should keep); ``None`` otherwise."""
        return None if self._before is None else (self._before.geometry, self._before.layout)

    def view_before(self) -> tuple[str | None, ViewState] | None:
        """While presenting, the bundle's file and the state from before (what leaving
        brings back, and so what the settings should keep); ``None`` otherwise."""
        return None if self._before is None else (self._before.bundle_path, self._before.state)

    def return_to_theme(self, theme: Theme) -> bool:
        """While presenting, make ``theme`` the one leaving comes back to; returns whether
        presenting (else the caller applies it now)."""
        if self._before is None:
            return False
        self._before.theme = theme
        return True

    # Scale -------------------------------------------------------------------------------

    def set_scale(self, scale: float) -> None:
        """Change (and remember) the presentation scale, between 1 and the maximum."""
        scale = round(min(MAX_PRESENTATION_SCALE, max(1.0, scale)) * 4) / 4
        self.settings_store.update(presentation_scale=scale)
        if self.active:
            self._apply_scale()
            self.show_hint(f"Size {scale:g}×")

    def factor(self) -> float:
        """How much views are enlarged now: the scale while presenting, else 1."""
        return self.scale if self.active else 1.0

    def prepare(self, view: ViewBase[Any]) -> None:
        """Make a view look as presenting wants it, or as it was (also for a view built
        while presenting): enlarged, and its chart alone, without its own choices, caption
        and notes."""
        view.zoom(self.factor())
        view.set_presenting(self.active)

    def _apply_scale(self) -> None:
        factor = self.factor()
        for view in self.views.values():
            self.prepare(view)
        if self._before is not None:
            font = QFont(self._before.font)
            font.setPointSizeF(max(font.pointSizeF(), 9.0) * factor)
            self.tabs.setFont(font)
            title = QFont(font)
            title.setPointSizeF(font.pointSizeF() * 1.5)
            title.setBold(True)
            self.title.setFont(title)
            self.hint.setFont(font)

    # Moving ------------------------------------------------------------------------------

    def update_title(self) -> None:
        """Show the current chart's title (the view model's, as an export carries it); the
        window calls this after each redraw."""
        if self.active:
            self.title.setText(chart_title(self.host.bundle, self.store.state))

    def show_hint(self, text: str) -> None:
        """A line under the title for a few seconds (the status bar is hidden)."""
        self.hint.setText(text)
        self._hint_timer.start()

    def step(self, delta: int) -> None:
        """Left/Right: the previous or next period of the view shown."""
        state = self.store.state
        moved = step_state(state, self.host.bundle, delta)
        if moved == state:
            self.show_hint("No earlier period." if delta < 0 else "No later period.")
            return
        self.store.replace(moved)

    def next_slide(self, delta: int) -> None:
        """Page Down/Up: the next or previous saved view of the slides."""
        slides = self.settings_store.settings.slides
        if not slides:
            self.show_hint("No slides yet: choose saved views in View > Slides…")
            return
        index = self.slide + delta
        if self.slide < 0 and delta < 0:
            index = len(slides) - 1
        if not 0 <= index < len(slides):
            self.show_hint("The last slide." if delta > 0 else "The first slide.")
            return
        self.slide = index
        if self.open_slide(slides[index]):
            self.show_hint(f"Slide {index + 1} of {len(slides)}")
