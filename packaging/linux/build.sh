#!/bin/sh
# Build the Linux package: dist/Regulars-VERSION-linux-ARCH.tar.gz (one folder made by
# PyInstaller, with install.sh and uninstall.sh). Run from anywhere, with the project's
# virtual environment set up (scripts/setup.sh) and PyInstaller installed:
#   .venv/bin/pip install -e ".[package]" && packaging/linux/build.sh
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
python="${PYTHON:-$root/.venv/bin/python}"
version="$("$python" -c 'import sys; sys.path.insert(0, "packaging"); from packaging_info import VERSION; print(VERSION)')"
name="Regulars-$version-linux-$(uname -m)"
build="${BUILD_DIR:-$root/build}"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$build/dist" \
    --workpath "$build/work" packaging/regulars.spec
stage="$build/$name"
rm -rf "$stage" && mkdir -p "$stage/share/icons"
cp -a "$build/dist/Regulars" "$stage/Regulars"
cp packaging/linux/install.sh packaging/linux/uninstall.sh "$stage/"
chmod 755 "$stage/install.sh" "$stage/uninstall.sh"
cp packaging/linux/org.regulars.Regulars.desktop packaging/linux/org.regulars.Regulars.mime.xml \
    "$stage/share/"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(date -u +%Y-%m-%d)/" \
    packaging/linux/org.regulars.Regulars.metainfo.xml > "$stage/share/org.regulars.Regulars.metainfo.xml"
cp resources/icons/regulars-*.png resources/icons/regulars.svg "$stage/share/icons/"
mkdir -p dist
tar -C "$build" -czf "dist/$name.tar.gz" "$name"
echo "built dist/$name.tar.gz ($(du -sh "$stage/Regulars" | cut -f1) unpacked, $(du -h "dist/$name.tar.gz" | cut -f1) packed)"
