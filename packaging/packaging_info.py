"""What every installer says about Regulars, read from the project (one place): the version
from pyproject.toml, the ids from core.kernel.paths."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
with (ROOT / "pyproject.toml").open("rb") as _file:
    VERSION: str = tomllib.load(_file)["project"]["version"]
APP_ID = "org.regulars.Regulars"  # as core.kernel.paths.APP_ID
DOCUMENT_EXTENSION = "regulars"  # backup files: shop.regulars
MIME_TYPE = "application/x-regulars-backup"
