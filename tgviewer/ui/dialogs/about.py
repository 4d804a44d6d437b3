"""Help > About: the version, the bundle's attribution and licence, and the licences of
the libraries and reference data tgviewer is made with."""

from __future__ import annotations

import html
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tgviewer import APP_NAME, __version__
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.reference.countries import regions_attribution
from tgviewer.core.reference.iso_countries import names_attribution
from tgviewer.core.reference.population import population_table
from tgviewer.core.views.chart_text import MAP_CREDIT

#: Distribution name and licence of each library the installed app runs on.
LIBRARIES = (
    ("PySide6-Essentials", "Qt for Python", "LGPL-3.0"),
    ("pyqtgraph", "pyqtgraph", "MIT"),
    ("pandas", "pandas", "BSD-3-Clause"),
    ("numpy", "NumPy", "BSD-3-Clause"),
    ("platformdirs", "platformdirs", "MIT"),
)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_html(bundle: Bundle) -> str:
    """The About text; everything from a bundle is escaped."""
    manifest = bundle.manifest
    sources = "".join(
        f"<li>{html.escape(s.title)}<br><small>{html.escape(s.url)}</small></li>"
        for s in manifest.sources
    )
    libraries = "".join(
        f"<li>{name} {html.escape(_version(dist))}: {licence}</li>"
        for dist, name, licence in LIBRARIES
    )
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Explore government requests for Telegram users' data, offline. "
        "tgviewer never uses the network. Licence: MIT.</p>"
        f"<h4>Data: {html.escape(manifest.title)}</h4>"
        f"<p>As of {manifest.as_of.isoformat()}. Licence: {html.escape(manifest.licence)}.<br>"
        f"{html.escape(manifest.attribution)}</p>"
        f"<ul>{sources}</ul>"
        "<h4>Reference data</h4>"
        f"<ul><li>{html.escape(population_table().attribution)}</li>"
        f"<li>{html.escape(regions_attribution())}</li>"
        f"<li>{html.escape(MAP_CREDIT)}. Projection: Equal Earth (Šavrič, Patterson and "
        "Jenny, 2018)</li>"
        f"<li>{html.escape(names_attribution())}</li></ul>"
        f"<h4>Libraries</h4><ul>{libraries}</ul>"
    )


def show_about(bundle: Bundle, parent: QWidget) -> QMessageBox:
    """Open the About box (not blocking) and return it."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {APP_NAME}")
    icon = QApplication.windowIcon()
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(bundle))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box
