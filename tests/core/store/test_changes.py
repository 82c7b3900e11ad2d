"""Every unit of work reports what it changed, so each page refreshes only what it shows."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from core.customers.services import add_customer, delete_customers, update_customer
from core.customers.types import CustomerDraft
from core.kernel.changes import NOTHING, Changes
from core.printing.batches import BatchRequest, mark_batch_sent, print_batch
from core.printing.recipients import RecipientSelection
from core.settings.profile import get_business_profile, save_business_profile
from core.store.changes import collected_changes, collecting_changes, note_changes
from core.store.db import Database

from tests.conftest import save_shop_profile

ADDRESS = {"street": "1 High St", "city": "Leeds", "postal_code": "LS1 1AA"}


def _add(db: Database, first: str) -> int:
    detail, _ = db.run(add_customer, CustomerDraft(first_name=first, last_name="Test",
                                                   **ADDRESS))  # type: ignore[arg-type]
    return detail.id


def test_adding_a_customer_reports_customers_with_its_id(db: Database) -> None:
    detail, changes = db.run(add_customer, CustomerDraft(first_name="Amy", last_name="Test"))
    assert changes.customers
    assert changes.customer_ids == frozenset({detail.id})
    assert not (changes.batches or changes.settings or changes.templates)


def test_editing_a_customer_reports_only_that_customer(db: Database) -> None:
    amy, ben = _add(db, "Amy"), _add(db, "Ben")
    _, changes = db.run(update_customer, ben,
                        CustomerDraft(first_name="Benjamin", last_name="Test", **ADDRESS))  # type: ignore[arg-type]
    assert changes.customers and ben in changes.customer_ids and amy not in changes.customer_ids


def test_moving_customers_to_the_trash_reports_them(db: Database) -> None:
    amy = _add(db, "Amy")
    moved, changes = db.run(delete_customers, [amy])
    assert moved == (amy,)
    assert changes.customers and changes.customer_ids == frozenset({amy})


def test_marking_a_batch_sent_reports_batches_and_customers(db: Database,
                                                             tmp_path: Path) -> None:
    save_shop_profile(db)
    amy = _add(db, "Amy")
    with db.unit_of_work() as session:
        summary, _, _ = print_batch(session, BatchRequest(
            "thank-you", RecipientSelection(customer_ids=(amy,)), "a6-card"),
            tmp_path / "cards.pdf")
    _, changes = db.run(mark_batch_sent, summary.id)
    assert changes.batches and changes.customers  # the list filters on "sent this year"
    assert changes.customer_ids == frozenset({amy})
    assert not changes.settings


def test_saving_the_business_profile_reports_settings(db: Database) -> None:
    profile, _ = db.run(get_business_profile)
    _, changes = db.run(save_business_profile,
                        dataclasses.replace(profile, name="Bloom", currency="EUR"))
    assert changes.settings and not changes.customers


def test_reading_reports_nothing(db: Database) -> None:
    _add(db, "Amy")
    _, changes = db.run(get_business_profile)
    assert changes == NOTHING and not changes


def test_a_rolled_back_unit_reports_nothing(db: Database) -> None:
    def add_then_fail(session, draft):  # type: ignore[no-untyped-def]
        add_customer(session, draft)
        session.flush()
        assert collected_changes(session).customers  # seen before the rollback ...
        raise RuntimeError("the person's disk is full")

    with collecting_changes() as collected, pytest.raises(RuntimeError):
        db.run(add_then_fail, CustomerDraft(first_name="Amy"))
    assert collected.changes == NOTHING  # ... and forgotten with it
    _, changes = db.run(get_business_profile)
    assert changes == NOTHING  # nothing leaks into the next unit of work either


def test_raw_sql_writes_are_noted_and_long_jobs_collect_every_unit(db: Database) -> None:
    with collecting_changes() as collected:
        _add(db, "Amy")
        with db.unit_of_work() as session:
            note_changes(session, Changes(imports=True))
    assert collected.changes.customers and collected.changes.imports
    assert not collected.changes.batches
