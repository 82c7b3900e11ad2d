"""Terms, seats, attendance across the term, the flag after two missed meetings, what is
carried into the next meeting, and the move from one term to the next."""
from __future__ import annotations

import datetime as dt

import pytest

from core.council.services import (
    add_council_action,
    add_member,
    begin_term,
    complete_council_action,
    create_meeting,
    create_term,
    customer_council_history,
    end_term,
    get_meeting,
    get_term,
    list_members,
    record_attendance,
    set_member_status,
    start_next_term,
    suggest_term_end,
    update_agenda_item,
)
from core.council.types import (
    ABSENT,
    ACCEPTED,
    ACTIVE,
    APOLOGIES,
    DEFAULT_CHARTER,
    ENDED,
    INVITED,
    PRESENT,
    STEPPED_DOWN,
    MeetingDraft,
    TermDraft,
)
from core.kernel.errors import Invalid
from core.store.db import Database

from tests.core.council.shop import TODAY, add_customer, council


def test_a_new_term_has_ten_seats_and_the_default_charter(db: Database) -> None:
    with db.unit_of_work() as session:
        term = create_term(session, TermDraft("2027 council", dt.date(2027, 1, 1),
                                              dt.date(2028, 6, 30)))
    assert term.seats == 10 and term.charter == DEFAULT_CHARTER
    assert "Confidentiality" in term.charter


def test_a_term_ending_before_it_starts_is_refused_naming_the_field(db: Database) -> None:
    with db.unit_of_work() as session, pytest.raises(Invalid) as refused:
        create_term(session, TermDraft("", dt.date(2027, 1, 1), dt.date(2026, 1, 1), 0))
    assert {p.field for p in refused.value.problems} == {"name", "ends_on", "seats"}


def test_more_members_than_seats_is_flagged_but_suggestions_do_not_count(db: Database) -> None:
    term_id, _ids = council(db, ["Ana", "Ben", "Chloé"], seats=3)
    extra = add_customer(db, "Dan")
    with db.unit_of_work() as session:
        member = add_member(session, term_id, extra)
        assert not get_term(session, term_id).over_seats
        set_member_status(session, member.id, INVITED, on=TODAY)
        assert not get_term(session, term_id).over_seats
        set_member_status(session, member.id, ACCEPTED, on=TODAY)
        term = get_term(session, term_id)
    assert term.seated == 4 and term.over_seats


def _meeting(db: Database, term_id: int, day: dt.date, marks: dict[int, str]) -> int:
    with db.unit_of_work() as session:
        meeting = create_meeting(session, term_id, MeetingDraft(day, "18:30", "the shop"))
        for customer_id, mark in marks.items():
            record_attendance(session, meeting.meeting.id, customer_id, mark)
        return meeting.meeting.id


def test_attendance_rate_and_the_flag_after_two_missed_meetings_running(db: Database) -> None:
    term_id, (ana, ben, chloe) = council(db, ["Ana", "Ben", "Chloé"])
    _meeting(db, term_id, dt.date(2027, 2, 1), {ana: PRESENT, ben: ABSENT, chloe: APOLOGIES})
    _meeting(db, term_id, dt.date(2027, 4, 1), {ana: APOLOGIES, ben: PRESENT, chloe: ABSENT})
    _meeting(db, term_id, dt.date(2027, 6, 1), {ana: APOLOGIES, ben: PRESENT, chloe: PRESENT})
    with db.unit_of_work() as session:
        rows = {m.customer_id: m for m in list_members(session, term_id)}
    assert rows[ana].attendance_rate == pytest.approx(1 / 3)
    assert rows[ben].attendance_rate == pytest.approx(2 / 3)
    assert rows[ana].missed_running == 2 and rows[ana].flagged
    assert not rows[ben].flagged
    assert rows[chloe].missed_running == 0 and not rows[chloe].flagged  # came back


def test_items_left_open_and_open_actions_are_carried_into_the_next_meeting(
        db: Database) -> None:
    term_id, _ids = council(db, ["Ana", "Ben"])
    with db.unit_of_work() as session:
        first = create_meeting(session, term_id, MeetingDraft(dt.date(2027, 2, 1)),
                               agenda=("Saturday hours", "The loyalty card", "Parking"))
        hours, card, _parking = first.agenda
        update_agenda_item(session, hours.id, minutes="No agreement yet.", left_open=True)
        update_agenda_item(session, card.id, minutes="Everyone likes it.")
        open_action = add_council_action(session, first.meeting.id, "Ask the landlord",
                                          owner="Hannah", due_on=dt.date(2027, 3, 1))
        done_action = add_council_action(session, first.meeting.id, "Order new cards",
                                          owner="Hannah")
        complete_council_action(session, done_action.id, dt.date(2027, 2, 10))
        second = create_meeting(session, term_id, MeetingDraft(dt.date(2027, 5, 1)),
                                agenda=("Summer opening",))
    assert [(i.title, i.carried) for i in second.agenda] == [
        ("Saturday hours", True), ("Summer opening", False)]
    assert [a.id for a in second.open_actions] == [open_action.id]
    assert second.open_actions[0].raised_on == dt.date(2027, 2, 1)
    with db.unit_of_work() as session:
        assert get_meeting(session, first.meeting.id).next_meeting_on == dt.date(2027, 5, 1)


def test_the_next_term_renews_the_regulars_thanks_the_others_and_fills_seats(
        db: Database) -> None:
    term_id, (ana, ben, chloe) = council(db, ["Ana", "Ben", "Chloé"], seats=4)
    outsider = add_customer(db, "Eve", visits=30, spent=500_000)
    _meeting(db, term_id, dt.date(2027, 2, 1), {ana: PRESENT, ben: ABSENT, chloe: PRESENT})
    _meeting(db, term_id, dt.date(2027, 4, 1), {ana: PRESENT, ben: APOLOGIES, chloe: PRESENT})
    with db.unit_of_work() as session:
        set_member_status(session, list_members(session, term_id)[-1].id, STEPPED_DOWN,
                          on=dt.date(2027, 5, 1))
        stepped = {m.customer_id for m in list_members(session, term_id)
                   if m.status == STEPPED_DOWN}
        suggestion = suggest_term_end(session, term_id, dt.date(2027, 12, 1))
    assert {m.customer_id for m in suggestion.renew} == {ana, chloe} - stepped
    assert {m.customer_id for m in suggestion.thank} == {ben} - stepped
    assert suggestion.next_term.name == "2028 council"
    assert suggestion.next_term.starts_on == dt.date(2028, 1, 1)
    assert outsider in {c.customer_id for c in suggestion.fill}
    assert not {c.customer_id for c in suggestion.fill} & {ana, ben, chloe}
    renewing = [m.customer_id for m in suggestion.renew]
    with db.unit_of_work() as session:
        assert end_term(session, term_id) == 3 - len(stepped)
        new = start_next_term(session, term_id, suggestion.next_term, renew=renewing,
                              candidates=[outsider])
        assert begin_term(session, new.id) == len(renewing)
        after = {m.customer_id: m for m in list_members(session, new.id)}
        old = {m.customer_id: m for m in list_members(session, term_id)}
        history = customer_council_history(session, renewing[0])
    assert all(after[c].status == ACTIVE and after[c].terms_served == 2 for c in renewing)
    assert after[outsider].status == "suggested" and after[outsider].terms_served == 0
    assert old[ben].status == ENDED and old[ben].left_on == dt.date(2027, 12, 31)
    assert [h.term_id for h in history] == [new.id, term_id]
