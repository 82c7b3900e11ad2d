"""Two desks edit the same council record at the same time (the other desk is a real second
process): a term, an evening, a meeting and its minutes, an idea's answer, a member. Edits
to different values merge without a question; the same value changed differently is
refused with both versions, and nothing of the refused save is written."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.council.services import (
    add_decision,
    create_event,
    create_meeting,
    get_event,
    get_meeting,
    get_term,
    list_ideas,
    list_members,
    raise_idea,
    set_idea_status,
    update_agenda_item,
    update_event,
    update_meeting,
    update_member,
    update_term,
)
from core.council.types import (
    CHAIR,
    CONSIDERING,
    DECLINED_IDEA,
    PLANNED,
    STEPPED_DOWN,
    EventDraft,
    MeetingDetail,
    MeetingDraft,
)
from core.kernel.edits import EditConflict
from core.store.db import Database

from tests.core.council.shop import TODAY, council, other_desk_saves
from tests.core.customers.other_desk import run_code_at_another_desk

MEETING_DAY = dt.date(2027, 3, 10)


def _other_desk(db: Database, code: str) -> None:
    run_code_at_another_desk(db, "import dataclasses, datetime as dt\n"
                                 "from core.council.services import *\n" + code)


# -- a term ------------------------------------------------------------------------------

def test_a_term_saved_at_two_desks_keeps_their_seats_and_my_charter(db: Database) -> None:
    term_id, _ = council(db, ["Ana"])
    with db.unit_of_work() as session:
        opened = get_term(session, term_id)
    other_desk_saves(db, f"get_term(session, {term_id})", "update_term", seats=12)
    with db.unit_of_work() as session:
        saved = update_term(session, term_id, dataclasses.replace(
            opened.draft, charter="We meet four times a year."),
            base=opened.draft, base_version=opened.version)
    assert (saved.seats, saved.charter) == (12, "We meet four times a year.")
    assert saved.version == opened.version + 2


def test_a_term_renamed_at_two_desks_is_refused_and_their_name_stays(db: Database) -> None:
    term_id, _ = council(db, ["Ana"])
    with db.unit_of_work() as session:
        opened = get_term(session, term_id)
    other_desk_saves(db, f"get_term(session, {term_id})", "update_term",
                     name="Spring council")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        update_term(session, term_id, dataclasses.replace(
            opened.draft, name="Our 2027 council", seats=8),
            base=opened.draft, base_version=opened.version)
    assert raised.value.clashing == ("name",)
    assert (raised.value.mine.name, raised.value.theirs.name) == (
        "Our 2027 council", "Spring council")
    with db.unit_of_work() as session:
        stored = get_term(session, term_id)
    assert (stored.name, stored.seats) == ("Spring council", 10)  # nothing of mine written


# -- an evening --------------------------------------------------------------------------

def _evening(db: Database) -> int:
    with db.unit_of_work() as session:
        return create_event(session, EventDraft("Spring preview", dt.date(2027, 4, 2),
                                                "18:30", "The shop", 30)).id


def test_an_evening_saved_at_two_desks_keeps_their_place_and_my_capacity(
        db: Database) -> None:
    event_id = _evening(db)
    with db.unit_of_work() as session:
        opened = get_event(session, event_id)
    other_desk_saves(db, f"get_event(session, {event_id})", "update_event", place="The café")
    with db.unit_of_work() as session:
        saved = update_event(session, event_id, dataclasses.replace(opened.draft, capacity=40),
                             base=opened.draft, base_version=opened.version)
    assert (saved.place, saved.capacity, saved.title) == ("The café", 40, "Spring preview")


def test_an_evening_moved_to_two_different_days_is_refused_and_their_day_stays(
        db: Database) -> None:
    event_id = _evening(db)
    with db.unit_of_work() as session:
        opened = get_event(session, event_id)
    other_desk_saves(db, f"get_event(session, {event_id})", "update_event",
                     held_on=dt.date(2027, 4, 9))
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        update_event(session, event_id, dataclasses.replace(
            opened.draft, held_on=dt.date(2027, 4, 16), capacity=50),
            base=opened.draft, base_version=opened.version)
    assert raised.value.clashing == ("held_on",)
    with db.unit_of_work() as session:
        stored = get_event(session, event_id)
    assert (stored.held_on, stored.capacity) == (dt.date(2027, 4, 9), 30)


# -- a meeting and its minutes -----------------------------------------------------------

def _meeting(db: Database) -> MeetingDetail:
    term_id, _ = council(db, ["Ana", "Bea"])
    with db.unit_of_work() as session:
        meeting = create_meeting(session, term_id, MeetingDraft(MEETING_DAY, "18:30", "The shop"),
                                 agenda=("Opening hours", "Loyalty card"))
    with db.unit_of_work() as session:
        return get_meeting(session, meeting.meeting.id)


def _other_desk_writes_minutes(db: Database, item_id: int, **changes: object) -> None:
    _other_desk(db, f"""
from core.council.models import AgendaItem
with db.unit_of_work() as session:
    item = session.get(AgendaItem, {item_id})
    opened = get_meeting(session, item.gathering_id)
    row = next(i for i in opened.agenda if i.id == {item_id})
    update_agenda_item(session, row.id, base=row.draft, base_version=row.version,
                       **{changes!r})
