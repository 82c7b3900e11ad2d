"""Everything that differs on PostgreSQL: its search (postgres_trgm), COPY, sequences,
key lookups with ANY, and statistics after a bulk load."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from core.store.dialects.postgres_trgm import PostgresTrgm

if TYPE_CHECKING:  # SQLAlchemy stays off the window's startup path
    from sqlalchemy import Connection


class PostgresDialect(PostgresTrgm):
    # Other desks write at the same time: every key is looked up, ids come from sequences.
    import_holds_write_lock = False
    # Not measured here yet; DDL is transactional, so enabling it is one line once a
    # benchmark shows a gain.
    defers_sort_indexes = False

    def insert_rows(self, connection: Connection, table: Any, columns: list[str],
                    rows: list[tuple[Any, ...]], shared: dict[str, Any]) -> None:
        """COPY, the fastest way in, with the shared values appended to each row."""
        shared_columns = [c.name for c in table.columns if c.name in shared]
        shared_values = tuple(shared[name] for name in shared_columns)
        names = ", ".join(columns + shared_columns)
        driver = connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(  # type: ignore[union-attr]
                f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + shared_values)

    def id_allocator(self, connection: Connection, table: str) -> Callable[[int], list[int]]:
        """Ids for new rows of `table`, known before the insert: taken from its sequence,
        so another desk adding rows at the same time never gets the same."""
        from sqlalchemy import text

        statement = text(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                         "FROM generate_series(1, :n)")

        def allocate(count: int) -> list[int]:
            return list(connection.scalars(statement, {"n": count}))

        return allocate

    def key_lookups(self, select: str, keys: list[str]) -> list[tuple[str, tuple[Any, ...]]]:
        """`select` (ending "... WHERE column ") completed to find `keys`: one = ANY query."""
        return [(select + "= ANY(%s) ORDER BY id", (keys,))] if keys else []

    @contextmanager
    def larger_page_cache(self, connection: Any, megabytes: int) -> Iterator[None]:
        """Nothing to change: the server sizes its own shared buffers."""
        yield

    def datetime_param(self, value: Any) -> Any:
        return value

    def after_bulk_load(self, connection: Connection, tables: tuple[str, ...]) -> None:
        """After rows were written with explicit ids: the planner learns the tables' new
        sizes (it must not plan the statistics update for empty tables), and each serial
        sequence moves past the largest id, or the next ordinary insert would clash."""
        from sqlalchemy import text

        connection.execute(text(f"ANALYZE {', '.join(tables)}"))
        for table in tables:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} "
                "HAVING max(id) IS NOT NULL"))

    def has_table_sql(self) -> str:
        return ("SELECT count(*) FROM information_schema.tables "
                "WHERE table_name=:name AND table_schema=current_schema()")
