"""Appreciation evenings: the guest list from a segment or the council, RSVPs within the
capacity, invitations with labels, and coming recorded on the customer."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.council.errors import EventFull
from core.council.services import (
    add_guests,
    create_event,
    get_event,
    list_guests,
    print_event_invitations,
    record_event_attendance,
    record_rsvp,
)
from core.council.types import MAYBE, NO, YES, EventDraft, GuestSelection
from core.customers.services import get_customer
from core.kernel.errors import Invalid
from core.store.db import Database

from tests.core.council.shop import TODAY, add_customer, council, shop_profile
from tests.core.printing.helpers import page_texts


def _event(db: Database, capacity: int | None = 4) -> int:
    with db.unit_of_work() as session:
        return create_event(session, EventDraft("Spring preview evening", dt.date(2027, 4, 15),
                                                "19:00", "the shop", capacity)).id


def test_rsvps_with_plus_ones_respect_the_capacity(db: Database) -> None:
    ids = [add_customer(db, name, visits=5, spent=50_000 * (n + 1))
           for n, name in enumerate(["Ana", "Ben", "Chloé", "Dan"])]
    event_id = _event(db, capacity=3)
    with db.unit_of_work() as session:
        assert add_guests(session, event_id, GuestSelection(top_by_value=3), today=TODAY) == 3
        guests = [g.customer_id for g in list_guests(session, event_id)]
        assert set(guests) == set(ids[1:])  # the three who spent the most
        record_rsvp(session, event_id, ids[3], YES, plus_one=True)
        record_rsvp(session, event_id, ids[2], MAYBE, plus_one=True)
        with pytest.raises(EventFull) as full:
            record_rsvp(session, event_id, ids[1], YES, plus_one=True)
        record_rsvp(session, event_id, ids[1], YES)
        with pytest.raises(EventFull):
            record_rsvp(session, event_id, ids[2], YES)
        record_rsvp(session, event_id, ids[2], NO)
        event = get_event(session, event_id)
    assert (full.value.capacity, full.value.taken, full.value.asked) == (3, 2, 2)
    assert (event.yes, event.no, event.maybe, event.guests) == (2, 1, 0, 3)


def test_coming_to_the_evening_is_recorded_as_an_interaction(db: Database) -> None:
    ana = add_customer(db, "Ana", visits=2, spent=4_000)
    event_id = _event(db)
    with db.unit_of_work() as session:
        add_guests(session, event_id, GuestSelection(top_by_value=5), today=TODAY)
        record_event_attendance(session, event_id, ana, True, today=TODAY)
        history = get_customer(session, ana).interactions
    assert [(i.kind, i.occurred_on, i.note) for i in history if i.kind == "meeting"] == [
        ("meeting", dt.date(2027, 4, 15), "Came to Spring preview evening at the shop")]
    with db.unit_of_work() as session:
        record_event_attendance(session, event_id, ana, False, today=TODAY)
        history = get_customer(session, ana).interactions
        assert get_event(session, event_id).attended == 0
    assert not [i for i in history if i.kind == "meeting"]


def test_the_council_can_be_the_guest_list_and_invitations_print_with_labels(
        db: Database, tmp_path: Path) -> None:
    shop_profile(db)
    term_id, ids = council(db, ["Ana", "Ben"])
    event_id = _event(db, capacity=None)
    with db.unit_of_work() as session:
        assert add_guests(session, event_id, GuestSelection(term_id=term_id),
                          today=TODAY) == 2
        with pytest.raises(Invalid) as unclear:
            add_guests(session, event_id, GuestSelection(tag="vip", top_by_value=3),
                       today=TODAY)
    assert unclear.value.problems[0].field == "selection"
    out, labels = tmp_path / "evening.pdf", tmp_path / "labels.pdf"
    printed = print_event_invitations(db, event_id, out, today=TODAY, labels_path=labels)
    assert printed.letters == 2 and printed.label_pages == 1
    text = " ".join(" ".join(page_texts(out)).split())
    assert "You are invited: Spring preview evening" in text
    assert "Thursday, 15 April 2027 at 19:00, at the shop" in text
    with db.unit_of_work() as session:
        assert {g.invited_on for g in list_guests(session, event_id)} == {TODAY}
        assert get_event(session, event_id).invitations_sent_on == TODAY
    assert ids
