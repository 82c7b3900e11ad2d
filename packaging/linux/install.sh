#!/bin/sh
# Install Regulars from this folder (the unpacked .tar.gz): for you alone (~/.local), or
# for everyone with --system (/usr/local; run with sudo). Adds the menu entry, the icon,
# AppStream metainfo and the .regulars backup file type. Uninstall with uninstall.sh.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
prefix="$HOME/.local"
if [ "${1:-}" = "--system" ]; then prefix=/usr/local; fi
app="$prefix/lib/regulars"
share="$prefix/share"
id=org.regulars.Regulars

[ -x "$here/Regulars/Regulars" ] || { echo "error: run install.sh from the unpacked folder" >&2; exit 1; }
mkdir -p "$app" "$prefix/bin" "$share/applications" "$share/metainfo" "$share/mime/packages"
rm -rf "$app.new" && cp -a "$here/Regulars" "$app.new" && rm -rf "$app" && mv "$app.new" "$app"
ln -sf "$app/Regulars" "$prefix/bin/regulars"
install -m 644 "$here/share/$id.desktop" "$share/applications/$id.desktop"
install -m 644 "$here/share/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
install -m 644 "$here/share/$id.mime.xml" "$share/mime/packages/$id.xml"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$here/share/icons/regulars-$size.png" \
        "$share/icons/hicolor/${size}x${size}/apps/$id.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
install -m 644 "$here/share/icons/regulars.svg" "$share/icons/hicolor/scalable/apps/$id.svg"
# Let the desktop see the new entry, icon and file type (each tool is optional).
command -v update-mime-database >/dev/null && update-mime-database "$share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Regulars is installed in $app; open it from the menu, or run: $prefix/bin/regulars"
