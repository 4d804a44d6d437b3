#!/bin/sh
# Install tgviewer for the current user from this unpacked folder, or remove it again.
#
#   ./install.sh             copy the app to ~/.local/opt/tgviewer, add it to the application
#                            menu, make .tgbundle and .tgview files open in it, and link
#                            ~/.local/bin/tgviewer for the command line
#   ./install.sh --uninstall remove all of that (your settings, bundles and views stay)
#
# Nothing needs root and nothing is downloaded. PREFIX (default ~/.local) moves it all.
set -eu

APP_ID=org.tgviewer.TgViewer
PREFIX=${PREFIX:-"$HOME/.local"}
DATA_HOME=${XDG_DATA_HOME:-"$PREFIX/share"}
TARGET="$PREFIX/opt/tgviewer"
BIN="$PREFIX/bin"
HERE=$(cd "$(dirname "$0")" && pwd)

refresh() {
  # Let the desktop see the new MIME types, file associations and icons (each tool optional).
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$DATA_HOME/mime" >/dev/null 2>&1 || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$DATA_HOME/applications" >/dev/null 2>&1 || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA_HOME/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" >/dev/null 2>&1 || true
  fi
}

uninstall() {
  rm -f "$DATA_HOME/applications/$APP_ID.desktop" \
        "$DATA_HOME/metainfo/$APP_ID.metainfo.xml" \
        "$DATA_HOME/mime/packages/$APP_ID.xml"
  find "$DATA_HOME/icons/hicolor" -name "$APP_ID.*" -type f -delete 2>/dev/null || true
  if [ -L "$BIN/tgviewer" ]; then rm -f "$BIN/tgviewer"; fi
  rm -rf "$TARGET"
  refresh
  echo "tgviewer removed (settings and bundle library kept)."
}

if [ "${1:-}" = "--uninstall" ]; then
  uninstall
  exit 0
fi
if [ $# -gt 0 ]; then
  echo "usage: $0 [--uninstall]" >&2
  exit 2
fi
if [ ! -x "$HERE/tgviewer" ] || [ ! -d "$HERE/_internal" ]; then
  echo "install.sh: run me from the unpacked tgviewer folder (tgviewer and _internal/ beside me)" >&2
  exit 1
fi

# The app: a fresh copy, swapped into place so a failed copy leaves the old one working.
mkdir -p "$PREFIX/opt" "$BIN"
if [ "$HERE" != "$TARGET" ]; then
  rm -rf "$TARGET.new"
  cp -R "$HERE" "$TARGET.new"
  rm -rf "$TARGET"
  mv "$TARGET.new" "$TARGET"
fi
ln -sfn "$TARGET/tgviewer" "$BIN/tgviewer"

# The desktop files, with the launcher pointing at this copy (whatever PATH holds).
mkdir -p "$DATA_HOME/applications" "$DATA_HOME/metainfo" "$DATA_HOME/mime/packages"
sed -e "s|^Exec=tgviewer |Exec=\"$TARGET/tgviewer\" |" -e "s|^TryExec=tgviewer\$|TryExec=$TARGET/tgviewer|" \
  "$TARGET/share/applications/$APP_ID.desktop" > "$DATA_HOME/applications/$APP_ID.desktop"
cp "$TARGET/share/metainfo/$APP_ID.metainfo.xml" "$DATA_HOME/metainfo/"
cp "$TARGET/share/mime/packages/$APP_ID.xml" "$DATA_HOME/mime/packages/"
(cd "$TARGET/share/icons" && find hicolor -type f) | while read -r icon; do
  mkdir -p "$DATA_HOME/icons/$(dirname "$icon")"
  cp "$TARGET/share/icons/$icon" "$DATA_HOME/icons/$icon"
done
refresh
echo "tgviewer installed in $TARGET."
echo "Start it from the application menu, by double-clicking a .tgbundle or .tgview file,"
echo "or with $BIN/tgviewer."
