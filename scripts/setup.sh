#!/bin/sh
# Sets up everything Regulars needs on a fresh Debian/Ubuntu machine:
# Qt's system libraries, PostgreSQL (for the tests), and a Python venv in .venv.
set -eu
cd "$(dirname "$0")/.."

# Done before, and nothing it installs from has changed since: start at once, offline.
STAMP=.venv/.setup-stamp
fingerprint() { cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1; }
if [ -x .venv/bin/python ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(fingerprint)" ]; then
    exit 0
fi

SYSTEM_PACKAGES="python3 python3-venv python3-pip libegl1 libgl1 libopengl0 libfontconfig1
  libfreetype6 libdbus-1-3 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 libnss3
  postgresql openssl poppler-utils"

missing=""
for package in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $package"
done
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
fingerprint > "$STAMP"
