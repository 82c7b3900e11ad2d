"""'Who got a birthday card this year' is one filter on the customer list."""
from __future__ import annotations

import datetime as dt

from core.customers.queries import ListQuery, fetch_customers
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.batches import BatchRequest, mark_batch_sent, plan_batch, record_batch
from core.printing.recipients import RecipientSelection
from core.store.db import Database

from tests.conftest import save_shop_profile


def _sent(db: Database, template: str, ids: tuple[int, ...], when: dt.datetime | None) -> None:
    with db.unit_of_work() as session:
        plan = plan_batch(session, BatchRequest(template, RecipientSelection(customer_ids=ids)))
        summary = record_batch(session, plan, now=when)
        if when is not None:
            mark_batch_sent(session, summary.id, now=when)


def _four_sendings(db: Database) -> None:
    """Ann got the birthday card this year, Bob last year, Cleo another card, and Dan's
    was printed but never marked sent."""
    save_shop_profile(db)
    with db.unit_of_work() as session:
        ids = [add_customer(session, CustomerDraft(first_name=name, street="1 High St",
                                                   city="Leeds")).id
               for name in ("Ann", "Bob", "Cleo", "Dan")]
    ann, bob, cleo, dan = ids
    _sent(db, "birthday", (ann,), dt.datetime(2026, 3, 1, 10, 0))
    _sent(db, "birthday", (bob,), dt.datetime(2025, 12, 30, 10, 0))  # last year
    _sent(db, "thank-you", (cleo,), dt.datetime(2026, 5, 1, 10, 0))  # another card
    _sent(db, "birthday", (dan,), None)  # printed, never marked sent


def test_filter_by_card_sent_this_year(db: Database) -> None:
    _four_sendings(db)
    query = ListQuery(sent_template="birthday", sent_since=dt.date(2026, 1, 1))
    assert [r.first_name for r in fetch_customers(db.raw(), query)] == ["Ann"]
    everyone_ever = ListQuery(sent_template="birthday")
    assert [r.first_name for r in fetch_customers(db.raw(), everyone_ever)] == ["Ann", "Bob"]


def test_filter_by_card_not_sent_this_year(db: Database) -> None:
    _four_sendings(db)
    query = ListQuery(sent_template="birthday", sent_since=dt.date(2026, 1, 1),
                      sent_missing=True)
    assert [r.first_name for r in fetch_customers(db.raw(), query)] == ["Bob", "Cleo", "Dan"]
