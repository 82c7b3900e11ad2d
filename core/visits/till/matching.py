"""Finding the customer of each entry, a batch at a time: by the source's customer id
(an external id kept by an earlier customer import, or our own export's id), then email,
then phone (read in the row's country), then name when exactly one customer has it.

One indexed query per kind of key per batch; nothing is kept between batches, so memory
stays the same whatever the size of the file. Customers the import itself created in
earlier batches are rows of the same transaction, and are found like any other.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from core.customers.types import normalize_phone
from core.interchange.services import (
    OWN_SOURCE,
    country_region,
    customers_by_external_id,
    keyed,
    live_customers,
    own_customer,
    split_full_name,
)
from core.kernel.text import fold
from core.settings.services import database_id
from core.store.dialects import dialect_of
from core.visits.till.rows import Entry

# What an entry matched on, for the preview and the report.
BY_ID, BY_EMAIL, BY_PHONE, BY_NAME = "customer id", "email", "phone", "name"


def name_parts(entry: Entry) -> tuple[str, str]:
    """(first, last) of an entry: its own columns, or its full name split."""
    if entry.first_name or entry.last_name:
        return entry.first_name, entry.last_name
    return split_full_name(entry.name) if entry.name else ("", "")


def name_key(first: str, last: str) -> str:
    """The customers' sort_name for this name (core.customers.keys): last, then first."""
    return f"{fold(last)} {fold(first)}".strip()


class EntryKeys:
    """The keys of one entry that customers are looked up by."""

    __slots__ = ("email", "external", "name", "phone")

    def __init__(self, external: tuple[str, str] | None, email: str, phone: str,
                 name: str) -> None:
        self.external, self.email, self.phone, self.name = external, email, phone, name

    def identity(self) -> str:
        """One key that names this person within the file, for creating them once."""
        if self.external is not None:
            return f"id:{self.external[0]}:{self.external[1]}"
        return (f"email:{self.email}" if self.email else f"phone:{self.phone}"
                if self.phone else f"name:{self.name}")


class CustomerFinder:
    def __init__(self, session: Session, source: str, region: str) -> None:
        self.session = session
        self.source = source
        self.region = region
        self._database: str | None = None

    def keys(self, entry: Entry) -> EntryKeys:
        external = None
        for value in (entry.customer_ref, entry.customer_ref_alt):
            if value and (found := keyed(self.source, value)) is not None:
                external = found
                break
        phone = ""
        if entry.phone:
            region = country_region(entry.country) if entry.country else ""
            try:
                phone = normalize_phone(entry.phone, region or self.region)
            except ValueError:
                phone = ""
        return EntryKeys(external, entry.email.strip().casefold(), phone,
                         name_key(*name_parts(entry)))

    def find(self, keys: list[EntryKeys]) -> list[tuple[int, str] | None]:
        """(customer id, what it matched on) per entry, or None."""
        connection = self.session.connection()
        by_external = self._by_external(connection, [k.external for k in keys])
        by_email = _existing(connection, "email_key", (k.email for k in keys))
        by_phone = _existing(connection, "phone", (k.phone for k in keys))
        by_name = _existing(connection, "sort_name", (k.name for k in keys if not (
            k.external in by_external or k.email in by_email or k.phone in by_phone)),
            unique=True)
        found: list[tuple[int, str] | None] = []
        for key in keys:
            if key.external is not None and key.external in by_external:
                found.append((by_external[key.external], BY_ID))
            elif key.email and key.email in by_email:
                found.append((by_email[key.email], BY_EMAIL))
            elif key.phone and key.phone in by_phone:
                found.append((by_phone[key.phone], BY_PHONE))
            elif key.name and by_name.get(key.name):
                found.append((by_name[key.name], BY_NAME))
            else:
                found.append(None)
        return found

    def _by_external(self, connection: Any, keys: Iterable[tuple[str, str] | None]
                     ) -> dict[tuple[str, str], int]:
        wanted = {key for key in keys if key is not None}
        own: dict[tuple[str, str], int] = {}
        for key in wanted:
            if key[0] == OWN_SOURCE and (found := own_customer(key[1], self.database)):
                own[key] = found
        if own:
            live = live_customers(connection, own.values())
            own = {key: customer for key, customer in own.items() if customer in live}
        others = {key for key in wanted if key[0] != OWN_SOURCE}
        return {**customers_by_external_id(connection, others), **own}

    @property
    def database(self) -> str:
        if self._database is None:
            self._database = database_id(self.session)
        return self._database


def _existing(connection: Any, column: str, values: Iterable[str], *, unique: bool = False
              ) -> dict[str, int]:
    """Key -> the oldest live customer with it; with `unique`, 0 for a key that several
    customers share (two Ann Smiths: the name alone says nothing)."""
    wanted = sorted({v for v in values if v})
    found: dict[str, int] = {}
    select = f"SELECT {column}, id FROM customers WHERE deleted_at IS NULL AND {column} "
    for sql, params in dialect_of(connection).key_lookups(select, wanted):
        for key, customer_id in connection.exec_driver_sql(sql, params):
            if key in found and unique:
                found[key] = 0
            else:
                found.setdefault(key, customer_id)
    return found
