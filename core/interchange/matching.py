"""Duplicate matching for an import, one batch at a time, against the database and the file.

Earlier batches of the same import are already inserted (in the same transaction), so one
indexed query per key kind finds duplicates anywhere: in the database or earlier in the file.
Memory stays bounded by the batch size, whatever the size of the file.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.customer_keys import name_postcode_key
from core.interchange.models import table_of
from core.interchange.records import CleanRecord
from core.models import Customer

MATCH_ORDER = ("email", "phone", "name_postcode")  # as core.customers.find_duplicate
MATCH_COLUMNS = ("email_key", "phone", "name_postcode_key")  # the customers columns looked up


def match_keys(record: CleanRecord) -> tuple[str, str, str]:
    v = record.values
    return (
        v["email"].casefold(),
        v["phone"],
        name_postcode_key(v["first_name"], v["last_name"], v["postal_code"]),
    )


@dataclass
class BatchMatch:
    """What each record of a batch matched: ("db", customer_id), ("row", index) or None."""

    targets: list[tuple[str, int] | None]


def _existing(session: Session, column: object, values: Iterable[str]) -> dict[str, int]:
    wanted = sorted({v for v in values if v})
    found: dict[str, int] = {}
    c = table_of(Customer).c
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        rows = session.execute(
            select(column, c.id)  # type: ignore[call-overload]
            .where(column.in_(chunk), c.deleted_at.is_(None))  # type: ignore[attr-defined]
            .order_by(c.id)
        )
        for key, customer_id in rows:
            found.setdefault(key, customer_id)
    return found


def match_batch(session: Session, records: list[CleanRecord]) -> BatchMatch:
    """Match every record by email, then phone, then name and postcode; first match wins."""
    c = table_of(Customer).c
    keys = [match_keys(r) for r in records]
    in_db = [_existing(session, c[column], (k[kind] for k in keys))
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
