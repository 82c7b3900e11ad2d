"""Complaint resolved: a follow-up call a week after a complaint was resolved: are they
happy now? (The answer can be recorded as a satisfaction score.)"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.tables import COMPLAINTS
from core.complaints.types import RESOLVED
from core.program.rules import CALL, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS, willing
from core.program.settings import ProgramSettings

KEY = "complaint_resolved"


def resolutions(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    """Each day a customer had a complaint resolved; the detail names the complaint (the
    latest of that day)."""
    k = COMPLAINTS.c
    # Stored as a date and time: the span's last day runs to its end.
    first = dt.datetime.combine(span.first, dt.time())
    end = dt.datetime.combine(span.last + dt.timedelta(days=1), dt.time())
    query = (
        select(k.customer_id, k.ended_at, k.id)
        .join(CUSTOMERS, CUSTOMERS.c.id == k.customer_id)
        .where(k.status == RESOLVED, k.ended_at >= first, k.ended_at < end,
               willing(CALL, span))
        .order_by(k.customer_id, k.ended_at, k.id)
    )
    latest: dict[tuple[int, dt.date], int] = {}
    for customer_id, ended_at, complaint_id in session.execute(query):
        latest[(customer_id, ended_at.date())] = complaint_id
    for (customer_id, day), complaint_id in latest.items():
        yield Occasion(customer_id, day, str(complaint_id))


RULE = Rule(KEY, CALL, resolutions, marketing=False)
