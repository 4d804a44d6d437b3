"""``tgviewer render``: a saved view to PNG, SVG or CSV, without a display.

The chart is drawn by the same code as the window's File > Export Chart
(:mod:`tgviewer.ui.export.chart_page`), on Qt's offscreen platform, so a script gets
exactly the figure a person would export, and the same bytes every time. The data (CSV)
comes from the view's model alone and needs no Qt at all.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tgviewer.cli.errors import CommandError

if TYPE_CHECKING:
    from tgviewer.core.bundle.model import Bundle
    from tgviewer.core.state.view_state import ViewState

EPILOG = """\
The view names the bundle it was made with (id and checksum). Without --bundle, that bundle
is looked for among the embedded default and your recent bundles; if it is not at hand the
command stops. With --bundle, that bundle is used; if it is not the one the view names, the
view is adapted to it (countries it lacks are left out) and a warning says so. A view whose
measure or service the bundle lacks is refused (exit 1), naming the field.

Formats, by the suffix of -o: .png (an image of --size pixels), .svg (a drawing), .csv (the
figures behind the chart, exactly as drawn, with their status and source).

examples:
  tgviewer render uk-trend.tgview -o uk-trend.png
  tgviewer render uk-trend.tgview -o uk-trend.png --size 3840x2160 --scale 2
  tgviewer render ranking.tgview -o ranking.svg --bundle ~/usb/telegram-2026-06.tgbundle
"""


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``render`` to the command line."""
    render = commands.add_parser(
        "render",
        help="draw a saved view (.tgview) to PNG, SVG or CSV, without a display",
        description="Draw a saved view (.tgview) to a PNG or SVG chart, with its title, "
        "subtitle and source, or write the figures behind it as CSV. Uses the same "
        "drawing as File > Export Chart in the window; needs no display.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    render.add_argument("view", metavar="VIEW.tgview", help="a view saved from the window")
    render.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write: FILE.png, FILE.svg or FILE.csv",
    )
    render.add_argument(
        "--size",
        default="1920x1080",
        metavar="WxH",
        help="image size in pixels (default: 1920x1080)",
    )
    render.add_argument(
        "--scale",
        type=float,
        default=1.0,
        metavar="S",
        help="enlarge text, markers and lines S times, as on a high-density "
        "screen (0.5 to 4; default: 1)",
    )
    render.add_argument(
        "--bundle",
        metavar="B",
        help="the bundle to draw from (default: the one the view names, when at hand)",
    )
    render.set_defaults(run=run_render)


def parse_size(text: str) -> tuple[int, int]:
    """``1920x1080`` as (1920, 1080); a clear error otherwise."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*", text)
    if match is None:
        raise CommandError(f"--size {text!r}: expected WIDTHxHEIGHT in pixels, e.g. 1920x1080")
    return int(match.group(1)), int(match.group(2))


def run_render(args: argparse.Namespace) -> int:
    from tgviewer.cli.bundles import load_bundle
    from tgviewer.core.state.settings import load_settings
    from tgviewer.core.state.view_file import (
        BundleMatch,
        adapt_view,
        bundle_match,
        find_bundle,
        read_view,
    )

    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in (".png", ".svg", ".csv"):
        raise CommandError(f"-o {args.output}: the suffix must be .png, .svg or .csv")
    width, height = parse_size(args.size)
    saved = read_view(args.view)
    if args.bundle is not None:
        bundle = load_bundle(args.bundle)
    else:
        found = find_bundle(saved.bundle, load_settings().settings.recent_bundles)
        if found is None:
            raise CommandError(
                f"{Path(args.view).name} was made with {saved.bundle.describe()}, which is not "
                "at hand (neither the embedded default nor a recent bundle); pass it with "
                "--bundle B"
            )
        bundle = found
    name = Path(args.view).name
    state, left_out = adapt_view(saved, bundle, name)
    if bundle_match(saved, bundle) is not BundleMatch.SAME:
        print(
            f"tgviewer: warning: {name} was made with {saved.bundle.describe()}; drawn "
            f"from {bundle.manifest.title} instead"
            + (f", without {', '.join(left_out)}" if left_out else ""),
            file=sys.stderr,
        )

    if suffix == ".csv":
        return _write_data(bundle, state, output)

    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        raise CommandError(
            "render draws with Qt, and PySide6 is not installed here; "
            "install tgviewer with its dependencies"
        ) from None

    from tgviewer.ui.export.chart_page import export_chart
    from tgviewer.ui.export.size import ExportSize

    try:
        size = ExportSize(width, height, args.scale)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    app = QApplication.instance()
    if app is None:
        # Always offscreen: no display needed, and the same pixels whatever the screen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication(["tgviewer"])
    assert app is not None
    text = export_chart(bundle, state, output, size)
    print(f"wrote {output} ({text.title})")
    return 0


def _write_data(bundle: Bundle, state: ViewState, output: Path) -> int:
    """The figures behind the view as CSV, from its model alone: no Qt needed."""
    from tgviewer.core.atomic import atomic_write_bytes
    from tgviewer.core.views.registry import data_csv, view_model

    try:
        atomic_write_bytes(output, data_csv(bundle, state).encode("utf-8"), keep_mode=True)
    except OSError as exc:
        raise CommandError(f"{output}: cannot write here: {exc.strerror or exc}") from None
    print(f"wrote {output} ({view_model(bundle, state).text.title})")
    return 0
