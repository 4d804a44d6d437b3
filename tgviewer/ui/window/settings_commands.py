"""View > Theme and View > Slides: the commands that change what the app remembers.

Each writes into the settings store and saves at once, so a choice survives a crash; the
theme menu ticks the theme from the settings, not from here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from tgviewer.core.state.settings_store import SettingsStore
from tgviewer.ui.style.theme import Theme, apply_theme
from tgviewer.ui.window.presentation import Presentation


class SettingsCommands:
    """Choosing the theme and the slides, kept in ``settings``; ``presentation`` is told (it
    keeps its own theme while presenting, and starts the slides again); dialogs open over
    ``parent``.

    Attributes
    ----------
    slides_dialog
        The last Slides dialog opened (kept for tests to reach); ``None`` before the first.
    """

    def __init__(
        self, settings: SettingsStore, presentation: Presentation, parent: QWidget
    ) -> None:
        self.settings_store = settings
        self.presentation = presentation
        self.parent = parent
        self.slides_dialog: QWidget | None = None

    def choose_theme(self, theme: Theme) -> None:
        """View > Theme: apply ``theme`` and remember it (presentation mode keeps its own
        high contrast until it ends)."""
        self.settings_store.update(theme=theme.value)
        if not self.presentation.return_to_theme(theme):
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, theme)
        self.settings_store.save()

    def choose_slides(self) -> None:
        """View > Slides: pick the saved views presentation mode steps through."""
        from tgviewer.ui.dialogs.slides import SlidesDialog

        settings = self.settings_store.settings
        dialog = SlidesDialog(settings.slides, settings.recent_views, self.parent)
        self.slides_dialog = dialog

        def chosen(result: int) -> None:
            if result == SlidesDialog.DialogCode.Accepted:
                self.settings_store.update(slides=dialog.slides())
                self.presentation.slide = -1
                self.settings_store.save()

        dialog.finished.connect(chosen)
        dialog.open()
