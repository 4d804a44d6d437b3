"""The list under a chart of the countries it could not draw, each with the reason.

Shared by the trend, ranking, compare and scatter views: a heading with the count, one line
per country ("Iceland (ISL): Jan–Sep 2024: requests and users unknown: ..."), and picking a
line shows that country's records in the details panel. Hidden, with the splitter's handle
above it, while presenting (:meth:`~tgviewer.ui.views.base.ViewBase.set_presenting`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from tgviewer.core.figures.left_out import NotComparable


#: Qt's "no maximum" for a widget's size.
UNLIMITED = 16777215


class LeftOutList(QWidget):
    """A heading and the countries left out of a chart."""

    #: The country of the line picked.
    picked = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.items = QListWidget()
        self.items.setAccessibleName(accessible_name)
        self.items.setWordWrap(True)
        self.items.currentItemChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.items)

    def clear(self) -> None:
        """No heading, no countries (nothing drawn yet)."""
        self.title.setText("")
        self.items.clear()

    def show_countries(self, heading: str, left_out: Sequence[NotComparable]) -> None:
        """List ``left_out`` under ``heading``, without announcing a pick."""
        head, colon, rest = heading.partition(":")
        self.title.setText(f"<b>{head}</b>{colon}{rest}" if colon else heading)
        blocker = QSignalBlocker(self.items)
        self.items.clear()
        for country in left_out:
            entry = QListWidgetItem(f"{country.name} ({country.country}): {country.reason}")
            entry.setData(Qt.ItemDataRole.UserRole, country.country)
            entry.setToolTip(country.reason)
            self.items.addItem(entry)
        del blocker
        # With nobody left out the heading says so alone: no empty box takes the chart's room.
        self.items.setVisible(bool(left_out))
        self.setMaximumHeight(UNLIMITED if left_out else self.title.sizeHint().height())

    def _current_changed(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is not None:
            self.picked.emit(item.data(Qt.ItemDataRole.UserRole))


def chart_over_list(chart: QWidget, below: LeftOutList) -> QSplitter:
    """The chart on top, taking most of the height, and the list under it."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(chart)
    splitter.addWidget(below)
    splitter.setStretchFactor(0, 4)
    splitter.setStretchFactor(1, 1)
    return splitter
