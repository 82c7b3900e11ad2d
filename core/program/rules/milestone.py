"""Milestones: the 10th, 25th, 50th and 100th visit."""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.program.rules import CARD, Occasion, Rule, Span
from core.program.rules.common import BUSINESS, CUSTOMERS, INTERACTIONS, willing
from core.program.settings import ProgramSettings

MILESTONES = (10, 25, 50, 100)


def milestone_visits(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    """Numbers each visit of the customers who came in during the span (and have come at
    least ten times), and keeps the milestone visits that fall inside it."""
    i = INTERACTIONS.c
    came_in_span = (
        select(i.customer_id)
        .where(i.kind.in_(BUSINESS), i.occurred_on.between(span.first, span.last))
        .distinct()
    )
    numbered = (
        select(
            i.customer_id, i.occurred_on,
            func.row_number().over(partition_by=i.customer_id,
                                   order_by=(i.occurred_on, i.id)).label("n"),
        )
        .join(CUSTOMERS, CUSTOMERS.c.id == i.customer_id)
        .where(i.kind.in_(BUSINESS), i.customer_id.in_(came_in_span),
               CUSTOMERS.c.visit_count >= MILESTONES[0], willing(CARD, span))
        .subquery()
    )
    query = select(numbered.c.customer_id, numbered.c.occurred_on, numbered.c.n).where(
        numbered.c.n.in_(MILESTONES), numbered.c.occurred_on.between(span.first, span.last)
    )
    for customer_id, on, n in session.execute(query):
        yield Occasion(customer_id, on, str(n))


RULE = Rule("milestone", CARD, milestone_visits)
