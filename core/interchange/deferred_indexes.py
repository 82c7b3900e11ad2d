"""The customer list's sort indexes (and the search's covering index), set aside while a
large import writes its rows.

Measured on SQLite with 100,000 imported customers: keeping the eight sort indexes that
matching does not read costs about 14 us per inserted row, rebuilding them about 6 us per
row in the table. Dropping and recreating them pays when the import adds at least as many
customers as there were; smaller imports keep them. PostgreSQL keeps them until
measured there (see `applies`).

Everything happens in the import's transaction: a cancel, a crash or a killed process
rolls the DROP INDEX back with the rows, and no other connection sees the indexes missing
(SQLite holds the write lock; PostgreSQL's DROP INDEX locks the table until commit).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.interchange.matching import MATCH_COLUMNS
from core.interchange.models import table_of
from core.models import SORT_COLUMNS, Customer
from core.search.sqlite_fts import SCAN_INDEX, SCAN_INDEX_SQL

# Below one batch there is nothing to gain, and the schema of a small import stays put.
MIN_NEW_ROWS = 1000


class _SearchScanIndex:
    """The search's covering index (core.search.sqlite_fts), which the models do not
    declare; it takes the same drop() and create() as theirs."""

    name = SCAN_INDEX

    @staticmethod
    def drop(bind: Any) -> None:
        bind.exec_driver_sql(f"DROP INDEX {SCAN_INDEX}")

    @staticmethod
    def create(bind: Any) -> None:
        bind.exec_driver_sql(SCAN_INDEX_SQL)


def deferrable_indexes() -> list[Any]:
    """The sort indexes (one per SORT_COLUMNS entry) that duplicate matching never reads,
    and the search's covering index (about 4 us a row kept, 1 us rebuilt)."""
    names = {f"ix_customers_{column}" for column in SORT_COLUMNS if column not in MATCH_COLUMNS}
    return [index for index in table_of(Customer).indexes if index.name in names] + [
        _SearchScanIndex()]


class DeferredSortIndexes:
    """Decides once, from the first batch, whether to drop the indexes; `restore` rebuilds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dropped: list[Any] = []
        self._undecided = self.applies(session)
        self._existing = (int(session.scalar(select(func.count()).select_from(Customer)) or 0)
                          if self._undecided else 0)

    @staticmethod
    def applies(session: Session) -> bool:
        # Measured on SQLite only; PostgreSQL's DDL is transactional too, so enabling it
        # there is a one-line change once a benchmark shows a gain.
        return session.get_bind().dialect.name == "sqlite"

    def consider(self, expected_new_rows: int) -> None:
        """Drop the indexes if about `expected_new_rows` more customers will be written."""
        if not self._undecided:
            return
        self._undecided = False
        if expected_new_rows < max(MIN_NEW_ROWS, self._existing):
            return
        connection = self.session.connection()
        for index in deferrable_indexes():
            index.drop(bind=connection)
            self.dropped.append(index)

    def restore(self) -> None:
        """Rebuild what `consider` dropped (in one sorted pass per index)."""
        connection = self.session.connection()
        while self.dropped:
            self.dropped.pop().create(bind=connection)
