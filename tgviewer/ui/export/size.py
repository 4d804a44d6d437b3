"""The size and scale of an exported chart (kept apart so the window need not import the
exporter, and QtSvg, until a chart is exported)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize


@dataclass(frozen=True)
class ExportSize:
    """The size of an exported image in pixels, and how much text and lines are enlarged
    (2 draws everything twice as large, as on a high-density screen)."""

    width: int = 1920
    height: int = 1080
    scale: float = 1.0

    def __post_init__(self) -> None:
        if not (200 <= self.width <= 10000 and 200 <= self.height <= 10000):
            raise ValueError(
                f"size {self.width}x{self.height}: each side must be between 200 and 10000 pixels"
            )
        if not 0.5 <= self.scale <= 4:
            raise ValueError(f"scale {self.scale:g}: must be between 0.5 and 4")

    @property
    def logical(self) -> QSize:
        """The size the chart is laid out at, before scaling."""
        return QSize(round(self.width / self.scale), round(self.height / self.scale))
