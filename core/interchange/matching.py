"""Duplicate matching for an import, one batch at a time, against the database and the file.

Earlier batches of the same import are already inserted (in the same transaction), so one
indexed query per key kind finds duplicates anywhere: in the database or earlier in the file.
Memory stays bounded by the batch size, whatever the size of the file.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from core.interchange.records import CleanRecord

MATCH_ORDER = ("email", "phone", "name_postcode")  # as core.customers.find_duplicate
MATCH_COLUMNS = ("email_key", "phone", "name_postcode_key")  # the customers columns looked up
_SQLITE_MAX_PARAMS = 900


@dataclass
class BatchMatch:
    """What each record of a batch matched: ("db", customer_id), ("row", index) or None."""

    targets: list[tuple[str, int] | None]


def _existing(connection: Any, column: str, values: Iterable[str]) -> dict[str, int]:
    """Key -> the oldest live customer with it, by plain driver queries (this runs per batch)."""
    wanted = sorted({v for v in values if v})
    found: dict[str, int] = {}
    select = f"SELECT {column}, id FROM customers WHERE deleted_at IS NULL AND {column} "
    queries: list[tuple[str, tuple[Any, ...]]]
    if connection.dialect.name == "postgresql":
        queries = [(select + "= ANY(%s) ORDER BY id", (wanted,))] if wanted else []
    else:
        queries = [(select + f"IN ({', '.join('?' * len(chunk))}) ORDER BY id", tuple(chunk))
                   for start in range(0, len(wanted), _SQLITE_MAX_PARAMS)
                   if (chunk := wanted[start : start + _SQLITE_MAX_PARAMS])]
    for sql, params in queries:
        for key, customer_id in connection.exec_driver_sql(sql, params):
            found.setdefault(key, customer_id)
    return found


def match_batch(session: Session, records: list[CleanRecord]) -> BatchMatch:
    """Match every record by email, then phone, then name and postcode; first match wins."""
    keys = [r.match_keys() for r in records]
    connection = session.connection()
    in_db = [_existing(connection, column, (k[kind] for k in keys))
             for kind, column in enumerate(MATCH_COLUMNS)]
    in_batch: list[dict[str, int]] = [{}, {}, {}]
    targets: list[tuple[str, int] | None] = []
    for index, record_keys in enumerate(keys):
        target: tuple[str, int] | None = None
        for kind, key in enumerate(record_keys):
            if not key:
                continue
            if key in in_db[kind]:
                target = ("db", in_db[kind][key])
                break
            if key in in_batch[kind]:
                target = ("row", in_batch[kind][key])
                break
        targets.append(target)
        if target is None:
            for kind, key in enumerate(record_keys):
                if key:
                    in_batch[kind].setdefault(key, index)
    return BatchMatch(targets)
