"""Baseline for tgviewer's time to interactive: a bare PySide6 window, shown the same way.

Creates a QApplication and a QMainWindow holding one QLabel, shows it, and on the first turn
of the event loop after showing (``QTimer.singleShot(0, ...)``, as ``tgviewer --smoke`` does)
prints the time since this script started and exits 0::

    bare window: time to interactive 123.4 ms; platform offscreen

The clock starts at the top of this file, before PySide6 is imported, so the figure covers
importing Qt, creating the application and the window, and showing it; Python's own start-up
is outside it (``run_benchmarks.py`` also times the whole process from outside).
With ``--plot`` the window holds one pyqtgraph plot with one line instead of the label: the
floor of the stack tgviewer is built on (PySide6, numpy and pyqtgraph imported, one chart
painted), reported next to the bare window so the share of the time that is tgviewer's own
can be read off. Run by ``run_benchmarks.py``; it can also be run alone.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import sys  # noqa: E402  (after the clock starts, on purpose)

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


def main() -> int:
    """Show the window, report the time at the first event-loop turn, return the exit code."""
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.resize(1280, 800)  # the size tgviewer's main window opens at
    if "--plot" in sys.argv[1:]:
        import pyqtgraph as pg

        plot = pg.PlotWidget()
        plot.plot([0, 1, 2, 3], [1, 3, 2, 4])
        window.setCentralWidget(plot)
    else:
        window.setCentralWidget(
            QLabel("bare PySide6 window", alignment=Qt.AlignmentFlag.AlignCenter)
        )
    window.show()

    def finish() -> None:
        elapsed = time.perf_counter() - STARTED
        print(
            f"bare window: time to interactive {elapsed * 1000:.1f} ms; "
            f"platform {app.platformName()}",
            flush=True,
        )
        app.exit(0)

    QTimer.singleShot(0, finish)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
