"""Helpers shared by the window's test modules (test modules never import each other)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QAction

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.settings import LoadedSettings
from tgviewer.core.state.view_state import Normalisation, ViewKind, ViewState
from tgviewer.ui.dialogs.import_wizard import ImportWizard
from tgviewer.ui.window.main_window import MainWindow


class MakeWindow(Protocol):
    """The type of the ``make_window`` fixture (tests/ui/conftest.py): builds a main window."""

    def __call__(
        self,
        bundle: Bundle | None = None,
        *,
        state: ViewState | None = None,
        settings: LoadedSettings | None = None,
        bundle_path: str | None = None,
        show: bool = True,
    ) -> MainWindow: ...


def menu_action(window: MainWindow, menu: str, text: str) -> QAction:
    """The action ``menu > text`` of the window's menu bar (mnemonics ignored)."""
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == menu:
            for action in top.menu().actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {menu} > {text}")


def changed_state(window: MainWindow) -> None:
    """Change many fields of the window's state at once, away from the default."""
    window.store.update(
        countries=("GBR", "FRA", "DEU"),
        view=ViewKind.RANKING,
        normalisation=Normalisation.PER_MILLION,
        log_scale=True,
        ranking_period="2025Q2",
    )


def saved_default_view(window: MainWindow, tmp_path: Path) -> tuple[object, Path]:
    """Save a changed view of the embedded default; its state and file."""
    window.settings_store.writable = False
    changed_state(window)
    path = tmp_path / "default.tgview"
    assert window.saved_views.save_to(str(path))
    return window.store.state, path


def open_wizard(window: MainWindow, text: str | None = None) -> ImportWizard:
    """File > Import Figures… on ``window``, with ``text`` pasted when given."""
    window.settings_store.writable = False
    menu_action(window, "File", "Import Figures…").trigger()
    wizard = window.bundles.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.today = dt.date(2026, 11, 22)
    if text is not None:
        wizard.source_page.text.setPlainText(text)
    return wizard


#: Starts a window on the default bundle in a fresh Python (``window`` and ``app`` names).
FRESH_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication([])\n"
    "from tgviewer.core.bundle.reader import read_default_bundle\n"
    "from tgviewer.ui.window.main_window import MainWindow\n"
    "window = MainWindow(read_default_bundle())\n"
    "window.settings_store.writable = False\n"
)


def in_fresh_window(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` after :data:`FRESH_WINDOW` in a fresh Python, offscreen: what a start
    imports can be seen only in a process that has imported nothing else."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", FRESH_WINDOW + code],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
