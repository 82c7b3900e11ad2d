"""What an import gives customers it matched besides their fields, and taking it back.

A row that matches a customer (fill or overwrite) brings more than the fields it fills:
the values the customer must check (`needs_checking`), further emails and phones
(customer_contacts), the source's consent when none was recorded, and, whatever the
policy, the source's own id (customer_external_ids). Changed fields are recorded before
and after in import_changes, as always; the rest is recorded there too, in the change's
`after` under ADDED (`before` never holds it, so it is never put back as a field).

Undoing the import removes all of it, and the source's ids of the customers it created
(they go to the trash, and their ids must not find them): importing the file again then
behaves as on a database that never saw it.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from core.customers.types import needs_checking_of, needs_checking_text
from core.interchange.models import (
    CustomerConsent,
    CustomerContact,
    CustomerExternalId,
    ImportChange,
    table_of,
)
from core.interchange.records import CleanRecord
from core.store.base import Base
from core.store.bulk_insert import bulk_insert

ADDED = "+added"  # the key of an import change's `after` that lists what it added
_CHUNK = 500
_CONTACTS = table_of(CustomerContact)
_CONSENTS = table_of(CustomerConsent)
_EXTERNAL_IDS = table_of(CustomerExternalId)


def merged_needs_checking(current: str, incoming: str) -> str:
    """The notes of both `needs_checking` texts, each once, the current ones first."""
    if not incoming or incoming == current:
        return current
    if not current:
        return incoming
    return needs_checking_text(dict.fromkeys(needs_checking_of(current)
                                             + needs_checking_of(incoming)))


class MatchedAdditions:
    """The further emails and phones, and the consent, that one batch's rows give the
    customers they matched (`updates`: customer id -> its rows; `current`: its columns
    before): what they have already is read once for the batch, what they get is written
    by `flush`, with one statement of each kind."""

    def __init__(self, session: Session, updates: dict[int, list[CleanRecord]],
                 current: dict[int, dict[str, Any]], *, source: str, now: dt.datetime
                 ) -> None:
        self.session, self.source, self.now = session, source, now
        self._found: dict[int, list[tuple[str, str]]] = {}
        self._consents: dict[int, tuple[bool | None, bool | None]] = {}
        for customer_id, records in updates.items():
            before = current[customer_id]
            primary = {_contact_key("email", before["email"]), ("phone", before["phone"])}
            found = [(kind, value) for record in records
                     for kind, values in (("email", [record.values["email"],
                                                     *record.extra_emails]),
                                          ("phone", [record.values["phone"],
                                                     *record.extra_phones]))
                     for value in values if value and _contact_key(kind, value) not in primary]
            if found:
                self._found[customer_id] = found
            consent = next(((r.email_consent, r.sms_consent) for r in records
                            if r.email_consent is not None or r.sms_consent is not None), None)
            if consent is not None:
                self._consents[customer_id] = consent
        self._have: dict[int, set[tuple[str, str]]] = {}
        for customer_id, kind, value in _rows_of(session, _CONTACTS, list(self._found), (
                _CONTACTS.c.customer_id, _CONTACTS.c.kind, _CONTACTS.c.value)):
            self._have.setdefault(customer_id, set()).add(_contact_key(kind, value))
        self._consented = {row[0] for row in _rows_of(session, _CONSENTS, list(self._consents),
                                                      (_CONSENTS.c.customer_id,))}
        self._new_contacts: list[dict[str, Any]] = []
        self._new_consents: list[dict[str, Any]] = []

    def take(self, customer_id: int, after: dict[str, Any]) -> dict[str, Any]:
        """What the customer gets besides its fields (`after`: its columns as they will be),
        as recorded under ADDED; {} for nothing."""
        added: dict[str, Any] = {}
        if found := self._found.get(customer_id):
            known = self._have.setdefault(customer_id, set()) | {
                _contact_key("email", after["email"]), ("phone", after["phone"])}
            for kind, value in found:
                if (key := _contact_key(kind, value)) not in known:
                    known.add(key)
                    added.setdefault("contacts", []).append([kind, value])
                    self._new_contacts.append({"customer_id": customer_id, "kind": kind,
                                               "value": value, "label": ""})
        consent = self._consents.get(customer_id)
        if consent is not None and customer_id not in self._consented:
            self._consented.add(customer_id)
            added["consent"] = True
            self._new_consents.append({"customer_id": customer_id, "source": self.source,
                                       "recorded_at": self.now, "email_marketing": consent[0],
                                       "sms_marketing": consent[1]})
        return added

    def flush(self) -> None:
        for table, rows in ((_CONTACTS, self._new_contacts), (_CONSENTS, self._new_consents)):
            if rows:
                bulk_insert(self.session, table, rows)
                rows.clear()


def release_trashed_ids(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    """Let go of these (source, value) ids where a customer in the trash holds them, so a
    customer imported again (after a delete) takes its id with it."""
    by_source: dict[str, list[str]] = {}
    for source, value in keys:
        by_source.setdefault(source, []).append(value)
    customers = Base.metadata.tables["customers"]
    trashed = select(customers.c.id).where(customers.c.deleted_at.is_not(None))
    for source, values in by_source.items():
        for start in range(0, len(values), _CHUNK):
            session.execute(delete(_EXTERNAL_IDS).where(
                _EXTERNAL_IDS.c.source == source,
                _EXTERNAL_IDS.c.value.in_(values[start:start + _CHUNK]),
                _EXTERNAL_IDS.c.customer_id.in_(trashed)))


def undo_additions(session: Session, run_id: int, created_ids: list[int]) -> None:
    """Remove what import `run_id` added besides fields and tags (see the module): to the
    customers it matched, as its changes list, and the source's ids of those it created."""
    changes = session.execute(select(ImportChange.customer_id, ImportChange.after)
                              .where(ImportChange.run_id == run_id))
    ids: list[Any] = []
    contacts: list[Any] = []
    consents: list[int] = []
    for customer_id, after in changes:
        added = json.loads(after or "{}").get(ADDED)
        if not added:
            continue
        ids.extend(and_(_EXTERNAL_IDS.c.customer_id == customer_id,
                        _EXTERNAL_IDS.c.source == source, _EXTERNAL_IDS.c.value == value)
                   for source, value in added.get("external_ids", ()))
        contacts.extend(and_(_CONTACTS.c.customer_id == customer_id, _CONTACTS.c.kind == kind,
                             _CONTACTS.c.value == value)
                        for kind, value in added.get("contacts", ()))
        if added.get("consent"):
            consents.append(customer_id)
    for table, conditions in ((_EXTERNAL_IDS, ids), (_CONTACTS, contacts)):
        for start in range(0, len(conditions), _CHUNK):
            session.execute(delete(table).where(or_(*conditions[start:start + _CHUNK])))
    for column, wanted in ((_CONSENTS.c.customer_id, consents),
                           (_EXTERNAL_IDS.c.customer_id, created_ids)):
        for start in range(0, len(wanted), _CHUNK):
            session.execute(delete(column.table).where(
                column.in_(wanted[start:start + _CHUNK])))


def _contact_key(kind: str, value: str) -> tuple[str, str]:
    # Emails are one address in any case ("ANN@example.com"), as the email key matches them.
    return kind, value.casefold() if kind == "email" else value


def _rows_of(session: Session, table: Any, customer_ids: list[int], columns: tuple[Any, ...]
             ) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(customer_ids), _CHUNK):
        found.extend(tuple(row) for row in session.execute(select(*columns).where(
            table.c.customer_id.in_(customer_ids[start:start + _CHUNK]))))
    return found
