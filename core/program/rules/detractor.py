"""Detractor: an unhappy answer (NPS 0–6, or CSAT 1–2) gets a call back within a day."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.program.rules import CALL, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS, willing
from core.program.settings import ProgramSettings
from core.scores.tables import SCORES
from core.scores.types import CSAT, CSAT_UNHAPPY_HIGHEST, DETRACTOR_HIGHEST, NPS

KEY = "detractor"


def unhappy_answers(session: Session, span: Span,
                    _settings: ProgramSettings) -> Iterator[Occasion]:
    """One call per customer and day with an unhappy answer (the lowest of the day named)."""
    s = SCORES.c
    query = (
        select(s.customer_id, s.answered_on, s.scale, s.score)
        .join(CUSTOMERS, CUSTOMERS.c.id == s.customer_id)
        .where(s.answered_on.between(span.first, span.last), willing(CALL, span),
               or_((s.scale == NPS) & (s.score <= DETRACTOR_HIGHEST),
                   (s.scale == CSAT) & (s.score <= CSAT_UNHAPPY_HIGHEST)))
        .order_by(s.customer_id, s.answered_on, s.score.desc())
    )
    lowest: dict[tuple[int, dt.date], str] = {}
    for customer_id, on, scale, score in session.execute(query):
        lowest[(customer_id, on)] = f"{scale} {score}"  # ascending: the lowest wins
    for (customer_id, on), detail in lowest.items():
        yield Occasion(customer_id, on, detail)


# Putting things right is service, not marketing: an open complaint does not hold it back.
RULE = Rule(KEY, CALL, unhappy_answers, marketing=False)
