"""Lapsed: "we miss you" once someone has stopped coming, once per lapse."""
from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from itertools import groupby, pairwise

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from core.program.models import Action, LapseDay
from core.program.rules import LETTER, Occasion, Rule, Span
from core.program.rules.common import BUSINESS, CUSTOMERS, INTERACTIONS, willing
from core.program.settings import ProgramSettings

KEY = "lapsed"
CHUNK = 2_000


def lapses(session: Session, span: Span, settings: ProgramSettings) -> Iterator[Occasion]:
    """The customers whose lapse day falls in the span. The occasion is that day, so coming
    back and lapsing again is a new one."""
    c = CUSTOMERS.c
    query = (
        select(LapseDay.customer_id, LapseDay.lapses_on, LapseDay.last_visit)
        .join(CUSTOMERS, c.id == LapseDay.customer_id)
        .where(LapseDay.lapses_on.between(span.first, span.last),
               c.last_interaction_on == LapseDay.last_visit, willing(LETTER, span))
    )
    for customer_id, on, last_visit in session.execute(query):
        yield Occasion(customer_id, on, last_visit.isoformat())


def lapse_day(visits: list[dt.date], settings: ProgramSettings) -> dt.date:
    """max(2 × the median gap between visits, `lapsed_at_least_days`) after the last visit,
    or `lapsed_after_one_visit_days` after a single one."""
    days = sorted(set(visits))
    if len(days) == 1:
        wait = float(settings.lapsed_after_one_visit_days)
    else:
        gaps = [(later - earlier).days for earlier, later in pairwise(days)]
        wait = max(2 * statistics.median(gaps), settings.lapsed_at_least_days)
    return days[-1] + dt.timedelta(days=int(wait))


def prepare(session: Session) -> None:
    """Work out the lapse day again for customers whose last visit changed since it was
    worked out, and withdraw the open "we miss you" of customers who have come since."""
    from core.program.evaluate import withdraw_open
    from core.program.settings import ProgramSettings as Section
    from core.settings.services import get_settings

    settings = get_settings(session, Section)
    c, i = CUSTOMERS.c, INTERACTIONS.c
    stale = session.scalars(
        select(c.id).outerjoin(LapseDay, LapseDay.customer_id == c.id)
        .where(c.last_interaction_on.is_not(None),
               or_(LapseDay.customer_id.is_(None),
                   LapseDay.last_visit != c.last_interaction_on))
    ).all()
    for start in range(0, len(stale), CHUNK):
        ids = stale[start:start + CHUNK]
        rows = session.execute(
            select(i.customer_id, i.occurred_on)
            .where(i.customer_id.in_(ids), i.kind.in_(BUSINESS))
            .order_by(i.customer_id)
        )
        days = [{"customer_id": customer_id,
                 "last_visit": max(day for _id, day in visits_list),
                 "lapses_on": lapse_day([day for _id, day in visits_list], settings)}
                for customer_id, visits in groupby(rows, key=lambda row: row[0])
                for visits_list in [list(visits)]]
        session.execute(delete(LapseDay).where(LapseDay.customer_id.in_(ids)))
        if days:
            session.execute(LapseDay.__table__.insert(), days)  # type: ignore[attr-defined]

    back = session.execute(
        select(Action.customer_id, Action.detail, c.last_interaction_on)
        .join(CUSTOMERS, c.id == Action.customer_id)
        .where(Action.rule == KEY, Action.state == "open")
    )
    withdraw_open(session, KEY, [customer_id for customer_id, last_then, last_now in back
                                 if last_now is not None and last_now.isoformat() > last_then])


RULE = Rule(KEY, LETTER, lapses, prepare=prepare)
