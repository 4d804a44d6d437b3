"""Exported charts: every view to PNG and SVG, with its title and source; the clipboard."""

from __future__ import annotations

import dataclasses
import stat
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_default_bundle
from tgviewer.core.state.view_state import Normalisation, ViewKind, default_view_state
from tgviewer.core.views.registry import view_model
from tgviewer.ui.export.chart_page import ExportError, chart_image, export_chart
from tgviewer.ui.export.size import ExportSize
from tgviewer.ui.export.table_image import BLOCK_GAP, MAX_ZOOM, table_layout
from tgviewer.ui.window.main_window import MainWindow

SOURCE = "Source: Telegram transparency reports"


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return read_default_bundle()


def distinct_colours(image: QImage, step: int = 23) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


@pytest.mark.parametrize("kind", list(ViewKind))
def test_every_view_exports_to_png_and_svg_with_title_and_source(
    qtbot: QtBot, tmp_path: Path, bundle: Bundle, kind: ViewKind
) -> None:
    state = dataclasses.replace(default_view_state(bundle), view=kind)
    text = export_chart(bundle, state, tmp_path / "chart.png")
    image = QImage(str(tmp_path / "chart.png"))
    assert (image.width(), image.height()) == (1920, 1080)
    assert len(distinct_colours(image)) > 8  # a chart, not a blank page
    export_chart(bundle, state, tmp_path / "chart.svg", ExportSize(1200, 800))
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert 'width="1200' in svg and 'height="800' in svg
    assert text.title in svg
    assert SOURCE in svg
    assert f"as of {bundle.manifest.as_of.isoformat()}" in svg


def test_the_chart_text_follows_the_state(bundle: Bundle) -> None:
    state = dataclasses.replace(
        default_view_state(bundle),
        view=ViewKind.TREND,
        normalisation=Normalisation.PER_MILLION,
        log_scale=True,
    )
    text = view_model(bundle, state).text
    assert text.title == ("Users affected, per million inhabitants, Q1 2024 – Q1 2026")
    assert "5 selected countries" in text.subtitle
    assert "population of the period's year" in text.subtitle
    assert "log scale" in text.subtitle and "hollow points derived" in text.subtitle
    assert "Population: World Bank" in text.footer and "Population: Population" not in text.footer
    compare = view_model(
        bundle,
        dataclasses.replace(
            state, view=ViewKind.COMPARE, compare_a="2024Q1-2024Q3", compare_b="2025Q1-2025Q3"
        ),
    ).text
    assert compare.title == (
        "Users affected, per million inhabitants: Jan–Sep 2024 against Jan–Sep 2025"
    )


def test_scale_two_draws_text_twice_as_large(qtbot: QtBot, tmp_path: Path, bundle: Bundle) -> None:
    state = default_view_state(bundle)
    export_chart(bundle, state, tmp_path / "one.png", ExportSize(800, 600, 1.0))
    export_chart(bundle, state, tmp_path / "two.png", ExportSize(800, 600, 2.0))

    def title_height(path: Path) -> int:
        """Rows from the top of the title's ink to the first blank row below it."""
        image = QImage(str(path))
        background = image.pixel(2, 2)

        def inked(y: int) -> bool:
            return any(image.pixel(x, y) != background for x in range(10, 500))

        top = next(y for y in range(image.height()) if inked(y))
        return next(y for y in range(top, image.height()) if not inked(y)) - top

    assert QImage(str(tmp_path / "two.png")).width() == 800
    one, two = title_height(tmp_path / "one.png"), title_height(tmp_path / "two.png")
    assert 1.7 * one <= two <= 2.3 * one


def test_a_failed_export_says_why_and_leaves_the_existing_file(
    qtbot: QtBot, tmp_path: Path, bundle: Bundle
) -> None:
    state = default_view_state(bundle)
    with pytest.raises(ExportError, match=r"unknown format \.jpg"):
        export_chart(bundle, state, tmp_path / "chart.jpg")
    with pytest.raises(ExportError, match="cannot write here"):
        export_chart(bundle, state, tmp_path / "missing" / "chart.png")
    existing = tmp_path / "kept.png"
    existing.write_bytes(b"precious")
    existing.chmod(0o644)
    export_chart(bundle, state, existing)
    assert existing.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_sizes_are_checked() -> None:
    with pytest.raises(ValueError, match="between 200 and 10000"):
        ExportSize(100, 800)
    with pytest.raises(ValueError, match="scale 9"):
        ExportSize(scale=9)


def test_the_window_exports_and_copies_the_current_view(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    window.store.update(view=ViewKind.RANKING, ranking_period="2025Q4")
    assert window.exports.chart_title() == "Users affected, Q4 2025"
    target = tmp_path / "ranking.svg"
    assert window.exports.export_chart_to(str(target))
    assert "Users affected, Q4 2025" in target.read_text(encoding="utf-8")
    assert window.status.notice.text() == "Exported ranking.svg."
    window.exports.copy_chart()
    copied = QApplication.clipboard().image()
    assert (copied.width(), copied.height()) == (1920, 1080)
    assert copied.pixelColor(5, 5) != QColor(0, 0, 0, 0)
    assert not window.exports.export_chart_to(str(tmp_path / "chart.gif"))
    assert window.notifier.failure_dialog is not None
    assert "unknown format .gif" in window.notifier.failure_dialog.text()


def content_bounds(image: QImage, top: int, bottom: int) -> tuple[int, int, int, int]:
    """Left, top, right and bottom of what differs from the background between rows
    ``top`` and ``bottom`` of ``image``."""
    background = image.pixel(2, 2)
    xs, ys = [], []
    for y in range(top, bottom, 3):
        for x in range(0, image.width(), 3):
            if image.pixel(x, y) != background:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize(
    ("count", "size"), [(6, (1920, 1080)), (6, (1024, 700)), (83, (1920, 1080))]
)
def test_an_exported_table_fills_the_image(
    qtbot: QtBot, bundle: Bundle, count: int, size: tuple[int, int]
) -> None:
    from tgviewer.ui.export.chart_page import MARGIN

    countries = tuple(bundle.countries[:count])
    state = dataclasses.replace(
        default_view_state(bundle), view=ViewKind.TABLE, countries=countries
    )
    width, height = size
    image = chart_image(bundle, state, ExportSize(width, height))
    # Between the subtitle (the first ~130 pixels) and the footer (the last ~60).
    left, _, right, bottom = content_bounds(image, 130, height - 70)
    room = width - 2 * MARGIN
    filled = (right - left) / room
    assert left <= MARGIN + 4
    # As wide as the image allows, or as tall (a short table is scaled until its width
    # fills; a long one is cut into side-by-side blocks of rows).
    assert filled >= 0.9 or bottom >= height - 70 - 12, (filled, bottom)


def test_a_table_is_laid_out_to_be_painted_largest() -> None:
    # A short table is enlarged (up to MAX_ZOOM) in one block.
    short = table_layout(800, 30, 22, 6, 1864, 900)
    assert short.blocks == 1 and short.zoom == pytest.approx(1864 / 800)
    # A long one is cut into blocks side by side, each as tall as the room allows.
    long = table_layout(700, 30, 22, 83, 1864, 900)
    assert long.blocks == 2 and long.rows_per_block == 42
    assert long.zoom == pytest.approx(min(1864 / (2 * 700 + BLOCK_GAP), 900 / (30 + 42 * 22)))
    assert long.blocks * long.rows_per_block >= 83  # every row painted
    # Never larger than MAX_ZOOM.
    assert table_layout(300, 30, 22, 2, 3000, 3000).zoom == MAX_ZOOM
