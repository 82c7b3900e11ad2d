"""SQLite: an external-content FTS5 trigram table kept in step by triggers."""
from __future__ import annotations

from core.search import MIN_INDEXED_TOKEN, like_pattern


class SqliteFts:
    name = "sqlite"

    def create_index_sql(self) -> list[str]:
        return [
            "CREATE VIRTUAL TABLE customers_fts USING fts5("
            "search_text, content='customers', content_rowid='id', tokenize='trigram')",
            "CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN "
            "INSERT INTO customers_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
            "CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN "
            "INSERT INTO customers_fts(customers_fts, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); END",
            "CREATE TRIGGER customers_fts_au AFTER UPDATE OF search_text ON customers BEGIN "
            "INSERT INTO customers_fts(customers_fts, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); "
            "INSERT INTO customers_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
            "INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')",
        ]

    def drop_index_sql(self) -> list[str]:
        return [
            "DROP TRIGGER IF EXISTS customers_fts_au",
            "DROP TRIGGER IF EXISTS customers_fts_ad",
            "DROP TRIGGER IF EXISTS customers_fts_ai",
            "DROP TABLE IF EXISTS customers_fts",
        ]

    def token_condition(self, param: str, token: str) -> str:
        if len(token) < MIN_INDEXED_TOKEN:
            # FTS5 trigram cannot match fewer than three characters; scan instead.
            return f"c.search_text LIKE :{param} ESCAPE '\\'"
        return f"c.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH :{param})"

    def token_value(self, token: str) -> str:
        if len(token) < MIN_INDEXED_TOKEN:
            return like_pattern(token)
        return '"' + token.replace('"', '""') + '"'
