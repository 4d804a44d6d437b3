"""Render tgviewer's icon from its SVG source to every size and format the platforms want.

``resources/icons/tgviewer.svg`` is drawn by Qt's SVG renderer at each size (not scaled down
from one large bitmap, so small sizes stay crisp) into

- ``tgviewer/data/icons/tgviewer-<N>.png`` and ``tgviewer.svg``: the window icon at run time,
  and the freedesktop ``hicolor`` icons the Linux install puts in place;
- ``packaging/icons/tgviewer.ico`` (Windows: the executable and the installer) and
  ``packaging/icons/tgviewer.icns`` (macOS: the ``.app``), assembled by Pillow from the same
  renderings.

Usage: ``python scripts/build_icons.py`` (needs Pillow: ``pip install -e '.[packaging]'``).
The outputs are committed; run this again after changing the SVG.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tgviewer.resources import ICON_SIZES  # noqa: E402

SOURCE = REPO / "resources" / "icons" / "tgviewer.svg"
PACKAGE_ICONS = REPO / "tgviewer" / "data" / "icons"
PACKAGING_ICONS = REPO / "packaging" / "icons"

#: Sizes shipped as PNG (the freedesktop hicolor sizes up to 512), as the app looks them up.
PNG_SIZES = ICON_SIZES
#: Sizes inside the Windows .ico (Explorer picks among them; 256 is stored as PNG).
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: Sizes inside the macOS .icns (16 to 1024 = 512 at 2x).
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"build_icons: {SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str at run time, though its stubs say bytes.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    print(f"wrote {path.relative_to(REPO)} ({len(data):,} bytes)")


def multi_size(kind: str, renderings: dict[int, bytes], sizes: tuple[int, ...]) -> bytes:
    """One .ico or .icns holding the renderings of ``sizes``."""
    from PIL import Image

    images = [Image.open(io.BytesIO(renderings[size])) for size in sizes]
    largest = images[-1]
    out = io.BytesIO()
    if kind == "ICO":
        largest.save(out, format="ICO", sizes=[(s, s) for s in sizes], append_images=images[:-1])
    else:
        largest.save(out, format="ICNS", append_images=images[:-1])
    return out.getvalue()


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderings = {size: render_png(size) for size in sorted({*PNG_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        write(PACKAGE_ICONS / f"tgviewer-{size}.png", renderings[size])
    shutil.copyfile(SOURCE, PACKAGE_ICONS / "tgviewer.svg")
    print(f"wrote {(PACKAGE_ICONS / 'tgviewer.svg').relative_to(REPO)}")
    write(PACKAGING_ICONS / "tgviewer.ico", multi_size("ICO", renderings, ICO_SIZES))
    write(PACKAGING_ICONS / "tgviewer.icns", multi_size("ICNS", renderings, ICNS_SIZES))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
