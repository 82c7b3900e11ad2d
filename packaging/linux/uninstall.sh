#!/bin/sh
# Remove what install.sh added (with --system: the copy for everyone, run with sudo).
# Your customer database and backups stay in ~/.local/share/Regulars.
set -eu
prefix="$HOME/.local"
if [ "${1:-}" = "--system" ]; then prefix=/usr/local; fi
share="$prefix/share"
id=org.regulars.Regulars
rm -rf "$prefix/lib/regulars"
rm -f "$prefix/bin/regulars" "$share/applications/$id.desktop" \
      "$share/metainfo/$id.metainfo.xml" "$share/mime/packages/$id.xml"
for size in 16 24 32 48 64 128 256 512; do
    rm -f "$share/icons/hicolor/${size}x${size}/apps/$id.png"
done
rm -f "$share/icons/hicolor/scalable/apps/$id.svg"
command -v update-mime-database >/dev/null && update-mime-database "$share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$share/applications" || true
echo "Regulars is uninstalled. Your customers are still in ~/.local/share/Regulars."
