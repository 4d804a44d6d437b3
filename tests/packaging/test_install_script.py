"""packaging/linux/install.sh, run for real on a stand-in for the one-folder app."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tgviewer import APP_ID
from tgviewer.resources import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")


def build_module() -> ModuleType:
    """packaging/build.py (a script, not an importable package)."""
    spec = importlib.util.spec_from_file_location("tgviewer_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def app_folder(tmp_path: Path) -> Path:
    """An unpacked app as build.py lays it out, with a stand-in executable."""
    folder = tmp_path / "unpacked" / "tgviewer"
    (folder / "_internal").mkdir(parents=True)
    executable = folder / "tgviewer"
    executable.write_text("#!/bin/sh\necho stand-in\n")
    executable.chmod(0o755)
    build_module().add_linux_integration(folder)
    return folder


def install(folder: Path, prefix: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(prefix.parent),
        "PREFIX": str(prefix),
    }
    return subprocess.run(
        ["sh", str(folder / "install.sh"), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_install_puts_the_app_menu_entry_file_types_and_icons_in_place(
    app_folder: Path, tmp_path: Path
) -> None:
    prefix = tmp_path / "home" / ".local"
    result = install(app_folder, prefix)
    assert result.returncode == 0, result.stderr
    target = prefix / "opt" / "tgviewer"
    assert (target / "tgviewer").is_file() and (target / "_internal").is_dir()
    assert (prefix / "bin" / "tgviewer").resolve() == (target / "tgviewer").resolve()
    share = prefix / "share"
    desktop = (share / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{target}/tgviewer" %f' in desktop.splitlines()
    assert f"TryExec={target}/tgviewer" in desktop.splitlines()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    if shutil.which("update-mime-database"):
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-tgviewer-bundle:*.tgbundle" in globs
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(share / "applications" / f"{APP_ID}.desktop")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout


def test_installing_again_replaces_the_copy(app_folder: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "home" / ".local"
    assert install(app_folder, prefix).returncode == 0
    (app_folder / "_internal" / "new-file").write_text("v2")
    assert install(app_folder, prefix).returncode == 0
    assert (prefix / "opt" / "tgviewer" / "_internal" / "new-file").read_text() == "v2"
    assert not (prefix / "opt" / "tgviewer.new").exists()


def test_uninstall_removes_only_what_install_added(app_folder: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "home" / ".local"
    assert install(app_folder, prefix).returncode == 0
    other = prefix / "share" / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n")
    result = install(app_folder, prefix, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not (prefix / "opt" / "tgviewer").exists()
    assert not (prefix / "bin" / "tgviewer").exists()
    assert not (prefix / "share" / "applications" / f"{APP_ID}.desktop").exists()
    assert not list((prefix / "share" / "icons").rglob(f"{APP_ID}.*"))
    assert other.exists()


def test_install_refuses_a_folder_without_the_app(tmp_path: Path) -> None:
    folder = tmp_path / "not-the-app"
    folder.mkdir()
    shutil.copyfile(ROOT / "packaging" / "linux" / "install.sh", folder / "install.sh")
    result = install(folder, tmp_path / "home" / ".local")
    assert result.returncode == 1
    assert "unpacked tgviewer folder" in result.stderr
    assert not (tmp_path / "home" / ".local" / "opt").exists()
