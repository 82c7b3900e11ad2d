"""Customer services: add, edit, look up, trash and restore, with validation and duplicates."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from core.customers.bulk import (
    add_tag,
    count_all_customers,
    customer_exists,
    customer_sort_indexes,
    find_tag_id,
    insert_customer_batch,
    insert_customer_rows,
    insert_customer_tags,
    insert_interactions,
    insert_tags,
    mailing_rows,
    next_ids,
    read_customer_fields,
    read_customer_row,
    read_tag_ids,
    remove_customer_tags,
    tag_customer_ranges,
    tag_ids_of_customers,
    update_customer_row,
    update_customer_rows,
)
from core.customers.errors import DuplicateCustomer
from core.customers.history import interaction_row
from core.customers.keys import customer_keys, name_postcode_key

# The list's sort columns and the statistics refresh, for the import and the demo.
from core.customers.models import SORT_COLUMNS, Customer, Tag
from core.customers.stats import refresh_customer_stats
from core.customers.types import (
    IDENTIFYING_FIELDS,
    TEXT_FIELDS,
    CustomerDetail,
    CustomerDraft,
    MomentRow,
    display_name,
)
from core.customers.validation import (
    INVALID_EMAIL,
    INVALID_PHONE,
    MAX_LENGTHS,
    NAME_REQUIRED,
    TOO_LONG,
    UNKNOWN_CUSTOMER,
    PartialDate,
    check_partial_date,
    needs_checking_of,
    needs_checking_text,
    normalize_email,
    normalize_phone,
)
from core.kernel.changes import Changes
from core.kernel.edits import checked_edit
from core.kernel.errors import Invalid, NotFound, Problem
from core.kernel.jobs import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from core.settings.services import business_region
from core.store.changes import note_changes

_CHUNK = 900  # ids per IN list: under SQLite's old limit of 999 parameters
_PURGE_CHUNK = 250  # customers deleted between two looks at Cancel (~0.25 s at 100,000)

# What other areas call (the bulk writers are one call per batch, for the import and the demo).
__all__ = [
    "SORT_COLUMNS",
    "add_customer",
    "add_tag",
    "clean_draft",
    "count_all_customers",
    "customer_exists",
    "customer_sort_indexes",
    "delete_customers",
    "find_duplicate",
    "find_tag_id",
    "get_customer",
    "insert_customer_batch",
    "insert_customer_rows",
    "insert_customer_tags",
    "insert_interactions",
    "insert_tags",
    "list_tags",
    "mailing_rows",
    "next_ids",
    "purge_customers",
    "read_customer_fields",
    "read_customer_row",
    "read_tag_ids",
    "refresh_customer_stats",
    "remove_customer_tags",
    "restore_customers",
    "tag_customer_ranges",
    "tag_ids_of_customers",
    "update_customer",
    "update_customer_row",
    "update_customer_rows",
]


def clean_draft(session: Session, draft: CustomerDraft, region: str | None = None) -> CustomerDraft:
    """The draft as it will be stored; raises Invalid listing every bad field."""
    region = region if region is not None else business_region(session)
    problems: list[Problem] = []
    values: dict[str, Any] = {name: (getattr(draft, name) or "").strip() for name in TEXT_FIELDS}
    for name, limit in MAX_LENGTHS.items():
        if len(values[name]) > limit:
            problems.append(Problem(name, TOO_LONG, str(limit)))
    # Someone known only by email or phone (a newsletter subscriber) is a customer too.
    if not any(values[name] for name in IDENTIFYING_FIELDS):
        problems.append(Problem("first_name", NAME_REQUIRED))
    if values["email"]:
        try:
            values["email"] = normalize_email(values["email"])
        except ValueError as exc:
            problems.append(Problem("email", INVALID_EMAIL, str(exc)))
    if values["phone"]:
        try:
            values["phone"] = normalize_phone(values["phone"], region)
        except ValueError as exc:
            problems.append(Problem("phone", INVALID_PHONE, str(exc)))
    check_partial_date("birthday", draft.birthday, problems)
    if draft.referred_by_id is not None and session.get(Customer, draft.referred_by_id) is None:
        problems.append(Problem("referred_by_id", UNKNOWN_CUSTOMER, str(draft.referred_by_id)))
    if problems:
        raise Invalid(problems)
    tags = tuple(dict.fromkeys(t.strip() for t in draft.tags if t.strip()))
    return dataclasses.replace(draft, tags=tags, **values)


def find_duplicate(
    session: Session, draft: CustomerDraft, *, exclude_id: int | None = None
) -> tuple[int, str] | None:
    """The first live customer matching a cleaned draft by email, phone, or name and postcode."""
    checks = [
        ("email", Customer.email_key, draft.email.casefold()),
        ("phone", Customer.phone, draft.phone),
        ("name_postcode", Customer.name_postcode_key,
         name_postcode_key(draft.first_name, draft.last_name, draft.postal_code)),
    ]
    for matched_on, column, value in checks:
        if not value:
            continue
        query = select(Customer.id).where(column == value, Customer.deleted_at.is_(None))
        if exclude_id is not None:
            query = query.where(Customer.id != exclude_id)
        found = session.scalars(query.order_by(Customer.id).limit(1)).first()
        if found is not None:
            return found, matched_on
    return None


def add_customer(
    session: Session, draft: CustomerDraft, *, allow_duplicate: bool = False,
    region: str | None = None, today: dt.date | None = None,
) -> CustomerDetail:
    """Store a new customer. Raises Invalid or DuplicateCustomer and then writes nothing."""
    draft = clean_draft(session, draft, region)
    if not allow_duplicate and (dup := find_duplicate(session, draft)):
        raise DuplicateCustomer(*dup)
    now = dt.datetime.now()
    customer = Customer(created_at=now, updated_at=now)
    if draft.customer_since is None:
        draft = dataclasses.replace(draft, customer_since=today or dt.date.today())
    _apply_draft(session, customer, draft)
    session.add(customer)
    session.flush()
    touched = [customer.id] + ([draft.referred_by_id] if draft.referred_by_id else [])
    refresh_customer_stats(session, touched, today=today)
    return get_customer(session, customer.id)


def update_customer(
    session: Session, customer_id: int, draft: CustomerDraft, *, allow_duplicate: bool = False,
    region: str | None = None, base: CustomerDetail | None = None,
) -> CustomerDetail:
    """Replace a customer's editable fields with `draft`. With `base` (the record as the
    editor read it), what was saved elsewhere meanwhile is kept: fields only they changed
    stay theirs, and fields both changed differently raise EditConflict (nothing written)."""
    customer = _load(session, customer_id)
    draft = clean_draft(session, draft, region)
    if base is not None:
        # Both sides in the stored form (a phone as typed and as stored compare equal).
        opened = _cleaned_or_as_is(session, base.draft, region)
        if draft.needs_checking is None:  # "keep what is stored": not a change of its own
            draft = dataclasses.replace(draft, needs_checking=opened.needs_checking)
        draft = checked_edit("customer", customer_id, base=opened, base_version=base.version,
                             mine=draft, theirs=_draft_of(customer), version=customer.version)
    if draft.referred_by_id == customer_id:
        raise Invalid([Problem("referred_by_id", UNKNOWN_CUSTOMER, str(customer_id))])
    if not allow_duplicate and (dup := find_duplicate(session, draft, exclude_id=customer_id)):
        raise DuplicateCustomer(*dup)
    old_referrer = customer.referred_by_id
    _apply_draft(session, customer, draft)
    customer.updated_at = dt.datetime.now()
    session.flush()
    touched = {customer_id, old_referrer, draft.referred_by_id} - {None}
    refresh_customer_stats(session, touched)  # type: ignore[arg-type]
    return get_customer(session, customer_id)


def _cleaned_or_as_is(session: Session, draft: CustomerDraft,
                      region: str | None) -> CustomerDraft:
    try:
        return clean_draft(session, draft, region)
    except Invalid:  # stored before today's checks: compared as it is
        return draft


def get_customer(session: Session, customer_id: int) -> CustomerDetail:
    customer = session.scalars(
        select(Customer)
        .where(Customer.id == customer_id)
        .options(
            selectinload(Customer.interactions),
            selectinload(Customer.moments),
            selectinload(Customer.tags),
        )
    ).first()
    if customer is None:
        raise NotFound("customer", customer_id)
    return _detail(session, customer)


def delete_customers(session: Session, customer_ids: Iterable[int]) -> tuple[int, ...]:
    """Move customers to the trash. Returns the ids actually moved (for undo)."""
    ids = sorted(set(customer_ids))
    live = session.scalars(
        select(Customer.id).where(Customer.id.in_(ids), Customer.deleted_at.is_(None))
    ).all()
    if live:
        session.execute(
            update(Customer).where(Customer.id.in_(live)).values(deleted_at=dt.datetime.now())
        )
        note_changes(session, Changes(customers=True, customer_ids=frozenset(live)))
        _refresh_referrers(session, live)
    return tuple(live)


def restore_customers(session: Session, customer_ids: Iterable[int]) -> tuple[int, ...]:
    """Bring customers back from the trash."""
    ids = sorted(set(customer_ids))
    trashed = session.scalars(
        select(Customer.id).where(Customer.id.in_(ids), Customer.deleted_at.is_not(None))
    ).all()
    if trashed:
        session.execute(update(Customer).where(Customer.id.in_(trashed)).values(deleted_at=None))
        note_changes(session, Changes(customers=True, customer_ids=frozenset(trashed)))
        _refresh_referrers(session, trashed)
    return tuple(trashed)


def purge_customers(session: Session, customer_ids: Iterable[int], *,
                    progress: Progress = no_progress,
                    is_cancelled: CancelCheck = never_cancelled) -> int:
    """Delete trashed customers for good (emptying the trash), with everything that
    belongs to them: their history, moments, tags and import links go with them (the
    database's cascades), and their testimonials' attachment files (PURGE_LISTENERS);
    print history keeps its batches, without their names. Live
    customers are untouched. Returns how many were deleted. A long job (about a second
    per thousand at 100,000 customers): raises Cancelled, for the caller's unit of work
    to roll back, when `is_cancelled()`."""
    ids = sorted(set(customer_ids))
    doomed: list[int] = []
    referrers: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = session.execute(select(Customer.id, Customer.referred_by_id).where(
            Customer.id.in_(chunk), Customer.deleted_at.is_not(None))).all()
        doomed += [row.id for row in rows]
        referrers.update(row.referred_by_id for row in rows if row.referred_by_id is not None)
    _tell_purge_listeners(session, doomed)
    for start in range(0, len(doomed), _PURGE_CHUNK):
        progress(start, len(doomed))
        if is_cancelled():
            raise Cancelled
        session.execute(delete(Customer).where(
            Customer.id.in_(doomed[start : start + _PURGE_CHUNK]))
            .execution_options(synchronize_session=False))
    progress(len(doomed), len(doomed))
    if doomed:
        note_changes(session, Changes(customers=True, interactions=True,
                                      customer_ids=frozenset(doomed)))
        refresh_customer_stats(session, sorted(referrers - set(doomed)))
    return len(doomed)


# Areas that keep more of a customer than the database's cascades remove (files kept
# beside the database: testimonials' photos and signed forms). Each module's
# `forget_customers(session, ids)` runs before the customers' rows go, in the same unit of
# work; what it reports can be read first with its area's queries.
PURGE_LISTENERS = ("core.testimonials.services",)


def _tell_purge_listeners(session: Session, customer_ids: list[int]) -> None:
    import importlib

    if not customer_ids:
        return
    for name in PURGE_LISTENERS:
        importlib.import_module(name).forget_customers(session, customer_ids)


def list_tags(session: Session) -> list[tuple[int, str]]:
    return [(t.id, t.name) for t in session.scalars(select(Tag).order_by(func.lower(Tag.name)))]


def _refresh_referrers(session: Session, ids: Iterable[int]) -> None:
    referrers = session.scalars(
        select(Customer.referred_by_id).where(
            Customer.id.in_(list(ids)), Customer.referred_by_id.is_not(None)
        )
    ).all()
    refresh_customer_stats(session, [r for r in referrers if r is not None])


def _load(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer", customer_id)
    return customer


def _apply_draft(session: Session, customer: Customer, draft: CustomerDraft) -> None:
    for name in TEXT_FIELDS:
        setattr(customer, name, getattr(draft, name))
    customer.referred_by_id = draft.referred_by_id
    customer.customer_since = draft.customer_since
    birthday = draft.birthday
    customer.birthday_month = birthday.month if birthday else None
    customer.birthday_day = birthday.day if birthday else None
    customer.birthday_year = birthday.year if birthday else None
    customer.no_mail = draft.no_mail
    customer.no_email = draft.no_email
    customer.no_birthday_cards = draft.no_birthday_cards
    customer.no_calls = draft.no_calls
    customer.no_campaigns = draft.no_campaigns
    if draft.needs_checking is not None:
        customer.needs_checking = needs_checking_text(draft.needs_checking)
    for key, value in customer_keys(
        first_name=draft.first_name, last_name=draft.last_name, organisation=draft.organisation,
        email=draft.email, phone=draft.phone, postal_code=draft.postal_code,
    ).items():
        setattr(customer, key, value)
    customer.tags = _tags_named(session, draft.tags)


def _tags_named(session: Session, names: Iterable[str]) -> list[Tag]:
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return []
    # Compared case-folded in Python on every engine (see read_tag_ids).
    folded = {n.casefold(): n for n in wanted}
    known = read_tag_ids(session)
    tags = []
    for key, name in folded.items():
        tag_id = known.get(key)
        tag = session.get(Tag, tag_id) if tag_id is not None else None
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        tags.append(tag)
    return tags


def _draft_of(customer: Customer) -> CustomerDraft:
    birthday = None
    if customer.birthday_month and customer.birthday_day:
        birthday = PartialDate(customer.birthday_month, customer.birthday_day, customer.birthday_year)
    return CustomerDraft(
        **{name: getattr(customer, name) or "" for name in TEXT_FIELDS},
        referred_by_id=customer.referred_by_id,
        customer_since=customer.customer_since,
        birthday=birthday,
        no_mail=customer.no_mail,
        no_email=customer.no_email,
        no_birthday_cards=customer.no_birthday_cards,
        no_calls=customer.no_calls,
        no_campaigns=customer.no_campaigns,
        tags=tuple(t.name for t in customer.tags),
        needs_checking=needs_checking_of(customer.needs_checking or ""),
    )


def _detail(session: Session, customer: Customer) -> CustomerDetail:
    referrer_name = ""
    if customer.referred_by_id is not None:
        referrer = session.get(Customer, customer.referred_by_id)
        if referrer is not None:
            referrer_name = display_name(
                referrer.first_name, referrer.last_name, referrer.organisation
            )
    referral_count = session.scalar(
        select(func.count()).where(
            Customer.referred_by_id == customer.id, Customer.deleted_at.is_(None)
        )
    )
    interactions = sorted(customer.interactions, key=lambda i: (i.occurred_on, i.id), reverse=True)
    moments = sorted(customer.moments, key=lambda m: (m.month, m.day, m.id))
    return CustomerDetail(
        id=customer.id,
        draft=_draft_of(customer),
        stage=customer.stage,
        visit_count=customer.visit_count,
        lifetime_value_minor=customer.lifetime_value_minor,
        last_interaction_on=customer.last_interaction_on,
        referred_by_name=referrer_name,
        referral_count=referral_count or 0,
        created_at=customer.created_at,
        deleted=customer.deleted_at is not None,
        deleted_at=customer.deleted_at,
        version=customer.version,
        interactions=tuple(
            interaction_row(i) for i in interactions
        ),
        moments=tuple(
            MomentRow(m.id, m.kind, m.life_event, PartialDate(m.month, m.day, m.year), m.note)
            for m in moments
        ),
    )
