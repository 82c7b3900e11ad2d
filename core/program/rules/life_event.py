"""Life events: congratulations when one is recorded; for weddings, each anniversary too."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.program.rules import CARD, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS, MOMENTS, annual_dates, month_day, willing
from core.program.settings import ProgramSettings

WEDDING = "wedding"


def life_events(session: Session, span: Span, settings: ProgramSettings) -> Iterator[Occasion]:
    """The event itself when its date (with its year) falls in the span; a wedding's
    anniversaries by month and day. An event recorded without a year has no date of its own
    to congratulate on, so only a wedding's yearly anniversary is found for it."""
    dates = annual_dates(span, settings.leap_day_birthdays)
    m = MOMENTS.c
    query = (
        select(m.customer_id, m.life_event, m.month, m.day, m.year)
        .join(CUSTOMERS, CUSTOMERS.c.id == m.customer_id)
        .where(m.kind == "life_event", willing(CARD, span))
    )
    for customer_id, event, month, day, year in session.execute(query):
        on = _date(year, month, day)
        if on is not None and on in span:
            yield Occasion(customer_id, on, event)
        yearly = dates.get(month_day(month, day))
        if event == WEDDING and yearly is not None and (year is None or yearly.year > year):
            years = "" if year is None else str(yearly.year - year)
            yield Occasion(customer_id, yearly, f"{WEDDING} anniversary {years}".strip())


def _date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


RULE = Rule("life_event", CARD, life_events)
