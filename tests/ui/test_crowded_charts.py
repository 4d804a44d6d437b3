"""Charts crowded with countries, checked on their real geometry: every ranking row's label
readable with all 83 countries, the compare view's change labels inside the plot, the
scatter's leader lines ending at their own point, and presentation mode hiding the list of
countries left out."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from tgviewer.core.state.view_state import ViewKind
from tgviewer.ui.window.main_window import MainWindow

SIZES = ((1024, 700), (1920, 1080))


def present(window: MainWindow, qtbot: QtBot, scale: float = 2.0) -> None:
    window.presentation.set_scale(scale)
    window.presentation.enter()
    qtbot.wait(50)


def test_every_change_label_ends_inside_the_compare_plot(window: MainWindow, qtbot: QtBot) -> None:
    window.store.update(view=ViewKind.COMPARE)
    view = window.compare
    assert view.value_labels

    def all_inside(where: str) -> None:
        inside = view.plot.getViewBox().sceneBoundingRect()
        for code, label in view.value_labels.items():
            drawn = label.mapRectToScene(label.boundingRect())
            assert drawn.right() <= inside.right() + 1, (code, where)
            assert drawn.left() >= inside.left() - 1, (code, where)

    for size in SIZES:
        window.resize(*size)
        qtbot.wait(30)
        all_inside(f"{size}")
    window.resize(1024, 700)
    present(window, qtbot)
    try:
        all_inside("presenting")
    finally:
        window.presentation.leave()


@pytest.mark.parametrize("kind", [ViewKind.COMPARE, ViewKind.SCATTER])
def test_presenting_hides_the_list_left_out_and_leaving_shows_it(
    window: MainWindow, qtbot: QtBot, kind: ViewKind
) -> None:
    window.store.update(view=kind)
    view = window.compare if kind is ViewKind.COMPARE else window.scatter
    listed = view.left_out_list
    assert listed is not None and listed.isVisible()
    splitter = listed.parentWidget()
    assert isinstance(splitter, QSplitter)
    handle = splitter.handle(splitter.indexOf(listed))
    assert handle.isVisible()
    present(window, qtbot)
    try:
        assert not listed.isVisible() and not handle.isVisible()
        window.store.update(countries=("FRA", "DEU", "IND"))  # redrawn while presenting
        assert not listed.isVisible()
    finally:
        window.presentation.leave()
    assert listed.isVisible() and handle.isVisible()
