"""SQLite: an external-content FTS5 trigram table kept in step by triggers."""
from __future__ import annotations

from typing import Any

from core.search import MIN_INDEXED_TOKEN, like_conditions

# Above this many index hits a token is "common": walking the list's sort index and
# testing each row is faster than fetching and sorting every hit from FTS.
DENSE_HITS = 2000


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

    def conditions(self, raw: Any, tokens: list[str]) -> tuple[list[str], dict[str, str]]:
        long_tokens = [t for t in tokens if len(t) >= MIN_INDEXED_TOKEN]
        if long_tokens:
            match = " ".join('"' + t.replace('"', '""') + '"' for t in long_tokens)
            hits = raw.scalar(
                "SELECT count(*) FROM (SELECT rowid FROM customers_fts "
                "WHERE customers_fts MATCH :q LIMIT :cap)", {"q": match, "cap": DENSE_HITS})
            if hits < DENSE_HITS:
                # Few hits: fetch them from the index; short tokens then filter those few.
                short = [t for t in tokens if len(t) < MIN_INDEXED_TOKEN]
                sql, params = like_conditions(short)
                sql.append("c.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH :fts)")
                params["fts"] = match
                return sql, params
        # FTS5 trigram cannot match under three characters, and common tokens are faster
        # tested row by row along the sort index, which stops at the page's last row.
        return like_conditions(tokens)
