"""Merging two records of the same person, keeping every interaction and moment, and
putting both back as they were when the merge is undone."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Table, and_, delete, insert, select, update
from sqlalchemy.orm import Session

from core.customers.models import Customer
from core.customers.services import get_customer, update_customer
from core.customers.stats import refresh_customer_stats
from core.customers.types import TEXT_FIELDS, CustomerDetail, CustomerDraft, display_name
from core.desks.services import record_merge
from core.kernel.changes import Changes
from core.kernel.errors import NotFound
from core.store.base import Base
from core.store.changes import note_changes

# What moves to the kept record with the person: their history, moments, the cards printed
# for them, their other emails and phones, and the ids other programs know them by. (An
# import's record of what it changed stays with the record it changed, and goes with it.)
MOVED_TABLES = ("interactions", "moments", "print_batch_items", "customer_contacts",
                "customer_external_ids")

Row = Mapping[str, Any]


@dataclass(frozen=True)
class MergeUndo:
    """What one merge changed, to put back: both customers' rows, every row that pointed
    at either of them before the merge (by table), the rows the merge itself created, and
    the customers whose referrer was the removed record."""

    keep_id: int
    other_id: int
    customers: tuple[Row, ...]
    before: tuple[tuple[str, tuple[Row, ...]], ...]
    created: tuple[tuple[str, tuple[tuple[Any, ...], ...]], ...]
    referrer_of: tuple[int, ...]


@dataclass(frozen=True)
class MergedCustomers:
    detail: CustomerDetail
    undo: MergeUndo


def merge_customers(session: Session, *, keep_id: int, other_id: int) -> CustomerDetail:
    """Fold `other_id` into `keep_id`: history, moments, tags, printed cards, other emails
    and phones and referrals move over, empty fields are filled from the other record, the
    other record's differing email and phone are kept as extra ones, then the other record
    is removed."""
    if keep_id == other_id:
        return get_customer(session, keep_id)
    keep = get_customer(session, keep_id)
    other = get_customer(session, other_id)
    merged = _merged_draft(keep.draft, other.draft, other_id)
    for table, column in _dependents():
        if table.name in MOVED_TABLES:
            session.execute(update(table).where(column == other_id).values(
                {column.name: keep_id}))
    _keep_contacts(session, keep.draft, other.draft, keep_id)
    session.execute(
        update(Customer)
        .where(Customer.referred_by_id == other_id, Customer.id != keep_id)
        .values(referred_by_id=keep_id, version=Customer.version + 1)
    )
    # Referrers of the other record changed too: "any customer", not just these two.
    note_changes(session, Changes(customers=True, interactions=True, batches=True))
    removed = session.get(Customer, other_id)
    if removed is None:
        raise NotFound("customer", other_id)
    session.delete(removed)
    session.flush()
    session.expire_all()
    result = update_customer(session, keep_id, merged, allow_duplicate=True)
    refresh_customer_stats(session, [keep_id])
    # Last: the history lists it above the values it filled in on the kept record.
    record_merge(session, keep_id=keep_id, other_id=other_id, other_name=other.display_name)
    return get_customer(session, result.id)


def merge_customers_undoably(session: Session, *, keep_id: int,
                             other_id: int) -> MergedCustomers:
    """`merge_customers`, and what `unmerge_customers` needs to put both records back."""
    ids = [keep_id, other_id]
    customers = _customer_table()
    rows = tuple(dict(r) for r in session.execute(
        select(customers).where(customers.c.id.in_(ids))).mappings())
    if len(rows) != 2:
        missing = other_id if any(r["id"] == keep_id for r in rows) else keep_id
        raise NotFound("customer", missing)
    before = tuple((table.name, tuple(dict(r) for r in session.execute(
        select(table).where(column.in_(ids))).mappings())) for table, column in _dependents())
    referrer_of = tuple(session.scalars(select(Customer.id).where(
        Customer.referred_by_id == other_id, Customer.id != keep_id)).all())
    known = {name: {_key(Base.metadata.tables[name], row) for row in table_rows}
             for name, table_rows in before}
    detail = merge_customers(session, keep_id=keep_id, other_id=other_id)
    created = []
    for table, column in _dependents():
        keys = tuple(key for row in session.execute(select(table).where(
            column == keep_id)).mappings() if (key := _key(table, dict(row))) not in known[table.name])
        created.append((table.name, keys))
    undo = MergeUndo(keep_id, other_id, rows, before, tuple(created), referrer_of)
    return MergedCustomers(detail, undo)


def unmerge_customers(session: Session, undo: MergeUndo) -> tuple[int, int]:
    """Put back both customers of a merge as they were before it, with everything that
    pointed at them; what was added to the kept record since the merge stays on it.
    Returns the two ids (the other record gets a new id if its old one was taken since)."""
    customers = _customer_table()
    keep_row = next(r for r in undo.customers if r["id"] == undo.keep_id)
    other_row = dict(next(r for r in undo.customers if r["id"] == undo.other_id))
    if session.get(Customer, undo.keep_id) is None:
        raise NotFound("customer", undo.keep_id)
    other_id = undo.other_id
    if session.get(Customer, other_id) is not None:
        del other_row["id"]
        other_id = int(session.execute(insert(customers).values(other_row)
                                       .returning(customers.c.id)).scalar_one())
    else:
        session.execute(insert(customers).values(other_row))
    session.execute(update(customers).where(customers.c.id == undo.keep_id).values(
        {name: value for name, value in keep_row.items() if name != "id"}))
    created = dict(undo.created)
    for table, column in _dependents():
        for key in created.get(table.name, ()):
            session.execute(delete(table).where(_matches(table, key)))
    before = dict(undo.before)
    for table, column in _dependents():
        for row in before.get(table.name, ()):
            values = dict(row)
            if values[column.name] == undo.other_id:
                values[column.name] = other_id
            _put(session, table, values)
    if undo.referrer_of:
        session.execute(update(Customer).where(Customer.id.in_(undo.referrer_of))
                        .values(referred_by_id=other_id))
    session.flush()
    session.expire_all()
    refresh_customer_stats(session, [undo.keep_id, other_id])
    record_merge(session, keep_id=undo.keep_id, other_id=other_id,
                 other_name=_name_of(other_row), undone=True)
    record_merge(session, keep_id=other_id, other_id=undo.keep_id,
                 other_name=_name_of(keep_row), undone=True)
    note_changes(session, Changes(customers=True, interactions=True, batches=True))
    return undo.keep_id, other_id


def _name_of(row: Row) -> str:
    return display_name(row["first_name"], row["last_name"], row["organisation"]) \
        or row["email"] or ""


def _customer_table() -> Table:
    table = Customer.__table__
    assert isinstance(table, Table)
    return table


def _dependents() -> list[tuple[Table, Column[Any]]]:
    """Every (table, column) that points at a customer, other than a customer's referrer."""
    customers = _customer_table()
    return [(table, fk.parent) for table in Base.metadata.sorted_tables if table is not customers
            for fk in table.foreign_keys if fk.column.table is customers]


