"""Promoter: someone who answers 9 or 10 to "how likely are you to recommend us", and has
given no testimonial yet, gets a call to ask for their story, at most once in
`promoter_every_days`."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from core.program.models import Action
from core.program.rules import CALL, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS, willing
from core.program.settings import ProgramSettings
from core.scores.tables import SCORES
from core.scores.types import NPS, PROMOTER_LOWEST
from core.testimonials.tables import TESTIMONIALS

KEY = "promoter"


def promoter_answers(session: Session, span: Span,
                     settings: ProgramSettings) -> Iterator[Occasion]:
    s = SCORES.c
    query = (
        select(s.customer_id, s.answered_on, func.max(s.score))
        .join(CUSTOMERS, CUSTOMERS.c.id == s.customer_id)
        .where(s.answered_on.between(span.first, span.last), willing(CALL, span),
               s.scale == NPS, s.score >= PROMOTER_LOWEST,
               ~exists().where(TESTIMONIALS.c.customer_id == s.customer_id))
        .group_by(s.customer_id, s.answered_on)
        .order_by(s.customer_id, s.answered_on)
    )
    every = dt.timedelta(days=settings.promoter_every_days)
    last_ask = _asked_since(session, span.first - every)
    for customer_id, on, score in session.execute(query):
        before = last_ask.get(customer_id)
        if before is not None and before != on and abs((on - before).days) < every.days:
            continue
        last_ask[customer_id] = on
        yield Occasion(customer_id, on, f"{NPS} {score}")


def _asked_since(session: Session, since: dt.date) -> dict[int, dt.date]:
    rows = session.execute(
        select(Action.customer_id, func.max(Action.occasion_on))
        .where(Action.rule == KEY, Action.occasion_on >= since)
        .group_by(Action.customer_id))
    return {customer_id: on for customer_id, on in rows}


RULE = Rule(KEY, CALL, promoter_answers)
