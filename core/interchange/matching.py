"""Duplicate matching for an import, one batch at a time, against the database and the file.

Earlier batches of the same import are already inserted (in the same transaction), so one
indexed query per key kind finds duplicates anywhere: in the database or earlier in the file.
Memory stays bounded by the batch size, whatever the size of the file.

First the source's own ids (external ids: Shopify's Customer ID, a vCard's UID, our own
exports' ids), then the keys every customer has (email, phone, name and postcode), then,
for a record with no email or phone, the name with the organisation and street: a
name-only or organisation-only contact is found again too.

Most keys of a large import are new, and looking each one up costs about a microsecond.
On SQLite a fixed-size filter (SeenKeys) remembers which keys may exist, so a batch only
queries those; the rest are certainly new.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from core.interchange.external_ids import (
    OWN_SOURCE,
    customers_by_external_id,
    keyed,
    live_customers,
    own_customer,
)
from core.interchange.outcomes import PERSON_FIELDS, Person, names_differ
from core.interchange.records import CleanRecord
from core.kernel.text import fold
from core.store.dialects import dialect_of

MATCH_ORDER = ("email", "phone", "name_postcode")  # as core.customers.services.find_duplicate
MATCH_COLUMNS = ("email_key", "phone", "name_postcode_key")  # the customers columns looked up
# A match on these (email, phone) with a clearly different name is only a possible
# duplicate: households share them.
SHARED_KINDS = 2
EXTERNAL_ID, NAME_ADDRESS = "external_id", "name_address"  # the other ways a row matches
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


Target = tuple[str, int]  # ("db", customer_id) or ("row", index in the batch)


@dataclass
class BatchMatch:
    """What each record of a batch matched: ("db", customer_id), ("row", index) or None;
    and each record's external id (source, value) that is not stored yet, or None.

    `kinds` says what each match was on; `possible` holds the records (by index) whose email
    or phone matched someone with a clearly different name: (that someone, the kind, whether
    the owner said it is the same person); only those said to be are matched. `people`
    holds the matched customers of the database."""

    targets: list[Target | None]
    new_external: list[tuple[str, str] | None]
    kinds: list[str] = field(default_factory=list)
    possible: dict[int, tuple[Target, str, bool]] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)


_IDENTITY_SQL = ("SELECT sort_name, id, organisation, street FROM customers"
                 " WHERE deleted_at IS NULL AND sort_name ")


def _identity(sort_name: str, organisation: str, street: str) -> tuple[str, str, str]:
    """What a contact with no email or phone is matched by: its name (sort_name, which is
    the organisation when there is no name), organisation and street, folded."""
    return sort_name, fold(organisation), fold(street)


def _existing(connection: Any, column: str, values: Iterable[str],
              people: dict[int, Person] | None = None) -> dict[str, int]:
    """Key -> the oldest live customer with it, by plain driver queries (this runs per batch);
    with `people`, what each customer found says about who they are goes there too."""
    wanted = sorted({v for v in values if v})
    found: dict[str, int] = {}
    extra = f", {', '.join(PERSON_FIELDS)}" if people is not None else ""
    select = f"SELECT {column}, id{extra} FROM customers WHERE deleted_at IS NULL AND {column} "
    for sql, params in dialect_of(connection).key_lookups(select, wanted):
        for key, customer_id, *person in connection.exec_driver_sql(sql, params):
            found.setdefault(key, customer_id)
            if people is not None and customer_id not in people:
                people[customer_id] = Person(*(str(value or "") for value in person))
    return found


class Matcher:
    """Matches an import's batches; told (`remember`) of every key the import writes."""

    def __init__(self, session: Session, source: str = "",
                 same_person: frozenset[int] = frozenset()) -> None:
        self.session = session
        self.source = source  # the import's format: the external ids' source
        # Lines of possible duplicates the owner said are the same person.
        self.same_person = same_person
        self.seen = self._seen_keys(session.connection())
        self._database: str | None = None

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
        """Match every record by its external id, then email, then phone, then name and
        postcode, then (with no email or phone) name, organisation and street; first match
        wins."""
        keys = [r.match_keys() for r in records]
        connection = self.session.connection()
        external = self._external(records)
        by_external = self._by_external(connection, external) if any(external) else {}
        seen = self.seen
        people: dict[int, Person] = {}  # of those matched by email or phone, for their names
        in_db = [_existing(connection, column, [k[kind] for k in keys] if seen is None
                           else seen.may_exist(kind, [k[kind] for k in keys]),
                           people if kind < SHARED_KINDS else None)
                 for kind, column in enumerate(MATCH_COLUMNS)]
        in_batch: list[dict[str, int]] = [{}, {}, {}]
        in_batch_external: dict[tuple[str, str], int] = {}
        targets: list[Target | None] = []
        kinds: list[str] = []
        possible: dict[int, tuple[Target, str, bool]] = {}
        for index, record_keys in enumerate(keys):
            target: Target | None = None
            kind_name = ""
            if (external_key := external[index]) is not None:
                if external_key in by_external:
                    target = ("db", by_external[external_key])
                    external[index] = None  # stored already
                elif external_key in in_batch_external:
                    target = ("row", in_batch_external[external_key])
                    external[index] = None
                else:
                    in_batch_external[external_key] = index
                kind_name = EXTERNAL_ID if target is not None else ""
            for kind, key in enumerate(record_keys if target is None else ()):
                if not key:
                    continue
                for found in ((("db", in_db[kind][key]),) if key in in_db[kind] else ()) + (
                        (("row", in_batch[kind][key]),) if key in in_batch[kind] else ()):
                    if kind < SHARED_KINDS and names_differ(
                            Person.of(records[index].values),
                            people.get(found[1], Person()) if found[0] == "db"
                            else Person.of(records[found[1]].values)):
                        same = records[index].line in self.same_person
                        possible.setdefault(index, (found, MATCH_ORDER[kind], same))
                        if not same:
                            continue
                    target, kind_name = found, MATCH_ORDER[kind]
                    break
                if target is not None:
                    break
            if target is not None and index in possible and possible[index][0] != target:
                del possible[index]  # another key found someone of the same name
            targets.append(target)
            kinds.append(kind_name)
            if target is None:
                for kind, key in enumerate(record_keys):
                    if key:
                        in_batch[kind].setdefault(key, index)
        self._match_identities(connection, records, keys, targets, kinds)
        # A record matched an earlier one of the batch that has since matched a customer
        # (by its name and street, or by its external id and then its email).
        for index, target in enumerate(targets):
            if target is not None and target[0] == "row" and targets[target[1]] is not None:
                targets[index] = targets[target[1]]
        for index, (candidate, kind_name, same) in list(possible.items()):
            if candidate[0] == "row" and (moved := targets[candidate[1]]) is not None:
                possible[index] = (moved, kind_name, same)
        wanted = {t[1] for t in targets if t is not None and t[0] == "db"}
        wanted |= {t[1] for t, _, _ in possible.values() if t[0] == "db"}
        people.update(self._people(connection, wanted - people.keys()))
        return BatchMatch(targets, external, kinds, possible, people)

    @staticmethod
    def _people(connection: Any, ids: set[int]) -> dict[int, Person]:
        """What the customers with these ids say about who they are."""
        found: dict[int, Person] = {}
        wanted = sorted(ids)
        columns = ", ".join(PERSON_FIELDS)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ", ".join(str(int(customer_id)) for customer_id in chunk)
            for customer_id, *values in connection.exec_driver_sql(
                    f"SELECT id, {columns} FROM customers WHERE id IN ({marks})"):
                found[customer_id] = Person(*(str(v or "") for v in values))
        return found

    def _external(self, records: list[CleanRecord]) -> list[tuple[str, str] | None]:
        return [keyed(self.source, r.external_id) if r.external_id else None for r in records]

    def customers_of(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """External id -> the live customer that has it, for those of `keys` known."""
        return self._by_external(self.session.connection(), keys)

    def _by_external(self, connection: Any, external: Iterable[tuple[str, str] | None]
                     ) -> dict[tuple[str, str], int]:
        """External id -> live customer: our own ids of this database name the customer,
        the rest are looked up in customer_external_ids."""
        wanted = {key for key in external if key is not None}
        own: dict[tuple[str, str], int] = {}
        if any(source == OWN_SOURCE for source, _ in wanted):
            database = self._database_id()
            for key in wanted:
                if key[0] == OWN_SOURCE and (found := own_customer(key[1], database)):
                    own[key] = found
            live = live_customers(connection, own.values())
            own = {key: customer_id for key, customer_id in own.items() if customer_id in live}
        stored = customers_by_external_id(connection, wanted - own.keys())
        return {**stored, **own}

    def _database_id(self) -> str:
        if self._database is None:
            from core.settings.services import database_id

            self._database = database_id(self.session)
        return self._database

    def _match_identities(self, connection: Any, records: list[CleanRecord],
                          keys: list[tuple[str, str, str]],
                          targets: list[Target | None], kinds: list[str]) -> None:
        """Match the unmatched records with no email and no phone by name, organisation
        and street (see _identity): one indexed query by sort_name for the batch."""
        waiting = [index for index, (target, record_keys) in enumerate(zip(targets, keys))
                   if target is None and not record_keys[0] and not record_keys[1]]
        if not waiting:
            return
        identities = {}
        for index in waiting:
            values, sort_name = records[index].values, records[index].keys["sort_name"]
            if sort_name:
                identities[index] = _identity(sort_name, values["organisation"],
                                              values["street"])
        in_db: dict[tuple[str, str, str], int] = {}
        select = dialect_of(connection).key_lookups(
            _IDENTITY_SQL, sorted({identity[0] for identity in identities.values()}))
        for sql, params in select:
            for sort_name, customer_id, organisation, street in connection.exec_driver_sql(
                    sql, params):
                in_db.setdefault(_identity(sort_name, organisation, street), customer_id)
        in_batch: dict[tuple[str, str, str], int] = {}
        for index, identity in identities.items():
            if identity in in_db:
                targets[index], kinds[index] = ("db", in_db[identity]), NAME_ADDRESS
            elif identity in in_batch:
                targets[index], kinds[index] = ("row", in_batch[identity]), NAME_ADDRESS
            else:
                in_batch[identity] = index
