"""``tgviewer render``: a saved view to PNG, SVG, CSV or an Excel workbook, without a display.

The chart is drawn by the same code as the window's File > Export Chart
(:mod:`tgviewer.ui.export.chart_page`), on Qt's offscreen platform, so a script gets
exactly the figure a person would export, and the same bytes every time; Qt's own chatter
(the offscreen platform's warnings) is kept off stderr, which says only what tgviewer has
to say. The data (CSV with its metadata file, or a workbook) comes from the view's model
alone, through :func:`tgviewer.core.export.files.write_data` as File > Export Data, and
needs no Qt at all.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tgviewer.cli.errors import CommandError, UsageError
from tgviewer.core.export.layouts import Layout, NoWideLayoutError

if TYPE_CHECKING:
    from tgviewer.core.bundle.model import Bundle
    from tgviewer.core.state.view_state import ViewState

#: What -o can write, by suffix: a chart, or the data behind it.
CHART_SUFFIXES = (".png", ".svg")
DATA_SUFFIXES = (".csv", ".xlsx")

EPILOG = """\
The view names the bundle it was made with (id and checksum). Without --bundle, that bundle
is looked for among the embedded default and your recent bundles; if it is not at hand the
command stops. With --bundle, that bundle is used; if it is not the one the view names, the
view is adapted to it (countries it lacks are left out) and a warning says so. A view whose
measure or service the bundle lacks is refused (exit 1), naming the field.

Formats, by the suffix of -o: .png (an image of --size pixels), .svg (a drawing), .csv (the
figures behind the chart, exactly as drawn, with their status: one header row, UTF-8 with a
byte-order mark, and beside it FILE.csv-metadata.json, its title, source, licence, bundle,
view and columns as CSV on the Web describes them), .xlsx (the same figures on a Data sheet,
the same description on an About sheet).

--layout long (the default) writes one row per country and period; --layout wide one row
per country and one column per period, as the Table view shows them (trend, table, ranking, map,
coverage; compare and scatter already have one row per country, and refuse it).

exit codes: 0 done, 1 a file or its data cannot be read or written, 2 a command line that
asks for what cannot be (an unknown format, a layout the view does not have).

examples:
  tgviewer render uk-trend.tgview -o uk-trend.png
  tgviewer render uk-trend.tgview -o uk-trend.png --size 3840x2160 --scale 2
  tgviewer render ranking.tgview -o ranking.svg --bundle ~/usb/telegram-2026-06.tgbundle
  tgviewer render uk-trend.tgview -o uk-trend.xlsx --layout wide
"""


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``render`` to the command line."""
    render = commands.add_parser(
        "render",
        help="draw a saved view (.tgview) to PNG or SVG, or write its data as CSV or "
        "Excel, without a display",
        description="Draw a saved view (.tgview) to a PNG or SVG chart, with its title, "
        "subtitle and source, or write the figures behind it as CSV (with its metadata "
        "file) or an Excel workbook. Uses the same code as File > Export Chart and File > "
        "Export Data in the window; needs no display.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    render.add_argument("view", metavar="VIEW.tgview", help="a view saved from the window")
    render.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write: FILE.png, FILE.svg, FILE.csv or FILE.xlsx",
    )
    render.add_argument(
        "--layout",
        choices=[layout.value for layout in Layout],
        default=Layout.LONG.value,
        help="data only: one row per country and period (long, the default), or one row "
        "per country and one column per period (wide)",
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
        raise UsageError(f"--size {text!r}: expected WIDTHxHEIGHT in pixels, e.g. 1920x1080")
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
    if suffix not in CHART_SUFFIXES + DATA_SUFFIXES:
        raise UsageError(f"-o {args.output}: the suffix must be .png, .svg, .csv or .xlsx")
    layout = Layout(args.layout)
    if layout is Layout.WIDE and suffix not in DATA_SUFFIXES:
        raise UsageError("--layout: a chart has no layout; it is for .csv and .xlsx")
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

    if suffix in DATA_SUFFIXES:
        return _write_data(bundle, state, output, layout)

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
        raise UsageError(str(exc)) from None
    app = QApplication.instance()
    if app is None:
        # Always offscreen: no display needed, and the same pixels whatever the screen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        quiet_qt()
        app = QApplication(["tgviewer"])
    assert app is not None
    text = export_chart(bundle, state, output, size)
    print(f"wrote {output} ({text.title})")
    return 0


def _write_data(bundle: Bundle, state: ViewState, output: Path, layout: Layout) -> int:
    """The figures behind the view as CSV (and its metadata) or Excel, from its model
    alone: no Qt needed."""
    from tgviewer.core.export.files import DataExportError, write_data
    from tgviewer.core.views.registry import view_model

    model = view_model(bundle, state)
    try:
        written = write_data(model, state, output, layout)
    except NoWideLayoutError as exc:
        raise UsageError(f"--layout wide: {exc.message}") from None
    except DataExportError as exc:
        raise CommandError(exc.message) from None
    print(f"wrote {' and '.join(str(path) for path in written)} ({model.text.title})")
    return 0


def quiet_qt() -> None:
    """Keep Qt's own messages off stderr (the offscreen platform warns that it cannot
    propagate size hints, for every window); only its critical messages get through."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(f"tgviewer: Qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)
