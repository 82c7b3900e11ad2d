#!/bin/sh
# On-demand benchmarks (not part of the default suite). Figures are ratios against a
# baseline measured in the same run.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest tests/benchmarks -s -p no:xdist "$@"
