"""Naming the row behind text that cannot be decoded.

A flipped byte in an SQLite file can leave a text value that is not UTF-8; `PRAGMA
integrity_check` does not see it (the page is sound), and sqlite3 fails the whole query
with "Could not decode to UTF-8 column 'city' with text 'K?ln'", naming neither the row
nor the table. Running the same statement again with text read as bytes finds the row, so
the person is told which customer to fix. Only SQLite stores such text: PostgreSQL checks
encoding on the way in.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from core.kernel.errors import UndecodableText

# Names a bad column in the result as the person knows it (a contact's value by its kind).
FieldNamer = Callable[[str, dict[str, Any]], str]


def is_undecodable(error: BaseException) -> bool:
    """sqlite3's words for a stored text value that is not UTF-8 (bare or wrapped)."""
    return "Could not decode to UTF-8" in str(getattr(error, "orig", error))


def undecodable_row(driver_connection: Any, statement: str, *, table: str,
                    field_name: FieldNamer | None = None) -> UndecodableText:
    """Run `statement` again with text as bytes; the first row holding undecodable text,
    by the id in its first column. `table` is what the rows are ("customers")."""
    previous = driver_connection.text_factory
    driver_connection.text_factory = bytes
    try:
        cursor = driver_connection.cursor()
        try:
            cursor.execute(statement)
            names: Sequence[str] = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
        finally:
            cursor.close()
    finally:
        driver_connection.text_factory = previous
    for row in rows:
        for name, value in zip(names, row, strict=True):
            if isinstance(value, bytes) and not _decodes(value):
                field = field_name(name, dict(zip(names, row, strict=True))) if field_name else name
                return UndecodableText(table, int(row[0]), field)
    return UndecodableText(table, None, "")


def execute_naming_damage(session: Session, query: Select[Any], *, table: str) -> list[Any]:
    """`session.execute(query)`'s rows; text that cannot be decoded raises UndecodableText
    naming the row (the query's first column must be the row's id) and the column."""
    try:
        return list(session.execute(query))
    except Exception as exc:
        if not is_undecodable(exc):
            raise
        bind = session.get_bind()
        statement = str(query.compile(bind=bind, compile_kwargs={"literal_binds": True}))
        driver = session.connection().connection.driver_connection
        raise undecodable_row(driver, statement, table=table) from exc


def _decodes(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