def _key(table: Table, row: Row) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _matches(table: Table, key: Iterable[Any]) -> Any:
    return and_(*(column == value for column, value in zip(table.primary_key.columns, key,
                                                             strict=True)))


def _put(session: Session, table: Table, values: dict[str, Any]) -> None:
    """The row as it was: changed back where it still exists, added again where it is gone."""
    condition = _matches(table, _key(table, values))
    if session.execute(select(*table.primary_key.columns).where(condition)).first() is None:
        session.execute(insert(table).values(values))
    else:
        session.execute(update(table).where(condition).values(values))


def _keep_contacts(session: Session, keep: CustomerDraft, other: CustomerDraft,
                   keep_id: int) -> None:
    """The other record's email and phone, where the kept one has different ones, become
    the kept record's extra email and phone (none is lost)."""
    contacts = Base.metadata.tables.get("customer_contacts")
    if contacts is None:
        return
    have = {(kind, value) for kind, value in session.execute(
        select(contacts.c.kind, contacts.c.value).where(contacts.c.customer_id == keep_id))}
    for kind, mine, theirs in (("email", keep.email, other.email),
                               ("phone", keep.phone, other.phone)):
        if mine and theirs and mine.casefold() != theirs.casefold() and (kind, theirs) not in have:
            session.execute(insert(contacts).values(customer_id=keep_id, kind=kind,
                                                    value=theirs, label=""))


def _merged_draft(keep: CustomerDraft, other: CustomerDraft, other_id: int) -> CustomerDraft:
    values: dict[str, str] = {}
    for name in TEXT_FIELDS:
        mine, theirs = getattr(keep, name), getattr(other, name)
        if name == "notes" and mine and theirs and theirs not in mine:
            values[name] = f"{mine}\n\n{theirs}"
        else:
            values[name] = mine or theirs
    since = [d for d in (keep.customer_since, other.customer_since) if d is not None]
    referrer = keep.referred_by_id or other.referred_by_id
    return dataclasses.replace(
        keep,
        **values,
        referred_by_id=None if referrer == other_id else referrer,
        customer_since=min(since) if since else None,
        birthday=keep.birthday or other.birthday,
        no_mail=keep.no_mail or other.no_mail,
        no_email=keep.no_email or other.no_email,
        no_birthday_cards=keep.no_birthday_cards or other.no_birthday_cards,
        no_calls=keep.no_calls or other.no_calls,
        no_campaigns=keep.no_campaigns or other.no_campaigns,
        tags=tuple(dict.fromkeys(keep.tags + other.tags)),
        needs_checking=tuple(dict.fromkeys((keep.needs_checking or ())
                                           + (other.needs_checking or ()))),
    )
