"""After-sale follow-up: a call a week after a large purchase: how did it go?"""
from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.program.models import Action
from core.program.rules import CALL, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS, INTERACTIONS, willing
from core.program.settings import ProgramSettings

KEY = "after_sale"
# The shop's median purchase: of its last purchases (this many), within a year.
MEDIAN_OF = 5_000
MEDIAN_OVER_DAYS = 365


def large_purchases(session: Session, span: Span, settings: ProgramSettings) -> Iterator[Occasion]:
    """Purchases of at least `after_sale_times_median` times the shop's median purchase,
    at most one follow-up per customer in `after_sale_every_days` (counting those already
    queued)."""
    median = shop_median_purchase(session, span.last)
    if median is None:
        return
    threshold = median * settings.after_sale_times_median
    i = INTERACTIONS.c
    query = (
        select(i.customer_id, i.occurred_on, i.amount_minor)
        .join(CUSTOMERS, CUSTOMERS.c.id == i.customer_id)
        .where(i.kind == "purchase", i.amount_minor >= threshold,
               i.occurred_on.between(span.first, span.last), willing(CALL, span))
        .order_by(i.customer_id, i.occurred_on)
    )
    every = dt.timedelta(days=settings.after_sale_every_days)
    last_call = _queued_follow_ups(session, span.first - every)
    for customer_id, on, _amount in session.execute(query):
        before = last_call.get(customer_id)
        if before is not None and abs((on - before).days) < every.days and before != on:
            continue
        last_call[customer_id] = on
        yield Occasion(customer_id, on)


def shop_median_purchase(session: Session, until: dt.date) -> float | None:
    """The median amount (in minor units) of the shop's last purchases up to `until` (the
    last MEDIAN_OF of the past year): read newest first through the index on the day, so a
    busy shop's year of purchases is never sorted by amount on every evaluation."""
    i = INTERACTIONS.c
    amounts = session.scalars(
        select(i.amount_minor)
        .where(i.kind == "purchase", i.amount_minor > 0,
               i.occurred_on.between(until - dt.timedelta(days=MEDIAN_OVER_DAYS), until))
        .order_by(i.occurred_on.desc()).limit(MEDIAN_OF)
    ).all()
    return float(statistics.median(amounts)) if amounts else None


def _queued_follow_ups(session: Session, since: dt.date) -> dict[int, dt.date]:
    rows = session.execute(
        select(Action.customer_id, func.max(Action.occasion_on))
        .where(Action.rule == KEY, Action.occasion_on >= since)
        .group_by(Action.customer_id)
    )
    return {customer_id: on for customer_id, on in rows}


RULE = Rule(KEY, CALL, large_purchases, marketing=False)  # service, not marketing
