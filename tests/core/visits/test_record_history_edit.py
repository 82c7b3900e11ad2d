"""Changing a visit in the customer record keeps its id and moves the figures with it."""
from __future__ import annotations

import datetime as dt

import pytest

from core.customers.record import CustomerRecordEdit, save_customer_record
from core.customers.types import CustomerDraft, InteractionDraft
from core.kernel.errors import NotFound
from core.store.db import Database


def _saved(db: Database, *history: InteractionDraft, name: str = "Ana") -> tuple[int, list[int]]:
    with db.unit_of_work() as session:
        record = save_customer_record(session, CustomerRecordEdit(
            None, CustomerDraft(first_name=name), added_interactions=history))
    return record.id, [i.id for i in record.detail.interactions]


def test_a_visit_changed_into_a_purchase_counts_its_amount_and_keeps_its_id(
        db: Database) -> None:
    ana, (visit_id,) = _saved(db, InteractionDraft("visit", dt.date(2026, 3, 1)))
    with db.unit_of_work() as session:
        record = save_customer_record(session, CustomerRecordEdit(
            ana, CustomerDraft(first_name="Ana"), changed_interactions=(
                (visit_id, InteractionDraft("purchase", dt.date(2026, 3, 2), 3300, "boots")),)))
    detail = record.detail
    assert [(i.id, i.kind, i.amount_minor, i.note) for i in detail.interactions] == [
        (visit_id, "purchase", 3300, "boots")]
    assert (detail.visit_count, detail.lifetime_value_minor) == (1, 3300)
    assert detail.last_interaction_on == dt.date(2026, 3, 2)


def test_a_visit_changed_into_a_call_no_longer_counts(db: Database) -> None:
    bo, ids = _saved(db, InteractionDraft("visit", dt.date(2026, 3, 1)),
                     InteractionDraft("visit", dt.date(2026, 4, 1)))
    with db.unit_of_work() as session:
        record = save_customer_record(session, CustomerRecordEdit(
            bo, CustomerDraft(first_name="Bo"), changed_interactions=(
                (ids[0], InteractionDraft("call", dt.date(2026, 4, 1))),)))
    assert (record.detail.visit_count, record.detail.stage) == (1, "new")


def test_another_customers_visit_cannot_be_changed_from_this_record(db: Database) -> None:
    ana, _ = _saved(db, name="Ana")
    _, (bos_visit,) = _saved(db, InteractionDraft("visit", dt.date(2026, 3, 1)), name="Bo")
    with pytest.raises(NotFound), db.unit_of_work() as session:
        save_customer_record(session, CustomerRecordEdit(
            ana, CustomerDraft(first_name="Ana"), changed_interactions=(
                (bos_visit, InteractionDraft("purchase", dt.date(2026, 3, 1), 100)),)))
    assert db.raw().scalar("SELECT kind FROM interactions WHERE id = :i", {"i": bos_visit}) \
        == "visit"
