"""The one interface that holds every SQLite/PostgreSQL difference (`Dialect`).

One class per database with the same methods: `sqlite.SqliteDialect` and
`postgresql.PostgresDialect`. Search is its largest part (SQLite FTS5 and PostgreSQL
pg_trgm, in sqlite_fts and postgres_trgm): both index the folded `customers.search_text`
column (see core/kernel/text.py), so case and accents are ignored the same way everywhere.
The rest is bulk writing, id allocation, key lookups, the page cache, parameter formats and
statistics after a bulk load. Callers ask once per batch, never per row.

Engine creation and connection setup stay in core/store/db.py.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # SQLAlchemy stays off the window's startup path
    from sqlalchemy import Connection

# Trigram indexes only help from three characters on.
MIN_INDEXED_TOKEN = 3


@dataclass(frozen=True)
class SearchPlan:
    """How to find the customers matching a search box entry.

    `walk_sort_index`: matches are common, so reading the list's sort index in order and
    testing each row reaches a page of results soonest. When False, the matches are few
    (or their number unknown): read them in one pass and sort them.
    """

    conditions: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)
    walk_sort_index: bool = True


class BulkIndex(Protocol):
    """What a bulk indexing block hands its caller."""

    def catch_up(self) -> None:
        """Index the customers added so far (optional: the block's end indexes the rest)."""


class KeptUpIndex:
    """A bulk block whose index takes each new customer as it comes."""

    def catch_up(self) -> None:
        pass


class SearchDialect(Protocol):
    name: str

    def create_index_sql(self) -> list[str]:
        """DDL that builds the search index on an existing customers table."""

    def drop_index_sql(self) -> list[str]:
        """DDL that removes the search index."""

    def plan(self, raw: Any, tokens: list[str], alternatives: dict[str, str] | None = None
             ) -> SearchPlan:
        """SQL conditions on alias `c` that every folded token must meet, with their
        parameters; a token in `alternatives` is met by either spelling ("muller" or
        "mueller"). `raw` (a RawConnection) lets a dialect probe the index first."""

    def order_term(self, column: str, plan: SearchPlan) -> str:
        """The ORDER BY term for `column` that steers the planner as `plan` says."""

    def bulk_indexing(self, connection: Connection) -> AbstractContextManager[BulkIndex]:
        """A block, inside the caller's transaction, that adds many customers: the search
        index takes them all at its end, at each `catch_up()`, or cheaply as they come."""


class Dialect(SearchDialect, Protocol):
    """Search, and every other difference between the databases."""

    # The import's transaction keeps other writers out until it commits (SQLite's lock).
    import_holds_write_lock: bool
    # A large import sets the list's sort indexes aside and rebuilds them at its end.
    defers_sort_indexes: bool

    def insert_rows(self, connection: Connection, table: Any, columns: list[str],
                    rows: list[tuple[Any, ...]], shared: dict[str, Any]) -> None:
        """Many new rows (tuples of `columns`) by the driver's fastest path; `shared` holds
        values that are the same for every row."""

    def id_allocator(self, connection: Connection, table: str) -> Callable[[int], list[int]]:
        """A function giving `count` new ids of `table` at each call, for one transaction."""

    def key_lookups(self, select: str, keys: list[str]) -> list[tuple[str, tuple[Any, ...]]]:
        """Driver queries (and parameters) completing `select` to find rows with `keys`."""

    def larger_page_cache(self, connection: Any, megabytes: int
                          ) -> AbstractContextManager[None]:
        """A block with a page cache of `megabytes` on this connection, where that helps."""

    def datetime_param(self, value: Any) -> Any:
        """A datetime as a plain-driver (RawConnection) parameter."""

    def after_bulk_load(self, connection: Connection, tables: tuple[str, ...]) -> None:
        """What the database needs after rows with explicit ids were bulk loaded."""

    def has_table_sql(self) -> str:
        """A raw query counting the tables named :name."""


def like_pattern(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def like_conditions(tokens: list[str], alternatives: dict[str, str] | None = None
                    ) -> tuple[list[str], dict[str, str]]:
    """Substring tests on the folded column, one per token (params :t0, :t1, ...); a token
    with another spelling is met by either (:t0 or :t0a)."""
    sql: list[str] = []
    params: dict[str, str] = {}
    for n, token in enumerate(tokens):
        test = f"c.search_text LIKE :t{n} ESCAPE '\\'"
        params[f"t{n}"] = like_pattern(token)
        if alternatives and (other := alternatives.get(token)):
            test = f"({test} OR c.search_text LIKE :t{n}a ESCAPE '\\')"
            params[f"t{n}a"] = like_pattern(other)
        sql.append(test)
    return sql, params


def fts_phrase(token: str, alternatives: dict[str, str] | None = None) -> str:
    """A token as a full-text phrase; with another spelling, either of the two."""
    phrase = '"' + token.replace('"', '""') + '"'
    if alternatives and (other := alternatives.get(token)):
        return f'({phrase} OR "{other.replace(chr(34), chr(34) * 2)}")'
    return phrase


_DIALECTS: dict[str, Dialect] = {}


def dialect_for(name: str) -> Dialect:
    """The dialect of a database by its SQLAlchemy name ("sqlite", "postgresql")."""
    dialect = _DIALECTS.get(name)
    if dialect is not None:
        return dialect
    if name == "sqlite":
        from core.store.dialects.sqlite import SqliteDialect

        dialect = SqliteDialect()
    elif name == "postgresql":
        from core.store.dialects.postgresql import PostgresDialect

        dialect = PostgresDialect()
    else:
        raise ValueError(f"unsupported database dialect: {name}")
    _DIALECTS[name] = dialect
    return dialect


def dialect_of(connection: Any) -> Dialect:
    """The dialect of a SQLAlchemy Connection, Session or RawConnection."""
    if hasattr(connection, "get_bind"):  # a Session
        connection = connection.get_bind()
    name = connection.dialect if isinstance(connection.dialect, str) else connection.dialect.name
    return dialect_for(name)
