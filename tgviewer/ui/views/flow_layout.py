"""A row of widgets that goes on to the next line where the view is too narrow for it.

A view's choices, its colour legend and the like-for-like buttons sit in such rows: in a
:class:`~PySide6.QtWidgets.QHBoxLayout` a row wider than the window either widens it or, once
the view's width is capped, is cut off at the right edge (at 1024 pixels the coverage grid
lost its last columns, and the legend its words). :class:`FlowLayout` speaks the box layout's
words that the views use (``addWidget``, ``insertWidget``, ``addSpacing``, ``addStretch``) so
that a view swaps one for the other; it is Qt's own *Flow Layout* example, typed.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpacerItem,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    """Items left to right, wrapping onto as many lines as the width needs.

    Parameters
    ----------
    parent
        The widget laid out, if the layout is not put inside another one.
    spacing
        Pixels between items and between lines.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self.items: list[QLayoutItem] = []
        self.gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # The box layout's words ---------------------------------------------------------------

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put ``widget`` at ``index`` (counting spacings), as ``QBoxLayout`` does."""
        self.addChildWidget(widget)
        self.items.insert(index if index >= 0 else len(self.items), QWidgetItem(widget))
        self.invalidate()

    def addSpacing(self, size: int) -> None:
        """A fixed gap of ``size`` pixels (dropped at the start of a line)."""
        self.addItem(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    def addStretch(self, stretch: int = 0) -> None:
        """Nothing: a flowing row has no end to push items to. Kept so a view written for a
        box layout needs no other change."""

    # QLayout ------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self.items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self.items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self.items):
            item = self.items.pop(index)
            self.invalidate()
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self.gap * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        """As narrow as the widest item."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size

    # Placing ------------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self.items if not item.isEmpty() or item.spacerItem()]

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (only measure, unless ``move``); the height used."""
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]
        x = rect.x()
        for item in self._shown():
            width = item.sizeHint().width()
            if item.spacerItem() is not None:
                if lines[-1]:  # no gap at the start of a line
                    x += width
                continue
            if lines[-1] and x + width - 1 > rect.right():
                lines.append([])
                x = rect.x()
            lines[-1].append((item, x))
            x += width + self.gap
        y = rect.y()
        for line in lines:
            if not line:
                continue
            height = max(item.sizeHint().height() for item, _ in line)
            if move:
                for item, left in line:
                    hint = item.sizeHint()
                    # Centred on the line, as a box layout centres its row.
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top), hint))
            y += height + self.gap
        return max(0, y - self.gap - rect.y())


def legend_entry(mark: QWidget | None, text: str) -> QWidget:
    """A mark (a colour swatch) and its words as one item of a flowing legend, so a line
    never ends between a swatch and what it means."""
    entry = QWidget()
    row = QHBoxLayout(entry)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(5)
    if mark is not None:
        row.addWidget(mark)
    row.addWidget(QLabel(text))
    return entry
