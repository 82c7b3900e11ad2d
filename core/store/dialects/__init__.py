"""Dialect-specific search: the one small interface between SQLite FTS5 and PostgreSQL pg_trgm.

Both engines index the folded `customers.search_text` column (see core/text.py), so
case and accents are ignored the same way everywhere.
"""
from __future__ import annotations

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

    def plan(self, raw: Any, tokens: list[str]) -> SearchPlan:
        """SQL conditions on alias `c` that every folded token must meet, with their
        parameters. `raw` (a RawConnection) lets a dialect probe the index first."""

    def order_term(self, column: str, plan: SearchPlan) -> str:
        """The ORDER BY term for `column` that steers the planner as `plan` says."""

    def bulk_indexing(self, connection: Connection) -> AbstractContextManager[BulkIndex]:
        """A block, inside the caller's transaction, that adds many customers: the search
        index takes them all at its end, at each `catch_up()`, or cheaply as they come."""


def like_pattern(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def like_conditions(tokens: list[str]) -> tuple[list[str], dict[str, str]]:
    """Substring tests on the folded column, one per token (params :t0, :t1, ...)."""
    sql = [f"c.search_text LIKE :t{n} ESCAPE '\\'" for n in range(len(tokens))]
    return sql, {f"t{n}": like_pattern(token) for n, token in enumerate(tokens)}


def dialect_for(name: str) -> SearchDialect:
    if name == "sqlite":
        from core.store.dialects.sqlite_fts import SqliteFts

        return SqliteFts()
    if name == "postgresql":
        from core.store.dialects.postgres_trgm import PostgresTrgm

        return PostgresTrgm()
    raise ValueError(f"unsupported database dialect: {name}")
