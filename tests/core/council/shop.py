"""A small shop for the council's tests: customers with addresses and history written
into a real database, and a council term with members."""
from __future__ import annotations

import datetime as dt
from typing import Any

from core.council.services import add_member, create_term
from core.council.types import ACTIVE, TermDraft
from core.customers.models import Customer, Interaction
from core.customers.stats import refresh_customer_stats
from core.settings.services import save_business_profile
from core.settings.types import BusinessProfileData
from core.store.db import Database

TODAY = dt.date(2027, 3, 1)


def shop_profile(db: Database) -> None:
    with db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(
            name="Bloom & Co. Florist", street="4 Market Street", city="Bristol",
            postal_code="BS1 4DJ", country="GB", region="GB", signature_name="Hannah Bloom",
            locale="en_GB", currency="GBP"))


def add_customer(db: Database, first_name: str, *, last_name: str = "Test",
                 visits: int = 3, spent: int = 0, since: dt.date = dt.date(2022, 1, 10),
                 referred_by: int | None = None, **fields: Any) -> int:
    """A customer with an address, `visits` visits from `since` on, and `spent` (minor
    units) across them."""
    now = dt.datetime.combine(since, dt.time(10))
    with db.unit_of_work() as session:
        customer = Customer(first_name=first_name, last_name=last_name,
                            street=fields.pop("street", "1 High Street"),
                            city=fields.pop("city", "Bristol"),
                            postal_code=fields.pop("postal_code", "BS1 1AA"),
                            created_at=now, updated_at=now, referred_by_id=referred_by,
                            customer_since=since if visits else None,
                            **fields)
        session.add(customer)
        session.flush()
        for n in range(visits):
            day = since + dt.timedelta(days=30 * n)
            amount = spent // visits if spent and n < visits else None
            session.add(Interaction(customer_id=customer.id,
                                    kind="purchase" if amount else "visit",
                                    occurred_on=min(day, TODAY), amount_minor=amount))
        session.flush()
        refresh_customer_stats(session, [customer.id], today=TODAY)
        return customer.id


def council(db: Database, names: list[str], *, seats: int = 10,
            starts_on: dt.date = dt.date(2027, 1, 1),
            ends_on: dt.date = dt.date(2027, 12, 31)) -> tuple[int, list[int]]:
    """A term with these customers as active members; (term id, customer ids)."""
    ids = [add_customer(db, name, visits=5, spent=10_000) for name in names]
    with db.unit_of_work() as session:
        term = create_term(session, TermDraft("2027 council", starts_on, ends_on, seats))
        for customer_id in ids:
            add_member(session, term.id, customer_id, status=ACTIVE, on=starts_on)
    return term.id, ids


def other_desk_saves(db: Database, opened: str, update: str, **changes: object) -> None:
    """Another desk (a real second process) opens a council record (`opened`, an expression
    of `session`: "get_term(session, 1)"), changes these values of its draft, and saves it
    with `update` against what it opened."""
    from tests.core.customers.other_desk import run_code_at_another_desk

    run_code_at_another_desk(db, f"""
import dataclasses, datetime
from core.council.services import *
with db.unit_of_work() as session:
    row = {opened}
    {update}(session, row.id, dataclasses.replace(row.draft, **{changes!r}),
             base=row.draft, base_version=row.version)
""")
