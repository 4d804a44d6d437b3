"""Starting the window: the QApplication, the bundle to open, and ``--smoke``.

Heavy modules (pandas, pyqtgraph, the window) are imported only after the QApplication
exists and the arguments are known, so ``--help`` and argument errors stay instant.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tgviewer import APP_ID, APP_NAME, __version__


def parse_arguments(arguments: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tgviewer", description="Open the tgviewer window.")
    parser.add_argument("bundle", nargs="?",
                        help="a .tgbundle to open (default: the last bundle used, else the "
                             "embedded default)")
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
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)

    from tgviewer.core.bundle_reader import read_bundle, read_default_bundle
    from tgviewer.core.problems import BundleError
    from tgviewer.core.settings import load_settings
    from tgviewer.core.view_state import fit_to_bundle
    from tgviewer.ui.error_handler import ErrorHandler
    from tgviewer.ui.main_window import MainWindow
    from tgviewer.ui.theme import follow_system_theme

    handler = ErrorHandler()
    handler.install()
    follow_system_theme(app)
    loaded = load_settings()
    remembered = loaded.settings.last_bundle
    path = str(Path(args.bundle).resolve()) if args.bundle else remembered
    failure = None
    try:
        bundle = read_bundle(path) if path else read_default_bundle()
    except BundleError as exc:
        failure, path = exc, None
        bundle = read_default_bundle()
    saved = loaded.settings.view_state
    state = fit_to_bundle(saved, bundle) if saved is not None else None
    window = MainWindow(bundle, state, loaded, bundle_path=path)
    window.show()
    if failure is not None and args.smoke:
        print(f"tgviewer: {failure.describe()}", file=sys.stderr)
    elif failure is not None:
        which = "The bundle" if args.bundle else "The bundle you used last"
        box = QMessageBox(QMessageBox.Icon.Warning, f"{which} could not be opened",
                          f"{failure.describe()}\n\nShowing the embedded default bundle.",
                          QMessageBox.StandardButton.Ok, window)
        box.open()
        window.failure_dialog = box
        window.status.show_notice("Showing the embedded default bundle.")
    if args.smoke:
        window.settings_writable = False  # a smoke run leaves the user's settings alone

        def finish() -> None:
            elapsed = time.perf_counter() - started
            print(f"tgviewer smoke: {bundle.manifest.title}, {len(bundle.records)} records; "
                  f"time to interactive {elapsed * 1000:.0f} ms")
            app.exit(1 if failure is not None else 0)
        QTimer.singleShot(0, finish)
    try:
        return int(app.exec())
    finally:
        handler.uninstall()
