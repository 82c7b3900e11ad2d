"""Migrations: a database upgrades step by step from the first migration to the models."""
from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from core.store import backup, schema
from core.store.base import Base
from core.store.db import Database
from core.store.opening import prepare_database

SEARCH_OBJECTS = ("customers_fts",)
SEARCH_INDEXES = ("ix_customers_search_trgm", "ix_customers_search_scan")


def _include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # FTS5 shadow tables and the trigram index are made by raw SQL, not by the models.
    return not (name or "").startswith(SEARCH_OBJECTS) and name not in SEARCH_INDEXES


def test_upgrade_from_first_migration_matches_models(db: Database) -> None:
    # `db` is already at head; go back to the first migration and come up again.
    from alembic import command

    config = schema.alembic_config(db)
    with db.engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001_initial")
        connection.commit()
    assert schema.current_revision(db) == "0001_initial"
    schema.upgrade(db)
    assert schema.current_revision(db) == schema.HEAD_REVISION
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _include})
        assert compare_metadata(context, Base.metadata) == []
    assert "customers" in inspect(db.engine).get_table_names()


def test_migrating_an_old_file_backs_it_up_first(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "old.db")
    schema.upgrade(db, "0001_initial")
    db.close()
    db = Database.open(tmp_path / "old.db")
    prepare_database(db)
    reasons = [b.reason for b in backup.list_backups(backup.backup_folder(tmp_path / "old.db"))]
    assert reasons == [backup.BEFORE_MIGRATION]
    assert schema.current_revision(db) == schema.HEAD_REVISION
    db.close()


def test_every_migration_fits_alembics_version_column_on_postgresql() -> None:
    # alembic_version.version_num is VARCHAR(32): a longer id breaks every PostgreSQL upgrade.
    import re

    versions = schema.MIGRATIONS_DIR / "versions"
    ids = [re.search(r"^revision = [\"']([^\"']+)[\"']", path.read_text(encoding="utf-8"),
                     re.MULTILINE)
           for path in sorted(versions.glob("0*.py"))]
    assert ids and all(found is not None and len(found.group(1)) <= 32 for found in ids)
