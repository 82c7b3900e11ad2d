"""Meeting notes: a reminder when a meeting's notes have not been sent within 2 days.

Notes sent are the reminder done with: `prepare` marks it done on the day they were sent
(it shows among Today's done ones); notes sent before it was queued never queue it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import Session

from core.meetings.tables import MEETINGS
from core.program.models import Action
from core.program.rules import TASK, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS
from core.program.settings import ProgramSettings

KEY = "meeting_notes"


def unsent(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    """Each day a customer had a meeting whose notes are not sent (not a campaign: only a
    customer in the trash is left out)."""
    m, c = MEETINGS.c, CUSTOMERS.c
    query = (
        select(m.customer_id, m.met_on).distinct()
        .join(CUSTOMERS, c.id == m.customer_id)
        .where(m.sent_on.is_(None), m.met_on.between(span.first, span.last),
               c.deleted_at.is_(None))
    )
    if span.customers is not None:
        query = query.where(m.customer_id.in_(sorted(span.customers)))
    for customer_id, met_on in session.execute(query):
        yield Occasion(customer_id, met_on)


def prepare(session: Session) -> None:
    """Reminders whose meetings' notes have all been sent since are done, on that day."""
    m = MEETINGS.c
    unsent_ = MEETINGS.alias("unsent")
    u = unsent_.c
    sent = session.execute(
        select(Action.id, func.max(m.sent_on))
        .join(MEETINGS, and_(m.customer_id == Action.customer_id,
                             m.met_on == Action.occasion_on))
        .where(Action.rule == KEY, Action.state == "open",
               ~exists(select(u.id).where(u.customer_id == Action.customer_id,
                                          u.met_on == Action.occasion_on, u.sent_on.is_(None))
                       .correlate_except(unsent_)))
        .group_by(Action.id)).all()
    for action_id, sent_on in sent:
        session.execute(update(Action).where(Action.id == action_id).values(
            state="done", note="notes sent",
            completed_at=dt.datetime.combine(sent_on, dt.time(12))))


RULE = Rule(KEY, TASK, unsent, prepare=prepare, marketing=False)
