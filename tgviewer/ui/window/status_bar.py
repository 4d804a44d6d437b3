"""The status bar: what is loaded, its warnings (clickable), notices, and "Offline".

:class:`StatusNotifier` is how the window's controllers say what happened: notices go to the
status bar, warnings to a window-modal box. Its texts never widen the window: a notice or a
bundle title longer than the room left is cut with "…" and given whole in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tgviewer import __version__
from tgviewer.core.bundle.cautions import CAUTION_MARK
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.problems import cautions_in, warnings_in
from tgviewer.core.plurals import plural


class ElidedLabel(QLabel):
    """A one-line label that asks for no more width than ``least`` pixels and, when given
    less than its text needs, shows as much of it as fits, ending in "…".

    :meth:`text` is the whole text; the tooltip is left to the owner (the notice's is its
    whole text).
    """

    def __init__(self, text: str = "", least: int = 40, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.least = least

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(self.least, hint.width()), hint.height())

    def shown_text(self) -> str:
        """The text as drawn: whole, or cut to the width the label has."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def is_cut(self) -> bool:
        """Whether the label is too narrow for its text."""
        return self.shown_text() != self.text()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())


class WarningsDialog(QDialog):
    """The bundle's warnings, one per line with where they are; text can be copied."""

    def __init__(self, bundle: Bundle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Warnings in {bundle.manifest.title}")
        self.resize(720, 320)
        intro = QLabel(
            "These records were loaded, but they disagree or look doubtful. "
            "tgviewer shows the figures as reported and marks those affected."
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setPlainText(
            "\n\n".join(f"{w.severity.value.capitalize()}: {w}" for w in bundle.warnings)
            or "This bundle has no warnings."
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


class StatusBar(QStatusBar):
    """Bundle title and date, records, warnings, a notice line, and the offline mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bundle_label = ElidedLabel(least=160)
        self.records_label = QLabel()
        self.warnings_button = QToolButton(autoRaise=True)
        self.warnings_button.setObjectName("warningsButton")
        self.warnings_button.clicked.connect(self.show_warnings)
        self.notice = ElidedLabel()
        self.notice.setObjectName("notice")
        self.offline = QLabel("● Offline")
        self.offline.setToolTip(
            f"tgviewer {__version__} never uses the network: no updates, "
            "no fonts, no maps are fetched."
        )
        self.addWidget(self.bundle_label)
        self.addWidget(self.records_label)
        self.addWidget(self.warnings_button)
        self.addWidget(self.notice, 1)
        self.addPermanentWidget(self.offline)
        self.bundle: Bundle | None = None
        self.dialog: WarningsDialog | None = None

    def show_bundle(self, bundle: Bundle) -> None:
        """Describe ``bundle``."""
        self.bundle = bundle
        manifest = bundle.manifest
        as_of = manifest.as_of
        self.bundle_label.setText(f"{manifest.title}, as of {as_of.day} {as_of:%B %Y}")
        self.bundle_label.setToolTip(
            f"{self.bundle_label.text()}\n{bundle.location}\n{manifest.attribution}"
        )
        self.records_label.setText(plural(len(bundle.records), "record"))
        count = len(warnings_in(bundle.warnings))
        cautions = len(cautions_in(bundle.warnings))
        text = " · ".join(
            part
            for part in (
                f"⚠ {plural(count, 'warning')}" if count else "",
                f"{CAUTION_MARK} {plural(cautions, 'caution')}" if cautions else "",
            )
            if part
        )
        self.warnings_button.setText(text or "No warnings")
        self.warnings_button.setEnabled(bool(text))
        self.warnings_button.setToolTip(
            "Show the records that disagree or look doubtful" if text else ""
        )

    def show_notice(self, text: str) -> None:
        """A sentence that stays until replaced (settings set aside, a file not opened)."""
        self.notice.setText(text)
        self.notice.setToolTip(text)

    def show_warnings(self) -> None:
        """Open the list of the bundle's warnings."""
        if self.bundle is None:
            return
        self.dialog = WarningsDialog(self.bundle, self.window())
        self.dialog.open()


class StatusNotifier:
    """The window's :class:`~tgviewer.ui.window.ports.Notifier`: notices in ``status``,
    warnings in a box over ``parent``.

    Attributes
    ----------
    failure_dialog
        The last warning shown (kept for tests to reach); ``None`` before the first.
    """

    def __init__(self, status: StatusBar, parent: QWidget) -> None:
        self.status = status
        self.parent = parent
        self.failure_dialog: QMessageBox | None = None

    def notice(self, text: str) -> None:
        """A sentence in the status bar that stays until replaced."""
        self.status.show_notice(text)

    def warn(self, title: str, text: str) -> None:
        """Say what went wrong in a window-modal box (kept as :attr:`failure_dialog`)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.parent
        )
        box.open()
        self.failure_dialog = box
