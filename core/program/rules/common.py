"""What the rules share: the tables, who may receive which gesture, and annual dates."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, exists, false, func, select

from core.complaints.tables import COMPLAINTS
from core.complaints.types import UNRESOLVED
from core.customers.tables import BUSINESS, CUSTOMERS, INTERACTIONS, MOMENTS
from core.program.rules import CALL, Occasion, Span
from core.program.settings import MAR_1

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["BUSINESS", "CUSTOMERS", "INTERACTIONS", "MOMENTS", "annual_dates",
           "first_visits", "month_day", "unresolved_complaint", "willing"]


def willing(gesture: str, span: Span, *, birthday: bool = False, scoped: bool = True) -> Any:
    """The SQL condition for customers who may receive `gesture`: not in the trash, not left
    out of all campaigns, and not opted out of this kind of contact; for a marketing rule
    (`span.marketing`), no complaint still open: nobody is thanked, missed or asked for
    their story while we still owe them an answer (once it is resolved, evaluating them
    again lets what is still in its window through); and, when the span names customers
    (and the rule does not scope itself: `scoped`), one of them."""
    c = CUSTOMERS.c
    conditions = [c.deleted_at.is_(None), c.no_campaigns == false()]
    if span.marketing:
        conditions.append(~unresolved_complaint(c.id))
    if scoped and span.customers is not None:
        conditions.append(c.id.in_(sorted(span.customers)))
    conditions.append(c.no_calls == false() if gesture == CALL else c.no_mail == false())
    if birthday:
        conditions.append(c.no_birthday_cards == false())
    return and_(*conditions)


def unresolved_complaint(customer_id: Any) -> Any:
    """The SQL condition: this customer has a complaint still open (open, in progress or
    waiting on them)."""
    other = COMPLAINTS.alias("unresolved")  # the outer query may read complaints itself
    k = other.c
    return exists(select(k.id).where(k.customer_id == customer_id, k.status.in_(UNRESOLVED))
                  .correlate_except(other))


def month_day(month: int, day: int) -> int:
    return month * 100 + day


def annual_dates(span: Span, leap_day_birthdays: str) -> dict[int, dt.date]:
    """Each month and day (as month_day) whose yearly occasion falls inside `span`, with its
    date there. 29 February falls on 28 February (or 1 March) in common years. A span is
    at most a year long, so each month and day falls in it at most once."""
    dates: dict[int, dt.date] = {}
    day = span.first
    while day <= span.last:
        dates[month_day(day.month, day.day)] = day
        if not calendar.isleap(day.year):
            substitute = (3, 1) if leap_day_birthdays == MAR_1 else (2, 28)
            if (day.month, day.day) == substitute:
                dates[month_day(2, 29)] = day
        day += dt.timedelta(days=1)
    return dates


def first_visits(session: Session, span: Span, gesture: str) -> Iterator[Occasion]:
    """Customers whose first visit or purchase falls in `span` and who may receive
    `gesture`, on that day (the welcome card, the check-in call)."""
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
               willing(gesture, span), ~came_before)
        .group_by(i.customer_id)
    )
    for customer_id, first in session.execute(query):
        yield Occasion(customer_id, first)
