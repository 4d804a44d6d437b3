"""Starting the window: the QApplication, the bundle to open, and ``--smoke``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from tgviewer import APP_ID, APP_NAME, __version__


def parse_arguments(arguments: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tgviewer", description="Open the tgviewer window.")
    parser.add_argument("bundle", nargs="?", help="a .tgbundle to open (default: embedded)")
    parser.add_argument("--smoke", action="store_true",
                        help="start, load, paint the first view, print the time to "
                             "interactive, and exit 0")
    return parser.parse_args(list(arguments))


def run(arguments: Sequence[str]) -> int:
    """Open the window; returns the exit code."""
    started = time.perf_counter()
    args = parse_arguments(arguments)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([sys.argv[0], *arguments])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)

    from tgviewer.core.bundle_reader import read_bundle, read_default_bundle
    from tgviewer.core.problems import BundleError
    from tgviewer.ui.main_window import MainWindow

    failure = None
    try:
        bundle = read_bundle(args.bundle) if args.bundle else read_default_bundle()
    except BundleError as exc:
        failure = exc
        bundle = read_default_bundle()
    window = MainWindow(bundle)
    window.show()
    if failure is not None and args.smoke:
        print(f"tgviewer: {failure.describe()}", file=sys.stderr)
    elif failure is not None:
        QMessageBox.warning(window, "The bundle could not be opened",
                            f"{failure.describe()}\n\nShowing the embedded default bundle.")
    if args.smoke:
        def finish() -> None:
            elapsed = time.perf_counter() - started
            print(f"tgviewer smoke: {bundle.manifest.title}, {len(bundle.records)} records; "
                  f"time to interactive {elapsed * 1000:.0f} ms")
            app.exit(1 if failure is not None else 0)
        QTimer.singleShot(0, finish)
    return int(app.exec())
