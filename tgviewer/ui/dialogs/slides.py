"""View > Slides: the saved views presentation mode steps through with Page Down and Up."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.state.view_file import SUFFIX


class SlidesDialog(QDialog):
    """An ordered list of ``.tgview`` files: add, remove, move up and down.

    Parameters
    ----------
    slides
        The slides so far.
    recent
        Recent views, offered first by Add.
    """

    def __init__(
        self, slides: Sequence[str], recent: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Slides")
        self.recent = list(recent)
        intro = QLabel(
            "In presentation mode (F11), Page Down and Page Up step through these "
            "saved views, in this order. Save views with File > Save View.",
            wordWrap=True,
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Slides")
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        for path in slides:
            self.add_path(path)
        self.add_button = QPushButton("&Add…")
        self.remove_button = QPushButton("&Remove")
        self.up_button = QPushButton("Move &Up")
        self.down_button = QPushButton("Move &Down")
        self.add_button.clicked.connect(self.ask_paths)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch()
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def add_path(self, path: str) -> None:
        """Add ``path`` at the end (named by its file, the full path in its tooltip)."""
        item = QListWidgetItem(Path(path).name)
        item.setData(Qt.ItemDataRole.UserRole, path)
        item.setToolTip(path)
        self.list.addItem(item)

    def ask_paths(self) -> None:
        """Add: pick saved views."""
        folder = str(Path(self.recent[0]).parent) if self.recent else str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Add Slides", folder, f"tgviewer views (*{SUFFIX})"
        )
        for path in paths:
            self.add_path(str(Path(path).resolve()))

    def remove_current(self) -> None:
        """Remove the selected slide."""
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def move_current(self, delta: int) -> None:
        """Move the selected slide up (-1) or down (1)."""
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def slides(self) -> tuple[str, ...]:
        """The slides, in order."""
        return tuple(
            self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
        )
