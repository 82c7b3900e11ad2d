#!/bin/sh
# Build the macOS app and disk image: dist/Regulars-VERSION-macos.dmg holding Regulars.app
# (with its icon and the .regulars document type, from packaging/regulars.spec) and a link
# to Applications to drag it onto. Needs Python 3.11+ and the Xcode command line tools.
#   packaging/macos/build.sh
# Signing and notarising (for people who download it): set CODESIGN_IDENTITY to a
# "Developer ID Application" identity; then notarise the .dmg with `xcrun notarytool`.
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
[ -d .venv ] || python3 -m venv .venv
.venv/bin/python -m pip install -e ".[package]"
version="$(.venv/bin/python -c 'import sys; sys.path.insert(0, "packaging"); from packaging_info import VERSION; print(VERSION)')"
.venv/bin/python -m PyInstaller --noconfirm --distpath build/dist --workpath build/work \
    packaging/regulars.spec
app=build/dist/Regulars.app
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --deep --force --options runtime --sign "$CODESIGN_IDENTITY" "$app"
fi
stage=build/dmg
rm -rf "$stage" && mkdir -p "$stage" dist
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "Regulars $version" -srcfolder "$stage" -fs HFS+ -format UDZO \
    -ov "dist/Regulars-$version-macos.dmg"
echo "built dist/Regulars-$version-macos.dmg"
