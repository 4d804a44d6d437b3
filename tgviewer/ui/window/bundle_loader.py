"""Opening a big bundle without freezing the window: read in a worker thread, with a progress
bar and a Cancel button in the status bar; the bundle shown stays until the new one is read.

Small bundles (most) are read at once, as before: a thread would only add a flicker. A
bundle is big when its ``records.csv`` holds more than :data:`BACKGROUND_BYTES` (about fifty
thousand records), counted without reading it (a zip's directory says how large its members
are).
"""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from tgviewer.core.bundle.model import RECORDS_FILE, Bundle
from tgviewer.core.bundle.problems import BundleError, Problem, error
from tgviewer.core.bundle.progress import LoadCancelled
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.ui.window.status_bar import ElidedLabel

#: A ``records.csv`` larger than this is read in the background.
BACKGROUND_BYTES = 2_000_000
#: The least time between two reports of progress to the window, in seconds.
REPORT_EVERY = 0.05


def records_size(path: str) -> int:
    """How large the bundle's ``records.csv`` is, without reading it (0 when unknown)."""
    where = Path(path)
    try:
        if where.is_dir():
            return (where / RECORDS_FILE).stat().st_size
        if where.is_file() and zipfile.is_zipfile(where):
            with zipfile.ZipFile(where) as archive:
                return sum(i.file_size for i in archive.infolist() if i.filename == RECORDS_FILE)
    except (OSError, zipfile.BadZipFile):
        return 0
    return 0


def wants_background(path: str) -> bool:
    """Whether the bundle at ``path`` is big enough to be read in the background."""
    return records_size(path) > BACKGROUND_BYTES


class BundleLoader(QObject):
    """Reads one bundle at a time in a worker thread and says how it went.

    Signals (delivered in the window's thread)
    -------------------------------------------
    progressed(str, float)
        What is being done, and the share done (0 to 1).
    loaded(Bundle, str)
        The bundle read from the path.
    failed(BundleError, str)
        Why the bundle at the path cannot be opened.
    cancelled(str)
        The reading of the path was stopped on request.
    """

    progressed = Signal(str, float)
    loaded = Signal(object, str)
    failed = Signal(object, str)
    cancelled = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_report = 0.0
        self.path = ""

    @property
    def busy(self) -> bool:
        """Whether a bundle is being read."""
        return self._thread is not None and self._thread.is_alive()

    def start(self, path: str) -> None:
        """Read the bundle at ``path`` (stopping a reading under way first)."""
        self.cancel()
        if self._thread is not None:
            self._thread.join()
        self._stop = threading.Event()
        self.path = path
        self._thread = threading.Thread(
            target=self._read, args=(path, self._stop), name="tgviewer-bundle-reader", daemon=True
        )
        self._thread.start()

    def cancel(self) -> None:
        """Stop the reading under way, if any (``cancelled`` follows)."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the reading under way has ended (for tests and for closing)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _read(self, path: str, stop: threading.Event) -> None:
        def progress(step: str, done: float) -> None:
            if stop.is_set():
                raise LoadCancelled
            now = time.monotonic()
            if now - self._last_report >= REPORT_EVERY or done >= 1.0:
                self._last_report = now
                self.progressed.emit(step, done)

        try:
            bundle: Bundle = read_bundle(path, progress=progress)
            progress("Preparing the first chart", 1.0)
            prepare_first_chart(bundle)
        except LoadCancelled:
            self.cancelled.emit(path)
        except BundleError as exc:
            self.failed.emit(exc, path)
        except Exception as exc:
            self.failed.emit(BundleError(path, [_unexpected(exc)]), path)
        else:
            if stop.is_set():
                self.cancelled.emit(path)
            else:
                self.loaded.emit(bundle, path)


def prepare_first_chart(bundle: Bundle) -> None:
    """Work out, in the worker, what the window first asks of a new bundle: its default view
    and that view's model (the period engine and the models keep them). At a million records
    this is seconds of work the window's thread is spared."""
    from tgviewer.core.state.view_state import default_view_state
    from tgviewer.core.views.registry import view_model

    view_model(bundle, default_view_state(bundle))


def _unexpected(exc: Exception) -> Problem:
    return error(f"the bundle could not be read: {type(exc).__name__}: {exc}", RECORDS_FILE)


class LoadingBar(QWidget):
    """The status bar's progress while a bundle is read: what, how far, and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadingBar")
        # Elided, so that a long file name never widens the window past a small screen.
        self.words = ElidedLabel(least=60)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.bar.setAccessibleName("Reading the bundle")
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop reading this bundle; the one shown stays")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.words)
        row.addWidget(self.bar)
        row.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_progress(self, name: str, step: str, done: float) -> None:
        """Say that ``name`` is being read: ``step``, ``done`` of it (0 to 1)."""
        self.words.setText(f"Opening {name}: {step.lower()}…")
        self.words.setToolTip(self.words.text())
        self.bar.setValue(round(done * 1000))
