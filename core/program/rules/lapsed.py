"""Lapsed: "we miss you" once someone has stopped coming, once per lapse."""
from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from itertools import groupby, pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.program.rules import LETTER, Occasion, Rule, Span
from core.program.rules.common import BUSINESS, CUSTOMERS, INTERACTIONS, willing
from core.program.settings import ProgramSettings

# Customers whose last visit is longer ago than this before the span are not looked at:
# their lapse (if any) was found long before, or they came less than once a year.
LOOKBACK_DAYS = 730


def lapses(session: Session, span: Span, settings: ProgramSettings) -> Iterator[Occasion]:
    """A customer has lapsed on the day when they have not come for max(2 × their median
    gap between visits, `lapsed_at_least_days`), or `lapsed_after_one_visit_days` after a
    single visit. The occasion is that day, so coming back and lapsing again is a new one."""
    c, i = CUSTOMERS.c, INTERACTIONS.c
    earliest = span.first - dt.timedelta(days=LOOKBACK_DAYS)
    latest = span.last - dt.timedelta(days=settings.lapsed_at_least_days)
    query = (
        select(i.customer_id, i.occurred_on)
        .join(CUSTOMERS, c.id == i.customer_id)
        .where(i.kind.in_(BUSINESS), c.last_interaction_on.between(earliest, latest),
               c.visit_count >= 1, willing(LETTER))
        .order_by(i.customer_id, i.occurred_on)
    )
    rows = session.execute(query)
    for customer_id, visits in groupby(rows, key=lambda row: row[0]):
        days = sorted({row[1] for row in visits})
        if len(days) == 1:
            wait = settings.lapsed_after_one_visit_days
        else:
            gaps = [(later - earlier).days for earlier, later in pairwise(days)]
            wait = max(2 * statistics.median(gaps), settings.lapsed_at_least_days)
        on = days[-1] + dt.timedelta(days=int(wait))
        if on in span:
            yield Occasion(customer_id, on, days[-1].isoformat())


def came_back(session: Session) -> None:
    """Withdraw the open "we miss you" of customers who have come since."""
    from core.program.evaluate import withdraw_open
    from core.program.models import Action

    rows = session.execute(
        select(Action.customer_id, Action.detail, CUSTOMERS.c.last_interaction_on)
        .join(CUSTOMERS, CUSTOMERS.c.id == Action.customer_id)
        .where(Action.rule == KEY, Action.state == "open")
    )
    back = [customer_id for customer_id, last_then, last_now in rows
            if last_now is not None and last_now.isoformat() > last_then]
    withdraw_open(session, KEY, back)


KEY = "lapsed"
RULE = Rule(KEY, LETTER, "we-miss-you", lapses, withdraw=came_back)
