"""The trend's axis of periods: as many period labels as fit, the latest always."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

from tgviewer.core.periods.spans import QuarterSpan
from tgviewer.ui.views.label_layout import label_step, labelled


def period_label_width(axis: pg.AxisItem, periods: tuple[QuarterSpan, ...]) -> float:
    """The widest of the periods' labels on ``axis``, in pixels, with a gap to the next."""
    metrics = QFontMetricsF(axis.style.get("tickFont") or axis.font())
    return max(metrics.horizontalAdvance(p.label) for p in periods) + 12


def label_periods(axis: pg.AxisItem, periods: tuple[QuarterSpan, ...], width: float) -> None:
    """Label as many of ``periods`` (``width`` pixels apart) as fit without overlapping,
    counted back from the latest; the others keep a tick."""
    shown = set(labelled(len(periods), label_step(period_label_width(axis, periods), width)))
    axis.setTicks(
        [
            [(i, p.label) for i, p in enumerate(periods) if i in shown],
            [(i, "") for i in range(len(periods)) if i not in shown],
        ]
    )
