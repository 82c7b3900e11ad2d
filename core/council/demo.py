"""What `main.py demo` adds for the council: a past term and the current one, with their
members, meetings, attendance, minutes, decisions, actions and ideas, and one past
appreciation evening. Written through the council's own services."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from core.council.candidates import suggest_candidates
from core.council.errors import EventFull
from core.council.events import (
    add_guests,
    create_event,
    list_guests,
    record_event_attendance,
    record_rsvp,
)
from core.council.ideas import raise_idea, set_idea_status
from core.council.meetings import (
    add_council_action,
    add_decision,
    complete_council_action,
    create_meeting,
    record_attendance,
    record_notes_sent,
    update_agenda_item,
)
from core.council.models import Gathering, Invitation
from core.council.terms import (
    add_member,
    create_term,
    list_members,
    list_terms,
    record_charter_accepted,
    set_member_status,
)
from core.council.types import (
    ABSENT,
    ACTIVE,
    APOLOGIES,
    CHAIR,
    CONSIDERING,
    DECLINED,
    DECLINED_IDEA,
    DONE,
    ENDED,
    INVITED,
    MAYBE,
    NO,
    PLANNED,
    PRESENT,
    STEPPED_DOWN,
    SUGGESTED,
    YES,
    EventDraft,
    GuestSelection,
    MeetingDraft,
    TermDraft,
)

# (agenda item, its minutes, a decision or "", an action or "")
TOPICS = (
    ("Saturday opening hours", ("Most members come before work on Saturdays and find the "
     "door still locked at 8. Two would rather we stayed open later instead."),
     "We open at 7:30 on Saturdays for a trial month.", "Put the new hours on the door"),
    ("A sourdough subscription", ("Five of the eight would take a weekly loaf if they could "
     "pay by the month and skip a week when away."),
     "We try a monthly sourdough subscription with 20 places.",
     "Work out the price of a monthly loaf"),
    ("Gluten-free baking", ("Members with coeliac friends say the shared trays worry them "
     "more than the choice. A separate shelf would help."), "",
     "Ask the flour mill about a certified gluten-free flour"),
    ("The loyalty card", ("Nobody wants an app. A paper stamp card, with a free coffee "
     "after nine, was the favourite."), "The stamp card replaces the points app.",
     "Order 500 stamp cards"),
    ("Holiday pre-orders", ("Last December the queue went out of the door. Members asked for "
     "a pre-order form with collection times."), "Pre-orders open on 15 November.",
     "Make a pre-order form with collection slots"),
    ("Seating by the window", ("The window bench is popular but cold in winter. A heater or "
     "a curtain were both suggested."), "", "Get quotes for a small heater"),
    ("Coffee beans", ("A local roaster would be welcome; members liked the idea of selling "
     "the beans too."), "We stock beans from a roaster in our street.", ""),
    ("A kids' baking class", ("Parents on the council would book a Saturday class for "
     "children aged 6 to 10."), "", "Find a date for a first class"),
)
IDEAS = (
    ("Open earlier on Saturdays", DONE, "We open at 7:30 on Saturdays since the spring."),
    ("A monthly sourdough subscription", DONE, "Twenty members subscribe; ask at the till."),
    ("Label every allergen on the shelf", DONE, "Every label now lists the allergens."),
    ("A paper stamp card instead of the app", PLANNED,
     "The cards are at the printer and arrive next month."),
    ("Pre-order holiday breads online or by phone", PLANNED,
     "The pre-order form opens on 15 November."),
    ("A heater by the window bench", CONSIDERING, ""),
    ("Deliver to the office park", DECLINED_IDEA,
     "We tried two weeks; the bread arrived cold, so we stopped."),
    ("A kids' baking class on Saturdays", "heard", ""),
)
OWNERS = ("Hannah", "Sam", "Hannah", "the chair")


def add_council_demo(session: Session, today: dt.date, rng: random.Random) -> bool:
    """Add the demo council (once: nothing when a term exists or there are too few
    customers). Returns whether it was added."""
    if list_terms(session):
        return False
    candidates = suggest_candidates(session, today, limit=24, newer=4)
    if len(candidates) < 16:
        return False
    pool = [c.customer_id for c in candidates]
    current_start = today - dt.timedelta(days=330)
    current_end = today + dt.timedelta(days=35)
    past_end = current_start - dt.timedelta(days=1)
    past_start = past_end - dt.timedelta(days=364)
    past = create_term(session, TermDraft(f"{past_start.year} council", past_start,
                                          past_end, 8))
    current = create_term(session, TermDraft(f"{current_start.year} council", current_start,
                                             current_end, 10))
    reasons = {c.customer_id: c.reason for c in candidates}
    past_members = pool[:8]
    renewed = past_members[:5]
    newcomers = pool[8:13]
    for n, customer_id in enumerate(past_members):
        member = add_member(session, past.id, customer_id, status=ACTIVE,
                            role=CHAIR if n == 0 else "member", reason=reasons[customer_id],
                            on=past_start)
        _accept_charter(session, member.id, past_start)
    for customer_id in (*renewed, *newcomers):
        member = add_member(session, current.id, customer_id, status=ACTIVE,
                            role=CHAIR if customer_id == renewed[0] else "member",
                            reason="renewed" if customer_id in renewed
                            else reasons[customer_id], on=current_start)
        _accept_charter(session, member.id, current_start)
    for customer_id, status in zip(pool[13:16], (SUGGESTED, INVITED, DECLINED), strict=True):
        add_member(session, current.id, customer_id, status=status,
                   reason=reasons[customer_id], on=today - dt.timedelta(days=10))
    topics = list(TOPICS)
    rng.shuffle(topics)
    past_days = [past_start + dt.timedelta(days=30 + 91 * n) for n in range(4)]
    # The current term: two meetings well past, one two days ago (its notes are due), and
    # the next in twelve days (its invitations are due).
    current_days = [today - dt.timedelta(days=2 + 91 * n) for n in (2, 1, 0)]
    current_days.append(today + dt.timedelta(days=12))
    _meetings(session, past.id, past_days, topics[:4], rng, today, flagged=None)
    _meetings(session, current.id, current_days, topics[4:], rng, today,
              flagged=newcomers[-1])
    # The past term ended: its members' memberships ended, one stepped down before.
    for member in list_members(session, past.id):
        if member.customer_id == past_members[-1]:
            set_member_status(session, member.id, STEPPED_DOWN,
                              on=past_start + dt.timedelta(days=200))
        else:
            set_member_status(session, member.id, ENDED, on=past_end)
    _ideas(session, (*renewed, *newcomers), current_start, today, rng)
    _evening(session, current.id, today, rng)
    return True


def _accept_charter(session: Session, member_id: int, on: dt.date) -> None:
    record_charter_accepted(session, member_id, on + dt.timedelta(days=14))


def _meetings(session: Session, term_id: int, days: list[dt.date],
              topics: list[tuple[str, str, str, str]], rng: random.Random, today: dt.date, *,
              flagged: int | None) -> None:
    """A meeting on each of `days`; those held have their invitations sent, attendance,
    minutes, decisions and actions, and their notes sent unless held this week."""
    for n, day in enumerate(days):
        agenda = [title for title, *_rest in topics[n:n + 2]] or ["What we heard this season"]
        detail = create_meeting(session, term_id, MeetingDraft(
            day, "18:30", "the bakery, after closing"), agenda=tuple(agenda))
        meeting_id = detail.meeting.id
        if day >= today:
            continue  # coming up: its invitations are due
        session.get_one(Gathering, meeting_id).invitations_sent_on = day - dt.timedelta(days=14)
        for row in detail.attendance:
            mark = rng.choices((PRESENT, APOLOGIES, ABSENT), weights=(8, 2, 1))[0]
            if row.customer_id == flagged and n >= 1:
                mark = APOLOGIES if n % 2 else ABSENT
            record_attendance(session, meeting_id, row.customer_id, mark)
        for item in detail.agenda:
            topic = next((t for t in topics if t[0] == item.title), None)
            if topic is None:
                continue
            _title, minutes, decision, action = topic
            update_agenda_item(session, item.id, minutes=minutes,
                               left_open=not decision and item.position == len(detail.agenda))
            if decision:
                add_decision(session, meeting_id, decision, agenda_item_id=item.id)
            if action:
                added = add_council_action(session, meeting_id, action,
                                           owner=rng.choice(OWNERS),
                                           due_on=day + dt.timedelta(days=rng.choice((14, 21, 30))),
                                           agenda_item_id=item.id)
                if day + dt.timedelta(days=40) < today:
                    complete_council_action(session, added.id,
                                            day + dt.timedelta(days=rng.randrange(7, 35)))
        if day < today - dt.timedelta(days=7):
            record_notes_sent(session, meeting_id, day + dt.timedelta(days=rng.randrange(1, 4)))


def _ideas(session: Session, members: tuple[int, ...], start: dt.date, today: dt.date,
           rng: random.Random) -> None:
    meetings = session.query(Gathering.id, Gathering.held_on).filter(
        Gathering.kind == "meeting", Gathering.held_on <= today).order_by(
        Gathering.held_on).all()
    recent = [m for m in meetings if m.held_on >= start] or meetings
    for n, (text, status, response) in enumerate(IDEAS):
        meeting = recent[min(n // 3, len(recent) - 1)]
        idea = raise_idea(session, text, raised_on=meeting.held_on,
                          raised_by_id=members[n % len(members)], meeting_id=meeting.id)
        if status != "heard":
            on = min(today - dt.timedelta(days=1),
                     meeting.held_on + dt.timedelta(days=rng.randrange(10, 60)))
            set_idea_status(session, idea.id, status, on=on, response=response)


def _evening(session: Session, term_id: int, today: dt.date, rng: random.Random) -> None:
    """A customer night two months ago: the top 30 by value and the council asked, most
    answered, and those who said yes mostly came."""
    held_on = today - dt.timedelta(days=60)
    event = create_event(session, EventDraft("Harvest bread tasting", held_on, "19:00",
                                             "the bakery", 40))
    add_guests(session, event.id, GuestSelection(top_by_value=30), today=held_on)
    add_guests(session, event.id, GuestSelection(term_id=term_id), today=held_on)
    invited_on = held_on - dt.timedelta(days=21)
    session.get_one(Gathering, event.id).invitations_sent_on = invited_on
    for invitation in session.query(Invitation).filter(Invitation.gathering_id == event.id):
        invitation.invited_on = invited_on
    session.flush()
    for guest in list_guests(session, event.id):
        answer = rng.choices((YES, NO, MAYBE, ""), weights=(6, 2, 1, 1))[0]
        if not answer:
            continue
        try:
            record_rsvp(session, event.id, guest.customer_id, answer,
                        plus_one=answer == YES and rng.random() < 0.4)
        except EventFull:  # the evening filled up: this guest is told no
            record_rsvp(session, event.id, guest.customer_id, NO)
            continue
        if answer == YES:
            record_event_attendance(session, event.id, guest.customer_id,
                                    rng.random() < 0.85, today=today)
