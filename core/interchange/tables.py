"""The interchange area's tables, as SQLAlchemy Core tables, for other areas' reads (a
customer's history of changes names the imports that added or changed them). Writes stay
in the import and its history."""
from __future__ import annotations

from core.interchange.additions import ADDED
from core.interchange.models import ImportChange, ImportRun, table_of

IMPORT_RUNS = table_of(ImportRun)
# One row per customer an import changed (and per batch that added them an id): before and
# after, with what it added besides fields under the ADDED key of `after`.
IMPORT_CHANGES = table_of(ImportChange)

__all__ = ["ADDED", "IMPORT_CHANGES", "IMPORT_RUNS"]
