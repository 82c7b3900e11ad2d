"""Everything that differs on SQLite: its search (sqlite_fts), bulk writes, id allocation,
key lookups, page cache and parameter formats."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from core.store.dialects.sqlite_fts import SqliteFts

if TYPE_CHECKING:  # SQLAlchemy stays off the window's startup path
    from sqlalchemy import Connection

_MAX_PARAMS = 900  # under SQLite's old limit of 999 bound parameters


class SqliteDialect(SqliteFts):
    # A writing transaction holds SQLite's write lock from its first write: nobody else adds
    # rows meanwhile, so an import may remember keys (matching) and count ids itself.
    import_holds_write_lock = True
    # Setting the list's sort indexes aside during a large import was measured here only.
    defers_sort_indexes = True

    def insert_rows(self, connection: Connection, table: Any, columns: list[str],
                    rows: list[tuple[Any, ...]], shared: dict[str, Any]) -> None:
        """executemany with the shared values as literals in the statement, and dates
        written as SQLAlchemy's Date and DateTime types store them: SQLAlchemy's per-row
        parameter processing costs a third of the insert time here."""
        from sqlalchemy import literal

        shared_columns = [c.name for c in table.columns if c.name in shared]
        literals = [str(literal(shared[name], type_=table.c[name].type).compile(
            dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
            for name in shared_columns]
        marks = ", ".join(["?"] * len(columns) + literals)
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(columns + shared_columns)}) VALUES ({marks})",
            _with_dates_formatted(table, columns, rows),
        )

    def id_allocator(self, connection: Connection, table: str) -> Callable[[int], list[int]]:
        """Ids for new rows of `table`, known before the insert: counted on from the
        largest (the caller's transaction holds the write lock)."""
        next_id: int | None = None

        def allocate(count: int) -> list[int]:
            nonlocal next_id
            if next_id is None:
                next_id = int(connection.exec_driver_sql(
                    f"SELECT max(id) FROM {table}").scalar() or 0) + 1
            first, next_id = next_id, next_id + count
            return list(range(first, first + count))

        return allocate

    def key_lookups(self, select: str, keys: list[str]) -> list[tuple[str, tuple[Any, ...]]]:
        """`select` (ending "... WHERE column ") completed to find `keys`, as driver queries
        with their parameters: IN lists of at most 900."""
        return [(select + f"IN ({', '.join('?' * len(chunk))}) ORDER BY id", tuple(chunk))
                for start in range(0, len(keys), _MAX_PARAMS)
                if (chunk := keys[start : start + _MAX_PARAMS])]

    @contextmanager
    def larger_page_cache(self, connection: Any, megabytes: int) -> Iterator[None]:
        """The page cache raised to `megabytes` on this connection for one bulk job, then
        put back. With the default 2 MB, a large import's random-order index pages leave
        the cache and come back again and again: measured on 100,000 customers, 64 MB made
        inserting and indexing 8% cheaper."""
        previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size = {-1024 * megabytes}")
        try:
            yield
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")

    def datetime_param(self, value: Any) -> Any:
        """A datetime as a plain-driver parameter: SQLite keeps them as ISO text (as
        SQLAlchemy writes them), so comparisons are on that text."""
        return value.isoformat(sep=" ")

    def after_bulk_load(self, connection: Connection, tables: tuple[str, ...]) -> None:
        """Nothing: SQLite plans from its indexes, and its ids follow max(id)."""

    def has_table_sql(self) -> str:
        """A raw query counting the tables named :name (0 or 1)."""
        return "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=:name"


def _with_dates_formatted(table: Any, columns: list[str], rows: list[tuple[Any, ...]]
                          ) -> list[tuple[Any, ...]]:
    """The rows with dates and times as SQLite's Date and DateTime types store them."""
    from sqlalchemy import Date, DateTime

    formats: list[tuple[int, Callable[[Any], str]]] = []
    for index, name in enumerate(columns):
        kind = table.c[name].type
        if isinstance(kind, DateTime):
            formats.append((index, lambda v: v.isoformat(sep=" ", timespec="microseconds")))
        elif isinstance(kind, Date):
            formats.append((index, lambda v: v.isoformat()))
    if not formats:
        return rows
    # Most rows of a batch share their dates (today, now): format each distinct one once.
    formatted: dict[Any, str] = {}
    result = []
    for row in rows:
        changed = list(row)
        for index, write in formats:
            if (value := row[index]) is not None:
                if (text := formatted.get(value)) is None:
                    text = formatted[value] = write(value)
                changed[index] = text
        result.append(tuple(changed))
    return result
