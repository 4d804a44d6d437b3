"""Fixtures for the window's tests."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.settings import LoadedSettings
from tgviewer.core.state.view_state import ViewState
from tgviewer.ui.window.main_window import MainWindow


@pytest.fixture
def make_window(qtbot: QtBot, default_bundle: Bundle) -> MakeWindow:
    """A factory of main windows (like napari's ``make_napari_viewer``).

    ``make_window()`` builds a :class:`MainWindow` on the embedded default bundle, or on
    ``bundle``, with the optional ``state``, ``settings`` and ``bundle_path`` of its
    constructor, and shows it (offscreen) unless ``show=False``. Every window made is
    registered with ``qtbot``, which closes and deletes it when the test ends, so that no
    window outlives its test.
    """

    def make(
        bundle: Bundle | None = None,
        *,
        state: ViewState | None = None,
        settings: LoadedSettings | None = None,
        bundle_path: str | None = None,
        show: bool = True,
    ) -> MainWindow:
        window = MainWindow(
            default_bundle if bundle is None else bundle, state, settings, bundle_path
        )
        qtbot.addWidget(window)
        if show:
            window.show()
        return window

    return make


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    """The window on the embedded default bundle, shown (offscreen)."""
    return make_window()
