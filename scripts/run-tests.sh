#!/bin/sh
# Set up (first time) and run the whole default test suite: core tests on SQLite and on a
# real PostgreSQL server that the tests start themselves, and offscreen GUI tests.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest -n 2 "$@"
