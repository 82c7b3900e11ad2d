#!/bin/sh
# Set up (first time) and open Regulars on its local database in your user data folder.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/python main.py "$@"
