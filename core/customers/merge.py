"""Merging two records of the same person, keeping every interaction and moment."""
from __future__ import annotations

import dataclasses

from sqlalchemy import update
from sqlalchemy.orm import Session

from core.customers.models import Customer, Interaction, Moment
from core.customers.services import get_customer, update_customer
from core.customers.stats import refresh_customer_stats
from core.customers.types import TEXT_FIELDS, CustomerDetail, CustomerDraft
from core.kernel.changes import Changes
from core.kernel.errors import NotFound
from core.store.changes import note_changes


def merge_customers(session: Session, *, keep_id: int, other_id: int) -> CustomerDetail:
    """Fold `other_id` into `keep_id`: history, moments, tags and referrals move over,
    empty fields are filled from the other record, then the other record is removed."""
    if keep_id == other_id:
        return get_customer(session, keep_id)
    keep = get_customer(session, keep_id)
    other = get_customer(session, other_id)
    merged = _merged_draft(keep.draft, other.draft, other_id)
    for model in (Interaction, Moment):
        session.execute(
            update(model).where(model.customer_id == other_id).values(customer_id=keep_id)
        )
    session.execute(
        update(Customer)
        .where(Customer.referred_by_id == other_id, Customer.id != keep_id)
        .values(referred_by_id=keep_id)
    )
    # Referrers of the other record changed too: "any customer", not just these two.
    note_changes(session, Changes(customers=True, interactions=True))
    removed = session.get(Customer, other_id)
    if removed is None:
        raise NotFound("customer", other_id)
    session.delete(removed)
    session.flush()
    session.expire_all()
    result = update_customer(session, keep_id, merged, allow_duplicate=True)
    refresh_customer_stats(session, [keep_id])
    return get_customer(session, result.id)


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
        tags=tuple(dict.fromkeys(keep.tags + other.tags)),
        needs_checking=tuple(dict.fromkeys((keep.needs_checking or ())
                                           + (other.needs_checking or ()))),
    )

