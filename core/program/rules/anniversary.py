"""Anniversary: a year since the first visit, and every year after."""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import extract, select, tuple_
from sqlalchemy.orm import Session

from core.program.rules import CARD, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS, annual_dates, month_day, willing
from core.program.settings import ProgramSettings


def first_visit_anniversaries(session: Session, span: Span,
                              settings: ProgramSettings) -> Iterator[Occasion]:
    """Counted from `customer_since`, which holds the first visit (the visits import and the
    counter keep it there) or what the shop knew of it before."""
    dates = annual_dates(span, settings.leap_day_birthdays)
    c = CUSTOMERS.c
    month, day = extract("month", c.customer_since), extract("day", c.customer_since)
    query = select(c.id, c.customer_since).where(
        c.customer_since.is_not(None), c.customer_since <= span.last,
        tuple_(month, day).in_([divmod(key, 100) for key in dates]), willing(CARD, span),
    )
    for customer_id, since in session.execute(query):
        on = dates[month_day(since.month, since.day)]
        years = on.year - since.year
        if years >= 1:
            yield Occasion(customer_id, on, str(years))


RULE = Rule("anniversary", CARD, first_visit_anniversaries)
