"""Birthday: a card that arrives in time; the year is optional."""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from core.program.rules import CARD, Occasion, Rule, Span
from core.program.rules.common import CUSTOMERS, annual_dates, month_day, willing
from core.program.settings import ProgramSettings


def birthdays(session: Session, span: Span, settings: ProgramSettings) -> Iterator[Occasion]:
    dates = annual_dates(span, settings.leap_day_birthdays)
    c = CUSTOMERS.c
    pairs = [divmod(key, 100) for key in dates]
    query = select(c.id, c.birthday_month, c.birthday_day, c.birthday_year).where(
        # (month AND day) OR ...: each pair a seek in the birthday index (a row-value IN
        # reads every customer on SQLite).
        or_(*(and_(c.birthday_month == month, c.birthday_day == day) for month, day in pairs)),
        willing(CARD, span, birthday=True)
    )
    for customer_id, month, day, year in session.execute(query):
        on = dates[month_day(month, day)]
        if year is None or year < on.year:  # not the day they were born
            yield Occasion(customer_id, on, "" if year is None else str(on.year - year))


RULE = Rule("birthday", CARD, birthdays)
