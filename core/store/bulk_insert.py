"""Writing many new rows at once, by each database driver's fastest path."""
from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from core.store.dialects import dialect_of


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]],
                shared: dict[str, Any] | None = None) -> None:
    """Many rows at once, by each driver's fastest path (COPY on PostgreSQL, executemany
    on SQLite: see core.store.dialects). `shared` holds columns whose value is the same
    for every row (an import's dates, a new customer's zero counts).
    """
    shared = shared or {}
    columns = [c.name for c in table.columns if c.name in rows[0] and c.name not in shared]
    values = _getter(columns)
    bulk_insert_tuples(session, table, columns, [values(row) for row in rows], shared)


def bulk_insert_tuples(session: Session, table: Any, columns: list[str],
                       rows: list[tuple[Any, ...]], shared: dict[str, Any] | None = None
                       ) -> None:
    """`bulk_insert` of rows given as tuples of `columns` (see the dialect's insert_rows)."""
    dialect_of(session).insert_rows(session.connection(), table, columns, rows, shared or {})


def _getter(columns: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    if len(columns) == 1:  # itemgetter of one name returns the value, not a tuple
        name = columns[0]
        return lambda row: (row[name],)
    return operator.itemgetter(*columns)
