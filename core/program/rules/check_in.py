"""New-customer check-in: a call some days after the first visit (two weeks by default):
did we deliver what we promised?"""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from core.program.rules import CALL, Occasion, Rule, Span
from core.program.rules.common import BUSINESS, CUSTOMERS, INTERACTIONS, willing
from core.program.settings import ProgramSettings

KEY = "check_in"


def first_visits(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    """Customers whose first visit or purchase falls in the span (the occasion; the call
    is due `check_in_due_days` later)."""
    i = INTERACTIONS.c
    earlier = INTERACTIONS.alias("earlier")
    came_before = exists().where(
        earlier.c.customer_id == i.customer_id, earlier.c.kind.in_(BUSINESS),
        earlier.c.occurred_on < span.first,
    )
    query = (
        select(i.customer_id, func.min(i.occurred_on))
        .join(CUSTOMERS, CUSTOMERS.c.id == i.customer_id)
        .where(i.kind.in_(BUSINESS), i.occurred_on.between(span.first, span.last),
               willing(CALL, span), ~came_before)
        .group_by(i.customer_id)
    )
    for customer_id, first in session.execute(query):
        yield Occasion(customer_id, first)


# A service call, not marketing: an open complaint does not hold it back.
RULE = Rule(KEY, CALL, first_visits, marketing=False)
