"""The packaging files: valid for their tools, and consistent with each other and the package.

The validators (desktop-file-validate, appstreamcli, update-mime-database) are skipped where
they are not installed, except in CI (``CI`` set), which installs them: there a missing tool
fails the test instead of hiding it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tgviewer import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
FLATPAK = PACKAGING / "flatpak" / f"{APP_ID}.yml"
INNO = PACKAGING / "windows" / "tgviewer.iss"
SPEC = PACKAGING / "tgviewer.spec"
MIME_TYPES = {
    "application/x-tgviewer-bundle": "*.tgbundle",
    "application/x-tgviewer-view": "*.tgview",
}
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return path


def desktop_entries() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def test_the_desktop_file_validates() -> None:
    result = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_the_metainfo_validates() -> None:
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_mime_database_maps_both_suffixes(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copyfile(MIME, packages / f"{APP_ID}.xml")
    subprocess.run(
        [tool("update-mime-database"), str(tmp_path / "mime")], check=True, capture_output=True
    )
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    for mime_type, pattern in MIME_TYPES.items():
        assert f"60:{mime_type}:{pattern}" in globs
    subclasses = (tmp_path / "mime" / "subclasses").read_text(encoding="utf-8")
    assert "application/x-tgviewer-bundle application/zip" in subclasses


def test_the_desktop_file_opens_both_file_types_with_the_app_icon() -> None:
    entries = desktop_entries()
    assert entries["Exec"] == "tgviewer %f"
    assert entries["Icon"] == APP_ID
    assert set(entries["MimeType"].rstrip(";").split(";")) == set(MIME_TYPES)
    mime = ET.parse(MIME).getroot()
    declared = {node.get("type"): node for node in mime.iter(f"{MIME_NS}mime-type")}
    assert set(declared) == set(MIME_TYPES)
    for mime_type, pattern in MIME_TYPES.items():
        node = declared[mime_type]
        assert node.find(f"{MIME_NS}glob").get("pattern") == pattern  # type: ignore[union-attr]


def test_the_metainfo_names_the_app_its_version_and_its_file_types() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert next(r.get("version") for r in root.iter("release")) == __version__
    assert {m.text for m in root.iter("mediatype")} == set(MIME_TYPES)
    assert root.findtext("provides/binary") == "tgviewer"


def test_the_flatpak_builds_the_current_archive_without_network() -> None:
    text = FLATPAK.read_text(encoding="utf-8")
    assert re.search(rf"^id: {re.escape(APP_ID)}$", text, re.MULTILINE)
    assert f"path: ../../dist/tgviewer-{__version__}-linux-x86_64.tar.gz" in text
    finish_args = re.findall(r"^\s+- (--\S+)$", text, re.MULTILINE)
    assert finish_args, "no finish-args found"
    assert not any("network" in arg for arg in finish_args)
    assert not any(arg.startswith("--filesystem") for arg in finish_args)
    for name in (DESKTOP.name, METAINFO.name, f"{APP_ID}.xml"):
        assert name in text


def test_the_windows_installer_associates_both_suffixes_with_the_app() -> None:
    text = INNO.read_text(encoding="utf-8")
    assert f'#define AppId "{APP_ID}"' in text
    for suffix in (".tgbundle", ".tgview"):
        assert f'Subkey: "Software\\Classes\\{suffix}"' in text
    assert text.count('"""{app}\\{#AppExe}"" ""%1"""') == 2
    assert (PACKAGING / "icons" / "tgviewer.ico").is_file()


def test_the_spec_declares_the_same_types_for_macos() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for mime_type in MIME_TYPES:
        assert f'"{mime_type}"' in text
    assert "bundle_identifier=APP_ID" in text
    assert '"public.filename-extension": ["tgbundle"]' in text
    assert '"public.filename-extension": ["tgview"]' in text
