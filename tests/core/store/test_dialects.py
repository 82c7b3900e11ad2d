"""Every SQLite/PostgreSQL difference sits behind one interface, one class per database."""
from __future__ import annotations

import inspect

from core.store.db import Database
from core.store.dialects import Dialect, dialect_for, dialect_of
from core.store.dialects.postgresql import PostgresDialect
from core.store.dialects.sqlite import SqliteDialect


def _members(cls: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls) if not name.startswith("_")}


def test_both_databases_offer_the_whole_interface() -> None:
    wanted = {name for name in vars(Dialect) if not name.startswith("_")} | {
        "plan", "order_term", "bulk_indexing", "create_index_sql", "drop_index_sql"}
    assert wanted <= _members(SqliteDialect)
    assert wanted <= _members(PostgresDialect)
    assert _members(SqliteDialect) == _members(PostgresDialect)


def test_new_ids_handed_out_before_an_insert_never_repeat(db: Database) -> None:
    with db.unit_of_work() as session:
        allocate = dialect_of(session).id_allocator(session.connection(), "customers")
        first, second = allocate(3), allocate(2)
    assert len(set(first + second)) == 5
    assert first[0] >= 1


def test_the_schema_check_finds_the_migrated_tables(db: Database) -> None:
    raw = db.raw()
    sql = dialect_for(db.dialect).has_table_sql()
    assert raw.scalar(sql, {"name": "customers"}) == 1
    assert raw.scalar(sql, {"name": "no_such_table"}) == 0
