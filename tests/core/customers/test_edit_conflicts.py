"""Two desks edit the same customer: the second save keeps the first desk's changes. Edits
to different fields merge without a question; the same field changed differently is refused
with both versions, and nothing is lost. The other desk is a real second process."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.customers.record import CustomerRecordEdit, get_customer_record, save_customer_record
from core.customers.services import add_customer
from core.customers.types import CustomerDetail, CustomerDraft
from core.kernel.edits import EditConflict
from core.store.db import Database
from core.visits.services import log_interaction
from core.visits.types import InteractionDraft as Visit

from tests.core.customers.other_desk import run_at_another_desk, save_at_another_desk


@pytest.fixture
def opened(db: Database) -> CustomerDetail:
    """Ana's record as this desk opened it (with one visit in her history)."""
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", last_name="Silva",
                                                  phone="+44 20 7946 0000", notes="Likes rye"))
        log_interaction(session, ana.id, Visit("visit", dt.date(2026, 11, 2)))
    with db.unit_of_work() as session:
        return get_customer_record(session, ana.id).detail


def _save(db: Database, opened: CustomerDetail, **changes: object) -> CustomerDetail:
    draft = dataclasses.replace(opened.draft, **changes)
    with db.unit_of_work() as session:
        return save_customer_record(session, CustomerRecordEdit(
            opened.id, draft, base=opened)).detail


def test_a_note_saved_after_another_desk_changed_the_phone_keeps_both(
        db: Database, opened: CustomerDetail) -> None:
    save_at_another_desk(db, opened.id, phone="+44 20 7946 0999")
    saved = _save(db, opened, notes="Likes rye; allergic to nuts")
    assert saved.draft.notes == "Likes rye; allergic to nuts"
    assert saved.draft.phone.replace(" ", "").endswith("79460999")  # the other desk's phone
    assert saved.version == opened.version + 2


def test_the_same_field_changed_at_two_desks_is_refused_with_both_and_nothing_is_lost(
        db: Database, opened: CustomerDetail) -> None:
    save_at_another_desk(db, opened.id, notes="Prefers the sourdough", city="Leeds")
    with pytest.raises(EditConflict) as raised:
        _save(db, opened, notes="Allergic to nuts", email="ana@example.com")
    conflict = raised.value
    assert conflict.clashing == ("notes",)
    assert set(conflict.their_fields) == {"city", "notes"}
    assert conflict.mine.notes == "Allergic to nuts"
    assert conflict.theirs.notes == "Prefers the sourdough"
    with db.unit_of_work() as session:  # nothing of this desk's save was written
        stored = get_customer_record(session, opened.id).detail
    assert stored.draft.notes == "Prefers the sourdough" and stored.draft.email == ""

    # The person keeps their note: saved over what is stored now, the city stays Leeds.
    kept = conflict.resolved({"notes": "mine"})
    with db.unit_of_work() as session:
        saved = save_customer_record(session, CustomerRecordEdit(
            opened.id, kept, base=stored)).detail
    assert (saved.draft.notes, saved.draft.city, saved.draft.email) == (
        "Allergic to nuts", "Leeds", "ana@example.com")


def test_a_visit_corrected_at_two_desks_merges_amount_and_note_but_refuses_the_same_date(
        db: Database, opened: CustomerDetail) -> None:
    visit = opened.interactions[0]
    run_at_another_desk(db, opened.id, f"""
        row = next(r for r in detail.interactions if r.id == {visit.id})
        with db.unit_of_work() as session:
            save_customer_record(session, CustomerRecordEdit(
                detail.id, detail.draft, changed_interactions=((row.id, InteractionDraft(
                    "purchase", dt.date(2026, 11, 3), 4500, "")),), base=detail))
    """)
    with db.unit_of_work() as session:  # a note only: merges with their kind, date, amount
        save_customer_record(session, CustomerRecordEdit(
            opened.id, opened.draft, changed_interactions=((visit.id, dataclasses.replace(
                visit.draft, note="Birthday cake")),), base=opened))
    with db.unit_of_work() as session:
        merged = get_customer_record(session, opened.id).detail.interactions[0]
    assert (merged.kind, merged.occurred_on, merged.amount_minor, merged.note) == (
        "purchase", dt.date(2026, 11, 3), 4500, "Birthday cake")

    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        save_customer_record(session, CustomerRecordEdit(
            opened.id, opened.draft, changed_interactions=((visit.id, dataclasses.replace(
                visit.draft, occurred_on=dt.date(2026, 11, 1))),), base=opened))
    assert raised.value.kind == "interaction" and raised.value.clashing == ("occurred_on",)


def test_a_save_without_an_opened_version_still_replaces_what_is_stored(
        db: Database, opened: CustomerDetail) -> None:
    """Commands that set a value on purpose (imports with overwrite) keep working."""
    with db.unit_of_work() as session:
        save_customer_record(session, CustomerRecordEdit(
            opened.id, dataclasses.replace(opened.draft, city="York")))
        saved = save_customer_record(session, CustomerRecordEdit(
            opened.id, dataclasses.replace(opened.draft, notes="Second")))
    assert saved.detail.draft.notes == "Second" and saved.detail.draft.city == ""
