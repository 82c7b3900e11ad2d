"""Dialect-specific search: the one small interface between SQLite FTS5 and PostgreSQL pg_trgm.

Both engines index the folded `customers.search_text` column (see core/text.py), so
case and accents are ignored the same way everywhere.
"""
from __future__ import annotations

from typing import Protocol

# Trigram indexes only help from three characters on.
MIN_INDEXED_TOKEN = 3


class SearchDialect(Protocol):
    name: str

    def create_index_sql(self) -> list[str]:
        """DDL that builds the search index on an existing customers table."""

    def drop_index_sql(self) -> list[str]:
        """DDL that removes the search index."""

    def token_condition(self, param: str, token: str) -> str:
        """SQL condition on alias `c` that a folded token (bound as :param) must meet."""

    def token_value(self, token: str) -> str:
        """The value to bind for `param` in token_condition."""


def like_pattern(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def dialect_for(name: str) -> SearchDialect:
    if name == "sqlite":
        from core.search.sqlite_fts import SqliteFts

        return SqliteFts()
    if name == "postgresql":
        from core.search.postgres_trgm import PostgresTrgm

        return PostgresTrgm()
    raise ValueError(f"unsupported database dialect: {name}")
