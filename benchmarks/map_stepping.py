"""How long one step of the map's period slider takes: recolouring, listing and painting.

The map's shapes are built once; a step of the slider (or of Play, or of Left/Right while
presenting) computes the period's model (cached after the first time), recolours the shapes,
refills the list beside the map and repaints. Not part of the pytest run (speed is measured
here, never asserted by a test).

Usage::

    QT_QPA_PLATFORM=offscreen python benchmarks/map_stepping.py [--size 1920x1080] [--rounds 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1920x1080", help="the view's size, WxH")
    parser.add_argument("--rounds", type=int, default=5, help="passes over every period")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from tgviewer.core.bundle.reader import read_default_bundle
    from tgviewer.core.state.view_state import ViewKind, default_view_state
    from tgviewer.core.views.registry import view_model
    from tgviewer.ui.qt_store import QtViewStateStore
    from tgviewer.ui.views.map import MapView

    bundle = read_default_bundle()
    state = dataclasses.replace(default_view_state(bundle), view=ViewKind.MAP)
    view = MapView(QtViewStateStore(state))
    view.resize(width, height)
    view.show()
    start = time.perf_counter()
    view.draw(view_model(bundle, state))
    app.processEvents()
    print(f"first draw, shapes built: {(time.perf_counter() - start) * 1000:.1f} ms")
    periods = state.periods()
    for round_ in range(args.rounds):
        recolour, total = [], []
        for period in periods:
            moved = dataclasses.replace(state, map_period=period.code)
            start = time.perf_counter()
            model = view_model(bundle, moved)
            view.draw(model)
            drawn = time.perf_counter()
            view.canvas.viewport().repaint()
            end = time.perf_counter()
            recolour.append((drawn - start) * 1000)
            total.append((end - start) * 1000)
        kind = "models computed" if round_ == 0 else "models cached"
        print(
            f"pass {round_ + 1} ({kind}): step median {statistics.median(total):.1f} ms "
            f"(recolour and list {statistics.median(recolour):.1f} ms, the rest painting), "
            f"max {max(total):.1f} ms, {len(periods)} steps"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
