"""File > Export Chart, File > Export Data and Edit > Copy Chart: the view shown, taken out.

Exports carry the title the view's model gives (:func:`chart_title`); the size chosen and the
folder of the last file exported are remembered while the window runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.export.layouts import Layout
from tgviewer.core.state.view_state import ViewState
from tgviewer.core.views.registry import view_model
from tgviewer.ui.export.size import ExportSize
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.window.ports import BundleHost, Notifier


def chart_title(bundle: Bundle, state: ViewState) -> str:
    """The title an export of the view ``state`` shows of ``bundle`` carries."""
    return view_model(bundle, state).text.title


class ExportCommands:
    """Exports of the view shown in ``store`` of ``host``'s bundle; dialogs open over
    ``parent``, outcomes are told to ``notifier``.

    Attributes
    ----------
    export_size
        Size and scale of chart exports (the last chosen).
    last_export
        The last file exported; its folder is offered next.
    """

    def __init__(
        self, store: QtViewStateStore, host: BundleHost, notifier: Notifier, parent: QWidget
    ) -> None:
        self.store = store
        self.host = host
        self.notifier = notifier
        self.parent = parent
        self.export_size = ExportSize()
        self.last_export = ""

    def chart_title(self) -> str:
        """The title an export of the current view carries."""
        return chart_title(self.host.bundle, self.store.state)

    def _folder(self) -> str:
        return str(Path(self.last_export).parent) if self.last_export else str(Path.home())

    def export_chart_dialog(self) -> None:
        """File > Export Chart: ask the size, then the file, then write it."""
        from tgviewer.ui.dialogs.export import ExportDialog, ask_export_path

        dialog = ExportDialog(self.export_size, self.parent)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        self.export_size = dialog.size_chosen()
        path = ask_export_path(self.parent, self.chart_title(), self._folder())
        if path:
            self.export_chart_to(path)

    def export_data_dialog(self) -> None:
        """File > Export Data: ask the file (CSV or Excel), then write the figures behind
        the view, one row per country and period."""
        self._export_data(Layout.LONG)

    def export_data_wide_dialog(self) -> None:
        """File > Export Data as Countries × Periods (the views that have that layout)."""
        self._export_data(Layout.WIDE)

    def _export_data(self, layout: Layout) -> None:
        from tgviewer.ui.dialogs.export import ask_data_path

        path = ask_data_path(
            self.parent, self.chart_title(), self._folder(), wide=layout is Layout.WIDE
        )
        if path:
            self.export_data_to(path, layout)

    def export_data_to(self, path: str, layout: Layout = Layout.LONG) -> bool:
        """Write the figures behind the current view to ``path`` (.csv with its metadata
        file, or .xlsx) in ``layout``; a failure is explained in a dialog."""
        from tgviewer.core.export.files import DataExportError, write_data
        from tgviewer.core.export.layouts import NoWideLayoutError

        state = self.store.state
        try:
            written = write_data(view_model(self.host.bundle, state), state, path, layout)
        except (DataExportError, NoWideLayoutError) as exc:
            self.notifier.warn("The data could not be exported", str(exc))
            return False
        self.last_export = path
        self.notifier.notice(f"Exported {' and '.join(p.name for p in written)}.")
        return True

    def export_chart_to(self, path: str) -> bool:
        """Write the current view to ``path`` (.png or .svg) at the chosen size, or the data
        behind it (.csv, .xlsx; one row per country and period); a failure is explained in
        a dialog and nothing else changes."""
        from tgviewer.ui.export.chart_page import ExportError, export_chart

        try:
            export_chart(self.host.bundle, self.store.state, path, self.export_size)
        except ExportError as exc:
            self.notifier.warn("The chart could not be exported", str(exc))
            return False
        self.last_export = path
        self.notifier.notice(f"Exported {Path(path).name}.")
        return True

    def copy_chart(self) -> None:
        """Edit > Copy Chart: the current view, with its title and source, as an image."""
        from PySide6.QtWidgets import QApplication

        from tgviewer.ui.export.chart_page import chart_image

        QApplication.clipboard().setImage(
            chart_image(self.host.bundle, self.store.state, self.export_size)
        )
        self.notifier.notice("Chart copied as an image.")
