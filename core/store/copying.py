"""Every table of the app copied from one database to another, and checked.

`server copy-from-local` moves a shop's SQLite file onto its new server; a backup of a
server without pg_dump is the same copy the other way, into a new SQLite file. The target
must have the same schema and no rows. Everything goes in one transaction on the target,
so a cancel or a failure leaves it empty; then both sides are read again and compared
table by table: the count of rows and a SHA-256 of their values in primary key order.
"""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.engine import Connection

from core.kernel.errors import RegularsError
from core.kernel.jobs import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from core.store.db import Database

log = logging.getLogger(__name__)

BATCH_ROWS = 2000


class TargetNotEmpty(RegularsError):
    """The target database already has rows (`table` has `rows`): a copy fills empty ones."""

    def __init__(self, table: str, rows: int) -> None:
        super().__init__(f"{table}: {rows}")
        self.table = table
        self.rows = rows


class CopyDiffers(RegularsError):
    """The copy read back differs from the source: `tables` names where (nothing kept)."""

    def __init__(self, tables: tuple[str, ...]) -> None:
        super().__init__(", ".join(tables))
        self.tables = tables


@dataclass(frozen=True)
class TableCheck:
    table: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class CopyReport:
    tables: tuple[TableCheck, ...]  # the source's, equal to the target's

    @property
    def rows(self) -> int:
        return sum(check.rows for check in self.tables)


def app_tables() -> list[Table]:
    """Every table of the app, parents before children (the search index and Alembic's
    version are not among them: each database keeps its own)."""
    from core.store.base import Base
    from core.store.registry import load_all_models

    load_all_models()
    return list(Base.metadata.sorted_tables)


def _ordered(table: Table) -> Any:
    key = list(table.primary_key.columns) or list(table.columns)
    return select(table).order_by(*key)


def _rows(connection: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    result = connection.execution_options(stream_results=True, yield_per=BATCH_ROWS
                                          ).execute(_ordered(table))
    for partition in result.mappings().partitions(BATCH_ROWS):
        yield [dict(row) for row in partition]


def count_rows(connection: Connection) -> dict[str, int]:
    return {table.name: int(connection.execute(select(func.count()).select_from(table))
                            .scalar_one()) for table in app_tables()}


def copy_database(source: Database, target: Database, *, progress: Progress = no_progress,
                  is_cancelled: CancelCheck = never_cancelled) -> CopyReport:
    """Copy every row of `source` into the empty `target` (same schema), then verify.

    Raises TargetNotEmpty before writing anything, Cancelled (the target left as it was),
    CopyDiffers when the copy read back is not the same (it is then rolled back too)."""
    tables = app_tables()
    with source.engine.connect() as reading:
        rows = sum(count_rows(reading).values())
        total = rows * 2  # copied, then both sides read back (each half as long)
        done = 0
        with target.engine.begin() as writing:
            for table_name, found_rows in count_rows(writing).items():
                if found_rows:
                    raise TargetNotEmpty(table_name, found_rows)
            for table in tables:
                later = _self_references(table)
                for batch in _rows(reading, table):
                    if is_cancelled():
                        raise Cancelled()
                    _write(writing, table, batch, later)
                    done += len(batch)
                    progress(done, total)
                for column, pairs in later.items():
                    _point_back(writing, table, column, pairs)
            _after_load(writing, tables)
            expected = fingerprints(reading,
                                    progress=lambda n, _t: progress(rows + n // 2, total))
            found = fingerprints(writing, progress=lambda n, _t: progress(
                rows + rows // 2 + n // 2, total))
            differing = tuple(name for name in expected if expected[name] != found.get(name))
            if differing:
                raise CopyDiffers(differing)  # the copy rolls back
    progress(total, total)
    log.info("copied %d rows in %d tables from %s to %s", rows, len(tables),
             source.display_name, target.display_name)
    return CopyReport(tuple(expected.values()))


def _self_references(table: Table) -> dict[str, list[dict[str, Any]]]:
    """The columns that point at another row of the same table (an action joined to
    another): written once every row is there, as a later row may be the one pointed at."""
    return {fk.parent.name: [] for fk in table.foreign_keys if fk.column.table is table}


def _write(connection: Connection, table: Table, batch: list[dict[str, Any]],
           later: dict[str, list[dict[str, Any]]]) -> None:
    key = table.primary_key.columns.keys()[0] if later else ""
    for column, pairs in later.items():
        for row in batch:
            if row[column] is not None:
                pairs.append({"row_key": row[key], "value": row[column]})
                row[column] = None
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), batch)
        return
    # COPY: several times faster than inserts (no TypeDecorators here to bind first).
    from psycopg import sql

    columns = list(batch[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns)))
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in batch:
            copy.write_row([row[c] for c in columns])


def _point_back(connection: Connection, table: Table, column: str,
                pairs: list[dict[str, Any]]) -> None:
    from sqlalchemy import bindparam, update

    if not pairs:
        return
    key = table.primary_key.columns.values()[0]
    connection.execute(update(table).where(key == bindparam("row_key"))
                       .values({column: bindparam("value")}), pairs)


def _after_load(connection: Connection, tables: list[Table]) -> None:
    """A server's sequences move past the copied ids, or the next insert would clash."""
    if connection.dialect.name != "postgresql":
        return
    from core.store.dialects import dialect_for

    with_ids = tuple(t.name for t in tables if "id" in t.columns
                     and t.columns["id"].primary_key and t.columns["id"].autoincrement)
    if with_ids:
        dialect_for("postgresql").after_bulk_load(connection, with_ids)


def fingerprints(connection: Connection, *, progress: Progress = no_progress
                 ) -> dict[str, TableCheck]:
    """Each table's row count and SHA-256 of its values in primary key order, the values
    written alike whichever database they come from."""
    found: dict[str, TableCheck] = {}
    done = 0
    for table in app_tables():
        digest = hashlib.sha256()
        rows = 0
        for batch in _rows(connection, table):
            for row in batch:
                digest.update(_canonical(row[c.name] for c in table.columns).encode("utf-8"))
            rows += len(batch)
            done += len(batch)
            progress(done, 0)
        found[table.name] = TableCheck(table.name, rows, digest.hexdigest())
    return found


def _canonical(values: Iterator[Any]) -> str:
    parts = []
    for value in values:
        if isinstance(value, dt.datetime):
            # Microseconds kept; SQLite and PostgreSQL give naive local times alike.
            parts.append("T" + value.isoformat())
        elif isinstance(value, (dt.date, dt.time)):
            parts.append("D" + value.isoformat())
        elif isinstance(value, bool):
            parts.append("B" + str(int(value)))
        elif isinstance(value, decimal.Decimal):
            parts.append("N" + format(value.normalize(), "f"))
        elif isinstance(value, bytes):
            parts.append("X" + value.hex())
        elif value is None:
            parts.append("-")
        else:
            parts.append(type(value).__name__[0] + repr(value))
    return "\x1f".join(parts) + "\x1e"
