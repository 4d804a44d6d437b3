"""File > Export Chart: choose the size and scale, then the file."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from tgviewer.core.export.files import DATA_FORMATS
from tgviewer.ui.export.chart_page import FORMATS
from tgviewer.ui.export.size import ExportSize

#: Sizes offered first: slides, reports, social cards.
PRESETS = (
    (1920, 1080, "1920 × 1080 (slides, full HD)"),
    (1280, 720, "1280 × 720"),
    (1200, 800, "1200 × 800 (reports)"),
    (3840, 2160, "3840 × 2160 (4K)"),
)
SCALES = (1.0, 1.5, 2.0, 3.0)


class ExportDialog(QDialog):
    """Width, height and text scale of an exported chart."""

    def __init__(self, size: ExportSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Chart")
        self.preset = QComboBox()
        for width, height, label in PRESETS:
            self.preset.addItem(label, (width, height))
        self.preset.addItem("Custom", None)
        self.width_box = QSpinBox(minimum=200, maximum=10000, suffix=" px", value=size.width)
        self.height_box = QSpinBox(minimum=200, maximum=10000, suffix=" px", value=size.height)
        self.scale = QComboBox()
        for factor in SCALES:
            self.scale.addItem(
                f"{factor:g}×" + (" (larger text and lines)" if factor > 1 else ""), factor
            )
        self.scale.setCurrentIndex(max(0, self.scale.findData(size.scale)))
        match = self.preset.findData((size.width, size.height))
        self.preset.setCurrentIndex(match if match >= 0 else self.preset.count() - 1)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose File…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Size", self.preset)
        form.addRow("Width", self.width_box)
        form.addRow("Height", self.height_box)
        form.addRow("Scale", self.scale)
        form.addRow(buttons)

    def _preset_chosen(self) -> None:
        chosen = self.preset.currentData()
        if chosen is not None:
            self.width_box.setValue(chosen[0])
            self.height_box.setValue(chosen[1])

    def size_chosen(self) -> ExportSize:
        """The size and scale in the dialog."""
        return ExportSize(
            self.width_box.value(), self.height_box.value(), float(self.scale.currentData())
        )


def suggested_name(title: str, folder: str, suffix: str = ".png") -> str:
    """A file name from a chart's title: ``users-affected-q1-2024-q1-2026.png``."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:80] or "chart"
    return str(Path(folder) / f"{slug}{suffix}")


def ask_save_path(parent: QWidget, caption: str, suggested: str, formats: dict[str, str]) -> str:
    """Ask where to save; "" when cancelled. A name without one of ``formats``' suffixes
    gets the suffix of the filter chosen."""
    filters = ";;".join(f"{label} (*{suffix})" for suffix, label in formats.items())
    path, chosen = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    if path and Path(path).suffix.lower() not in formats:
        first = next(iter(formats))
        path += next((s for s, label in formats.items() if chosen.startswith(label)), first)
    return path


def ask_export_path(parent: QWidget, title: str, folder: str) -> str:
    """Ask where to save the chart; "" when cancelled. The suffix picks the format."""
    return ask_save_path(parent, "Export Chart", suggested_name(title, folder), FORMATS)


#: The data formats offered, in the words of the file dialog's type filter.
DATA_FILTERS = {
    ".csv": "CSV table, with its metadata file beside it",
    ".xlsx": "Excel workbook, with an About sheet",
}
assert set(DATA_FILTERS) == set(DATA_FORMATS)


def ask_data_path(parent: QWidget, title: str, folder: str, wide: bool = False) -> str:
    """Ask where to save the data behind the chart, one row per country and period or
    (``wide``) countries × periods; "" when cancelled. The suffix picks CSV or Excel."""
    return ask_save_path(
        parent,
        "Export Data: Countries × Periods" if wide else "Export Data",
        suggested_name(title + (" by period" if wide else ""), folder, ".csv"),
        DATA_FILTERS,
    )
