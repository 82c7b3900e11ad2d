"""The ids other programs give customers, kept so that importing their file again matches.

Shopify's Customer ID, HubSpot's Record ID, a vCard's UID: each is unique only within its
source, so an id is stored with the source it came from (customer_external_ids has one row
per (source, value)). Our own exports carry `regulars-<database id>-<customer id>`: in the
database that wrote it, that is the customer itself; in any other, an id like the rest.

A spreadsheet's own "ID" column (a generic file) is often a row number, the same in every
spreadsheet, so a generic file's ids are kept only when they are our own.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from core.store.dialects import dialect_of

OWN_SOURCE = "regulars"
GENERIC_SOURCE = "generic"
MAX_VALUE = 200  # customer_external_ids.value
_OWN = re.compile(r"^regulars-(?P<database>.+)-(?P<customer>\d{1,18})$")


def own_id(database: str, customer_id: int) -> str:
    """A customer's id in this database's exports (a vCard's UID, a CSV's regulars_id)."""
    return f"{OWN_SOURCE}-{database}-{customer_id}"


def own_customer(value: str, database: str) -> int | None:
    """The customer id `value` names when this database (`database`) wrote it, else None."""
    found = _OWN.match(value)
    if found is None or found["database"] != database:
        return None
    return int(found["customer"])


def keyed(source: str, value: str) -> tuple[str, str] | None:
    """(source, value) as stored, or None for an id not worth keeping (see the module)."""
    value = value.strip()[:MAX_VALUE]
    if not value:
        return None
    if _OWN.match(value):
        return OWN_SOURCE, value
    if source == GENERIC_SOURCE:
        return None
    return source[:40], value


def customers_by_external_id(connection: Any, keys: Iterable[tuple[str, str]]
                             ) -> dict[tuple[str, str], int]:
    """(source, value) -> the live customer that has it, by one indexed query per source."""
    by_source: dict[str, set[str]] = {}
    for source, value in keys:
        by_source.setdefault(source, set()).add(value)
    found: dict[tuple[str, str], int] = {}
    lookups = dialect_of(connection).key_lookups
    for source, values in by_source.items():
        select = ("SELECT value, customer_id FROM customer_external_ids WHERE customer_id IN"
                  " (SELECT id FROM customers WHERE deleted_at IS NULL)"
                  f" AND source = '{_literal(source)}' AND value ")
        for sql, params in lookups(select, sorted(values)):
            for value, customer_id in connection.exec_driver_sql(sql, params):
                found[(source, value)] = customer_id
    return found


def live_customers(connection: Any, ids: Iterable[int]) -> set[int]:
    """Those of `ids` that are live customers."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    listed = ",".join(str(int(i)) for i in wanted)
    return {row[0] for row in connection.exec_driver_sql(
        f"SELECT id FROM customers WHERE deleted_at IS NULL AND id IN ({listed})")}


def _literal(source: str) -> str:
    # Sources are our own format names (letters); anything else never reaches SQL.
    if not source.replace("_", "").isalnum():
        raise ValueError(f"unexpected id source {source!r}")
    return source
