"""The window's controllers built alone, from the stores and small fakes of its ports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.state.settings import Settings
from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.core.state.view_state import ViewKind, ViewState, default_view_state
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.window.bundle_commands import BundleCommands
from tgviewer.ui.window.export_commands import ExportCommands


@dataclass
class Told:
    """A :class:`~tgviewer.ui.window.ports.Notifier` that keeps what it was told."""

    notices: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def notice(self, text: str) -> None:
        self.notices.append(text)

    def warn(self, title: str, text: str) -> None:
        self.warnings.append((title, text))


@dataclass
class Host:
    """A :class:`~tgviewer.ui.window.ports.BundleHost` that records the bundles shown."""

    bundle: Bundle
    bundle_path: str | None = None
    shown: list[tuple[Bundle, str | None, ViewState | None]] = field(default_factory=list)

    def set_bundle(self, bundle: Bundle, path: str | None, state: ViewState | None = None) -> None:
        self.shown.append((bundle, path, state))
        self.bundle, self.bundle_path = bundle, path


def test_exports_need_only_the_state_the_bundle_and_a_notifier(
    qtbot: QtBot, default_bundle: Bundle, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    state = default_view_state(default_bundle)
    store = QtViewStateStore(state)
    told = Told()
    exports = ExportCommands(store, Host(default_bundle), told, parent)
    store.update(view=ViewKind.RANKING, ranking_period="2025Q4")
    assert exports.chart_title() == "Users affected, Q4 2025"
    assert exports.export_chart_to(str(tmp_path / "ranking.csv"))
    assert told.notices == ["Exported ranking.csv."]
    assert not exports.export_chart_to(str(tmp_path / "chart.gif"))
    assert [title for title, _ in told.warnings] == ["The chart could not be exported"]


def test_a_bundle_that_cannot_be_opened_is_said_and_forgotten_if_gone(
    qtbot: QtBot, default_bundle: Bundle, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    gone = str((tmp_path / "gone.tgbundle").resolve())
    settings = SettingsStore(
        Settings(recent_bundles=(gone, "/srv/kept.tgbundle")), tmp_path / "settings.json"
    )
    host, told = Host(default_bundle), Told()
    commands = BundleCommands(
        QtViewStateStore(default_view_state(default_bundle)),
        settings,
        told,
        host,
        parent,
        show_details=lambda _code: None,
        open_view=lambda _path: True,
    )
    assert not commands.open_file(gone)
    assert told.notices == ["Could not open gone.tgbundle; nothing changed."]
    assert told.warnings[0][0] == "The bundle could not be opened"
    assert settings.settings.recent_bundles == ("/srv/kept.tgbundle",)
    assert host.shown == []
    assert commands.open_path(str(tmp_path / "a.tgview"))  # a saved view goes to open_view
