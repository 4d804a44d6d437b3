"""A big bundle is read in the background: the window stays responsive, shows progress, can
cancel, and keeps the bundle shown until the new one is read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.progress import LoadCancelled
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.ui.window import bundle_loader

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def big_bundle(tmp_path: Path) -> Path:
    """A bundle of 60,000 records (3 MB of records.csv), unzipped."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import big_bundles
    finally:
        sys.path.remove(str(BENCHMARKS))
    return big_bundles.make_bundle(tmp_path / "big", 60_000, "quarters")


def test_the_size_decides_where_a_bundle_is_read(big_bundle: Path, tmp_path: Path) -> None:
    assert bundle_loader.records_size(str(big_bundle)) > bundle_loader.BACKGROUND_BYTES
    assert bundle_loader.wants_background(str(big_bundle))
    assert not bundle_loader.wants_background(str(tmp_path / "missing.tgbundle"))


def test_progress_is_told_in_order_and_can_stop_the_reading(big_bundle: Path) -> None:
    heard: list[tuple[str, float]] = []
    read_bundle(big_bundle, progress=lambda step, done: heard.append((step, done)))
    shares = [done for _, done in heard]
    assert shares == sorted(shares) and shares[-1] == 1.0 and len(heard) > 4
    assert {step for step, _ in heard} >= {"Reading records.csv", "Checking the records"}

    def stop(step: str, done: float) -> None:
        if done > 0.2:
            raise LoadCancelled

    with pytest.raises(LoadCancelled):
        read_bundle(big_bundle, progress=stop)


def test_the_window_reads_a_big_bundle_in_the_background(
    qtbot: QtBot, make_window: MakeWindow, big_bundle: Path, default_bundle: Bundle
) -> None:
    window = make_window()
    window.settings_store.writable = False
    prepared: list[bool] = []
    show = window.set_bundle

    def set_bundle(bundle: Bundle, path: str | None, state: object = None) -> None:
        prepared.append("view_models" in bundle.cache)  # before the window draws anything
        show(bundle, path, state)  # type: ignore[arg-type]

    window.set_bundle = set_bundle  # type: ignore[method-assign]
    assert window.bundles.open_file(str(big_bundle))
    loader = window.bundles.loader
    bar = window.bundles.loading_bar
    assert loader is not None and bar is not None and bar.isVisible()
    assert window.bundle is default_bundle  # the data shown stays while reading
    QApplication.processEvents()  # the window answers meanwhile
    qtbot.waitUntil(lambda: window.bundle is not default_bundle, timeout=60_000)
    assert len(window.bundle.records) == 60_000
    # The first chart's model was worked out in the worker, before the window had the bundle.
    assert prepared == [True]
    assert not bar.isVisible()
    assert window.bundle_path == str(big_bundle.resolve())


def test_cancel_keeps_the_bundle_shown(
    qtbot: QtBot, make_window: MakeWindow, big_bundle: Path, default_bundle: Bundle
) -> None:
    window = make_window()
    window.settings_store.writable = False
    window.bundles.open_file(str(big_bundle))
    bar = window.bundles.loading_bar
    assert bar is not None
    with qtbot.waitSignal(window.bundles.loader.cancelled, timeout=60_000):  # type: ignore[union-attr]
        bar.cancel.click()
    assert window.bundle is default_bundle and not bar.isVisible()
    assert "Stopped opening big; nothing changed." in window.status.notice.text()


def test_a_broken_big_bundle_is_explained_and_nothing_changes(
    qtbot: QtBot, make_window: MakeWindow, big_bundle: Path, default_bundle: Bundle
) -> None:
    records = big_bundle / "records.csv"
    # Changed after the bundle was made: the checksum in manifest.json no longer matches.
    records.write_bytes(records.read_bytes() + b"FRA,2024-01-01,2024-03-31,x,1,Telegram,,\n")
    window = make_window()
    window.settings_store.writable = False
    window.bundles.open_file(str(big_bundle))
    qtbot.waitUntil(lambda: window.notifier.failure_dialog is not None, timeout=60_000)
    box = window.notifier.failure_dialog
    assert box is not None and "could not be opened" in box.windowTitle()
    assert "checksum mismatch" in box.text()
    assert window.bundle is default_bundle
    assert "Could not open big; nothing changed." in window.status.notice.text()


def test_a_big_bundle_the_app_starts_with_opens_in_its_own_default_view(
    qtbot: QtBot, big_bundle: Path
) -> None:
    """Not in the embedded bundle's view, shown while it is read: as a small bundle would."""
    from tgviewer.core.state.view_state import default_view_state
    from tgviewer.ui.app import open_window

    window, failure = open_window(str(big_bundle), quiet=True)
    qtbot.addWidget(window)
    window.settings_store.writable = False
    shown_meanwhile = window.bundle
    assert failure is None and shown_meanwhile.location == "embedded default bundle"
    qtbot.waitUntil(lambda: window.bundle is not shown_meanwhile, timeout=60_000)
    wanted = default_view_state(window.bundle)
    assert window.store.state.countries == wanted.countries
    assert window.store.state.span == wanted.span
