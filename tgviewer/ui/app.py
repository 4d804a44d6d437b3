"""Starting the window: the QApplication, the bundle to open, and ``--smoke``.

Heavy modules (pandas, pyqtgraph, the window) are imported only after the QApplication
exists and the arguments are known, so ``--help`` and argument errors stay instant.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import re
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from tgviewer.ui.window.main_window import MainWindow


def parse_arguments(arguments: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tgviewer", description="Open the tgviewer window.")
    parser.add_argument(
        "bundle",
        nargs="?",
        help="a .tgbundle to open (default: the last bundle used, else the "
        "embedded default), or a saved view (.tgview) to show",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, load, paint the first view, print the time to interactive, and exit 0",
    )
    return parser.parse_args(list(arguments))


def open_window(bundle_argument: str | None, quiet: bool = False) -> tuple[MainWindow, str | None]:
    """Build and show the window on the bundle asked for, else the last one used, else the
    embedded default; returns it and, when a bundle could not be opened, what went wrong.

    The settings are read here; a bundle that fails gives a dialog (unless ``quiet``) and the
    embedded default is shown instead.
    """
    from PySide6.QtWidgets import QApplication

    from tgviewer.core.bundle.problems import BundleError
    from tgviewer.core.bundle.reader import read_bundle, read_default_bundle
    from tgviewer.core.state.settings import load_settings
    from tgviewer.core.state.view_state import fit_to_bundle
    from tgviewer.ui.style.theme import follow_system_theme
    from tgviewer.ui.window.actions import theme_of
    from tgviewer.ui.window.bundle_loader import wants_background
    from tgviewer.ui.window.main_window import MainWindow

    view_file = None
    if bundle_argument and bundle_argument.lower().endswith(".tgview"):
        view_file, bundle_argument = bundle_argument, None
    loaded = load_settings()
    app = QApplication.instance()
    if isinstance(app, QApplication):  # the theme chosen, following the system if so
        follow_system_theme(app, theme_of(loaded.settings.theme))
    remembered = loaded.settings.last_bundle
    # Read and named as given (a link to a device is refused under its own name); the
    # resolved path is what is remembered.
    path = str(Path(bundle_argument).absolute()) if bundle_argument else remembered
    failure = None
    later = None  # a big bundle: the window opens at once and reads it in the background
    if path and wants_background(path):
        later, path = path, None
    try:
        bundle = read_bundle(path) if path else read_default_bundle()
        path = str(Path(path).resolve()) if bundle_argument and path else path
    except BundleError as exc:
        failure, path = exc.describe(), None
        bundle = read_default_bundle()
    saved = loaded.settings.view_state
    state = fit_to_bundle(saved, bundle) if saved is not None else None
    window = MainWindow(bundle, state, loaded, bundle_path=path)
    window.show()
    # Ask for the keyboard: a window manager gives it to a new window anyway, but without
    # one (a kiosk, a bare X server) the window would take no key, not even its shortcuts.
    window.raise_()
    window.activateWindow()
    if failure is not None and not quiet:
        which = "The bundle" if bundle_argument else "The bundle you used last"
        window.notifier.warn(
            f"{which} could not be opened", f"{failure}\n\nShowing the embedded default bundle."
        )
        window.notifier.notice("Showing the embedded default bundle.")
    if later is not None:
        window.bundles.open_at_start(later, saved)
    if view_file is not None:
        window.saved_views.open_file(view_file)
    return window, failure


def end_process(code: int) -> NoReturn:
    """End the process now: logs and output flushed, nothing else torn down.

    Once the window has closed and saved its settings nothing is left to do, and Python's
    own teardown of thousands of Qt wrappers takes longer than the start-up of a bare window
    (and is where PySide's exit crashes happen); pyqtgraph's ``exit()`` exists for the same
    reason.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None in a windowed (no console) Windows build
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)


#: What to say when there is no screen to open the window on.
NO_DISPLAY = (
    "no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window cannot open; "
    "the commands 'tgviewer table', 'compare', 'render' and 'bundle' work without one "
    "(see 'tgviewer --help')"
)


#: Where local X servers put their sockets (``/tmp/.X11-unix/X0`` for ``DISPLAY=:0``).
X11_SOCKETS = Path("/tmp/.X11-unix")
#: A local display's number in ``DISPLAY`` (``:0``, ``:1.0``, ``unix:2``).
LOCAL_DISPLAY = re.compile(r"^(?:unix)?:(\d+)(?:\.\d+)?$")


def missing_display(
    environment: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    x11_sockets: Path = X11_SOCKETS,
) -> str:
    """Why the window cannot open here, or "" when it can: on Linux and the BSDs Qt needs
    an X11 or Wayland display (unless a platform is chosen with QT_QPA_PLATFORM), and
    without one it aborts with advice to reinstall.

    A ``DISPLAY`` naming a local X server that is not running (a stale variable, as after
    logging out of a remote session) is found the same way, without connecting to it: its
    socket file is missing from a folder that holds the running servers' sockets.
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    if environment.get("QT_QPA_PLATFORM") or environment.get("WAYLAND_DISPLAY"):
        return ""
    display = environment.get("DISPLAY")
    if not display:
        return NO_DISPLAY
    local = LOCAL_DISPLAY.match(display)
    if local and x11_sockets.is_dir() and not (x11_sockets / f"X{local.group(1)}").exists():
        return (
            f"no X server is running at DISPLAY={display} (no {x11_sockets}/X{local.group(1)}), "
            "so the window cannot open; the commands 'tgviewer table', 'compare', 'render' and "
            "'bundle' work without one (see 'tgviewer --help')"
        )
    return ""


def settle_memory() -> None:
    """Collect garbage again, leaving alone what start-up made (see :func:`run`)."""
    gc.enable()
    gc.freeze()


def run(arguments: Sequence[str], exit_when_closed: bool = False) -> int:
    """Open the window; returns the exit code.

    With ``exit_when_closed`` the process ends when the window has closed (see
    :func:`end_process`) instead of returning.
    """
    started = time.perf_counter()
    args = parse_arguments(arguments)
    missing = missing_display()
    if missing:
        print(f"tgviewer: {missing}", file=sys.stderr)
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], *arguments])
    assert isinstance(app, QApplication)
    from tgviewer.ui.desktop import FileOpenFilter, set_identity

    set_identity(app)
    opened_by_system = FileOpenFilter(app)
    app.installEventFilter(opened_by_system)

    from tgviewer.ui.error_handler import ErrorHandler

    handler = ErrorHandler()
    handler.install()
    # Start-up makes many objects that live as long as the window: collecting garbage
    # while they are made only scans them again and again. Collection resumes at the first
    # turn of the event loop, with what exists by then set aside for good (gc.freeze).
    gc.disable()
    try:
        window, failure = open_window(args.bundle, quiet=args.smoke)
    finally:
        QTimer.singleShot(0, settle_memory)
    opened_by_system.deliver_to(window.bundles.open_path)
    bundle = window.bundle
    if failure is not None and args.smoke:
        print(f"tgviewer: {failure}", file=sys.stderr)
    if args.smoke:
        window.settings_store.writable = False  # a smoke run leaves the user's settings alone

        def finish() -> None:
            elapsed = time.perf_counter() - started
            print(
                f"tgviewer smoke: {bundle.manifest.title}, {len(bundle.records)} records; "
                f"time to interactive {elapsed * 1000:.0f} ms"
            )
            app.exit(1 if failure is not None else 0)

        QTimer.singleShot(0, finish)
    try:
        code = int(app.exec())
    finally:
        handler.uninstall()
    if exit_when_closed:
        end_process(code)
    return code
