"""Open the window in a given state, filling the screen, for the screenshots in docs/.

Run under ../shared/tools/screenshot (a real X window on Xvfb), for example::

    ../shared/tools/screenshot docs/ranking.png --wait 6 -- \\
        python scripts/screenshot_window.py --view ranking --countries FRA,DEU,USA,GBR \\
        --ranking-period 2025Q4 --details GBR
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

from PySide6.QtWidgets import QApplication


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--view",
        default="trend",
        choices=["trend", "ranking", "table", "compare", "coverage", "scatter", "map"],
    )
    parser.add_argument("--countries", help="comma-separated ISO codes, in selection order")
    parser.add_argument("--ranking-period", help="period code such as 2025Q4")
    parser.add_argument("--details", help="country shown in the details panel")
    parser.add_argument(
        "--all-countries", action="store_true", help="select every country of the bundle"
    )
    parser.add_argument(
        "--compare", metavar="A,B", help="periods compared, e.g. 2024Q1-Q3,2025Q1-Q3"
    )
    parser.add_argument("--per-million", action="store_true", help="per million inhabitants")
    parser.add_argument("--index", metavar="BASE", help="index with this base period = 100")
    parser.add_argument("--log", action="store_true", help="log scale")
    parser.add_argument("--range", help="range shown, e.g. 2025Q1-2026Q1")
    parser.add_argument("--present", action="store_true", help="presentation mode (F11)")
    parser.add_argument(
        "--theme",
        choices=["system", "light", "dark", "high_contrast"],
        help="the View > Theme choice",
    )
    parser.add_argument("--scatter-period", help="period of the scatter, e.g. 2024Q1-Q3")
    parser.add_argument("--map-period", help="period of the map, e.g. 2025")
    parser.add_argument("--granularity", choices=["quarter", "half", "year"])
    parser.add_argument(
        "--import-text",
        metavar="FILE",
        help="open File > Import with this text pasted, at the step named by --import-step",
    )
    parser.add_argument(
        "--import-file",
        metavar="FILE",
        help="open File > Import reading this file, at --import-step",
    )
    parser.add_argument(
        "--import-step",
        type=int,
        default=0,
        help="how many times to press Next in the Import wizard",
    )
    parser.add_argument("--import-finish", action="store_true", help="then press Save and Show")
    parser.add_argument("--library", action="store_true", help="open File > Bundle Library")
    parser.add_argument(
        "--diff",
        metavar="TITLE",
        help="open File > Compare Bundles from the default to this library bundle",
    )
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])

    from tgviewer.core.bundle.reader import read_default_bundle
    from tgviewer.core.periods.spans import parse_span
    from tgviewer.core.state.view_state import Normalisation, ViewKind, default_view_state
    from tgviewer.ui.style.theme import follow_system_theme
    from tgviewer.ui.window.main_window import MainWindow

    follow_system_theme(app)
    bundle = read_default_bundle()
    state = dataclasses.replace(
        default_view_state(bundle), view=ViewKind(args.view), ranking_period=args.ranking_period
    )
    if args.countries:
        state = dataclasses.replace(state, countries=tuple(args.countries.split(",")))
    if args.all_countries:
        state = dataclasses.replace(state, countries=tuple(bundle.countries))
    if args.compare:
        a, b = (parse_span(code).code for code in args.compare.split(","))
        state = dataclasses.replace(state, compare_a=a, compare_b=b)
    if args.per_million:
        state = dataclasses.replace(state, normalisation=Normalisation.PER_MILLION)
    if args.index:
        state = dataclasses.replace(
            state, normalisation=Normalisation.INDEX, index_base=parse_span(args.index).code
        )
    if args.range:
        span = parse_span(args.range)
        state = dataclasses.replace(state, first=span.first, last=span.last)
    if args.scatter_period:
        state = dataclasses.replace(state, scatter_period=parse_span(args.scatter_period).code)
    if args.map_period:
        state = dataclasses.replace(state, map_period=parse_span(args.map_period).code)
    if args.granularity:
        from tgviewer.core.periods.spans import Granularity

        state = dataclasses.replace(state, granularity=Granularity(args.granularity))
    state = dataclasses.replace(state, log_scale=args.log)
    from PySide6.QtCore import QTimer

    from tgviewer.ui.style.theme import Theme, apply_theme

    if args.theme:
        apply_theme(app, Theme(args.theme))
    window = MainWindow(bundle, state)
    window.settings_store.writable = False
    if args.present:
        QTimer.singleShot(300, window.presentation.enter)
    window.setGeometry(window.screen().availableGeometry())
    window.show()
    if args.details:
        window.show_details(args.details)
    QTimer.singleShot(500, lambda: open_dialogs(window, args))
    return int(app.exec())


def open_dialogs(window: object, args: argparse.Namespace) -> None:
    """Open the dialog the arguments name, over the window."""
    from pathlib import Path

    from tgviewer.ui.window.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if args.import_text or args.import_file:
        window.bundles.import_dialog(args.import_file)
        wizard = window.bundles.wizard
        assert wizard is not None
        if args.import_text:
            wizard.source_page.text.setPlainText(Path(args.import_text).read_text("utf-8"))
        for _ in range(args.import_step):
            wizard.next()
        if args.import_finish:
            from PySide6.QtWidgets import QWizard

            wizard.button(QWizard.WizardButton.FinishButton).click()
    if args.library:
        window.bundles.library_dialog()
    if args.diff:
        entry = next(e for e in window.bundles.library.entries() if e.title == args.diff)
        window.bundles.diff_dialog(None, entry.bundle)


if __name__ == "__main__":
    raise SystemExit(main())
