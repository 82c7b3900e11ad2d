"""Welcome: thank every new customer, after their first visit or purchase."""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from core.program.rules import CARD, Occasion, Rule, Span
from core.program.rules.common import BUSINESS, CUSTOMERS, INTERACTIONS, willing
from core.program.settings import ProgramSettings


def first_visits(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
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
               willing(CARD, span), ~came_before)
        .group_by(i.customer_id)
    )
    for customer_id, first in session.execute(query):
        yield Occasion(customer_id, first)


RULE = Rule("welcome", CARD, first_visits)
