"""On-demand benchmark of scatter label placement (not part of the pytest run).

1. :func:`~tgviewer.core.figures.label_placement.place_labels` alone, for 20 to 200 labels
   scattered at random (seeded) over an 800x500 plot: the time of one placement and how many
   labels found room.
2. The scatter view with every country of the default bundle (log axes, Jan–Sep 2024), offscreen
   at 1024x700 and 1920x1080: the time of one re-placement (what a resize costs on top of the
   plot's own repaint). The window runs in a fresh, empty ``TGVIEWER_HOME``.

Usage::

    QT_QPA_PLATFORM=offscreen python benchmarks/label_placement.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

from tgviewer.core.figures.label_placement import Box, LabelWanted, place_labels


def timed(action: Callable[[], object], repeat: int) -> float:
    """The median time of ``action``, in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def placement_alone(repeat: int) -> None:
    chance = random.Random(1)
    for count in (20, 80, 200):
        labels = [
            LabelWanted(
                str(i), chance.uniform(0, 800), chance.uniform(0, 500), chance.uniform(25, 60), 22
            )
            for i in range(count)
        ]
        result = place_labels(labels, Box(0, 0, 800, 500), 5.5)
        took = timed(lambda labels=labels: place_labels(labels, Box(0, 0, 800, 500), 5.5), repeat)
        print(
            f"place_labels, {count:3d} labels: {took:7.1f} ms median, "
            f"{len(result.placed)} placed, {len(result.left_off)} left off"
        )


def placement_in_the_view(repeat: int) -> None:
    from PySide6.QtWidgets import QApplication

    from tgviewer.core.bundle.reader import read_default_bundle
    from tgviewer.core.state.view_state import ViewKind, default_view_state
    from tgviewer.ui.window.main_window import MainWindow

    os.environ["TGVIEWER_HOME"] = tempfile.mkdtemp()  # no saved settings read or written
    app = QApplication.instance() or QApplication(sys.argv[:1])
    bundle = read_default_bundle()
    window = MainWindow(bundle, state=default_view_state(bundle))
    window.show()
    window.store.update(
        countries=tuple(bundle.countries),
        view=ViewKind.SCATTER,
        scatter_period="2024Q1-2024Q3",
        log_scale=True,
    )
    view = window.scatter
    for width, height in ((1024, 700), (1920, 1080)):
        window.resize(width, height)
        app.processEvents()
        took = timed(view.place_labels, repeat)
        print(
            f"scatter view at {width}x{height}, {len(view.label_points)} labels: "
            f"{took:.1f} ms per placement, {len(view.unlabelled)} countries left unlabelled"
        )
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each (median)")
    args = parser.parse_args()
    placement_alone(args.repeat)
    placement_in_the_view(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
