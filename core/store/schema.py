"""Schema version checks and Alembic upgrades.

The version check reads `alembic_version` over a plain connection, so a normal start
does not import Alembic; only an out-of-date database pays for it.
"""
from __future__ import annotations

import logging
from pathlib import Path

from core.store.db import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Kept equal to the newest migration's revision; a test checks it against Alembic.
HEAD_REVISION = "0028_settings_versions"


def current_revision(db: Database) -> str | None:
    from core.store.dialects import dialect_for

    raw = db.raw()
    if not raw.scalar(dialect_for(db.dialect).has_table_sql(), {"name": "alembic_version"}):
        return None
    return raw.scalar("SELECT version_num FROM alembic_version")  # type: ignore[no-any-return]


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != HEAD_REVISION


def alembic_config(db: Database):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema to `revision`, each migration step in its own transaction."""
    from alembic import command

    config = alembic_config(db)
    with db.engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
    log.info("schema upgraded to %s", revision)
