"""Build tgviewer's one-folder app with PyInstaller: ``python packaging/build.py``.

1. ``pyinstaller packaging/tgviewer.spec`` makes ``dist/tgviewer/`` (and ``dist/tgviewer.app``
   on macOS); PyInstaller's work files go to ``build/pyinstaller/``.
2. On Linux, the desktop integration goes beside the executable: ``share/`` with the
   ``.desktop`` file, the AppStream metainfo, the MIME types and the hicolor icons, and
   ``install.sh``, which puts them in place for the user; then the folder is packed as
   ``dist/tgviewer-<version>-linux-<arch>.tar.gz`` (what the Flatpak manifest builds from)
   and, smaller to download, ``.tar.xz``.
3. The sizes are printed (the folder unpacked, and the archive).

Needs the packaging extra: ``pip install -e '.[packaging]'``. See packaging/README.md.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tgviewer import APP_ID, __version__  # noqa: E402
from tgviewer.resources import ICON_SIZES  # noqa: E402

DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
APP_FOLDER = DIST / "tgviewer"
LINUX = HERE / "linux"
ICONS = REPO / "tgviewer" / "data" / "icons"
#: The archive's files all get this time, so two builds of the same folder pack alike.
ARCHIVE_MTIME = 315532800  # 1980-01-01


def run_pyinstaller() -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(HERE / "tgviewer.spec"),
    ]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=REPO)


def add_linux_integration(folder: Path) -> None:
    """``share/`` (desktop file, metainfo, MIME types, icons) and ``install.sh`` in ``folder``."""
    share = folder / "share"
    if share.exists():
        shutil.rmtree(share)
    copies = {
        LINUX / f"{APP_ID}.desktop": share / "applications" / f"{APP_ID}.desktop",
        LINUX / f"{APP_ID}.metainfo.xml": share / "metainfo" / f"{APP_ID}.metainfo.xml",
        LINUX / f"{APP_ID}.mime.xml": share / "mime" / "packages" / f"{APP_ID}.xml",
        ICONS / "tgviewer.svg": share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for size in ICON_SIZES:
        copies[ICONS / f"tgviewer-{size}.png"] = (
            share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        )
    for source, target in copies.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    shutil.copyfile(LINUX / "install.sh", folder / "install.sh")
    (folder / "install.sh").chmod(0o755)
    shutil.copyfile(REPO / "LICENSE", folder / "LICENSE")


#: Binaries of Python's own that pyenv and distributions build with debugging symbols (18 MB
#: of libpython's 23). Only these are stripped: the wheels' libraries (numpy's OpenBLAS, Qt)
#: are patched by auditwheel, and stripping them breaks their loading.
PYTHON_BINARIES = ("_internal/libpython3*.so*", "_internal/python3*/lib-dynload/*.so")


def strip_python(folder: Path) -> int:
    """Strip the debugging symbols of Python's binaries in ``folder``; returns bytes saved."""
    tool = shutil.which("strip")
    if tool is None:
        print("strip not found: Python's binaries keep their debugging symbols")
        return 0
    saved = 0
    for pattern in PYTHON_BINARIES:
        for path in sorted(folder.glob(pattern)):
            if path.is_symlink() or not path.is_file():
                continue
            before = path.stat().st_size
            subprocess.run([tool, "--strip-debug", str(path)], check=True)
            saved += before - path.stat().st_size
    return saved


def folder_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (symbolic links count as nothing)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pack(folder: Path, archive: Path) -> None:
    """``folder`` as a .tar.gz or .tar.xz (by ``archive``'s suffix) with ``tgviewer/`` at its
    top, files in a stable order."""

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = ARCHIVE_MTIME
        return info

    temporary = archive.with_name(archive.name + ".tmp")
    options: dict[str, int] = (
        {"preset": 9} if archive.name.endswith(".xz") else {"compresslevel": 9}
    )
    mode = "w:xz" if archive.name.endswith(".xz") else "w:gz"
    with tarfile.open(temporary, mode, **options) as tar:  # type: ignore[call-overload]
        tar.add(folder, arcname=folder.name, filter=normalise, recursive=False)
        for path in sorted(folder.rglob("*")):
            tar.add(
                path,
                arcname=f"{folder.name}/{path.relative_to(folder)}",
                filter=normalise,
                recursive=False,
            )
    temporary.replace(archive)


def linux_archive_name(suffix: str = ".tar.gz") -> str:
    return f"tgviewer-{__version__}-linux-{platform.machine()}{suffix}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder tgviewer app.")
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.gz (Linux)")
    args = parser.parse_args(argv)
    run_pyinstaller()
    mib = 1024 * 1024
    if sys.platform.startswith("linux"):
        saved = strip_python(APP_FOLDER)
        print(f"stripped Python's debugging symbols: {saved / mib:.1f} MiB saved")
        add_linux_integration(APP_FOLDER)
    print(
        f"built {APP_FOLDER.relative_to(REPO)}: {folder_size(APP_FOLDER) / mib:.1f} MiB "
        f"unpacked (tgviewer {__version__})"
    )
    if sys.platform.startswith("linux") and not args.no_archive:
        for suffix in (".tar.gz", ".tar.xz"):
            archive = DIST / linux_archive_name(suffix)
            pack(APP_FOLDER, archive)
            print(f"packed {archive.relative_to(REPO)}: {archive.stat().st_size / mib:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
