"""What happened with a customer (interactions) and the dates worth a gesture (moments)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from core.customers.models import Customer, Interaction, Moment
from core.customers.stats import refresh_customer_stats
from core.customers.types import (
    INTERACTION_KINDS,
    LIFE_EVENTS,
    MOMENT_KINDS,
    InteractionDraft,
    InteractionRow,
    MomentDraft,
    MomentRow,
)
from core.customers.validation import (
    INVALID_AMOUNT,
    INVALID_CHOICE,
    check_partial_date,
)
from core.kernel.edits import checked_edit
from core.kernel.errors import Invalid, NotFound, Problem


def add_interaction(
    session: Session, customer_id: int, draft: InteractionDraft, *, today: dt.date | None = None
) -> InteractionRow:
    """Record a visit, purchase, call, meeting or note; updates the customer's stats and stage."""
    if session.get(Customer, customer_id) is None:
        raise NotFound("customer", customer_id)
    _check_interaction(draft)
    row = Interaction(
        customer_id=customer_id, kind=draft.kind, occurred_on=draft.occurred_on,
        amount_minor=draft.amount_minor, note=draft.note.strip(),
    )
    session.add(row)
    session.flush()
    refresh_customer_stats(session, [customer_id], today=today)
    return interaction_row(row)


def update_interaction(session: Session, customer_id: int, interaction_id: int,
                       draft: InteractionDraft, *,
                       base: InteractionRow | None = None) -> InteractionRow:
    """Change one of the customer's interactions (kind, date, amount, note), keeping its id
    (and so where an import found it); updates the customer's stats and stage. With `base`
    (the row as the editor read it), a change saved elsewhere meanwhile is merged in, or
    raises EditConflict when it changed the same values."""
    row = session.get(Interaction, interaction_id)
    if row is None or row.customer_id != customer_id:
        raise NotFound("interaction", interaction_id)
    _check_interaction(draft)
    draft = checked_edit("interaction", interaction_id, base=base.draft if base else None,
                         base_version=base.version if base else None, mine=draft,
                         theirs=interaction_row(row).draft, version=row.version)
    row.kind, row.occurred_on = draft.kind, draft.occurred_on
    row.amount_minor, row.note = draft.amount_minor, draft.note.strip()
    session.flush()
    refresh_customer_stats(session, [customer_id])
    return interaction_row(row)


def interaction_row(row: Interaction) -> InteractionRow:
    return InteractionRow(row.id, row.kind, row.occurred_on, row.amount_minor, row.note,
                          row.version)


def _check_interaction(draft: InteractionDraft) -> None:
    problems = []
    if draft.kind not in INTERACTION_KINDS:
        problems.append(Problem("kind", INVALID_CHOICE, draft.kind))
    if draft.amount_minor is not None and (
        not isinstance(draft.amount_minor, int) or draft.amount_minor < 0
    ):
        problems.append(Problem("amount", INVALID_AMOUNT, str(draft.amount_minor)))
    if problems:
        raise Invalid(problems)


def delete_interaction(session: Session, interaction_id: int) -> int:
    """Remove one interaction; returns its customer's id."""
    row = session.get(Interaction, interaction_id)
    if row is None:
        raise NotFound("interaction", interaction_id)
    customer_id = row.customer_id
    session.delete(row)
    session.flush()
    refresh_customer_stats(session, [customer_id])
    return customer_id


def add_moment(session: Session, customer_id: int, draft: MomentDraft) -> MomentRow:
    """Record an anniversary or life event (wedding, new baby, ...) for a customer."""
    if session.get(Customer, customer_id) is None:
        raise NotFound("customer", customer_id)
    problems: list[Problem] = []
    if draft.kind not in MOMENT_KINDS:
        problems.append(Problem("kind", INVALID_CHOICE, draft.kind))
    life_event = draft.life_event if draft.kind == "life_event" else ""
    if draft.kind == "life_event" and life_event not in LIFE_EVENTS:
        problems.append(Problem("life_event", INVALID_CHOICE, life_event))
    check_partial_date("date", draft.date, problems)
    if problems:
        raise Invalid(problems)
    row = Moment(
        customer_id=customer_id, kind=draft.kind, life_event=life_event,
        month=draft.date.month, day=draft.date.day, year=draft.date.year, note=draft.note.strip(),
    )
    session.add(row)
    session.flush()
    return MomentRow(row.id, row.kind, row.life_event, draft.date, row.note)


def delete_moment(session: Session, moment_id: int) -> int:
    row = session.get(Moment, moment_id)
    if row is None:
        raise NotFound("moment", moment_id)
    customer_id = row.customer_id
    session.delete(row)
    return customer_id
