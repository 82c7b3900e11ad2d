"""The customer list's sort indexes (and the search's covering index), set aside while a
large import writes its rows.

Measured on SQLite with 100,000 imported customers: keeping the eight sort indexes that
matching does not read costs about 14 us per inserted row, rebuilding them about 6 us per
row in the table. Dropping and recreating them pays when the import adds at least as many
customers as there were; smaller imports keep them. PostgreSQL keeps them until
measured there (see `applies`).

Not all of them, though. New customers share their stage, counts, last visit and start
date, so those indexes take them at one end, in id order: cheap to keep while the
importing process waits for its cleaning helper, where a rebuild at the end would run
with one core idle (measured: 0.45 s less for 100,000 rows). Only the statistics refresh
after an import with opening history writes those columns in random order; before a large
one, the four it changes are set aside too (`before_statistics`).

Everything happens in the import's transaction: a cancel, a crash or a killed process
rolls the DROP INDEX back with the rows, and no other connection sees the indexes missing
(SQLite holds the write lock; PostgreSQL's DROP INDEX locks the table until commit).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from core.customers.services import SORT_COLUMNS, count_all_customers, customer_sort_indexes
from core.interchange.matching import MATCH_COLUMNS
from core.store.dialects import dialect_of
from core.store.dialects.sqlite_fts import SCAN_INDEX, SCAN_INDEX_SQL

# Below one batch there is nothing to gain, and the schema of a small import stays put.
MIN_NEW_ROWS = 1000


class _SearchScanIndex:
    """The search's covering index (core.store.dialects.sqlite_fts), which the models do not
    declare; it takes the same drop() and create() as theirs."""

    name = SCAN_INDEX

    @staticmethod
    def drop(bind: Any) -> None:
        bind.exec_driver_sql(f"DROP INDEX {SCAN_INDEX}")

    @staticmethod
    def create(bind: Any) -> None:
        bind.exec_driver_sql(SCAN_INDEX_SQL)


# Sort columns whose values new customers share (see the module's docstring), and those of
# them that core.customers.stats.refresh_customer_stats writes.
SHARED_BY_NEW = ("stage", "visit_count", "lifetime_value_minor", "last_interaction_on",
                 "customer_since")
STATISTICS = ("stage", "visit_count", "lifetime_value_minor", "last_interaction_on")


def _sort_indexes(columns: Iterable[str]) -> list[Any]:
    return list(customer_sort_indexes(columns))


def deferrable_indexes() -> list[Any]:
    """The sort indexes (one per SORT_COLUMNS entry) that take new customers in random
    order and that duplicate matching never reads, and the search's covering index (about
    4 us a row kept, 1 us rebuilt)."""
    return _sort_indexes(column for column in SORT_COLUMNS
                         if column not in MATCH_COLUMNS and column not in SHARED_BY_NEW
                         ) + [_SearchScanIndex()]


class DeferredSortIndexes:
    """Decides once, from the first batch, whether to drop the indexes; `restore` rebuilds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dropped: list[Any] = []
        self._undecided = self.applies(session)
        self._existing = count_all_customers(session) if self._undecided else 0

    @staticmethod
    def applies(session: Session) -> bool:
        # Measured on SQLite only (see the dialects' defers_sort_indexes).
        return dialect_of(session).defers_sort_indexes

    def consider(self, expected_new_rows: int) -> None:
        """Drop the indexes if about `expected_new_rows` more customers will be written."""
        if not self._undecided:
            return
        self._undecided = False
        if self._worth_it(expected_new_rows):
            self._drop(deferrable_indexes())

    def before_statistics(self, customers: int) -> None:
        """Drop the statistics' sort indexes too if that many customers' statistics are
        about to be refreshed."""
        if self.applies(self.session) and self._worth_it(customers):
            self._drop(_sort_indexes(STATISTICS))

    def _worth_it(self, rows: int) -> bool:
        return rows >= max(MIN_NEW_ROWS, self._existing)

    def _drop(self, indexes: list[Any]) -> None:
        connection = self.session.connection()
        for index in indexes:
            index.drop(bind=connection)
            self.dropped.append(index)

    def restore(self) -> None:
        """Rebuild what `consider` dropped (in one sorted pass per index)."""
        connection = self.session.connection()
        while self.dropped:
            self.dropped.pop().create(bind=connection)
