"""The icon renderings: every size the platforms ask for, in valid containers."""

from __future__ import annotations

import struct
from pathlib import Path

from tgviewer.resources import ICON_SIZES, icon_paths

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "packaging" / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_packaged_pngs_have_the_sizes_they_are_named_for() -> None:
    paths = icon_paths()
    assert [png_size(p.read_bytes()) for p in paths] == [(s, s) for s in ICON_SIZES]
    assert (paths[0].parent / "tgviewer.svg").read_bytes() == (
        ROOT / "resources" / "icons" / "tgviewer.svg"
    ).read_bytes()


def test_the_windows_icon_holds_every_size_up_to_256() -> None:
    data = (ICONS / "tgviewer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        image = data[offset : offset + length]
        assert len(image) == length
        sizes.append(width or 256)
        if image.startswith(PNG_SIGNATURE):
            assert png_size(image) == (width or 256, height or 256)
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


def test_the_macos_icon_is_a_well_formed_icns_up_to_1024() -> None:
    data = (ICONS / "tgviewer.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    position, kinds, largest = 8, [], 0
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        assert length >= 8
        body = data[position + 8 : position + length]
        if body.startswith(PNG_SIGNATURE):
            largest = max(largest, png_size(body)[0])
        kinds.append(kind)
        position += length
    assert position == len(data)
    assert b"ic10" in kinds and largest == 1024
