"""Duplicate matching for an import, one batch at a time, against the database and the file.

Earlier batches of the same import are already inserted (in the same transaction), so one
indexed query per key kind finds duplicates anywhere: in the database or earlier in the file.
Memory stays bounded by the batch size, whatever the size of the file.

Most keys of a large import are new, and looking each one up costs about a microsecond.
On SQLite a fixed-size filter (SeenKeys) remembers which keys may exist, so a batch only
queries those; the rest are certainly new.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from core.interchange.records import CleanRecord
from core.store.dialects import dialect_of

MATCH_ORDER = ("email", "phone", "name_postcode")  # as core.customers.services.find_duplicate
MATCH_COLUMNS = ("email_key", "phone", "name_postcode_key")  # the customers columns looked up
# Reading the keys of this many live customers into the filter costs under 0.1 s; beyond
# it, every key is queried as before.
MAX_SEEDED_CUSTOMERS = 100_000


class SeenKeys:
    """The keys that may belong to a live customer: one fixed-size bit table per key kind
    (a Bloom filter with a single hash). A key not in it certainly does not; a key in it
    may (about one new key in a hundred with 100,000 keys of a kind, more beyond). Memory
    is the same whatever the number of keys."""

    _BITS = 1 << 23  # a megabyte per kind

    def __init__(self) -> None:
        self._tables = [bytearray(self._BITS >> 3) for _ in MATCH_COLUMNS]

    def add(self, customers: Iterable[tuple[str, str, str]]) -> None:
        """Remember customers' keys, each in MATCH_ORDER."""
        tables, mask = self._tables, self._BITS - 1
        for keys in customers:
            for table, key in zip(tables, keys):
                if key:
                    bit = hash(key) & mask
                    table[bit >> 3] |= 1 << (bit & 7)

    def may_exist(self, kind: int, keys: Iterable[str]) -> list[str]:
        """Those of `keys` (of one kind, in MATCH_ORDER) that may belong to a customer."""
        table, mask = self._tables[kind], self._BITS - 1
        return [key for key in keys
                if key and table[(bit := hash(key) & mask) >> 3] >> (bit & 7) & 1]


@dataclass
class BatchMatch:
    """What each record of a batch matched: ("db", customer_id), ("row", index) or None."""

    targets: list[tuple[str, int] | None]


def _existing(connection: Any, column: str, values: Iterable[str]) -> dict[str, int]:
    """Key -> the oldest live customer with it, by plain driver queries (this runs per batch)."""
    wanted = sorted({v for v in values if v})
    found: dict[str, int] = {}
    select = f"SELECT {column}, id FROM customers WHERE deleted_at IS NULL AND {column} "
    for sql, params in dialect_of(connection).key_lookups(select, wanted):
        for key, customer_id in connection.exec_driver_sql(sql, params):
            found.setdefault(key, customer_id)
    return found


class Matcher:
    """Matches an import's batches; told (`remember`) of every key the import writes."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen = self._seen_keys(session.connection())

    @staticmethod
    def _seen_keys(connection: Any) -> SeenKeys | None:
        # Only where the import's transaction holds the write lock from its first write
        # (the import history row, written before this), so no other connection adds keys
        # meanwhile. PostgreSQL's other desks may, and there every key is queried.
        if not dialect_of(connection).import_holds_write_lock:
            return None
        live = "FROM customers WHERE deleted_at IS NULL"
        if connection.exec_driver_sql(f"SELECT count(*) {live}").scalar() > \
                MAX_SEEDED_CUSTOMERS:
            return None
        seen = SeenKeys()
        seen.add(connection.exec_driver_sql(f"SELECT {', '.join(MATCH_COLUMNS)} {live}"))
        return seen

    def remember(self, keys: Iterable[tuple[str, str, str]]) -> None:
        """Keys (in MATCH_ORDER) that customers now have: inserted or changed."""
        if self.seen is not None:
            self.seen.add(keys)

    def match(self, records: list[CleanRecord]) -> BatchMatch:
        """Match every record by email, then phone, then name and postcode; first match
        wins."""
        keys = [r.match_keys() for r in records]
        connection = self.session.connection()
        seen = self.seen
        in_db = [_existing(connection, column, [k[kind] for k in keys] if seen is None
                           else seen.may_exist(kind, [k[kind] for k in keys]))
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
