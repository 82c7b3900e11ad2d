"""PostgreSQL: a pg_trgm GIN index on the folded search column."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy stays off the window's startup path
    from sqlalchemy import Connection

from core.store.dialects import BulkIndex, KeptUpIndex, SearchPlan, like_conditions


class PostgresTrgm:
    name = "postgresql"

    def create_index_sql(self) -> list[str]:
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            ("CREATE INDEX ix_customers_search_trgm ON customers "
             "USING gin (search_text gin_trgm_ops)"),
        ]

    def drop_index_sql(self) -> list[str]:
        return ["DROP INDEX IF EXISTS ix_customers_search_trgm"]

    def plan(self, raw: Any, tokens: list[str], alternatives: dict[str, str] | None = None
             ) -> SearchPlan:
        # The planner weighs the trigram index against the sort index from its statistics.
        sql, params = like_conditions(tokens, alternatives)
        return SearchPlan(sql, params)

    def order_term(self, column: str, plan: SearchPlan) -> str:
        return column

    @contextmanager
    def bulk_indexing(self, connection: Connection) -> Iterator[BulkIndex]:
        # A GIN index takes new rows into its pending list cheaply: nothing to defer.
        yield KeptUpIndex()
