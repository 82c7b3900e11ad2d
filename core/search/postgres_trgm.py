"""PostgreSQL: a pg_trgm GIN index on the folded search column."""
from __future__ import annotations

from core.search import like_pattern


class PostgresTrgm:
    name = "postgresql"

    def create_index_sql(self) -> list[str]:
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE INDEX ix_customers_search_trgm ON customers "
            "USING gin (search_text gin_trgm_ops)",
        ]

    def drop_index_sql(self) -> list[str]:
        return ["DROP INDEX IF EXISTS ix_customers_search_trgm"]

    def token_condition(self, param: str, token: str) -> str:
        return f"c.search_text LIKE :{param} ESCAPE '\\'"

    def token_value(self, token: str) -> str:
        return like_pattern(token)
