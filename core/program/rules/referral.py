"""Referral: thank the customer someone named as the one who sent them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.program.rules import CARD, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS, willing
from core.program.settings import ProgramSettings


def referrals(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    """The occasion is the day the new customer was added with their referrer (the record's
    creation: asking "who sent you?" happens when someone first comes in). A referrer who
    sent two people on one day gets one card, which names the first."""
    referred = CUSTOMERS.alias("referred")
    start = dt.datetime.combine(span.first, dt.time.min)
    end = dt.datetime.combine(span.last + dt.timedelta(days=1), dt.time.min)
    query = (
        select(CUSTOMERS.c.id, referred.c.created_at, referred.c.id)
        .join(referred, referred.c.referred_by_id == CUSTOMERS.c.id)
        # "Has a referrer" first: the index on it finds the few referred customers, where the
        # creation time alone would read every customer.
        .where(referred.c.referred_by_id.is_not(None),
               referred.c.created_at >= start, referred.c.created_at < end,
               referred.c.deleted_at.is_(None), willing(CARD, span, scoped=False),
               *_either_of(span, CUSTOMERS.c.id, referred.c.id))
        .order_by(referred.c.created_at, referred.c.id)
    )
    seen: set[tuple[int, dt.date]] = set()
    for referrer_id, created_at, referred_id in session.execute(query):
        key = (referrer_id, created_at.date())
        if key not in seen:
            seen.add(key)
            yield Occasion(referrer_id, created_at.date(), str(referred_id))


def _either_of(span: Span, referrer: Any, new_customer: Any) -> list[Any]:
    """After a change to some customers: the referrals they made or were made by."""
    if span.customers is None:
        return []
    ids = sorted(span.customers)
    return [or_(referrer.in_(ids), new_customer.in_(ids))]


RULE = Rule("referral", CARD, referrals)
