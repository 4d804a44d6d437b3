"""Export one chart of each view to ``docs/export-<view>.png``, as File > Export Chart does.

Run from the repository root after a change to the views or the exported chart's layout:

    QT_QPA_PLATFORM=offscreen python scripts/export_docs.py [VIEW ...]
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tgviewer.core.bundle.reader import read_default_bundle
from tgviewer.core.periods.spans import Granularity, parse_span
from tgviewer.core.state.view_state import Normalisation, ViewKind, ViewState, default_view_state
from tgviewer.ui.export.chart_page import export_chart
from tgviewer.ui.export.size import ExportSize

DOCS = Path(__file__).resolve().parent.parent / "docs"
EUROPE = ("DEU", "FRA", "GBR", "ITA", "ESP", "NLD", "BEL", "POL", "AUT", "CZE")


def states(base: ViewState) -> dict[str, ViewState]:
    """The state shown for each view."""
    return {
        "trend": dataclasses.replace(
            base, view=ViewKind.TREND, countries=("FRA", "DEU", "USA", "GBR")
        ),
        "ranking": dataclasses.replace(
            base,
            view=ViewKind.RANKING,
            countries=EUROPE,
            normalisation=Normalisation.PER_MILLION,
            ranking_period="2025Q4",
        ),
        "table": dataclasses.replace(base, view=ViewKind.TABLE, countries=EUROPE[:6]),
        "compare": dataclasses.replace(
            base,
            view=ViewKind.COMPARE,
            countries=EUROPE,
            normalisation=Normalisation.PER_MILLION,
            compare_a=parse_span("2024Q1-2024Q3").code,
            compare_b=parse_span("2025Q1-2025Q3").code,
        ),
        "coverage": dataclasses.replace(base, view=ViewKind.COVERAGE, countries=EUROPE),
        "scatter": dataclasses.replace(
            base,
            view=ViewKind.SCATTER,
            log_scale=True,
            countries=(*EUROPE, "USA", "IND", "BRA", "KOR"),
            scatter_period="2025",
        ),
        "map": dataclasses.replace(
            base,
            view=ViewKind.MAP,
            countries=("FRA", "DEU", "USA", "GBR"),
            normalisation=Normalisation.PER_MILLION,
            granularity=Granularity.YEAR,
            map_period="2025",
        ),
    }


def main(argv: list[str] | None = None) -> int:
    """Export every view, or those named on the command line (``map ranking``)."""
    names = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    bundle = read_default_bundle()
    for name, state in states(default_view_state(bundle)).items():
        if names and name not in names:
            continue
        target = DOCS / f"export-{name}.png"
        text = export_chart(bundle, state, target, ExportSize(1600, 900, 1.25))
        print(f"{target.relative_to(DOCS.parent)}: {text.title}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
