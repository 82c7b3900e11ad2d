"""A customer's whole record: loaded in one call, saved in one unit of work."""
from __future__ import annotations

import datetime as dt

import pytest

from core.customers.errors import DuplicateCustomer
from core.customers.record import CustomerRecordEdit, get_customer_record, save_customer_record
from core.customers.services import add_customer
from core.customers.types import CustomerDraft, InteractionDraft, MomentDraft
from core.customers.validation import PartialDate
from core.kernel.errors import Invalid
from core.store.db import Database


def test_a_new_record_with_a_visit_and_a_birthday_is_saved_in_one_call(db: Database) -> None:
    edit = CustomerRecordEdit(
        None, CustomerDraft(first_name="Ana", last_name="Pérez"),
        added_interactions=(InteractionDraft("purchase", dt.date(2026, 3, 1), 4500),),
        added_moments=(MomentDraft("anniversary", PartialDate(5, 17)),))
    with db.unit_of_work() as session:
        saved = save_customer_record(session, edit)
    with db.unit_of_work() as session:
        record = get_customer_record(session, saved.id)
    assert record.detail.display_name == "Ana Pérez"
    assert record.detail.visit_count == 1 and record.detail.lifetime_value_minor == 4500
    assert [m.date for m in record.detail.moments] == [PartialDate(5, 17)]
    assert record.mailings == ()


def test_removing_a_visit_and_adding_another_updates_the_figures(db: Database) -> None:
    with db.unit_of_work() as session:
        first = save_customer_record(session, CustomerRecordEdit(
            None, CustomerDraft(first_name="Bo"),
            added_interactions=(InteractionDraft("visit", dt.date(2026, 1, 5)),
                                InteractionDraft("purchase", dt.date(2026, 2, 5), 1000))))
    visit_id = next(i.id for i in first.detail.interactions if i.kind == "visit")
    with db.unit_of_work() as session:
        second = save_customer_record(session, CustomerRecordEdit(
            first.id, first.detail.draft, removed_interaction_ids=(visit_id,),
            added_interactions=(InteractionDraft("purchase", dt.date(2026, 3, 5), 250),)))
    assert second.detail.visit_count == 2
    assert second.detail.lifetime_value_minor == 1250
    assert visit_id not in {i.id for i in second.detail.interactions}


def test_a_bad_moment_leaves_the_customer_and_history_unsaved(db: Database) -> None:
    edit = CustomerRecordEdit(
        None, CustomerDraft(first_name="Cy"),
        added_interactions=(InteractionDraft("visit", dt.date(2026, 1, 5)),),
        added_moments=(MomentDraft("no-such-kind", PartialDate(1, 1)),))
    with pytest.raises(Invalid), db.unit_of_work() as session:
        save_customer_record(session, edit)
    assert db.raw().scalar("SELECT count(*) FROM customers") == 0
    assert db.raw().scalar("SELECT count(*) FROM interactions") == 0


def test_a_duplicate_is_refused_then_merged_into_the_existing_customer(db: Database) -> None:
    with db.unit_of_work() as session:
        existing = add_customer(session, CustomerDraft(first_name="Di", email="di@example.com"))
    edit = CustomerRecordEdit(
        None, CustomerDraft(first_name="Di", last_name="Ng", email="DI@example.com"),
        added_interactions=(InteractionDraft("visit", dt.date(2026, 1, 5)),))
    with pytest.raises(DuplicateCustomer) as caught, db.unit_of_work() as session:
        save_customer_record(session, edit)
    assert caught.value.existing_id == existing.id
    with db.unit_of_work() as session:
        merged = save_customer_record(session, CustomerRecordEdit(
            edit.customer_id, edit.draft, edit.added_interactions, allow_duplicate=True,
            merge_into=existing.id))
    assert merged.id == existing.id
    assert merged.detail.visit_count == 1
    assert db.raw().scalar("SELECT count(*) FROM customers WHERE deleted_at IS NULL") == 1
