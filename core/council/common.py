"""What the council's modules share: validation codes, names of customers, checks."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.kernel.errors import Invalid, NotFound, Problem

# Problem codes (core.kernel.errors.Problem.code); the front ends word them.
REQUIRED = "required"
TOO_LONG = "too_long"
INVALID_CHOICE = "invalid_choice"
END_BEFORE_START = "end_before_start"
OUT_OF_RANGE = "out_of_range"
INVALID_TIME = "invalid_time"

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def check_text(problems: list[Problem], field: str, value: str, limit: int, *,
               required: bool = True) -> None:
    if required and not value.strip():
        problems.append(Problem(field, REQUIRED))
    elif len(value) > limit:
        problems.append(Problem(field, TOO_LONG, str(limit)))


def check_choice(problems: list[Problem], field: str, value: str,
                 choices: Iterable[str]) -> None:
    if value not in tuple(choices):
        problems.append(Problem(field, INVALID_CHOICE, value))


def check_time(problems: list[Problem], field: str, value: str) -> None:
    if value and not _TIME.match(value):
        problems.append(Problem(field, INVALID_TIME, value))


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise Invalid(problems)


def names_of(session: Session, customer_ids: Iterable[int]) -> dict[int, str]:
    """Each customer's display name, by id (trashed customers too: history keeps them)."""
    ids = sorted(set(customer_ids))
    c = CUSTOMERS.c
    names: dict[int, str] = {}
    for start in range(0, len(ids), 900):
        for row in session.execute(select(c.id, c.first_name, c.last_name, c.organisation)
                                   .where(c.id.in_(ids[start:start + 900]))):
            names[row.id] = display_name(row.first_name, row.last_name, row.organisation)
    return names


def live_customer(session: Session, customer_id: int) -> None:
    """Raise NotFound("customer", id) unless the customer exists and is not in the trash."""
    found = session.execute(select(CUSTOMERS.c.id).where(
        CUSTOMERS.c.id == customer_id, CUSTOMERS.c.deleted_at.is_(None))).first()
    if found is None:
        raise NotFound("customer", customer_id)


def get_or_404(session: Session, model: Any, kind: str, row_id: int) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(kind, row_id)
    return row


def gathering_of_kind(session: Session, gathering_id: int, kind: str, name: str) -> Any:
    """The council meeting or evening with this id, of this `kind` (else NotFound(name))."""
    from core.council.models import Gathering

    gathering = session.get(Gathering, gathering_id)
    if gathering is None or gathering.kind != kind:
        raise NotFound(name, gathering_id)
    return gathering


def moved_on(record: Any) -> None:
    """Move a versioned record's version on when a row under it changed (a meeting's
    decisions, actions, attendance...) though none of its own values did: an editor that
    opened it before then merges with, or asks about, what is stored now. The ORM writes it
    only while the version is still the one read (core.store.base.Versioned)."""
    record.version = record.version + 1