""")


def test_minutes_typed_while_another_desk_ticked_the_item_open_keep_both(
        db: Database) -> None:
    opened = _meeting(db)
    hours = opened.agenda[0]
    _other_desk_writes_minutes(db, hours.id, left_open=True, title="Opening hours (Sundays)")
    with db.unit_of_work() as session:
        saved = update_agenda_item(session, hours.id, minutes="Most would open at nine.",
                                   base=hours.draft, base_version=hours.version)
    assert (saved.title, saved.minutes, saved.left_open) == (
        "Opening hours (Sundays)", "Most would open at nine.", True)


def test_minutes_typed_at_two_desks_for_one_item_are_refused_and_theirs_are_kept(
        db: Database) -> None:
    opened = _meeting(db)
    hours = opened.agenda[0]
    _other_desk_writes_minutes(db, hours.id, minutes="Bea: Sundays matter most.")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        update_agenda_item(session, hours.id, minutes="Ana asked for later evenings.",
                           left_open=True, base=hours.draft, base_version=hours.version)
    conflict = raised.value
    assert conflict.clashing == ("minutes",)
    assert conflict.mine.minutes == "Ana asked for later evenings."
    assert conflict.theirs.minutes == "Bea: Sundays matter most."
    with db.unit_of_work() as session:
        stored = get_meeting(session, opened.meeting.id).agenda[0]
    assert (stored.minutes, stored.left_open) == ("Bea: Sundays matter most.", False)
    # Choosing "mine" and saving against theirs keeps the typed minutes after all.
    with db.unit_of_work() as session:
        saved = update_agenda_item(session, hours.id, **dataclasses.asdict(
            conflict.resolved({"minutes": "mine"})), base=conflict.theirs,
            base_version=conflict.version)
    assert (saved.minutes, saved.left_open) == ("Ana asked for later evenings.", True)


def test_a_meeting_moved_at_another_desk_keeps_my_new_place(db: Database) -> None:
    opened = _meeting(db)
    meeting = opened.meeting
    other_desk_saves(db, f"get_meeting(session, {meeting.id}).meeting", "update_meeting",
                     starts_at="19:00")
    with db.unit_of_work() as session:
        saved = update_meeting(session, meeting.id, dataclasses.replace(
            meeting.draft, place="The back room"), base=meeting.draft,
            base_version=meeting.version)
    assert (saved.starts_at, saved.place) == ("19:00", "The back room")
    other_desk_saves(db, f"get_meeting(session, {meeting.id}).meeting", "update_meeting",
                     place="The café")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        update_meeting(session, meeting.id, dataclasses.replace(saved.draft, place="Upstairs"),
                       base=saved.draft, base_version=saved.version)
    assert raised.value.clashing == ("place",)


def test_a_decision_added_at_another_desk_moves_the_meetings_version_on(
        db: Database) -> None:
    opened = _meeting(db)
    _other_desk(db, f"""
with db.unit_of_work() as session:
    add_decision(session, {opened.meeting.id}, "Open at nine on Saturdays")
""")
    with db.unit_of_work() as session:
        now = get_meeting(session, opened.meeting.id)
        assert now.meeting.version > opened.meeting.version
        add_decision(session, opened.meeting.id, "Try a stamp card")
    with db.unit_of_work() as session:
        later = get_meeting(session, opened.meeting.id)
    assert later.meeting.version > now.meeting.version
    assert [d.text for d in later.decisions] == ["Open at nine on Saturdays", "Try a stamp card"]


# -- an idea's answer --------------------------------------------------------------------

def _idea(db: Database) -> int:
    with db.unit_of_work() as session:
        return raise_idea(session, "A stamp card instead of an app", raised_on=TODAY).id


def _other_desk_answers(db: Database, idea_id: int, **answer: object) -> None:
    _other_desk(db, f"""
with db.unit_of_work() as session:
    idea = next(i for i in list_ideas(session) if i.id == {idea_id})
    set_idea_status(session, idea.id, on=dt.date(2027, 3, 2), base=idea.draft,
                    base_version=idea.version, **{answer!r})
""")


def test_an_idea_moved_along_at_another_desk_keeps_my_answer_too(db: Database) -> None:
    idea_id = _idea(db)
    with db.unit_of_work() as session:
        opened = list_ideas(session)[0]
    _other_desk_answers(db, idea_id, status=PLANNED)
    with db.unit_of_work() as session:
        saved = set_idea_status(session, idea_id, opened.status, on=TODAY,
                                response="Cards are ordered for April.", base=opened.draft,
                                base_version=opened.version)
    assert (saved.status, saved.response) == (PLANNED, "Cards are ordered for April.")
    assert saved.status_changed_on == dt.date(2027, 3, 2)  # when they moved it


def test_an_idea_answered_differently_at_two_desks_is_refused_and_theirs_stays(
        db: Database) -> None:
    idea_id = _idea(db)
    with db.unit_of_work() as session:
        opened = list_ideas(session)[0]
    _other_desk_answers(db, idea_id, status=DECLINED_IDEA, response="Too costly this year.")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        set_idea_status(session, idea_id, CONSIDERING, on=TODAY,
                        response="We are asking the printer.", base=opened.draft,
                        base_version=opened.version)
    assert raised.value.clashing == ("status", "response")
    with db.unit_of_work() as session:
        stored = list_ideas(session)[0]
    assert (stored.status, stored.response) == (DECLINED_IDEA, "Too costly this year.")


# -- a member ----------------------------------------------------------------------------

def test_a_member_made_chair_at_another_desk_keeps_the_chair_when_i_record_them_leaving(
        db: Database) -> None:
    term_id, _ = council(db, ["Ana"])
    with db.unit_of_work() as session:
        opened = list_members(session, term_id)[0]
    other_desk_saves(db, f"list_members(session, {term_id})[0]", "update_member", role=CHAIR)
    with db.unit_of_work() as session:
        saved = update_member(session, opened.id, dataclasses.replace(
            opened.draft, status=STEPPED_DOWN), on=TODAY, base=opened.draft,
            base_version=opened.version)
    assert (saved.role, saved.status, saved.left_on) == (CHAIR, STEPPED_DOWN, TODAY)
