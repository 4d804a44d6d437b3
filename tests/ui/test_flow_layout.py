"""The flowing row of a view's choices and legends: one line where there is room, more
lines where there is not, never an item past the right edge."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tgviewer.ui.views.flow_layout import FlowLayout


@pytest.fixture
def row(qtbot: QtBot) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    """Four buttons 100 pixels wide, 6 pixels apart, with a 20-pixel spacing before the
    third."""
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = FlowLayout(widget, spacing=6)
    buttons = []
    for index in range(4):
        if index == 2:
            layout.addSpacing(20)
        button = QPushButton(f"Button {index}")
        button.setFixedSize(100, 24)
        layout.addWidget(button)
        buttons.append(button)
    layout.addStretch(1)
    widget.show()
    return widget, layout, buttons


def lay_out(widget: QWidget, width: int) -> None:
    widget.resize(width, widget.layout().heightForWidth(width))
    QApplication.processEvents()


def test_with_room_the_items_stand_on_one_line(row) -> None:  # type: ignore[no-untyped-def]
    widget, layout, buttons = row
    lay_out(widget, 600)
    assert [b.x() for b in buttons] == [0, 106, 232, 338]  # the spacing is kept
    assert {b.y() for b in buttons} == {0}
    assert layout.heightForWidth(600) == 24
    assert layout.sizeHint().width() >= 438


def test_without_room_they_go_on_to_more_lines(row) -> None:  # type: ignore[no-untyped-def]
    widget, layout, buttons = row
    lay_out(widget, 220)
    assert [(b.x(), b.y()) for b in buttons] == [(0, 0), (106, 0), (0, 30), (106, 30)]
    assert layout.heightForWidth(220) == 54  # two lines and the gap between them
    assert all(b.geometry().right() < 220 for b in buttons)
    lay_out(widget, 100)
    assert [b.y() for b in buttons] == [0, 30, 60, 90]
    assert layout.minimumSize().width() == 100  # as narrow as the widest item


def test_a_hidden_item_takes_no_room(row) -> None:  # type: ignore[no-untyped-def]
    widget, _layout, buttons = row
    buttons[1].hide()
    lay_out(widget, 600)
    assert buttons[2].x() == 126  # 100 + 6, then the 20-pixel spacing


def test_an_item_inserted_takes_its_place(row) -> None:  # type: ignore[no-untyped-def]
    widget, layout, buttons = row
    extra = QPushButton("Extra")
    extra.setFixedSize(50, 24)
    layout.insertWidget(1, extra)
    lay_out(widget, 600)
    assert extra.x() == 106 and buttons[1].x() == 162
    layout.removeWidget(extra)
    lay_out(widget, 600)
    assert buttons[1].x() == 106
