"""A small shop for the program's tests: customers, visits and moments written straight
into a real database, then the customers' figures refreshed as the app does."""
from __future__ import annotations

import datetime as dt
from typing import Any

from core.customers.models import Customer, Interaction, Moment
from core.customers.stats import refresh_customer_stats
from core.program.services import evaluate_program, today_view
from core.program.types import ActionRow
from core.store.db import Database


def add_customer(db: Database, first_name: str, *, visits: tuple[dt.date, ...] = (),
                 purchases: tuple[tuple[dt.date, int], ...] = (), today: dt.date,
                 **fields: Any) -> int:
    now = dt.datetime.combine(fields.pop("created_on", today), dt.time(10))
    with db.unit_of_work() as session:
        customer = Customer(first_name=first_name, last_name="Test", created_at=now,
                            updated_at=now, **fields)
        session.add(customer)
        session.flush()
        for day in visits:
            session.add(Interaction(customer_id=customer.id, kind="visit", occurred_on=day))
        for day, amount in purchases:
            session.add(Interaction(customer_id=customer.id, kind="purchase", occurred_on=day,
                                    amount_minor=amount))
        session.flush()
        refresh_customer_stats(session, [customer.id], today=today)
        return customer.id


def add_moment(db: Database, customer_id: int, event: str, month: int, day: int,
               year: int | None) -> None:
    with db.unit_of_work() as session:
        session.add(Moment(customer_id=customer_id, kind="life_event", life_event=event,
                           month=month, day=day, year=year))


def evaluate(db: Database, today: dt.date) -> list[ActionRow]:
    """Evaluate as of `today` and return what Today shows."""
    with db.unit_of_work() as session:
        evaluate_program(session, today)
    with db.unit_of_work() as session:
        return list(today_view(session, today).actions)


def keys(db: Database) -> set[tuple[str, int, dt.date, str]]:
    """Every stored action as (rule, customer, occasion, stored state)."""
    from core.program.models import Action

    with db.unit_of_work() as session:
        return {(a.rule, a.customer_id, a.occasion_on, a.state)
                for a in session.query(Action).all()}


def only(rows: list[ActionRow], rule: str) -> list[ActionRow]:
    return [row for row in rows if row.rule == rule]
