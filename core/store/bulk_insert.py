"""Writing many new rows at once, by each database driver's fastest path."""
from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import Date, DateTime, insert, literal
from sqlalchemy.orm import Session


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]],
                shared: dict[str, Any] | None = None) -> None:
    """Many rows at once, by each driver's fastest path: COPY on PostgreSQL, executemany
    on SQLite, a Core insert() elsewhere. `shared` holds columns whose value is the same
    for every row (an import's dates, a new customer's zero counts).
    """
    shared = shared or {}
    columns = [c.name for c in table.columns if c.name in rows[0] and c.name not in shared]
    if session.get_bind().dialect.name not in ("postgresql", "sqlite"):
        session.execute(insert(table).values(shared) if shared else insert(table), rows)
        return
    values = _getter(columns)
    bulk_insert_tuples(session, table, columns, [values(row) for row in rows], shared)


def bulk_insert_tuples(session: Session, table: Any, columns: list[str],
                       rows: list[tuple[Any, ...]], shared: dict[str, Any] | None = None
                       ) -> None:
    """`bulk_insert` of rows given as tuples of `columns`, on PostgreSQL or SQLite.

    SQLAlchemy's per-row parameter processing costs a third of the insert time on SQLite;
    there we only need to write dates the way its Date and DateTime types store them, and
    the shared values go into the statement once instead of into every row.
    """
    shared = shared or {}
    dialect = session.get_bind().dialect
    shared_columns = [c.name for c in table.columns if c.name in shared]
    if dialect.name == "postgresql":
        shared_values = tuple(shared[name] for name in shared_columns)
        names = ", ".join(columns + shared_columns)
        driver = session.connection().connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(  # type: ignore[union-attr]
                f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + shared_values)
        return
    literals = [str(literal(shared[name], type_=table.c[name].type).compile(
        dialect=dialect, compile_kwargs={"literal_binds": True})) for name in shared_columns]
    marks = ", ".join(["?"] * len(columns) + literals)
    session.connection().exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns + shared_columns)}) VALUES ({marks})",
        _with_dates_formatted(table, columns, rows),
    )


def _getter(columns: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    if len(columns) == 1:  # itemgetter of one name returns the value, not a tuple
        name = columns[0]
        return lambda row: (row[name],)
    return operator.itemgetter(*columns)


def _with_dates_formatted(table: Any, columns: list[str], rows: list[tuple[Any, ...]]
                          ) -> list[tuple[Any, ...]]:
    """The rows with dates and times as SQLite's Date and DateTime types store them."""
    formats: list[tuple[int, Callable[[Any], str]]] = []
    for index, name in enumerate(columns):
        kind = table.c[name].type
        if isinstance(kind, DateTime):
            formats.append((index, lambda v: v.isoformat(sep=" ", timespec="microseconds")))
        elif isinstance(kind, Date):
            formats.append((index, lambda v: v.isoformat()))
    if not formats:
        return rows
    # Most rows of a batch share their dates (today, now): format each distinct one once.
    formatted: dict[Any, str] = {}
    result = []
    for row in rows:
        changed = list(row)
        for index, write in formats:
            if (value := row[index]) is not None:
                if (text := formatted.get(value)) is None:
                    text = formatted[value] = write(value)
                changed[index] = text
        result.append(tuple(changed))
    return result
