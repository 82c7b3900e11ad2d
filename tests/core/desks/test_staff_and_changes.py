"""Each person picks their name at a desk; every save of a customer, a visit, a template or
the business profile records who made it and where, for the customer's history."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.customers.record import CustomerRecordEdit, get_customer_record, save_customer_record
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.desks.services import (
    add_staff_member,
    customer_changes,
    list_staff,
    pin_matches,
    remove_staff_member,
    set_staff_pin,
)
from core.kernel.desk import set_actor
from core.kernel.errors import Invalid
from core.store.db import Database
from core.visits.services import log_interaction
from core.visits.types import InteractionDraft


def test_a_phone_changed_by_sam_at_the_front_desk_shows_in_the_customers_history(
        db: Database, at_front_desk: None) -> None:
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", city="York"))
        log_interaction(session, ana.id, InteractionDraft("visit", dt.date(2026, 11, 2)))
    with db.unit_of_work() as session:
        opened = get_customer_record(session, ana.id).detail
        save_customer_record(session, CustomerRecordEdit(
            ana.id, dataclasses.replace(opened.draft, phone="+44 20 7946 0000", notes="VIP"),
            base=opened))
    set_actor(person="Kim")
    with db.unit_of_work() as session:
        opened = get_customer_record(session, ana.id).detail
        visit = opened.interactions[0]
        save_customer_record(session, CustomerRecordEdit(
            ana.id, opened.draft, changed_interactions=((visit.id, dataclasses.replace(
                visit.draft, note="Birthday cake")),), base=opened))
    with db.unit_of_work() as session:
        changes = customer_changes(session, ana.id)
    assert [(c.person, c.desk, c.kind, c.fields) for c in changes] == [
        ("Kim", "Front desk", "interactions", ("note",)),
        ("Sam", "Front desk", "customers", ("phone", "notes")),
    ]
    assert all(c.at.date() == dt.date.today() for c in changes)


def test_the_staff_list_keeps_names_and_checks_pins_without_storing_them(db: Database) -> None:
    with db.unit_of_work() as session:
        sam = add_staff_member(session, "  Sam   Patel ", pin="4321")
        kim = add_staff_member(session, "Kim")
        with pytest.raises(Invalid):
            add_staff_member(session, "Sam Patel")  # already on the list
        with pytest.raises(Invalid):
            add_staff_member(session, "Lee", pin="12")  # too short
    with db.unit_of_work() as session:
        assert [(m.name, m.has_pin) for m in list_staff(session)] == [
            ("Kim", False), ("Sam Patel", True)]
        assert pin_matches(session, sam.id, "4321") and not pin_matches(session, sam.id, "1234")
        assert pin_matches(session, kim.id, "")
        set_staff_pin(session, kim.id, "0000")
        remove_staff_member(session, sam.id)
    with db.unit_of_work() as session:
        assert [(m.name, m.has_pin) for m in list_staff(session)] == [("Kim", True)]
    raw = db.raw().execute("SELECT pin_hash FROM staff_members")
    assert all("4321" not in row[0] and "0000" not in row[0] for row in raw)
