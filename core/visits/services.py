"""Visit services: log, change, delete and put back interactions, one customer at a time,
keeping the customer's visits, lifetime value, last visit and stage in step.

The rows are the customers area's `interactions` table, written here with Core SQL (one
INSERT and one set-based statistics refresh: the counter's speed budget is 50 ms at
100,000 customers). Every write notes `Changes(interactions=True, customer_ids=...)`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, and_, delete, insert, select, update
from sqlalchemy.orm import Session

from core.customers.services import refresh_customer_stats
from core.customers.types import INTERACTION_KINDS, normalize_email, normalize_phone
from core.kernel.changes import Changes
from core.kernel.errors import Invalid, NotFound, Problem
from core.kernel.money import Money
from core.settings.services import get_business_profile
from core.store.base import Base
from core.store.changes import note_changes
from core.visits.errors import (
    AMOUNT_NEGATIVE,
    INVALID_KIND,
    MAX_NOTE_LENGTH,
    NOTE_TOO_LONG,
    OTHER_CURRENCY,
    AmbiguousCustomer,
)
from core.visits.till.formats import FORMATS as TILL_FORMATS
from core.visits.till.importing import (
    CREATE,
    SKIP,
    TillPreview,
    UnmatchedRow,
    VisitImportOptions,
    VisitImportSummary,
    import_visits,
    is_rejection,
    preview_till_file,
    run_visit_import,
)
from core.visits.till.square_export import write_demo_till_export
from core.visits.till.undo import undo_imported_visits
from core.visits.types import InteractionDraft, InteractionRecord

__all__ = [
    "business_currency",
    "delete_interaction",
    "delete_interactions",
    "find_customer_id",
    "get_interaction",
    "log_interaction",
    "restore_interaction",
    "restore_interactions",
    "update_interaction",
]
# Visits and purchases from the till (core/visits/till): for the front ends, the demo
# and the import history's undo.
__all__ += [
    "CREATE",
    "SKIP",
    "TILL_FORMATS",
    "TillPreview",
    "UnmatchedRow",
    "VisitImportOptions",
    "VisitImportSummary",
    "import_visits",
    "is_rejection",
    "preview_till_file",
    "run_visit_import",
    "undo_imported_visits",
    "write_demo_till_export",
]

# Interactions that count as coming in (visits, stage, first visit).
_BUSINESS_KINDS = ("visit", "purchase")


def _tables() -> tuple[Table, Table]:
    # The customers area maps both tables (importing its services above registered them).
    tables = Base.metadata.tables
    return tables["interactions"], tables["customers"]


def business_currency(session: Session) -> str:
    """The ISO code every stored amount is in (the business profile's currency)."""
    return get_business_profile(session).currency.upper()


def log_interaction(session: Session, customer_id: int, draft: InteractionDraft, *,
                    today: dt.date | None = None) -> int:
    """Record one visit, purchase, call, meeting or note for a live customer; returns its id.

    Refreshes the customer's visits, lifetime value, last visit and stage, and moves
    `customer_since` back to a visit or purchase that came before it (or sets it when
    empty). Raises NotFound("customer", id) for a missing or trashed customer, and
    Invalid naming `kind`, `amount` or `note`; then nothing is written."""
    interactions, customers = _tables()
    since = _live_customer_since(session, customer_id)
    values = _checked_values(session, draft)
    new_id = int(session.execute(
        insert(interactions).values(customer_id=customer_id, **values)
        .returning(interactions.c.id)).scalar_one())
    if draft.kind in _BUSINESS_KINDS and (since is None or draft.occurred_on < since):
        session.execute(update(customers).where(customers.c.id == customer_id)
                        .values(customer_since=draft.occurred_on))
    _refresh(session, customer_id, today)
    return new_id


def update_interaction(session: Session, interaction_id: int, draft: InteractionDraft, *,
                       today: dt.date | None = None) -> InteractionRecord:
    """Replace an interaction's kind, date, amount and note; returns it as it was before
    (so that the change can be undone). Raises NotFound or Invalid."""
    before = get_interaction(session, interaction_id)
    interactions, _ = _tables()
    was_refund = before.amount is not None and before.amount.minor < 0
    session.execute(update(interactions).where(interactions.c.id == interaction_id)
                    .values(**_checked_values(session, draft, refund_allowed=was_refund)))
    _refresh(session, before.customer_id, today)
    return before


def delete_interaction(session: Session, interaction_id: int, *,
                       today: dt.date | None = None) -> InteractionRecord:
    """Remove one interaction; returns it whole, for `restore_interaction` (undo).
    Raises NotFound("interaction", id)."""
    return delete_interactions(session, [interaction_id], today=today)[0]


def delete_interactions(session: Session, interaction_ids: Sequence[int], *,
                        today: dt.date | None = None) -> tuple[InteractionRecord, ...]:
    """Remove interactions (of any customers) in one go; returns them whole, in the order
    given, for `restore_interactions`. Raises NotFound("interaction", id) for the first
    one missing, and then nothing is removed."""
    removed = tuple(get_interaction(session, i) for i in interaction_ids)
    interactions, _ = _tables()
    if removed:
        session.execute(delete(interactions).where(
            interactions.c.id.in_([r.id for r in removed])))
        _refresh(session, {r.customer_id for r in removed}, today)
    return removed


def restore_interaction(session: Session, record: InteractionRecord, *,
                        today: dt.date | None = None) -> int:
    """Put a deleted interaction back under its old id (a new one if that id was taken
    meanwhile); returns the id. Raises NotFound("customer", id) when its customer is gone
    for good."""
    return restore_interactions(session, [record], today=today)[0]


def restore_interactions(session: Session, records: Sequence[InteractionRecord], *,
                         today: dt.date | None = None) -> tuple[int, ...]:
    """`restore_interaction` for several, in one go; returns their ids in order."""
    interactions, customers = _tables()
    restored: list[int] = []
    for record in records:
        if session.scalar(select(customers.c.id)
                          .where(customers.c.id == record.customer_id)) is None:
            raise NotFound("customer", record.customer_id)
        # As it was stored: a refund from the till keeps its negative amount.
        values = _checked_values(session, record.draft(), refund_allowed=True)
        values.update(source=record.source, external_id=record.external_id,
                      import_run_id=record.import_run_id)
        taken = session.scalar(select(interactions.c.id).where(interactions.c.id == record.id))
        if taken is None:
            session.execute(insert(interactions).values(
                id=record.id, customer_id=record.customer_id, **values))
            restored.append(record.id)
        else:
            restored.append(int(session.execute(
                insert(interactions).values(customer_id=record.customer_id, **values)
                .returning(interactions.c.id)).scalar_one()))
    _refresh(session, {r.customer_id for r in records}, today)
    return tuple(restored)


def get_interaction(session: Session, interaction_id: int) -> InteractionRecord:
    """One stored interaction; raises NotFound("interaction", id)."""
    interactions, _ = _tables()
    row = session.execute(select(
        interactions.c.id, interactions.c.customer_id, interactions.c.kind,
        interactions.c.occurred_on, interactions.c.amount_minor, interactions.c.note,
        interactions.c.source, interactions.c.external_id, interactions.c.import_run_id,
    ).where(interactions.c.id == interaction_id)).first()
    if row is None:
        raise NotFound("interaction", interaction_id)
    currency = business_currency(session)
    amount = None if row.amount_minor is None else Money(int(row.amount_minor), currency)
    return InteractionRecord(int(row.id), int(row.customer_id), row.kind, row.occurred_on,
                             amount, row.note or "", row.source, row.external_id,
                             row.import_run_id)


def find_customer_id(session: Session, *, email: str = "", phone: str = "") -> int:
    """The live customer with this email (any case) or phone (any formatting, read in the
    business's region). Raises Invalid("email"/"phone") when it cannot be one,
    NotFound("customer", value) when no one has it, AmbiguousCustomer when several do."""
    _, customers = _tables()
    if email:
        by, given = "email", email
        try:
            key = normalize_email(email).casefold()
        except ValueError as exc:
            raise Invalid([Problem("email", "invalid_email", str(exc))]) from exc
        condition: Any = customers.c.email_key == key
    else:
        by, given = "phone", phone
        region = get_business_profile(session).region
        try:
            number = normalize_phone(phone, region)
        except ValueError as exc:
            raise Invalid([Problem("phone", "invalid_phone", phone)]) from exc
        condition = customers.c.phone == number
    ids = tuple(int(i) for i in session.scalars(
        select(customers.c.id).where(and_(condition, customers.c.deleted_at.is_(None)))
        .order_by(customers.c.id).limit(10)))
    if not ids:
        raise NotFound("customer", given)
    if len(ids) > 1:
        raise AmbiguousCustomer(by, given, ids)
    return ids[0]


def _live_customer_since(session: Session, customer_id: int) -> dt.date | None:
    _, customers = _tables()
    row = session.execute(select(customers.c.customer_since).where(
        customers.c.id == customer_id, customers.c.deleted_at.is_(None))).first()
    if row is None:
        raise NotFound("customer", customer_id)
    since: dt.date | None = row.customer_since
    return since


def _checked_values(session: Session, draft: InteractionDraft, *,
                    refund_allowed: bool = False) -> dict[str, Any]:
    """The row's columns from a draft, or Invalid naming every bad field. A negative
    amount (a refund, which only a till import records) only where `refund_allowed`."""
    problems: list[Problem] = []
    if draft.kind not in INTERACTION_KINDS:
        problems.append(Problem("kind", INVALID_KIND, draft.kind))
    amount_minor = None
    if draft.amount is not None:
        currency = business_currency(session)
        if draft.amount.currency.upper() != currency:
            problems.append(Problem("amount", OTHER_CURRENCY, draft.amount.currency))
        elif draft.amount.minor < 0 and not refund_allowed:
            problems.append(Problem("amount", AMOUNT_NEGATIVE, str(draft.amount.minor)))
        amount_minor = draft.amount.minor
    note = draft.note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        problems.append(Problem("note", NOTE_TOO_LONG, str(MAX_NOTE_LENGTH)))
    if problems:
        raise Invalid(problems)
    return {"kind": draft.kind, "occurred_on": draft.occurred_on, "amount_minor": amount_minor,
            "note": note}


def _refresh(session: Session, customer_ids: int | Iterable[int],
             today: dt.date | None) -> None:
    ids = frozenset({customer_ids} if isinstance(customer_ids, int) else customer_ids)
    if ids:
        refresh_customer_stats(session, ids, today=today)
        note_changes(session, Changes(customers=True, interactions=True, customer_ids=ids))


