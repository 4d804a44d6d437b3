"""The details panel: every record behind one country's figures, its warnings and cautions.

It shows the country last hovered in a chart or picked in the table (else the first
selected). Text comes from the Qt-free ``core.details``; links are never followed, so
nothing in a bundle can make the app reach the network.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.figures.details import country_details

EMPTY_TEXT = (
    "<p>Hover a point or a bar, or pick a row in the table, to see the records "
    "behind a country's figures here.</p>"
)


class DetailsPanel(QTextBrowser):
    """Read-only text about one country of one bundle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setObjectName("detailsPanel")
        self.setMinimumWidth(300)
        self.country = ""
        self.service = ""
        self.focus = ""
        self.bundle: Bundle | None = None
        self.setHtml(EMPTY_TEXT)

    def show_country(self, bundle: Bundle, code: str, service: str, focus: str = "") -> None:
        """Show ``code``'s records in ``bundle`` (nothing to do if already shown), after
        ``focus``, a line about what was clicked (a coverage cell), when given."""
        if self.bundle is bundle and (code, service, focus) == (
            self.country,
            self.service,
            self.focus,
        ):
            return
        self.bundle, self.country, self.service, self.focus = bundle, code, service, focus
        if not code:
            self.setHtml(EMPTY_TEXT)
            return
        lead = f"<p style='font-weight:600'>{html.escape(focus)}</p>" if focus else ""
        self.setHtml(lead + country_details(bundle, code, service).to_html())
