"""Appreciation evenings: a customer night, a workshop or a preview for the best customers.

An evening is a `Gathering` like a council meeting and shares its invitations and
attendance (`Invitation`): the guest list comes from a segment (a tag, a stage, the top N
by lifetime value) or from the council; RSVPs (yes, no, maybe, with a plus-one) respect
the capacity; coming records an interaction on the customer.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import Table, false, select
from sqlalchemy.orm import Session

from core.council.common import (
    OUT_OF_RANGE,
    REQUIRED,
    check_choice,
    check_text,
    check_time,
    gathering_of_kind,
    live_customer,
    names_of,
    raise_if,
)
from core.council.errors import EventFull
from core.council.models import Gathering, Invitation, Member
from core.council.types import (
    ABSENT,
    EVENING,
    MAYBE,
    NO,
    PRESENT,
    RSVPS,
    SERVING,
    YES,
    EventDraft,
    EventRow,
    GuestRow,
    GuestSelection,
)
from core.customers.services import find_tag_id
from core.customers.tables import CUSTOMERS
from core.customers.types import STAGES
from core.kernel.edits import checked_edit
from core.kernel.errors import Invalid, NotFound, Problem
from core.store.base import Base
from core.visits.services import delete_interaction, log_interaction
from core.visits.types import InteractionDraft

AMBIGUOUS = "ambiguous"  # a guest selection that names none, or more than one, source
UNKNOWN_TAG = "unknown_tag"
UNKNOWN_STAGE = "unknown_stage"


def _check(draft: EventDraft) -> None:
    problems: list[Problem] = []
    check_text(problems, "title", draft.title, 200)
    check_text(problems, "place", draft.place, 300, required=False)
    check_time(problems, "starts_at", draft.starts_at)
    if draft.capacity is not None and not 1 <= draft.capacity <= 100_000:
        problems.append(Problem("capacity", OUT_OF_RANGE, "1-100000"))
    raise_if(problems)


def create_event(session: Session, draft: EventDraft) -> EventRow:
    """Add an appreciation evening. Raises Invalid naming `title`, `place`, `starts_at` or
    `capacity`."""
    _check(draft)
    event = Gathering(kind=EVENING, title=draft.title.strip(), held_on=draft.held_on,
                      starts_at=draft.starts_at, place=draft.place.strip(),
                      capacity=draft.capacity, created_at=dt.datetime.now())
    session.add(event)
    session.flush()
    return get_event(session, event.id)


def _stored_form(draft: EventDraft) -> EventDraft:
    return replace(draft, title=draft.title.strip(), place=draft.place.strip())


def update_event(session: Session, event_id: int, draft: EventDraft, *,
                 base: EventDraft | None = None, base_version: int | None = None) -> EventRow:
    """Change an evening's title, date, time, place and capacity. With `base` and
    `base_version` (as the editor opened it), another desk's save meanwhile is merged in,
    or raises EditConflict when it changed the same values differently."""
    event = _event(session, event_id)
    _check(draft)
    stored = EventDraft(event.title, event.held_on, event.starts_at, event.place,
                        event.capacity)
    draft = checked_edit("evening", event_id,
                         base=_stored_form(base) if base is not None else None,
                         base_version=base_version, mine=_stored_form(draft), theirs=stored,
                         version=event.version)
    event.title, event.held_on, event.starts_at = draft.title, draft.held_on, draft.starts_at
    event.place, event.capacity = draft.place, draft.capacity
    session.flush()
    return get_event(session, event_id)


def delete_event(session: Session, event_id: int) -> None:
    """Remove an evening and its guest list (the interactions of those who came stay)."""
    session.delete(_event(session, event_id))
    session.flush()


def _event(session: Session, event_id: int) -> Gathering:
    event: Gathering = gathering_of_kind(session, event_id, EVENING, "event")
    return event


def list_events(session: Session) -> list[EventRow]:
    """Every evening, the latest first."""
    return [get_event(session, event_id) for event_id in session.scalars(
        select(Gathering.id).where(Gathering.kind == EVENING)
        .order_by(Gathering.held_on.desc(), Gathering.id.desc()))]


def get_event(session: Session, event_id: int) -> EventRow:
    event = _event(session, event_id)
    guests = list(session.scalars(select(Invitation).where(
        Invitation.gathering_id == event_id)))
    return EventRow(
        event.id, event.title, event.held_on, event.starts_at, event.place, event.capacity,
        len(guests), sum(1 for g in guests if g.rsvp == YES),
        sum(1 for g in guests if g.rsvp == MAYBE), sum(1 for g in guests if g.rsvp == NO),
        _places_taken(guests), sum(1 for g in guests if g.attendance == PRESENT),
        event.invitations_sent_on, event.version)


def _places_taken(guests: list[Invitation]) -> int:
    return sum(1 + int(g.plus_one) for g in guests if g.rsvp == YES)


def list_guests(session: Session, event_id: int) -> list[GuestRow]:
    """The evening's guest list, by name."""
    _event(session, event_id)
    guests = list(session.scalars(select(Invitation).where(
        Invitation.gathering_id == event_id)))
    names = names_of(session, [g.customer_id for g in guests])
    rows = [GuestRow(g.customer_id, names.get(g.customer_id, ""), g.invited_on, g.rsvp,
                     g.plus_one, g.attendance) for g in guests]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.customer_id))


def add_guests(session: Session, event_id: int, selection: GuestSelection, *,
               today: dt.date) -> int:
    """Put the customers `selection` names on the guest list (those already on it, in the
    trash, or left out of all campaigns are not added); returns how many were added.
    Raises Invalid naming `selection` (none or several sources), `tag` or `stage`."""
    _event(session, event_id)
    ids = _selected(session, selection, today)
    present = set(session.scalars(select(Invitation.customer_id).where(
        Invitation.gathering_id == event_id)))
    new = [i for i in ids if i not in present]
    for customer_id in new:
        session.add(Invitation(gathering_id=event_id, customer_id=customer_id, rsvp="",
                               plus_one=False, attendance=""))
    session.flush()
    return len(new)


def add_guest(session: Session, event_id: int, customer_id: int) -> GuestRow:
    """Put one customer on the guest list (nothing changes when they are on it)."""
    _event(session, event_id)
    live_customer(session, customer_id)
    if session.scalar(select(Invitation.id).where(Invitation.gathering_id == event_id,
                                                  Invitation.customer_id == customer_id)) is None:
        session.add(Invitation(gathering_id=event_id, customer_id=customer_id, rsvp="",
                               plus_one=False, attendance=""))
        session.flush()
    return next(g for g in list_guests(session, event_id) if g.customer_id == customer_id)


def remove_guest(session: Session, event_id: int, customer_id: int) -> None:
    guest = _guest(session, event_id, customer_id)
    if guest.interaction_id is not None:
        delete_interaction(session, guest.interaction_id)
    session.delete(guest)
    session.flush()


def _selected(session: Session, selection: GuestSelection, today: dt.date) -> list[int]:
    sources = [bool(selection.tag.strip()), bool(selection.stage),
               selection.top_by_value > 0, selection.term_id is not None]
    if sum(sources) != 1:
        raise Invalid([Problem("selection", AMBIGUOUS if sum(sources) else REQUIRED)])
    c = CUSTOMERS.c
    live = (c.deleted_at.is_(None), c.no_campaigns == false())
    if selection.term_id is not None:
        return list(session.scalars(
            select(Member.customer_id).join(CUSTOMERS, c.id == Member.customer_id)
            .where(Member.term_id == selection.term_id, Member.status.in_(SERVING), *live)
            .order_by(Member.customer_id)))
    if selection.top_by_value > 0:
        return list(session.scalars(
            select(c.id).where(*live, c.lifetime_value_minor > 0)
            .order_by(c.lifetime_value_minor.desc(), c.id).limit(selection.top_by_value)))
    if selection.stage:
        if selection.stage not in STAGES:
            raise Invalid([Problem("stage", UNKNOWN_STAGE, selection.stage)])
        return list(session.scalars(select(c.id).where(*live, c.stage == selection.stage)
                                    .order_by(c.id)))
    tag_id = find_tag_id(session, selection.tag.strip())
    if tag_id is None:
        raise Invalid([Problem("tag", UNKNOWN_TAG, selection.tag.strip())])
    return _tagged(session, tag_id)


def _tagged(session: Session, tag_id: int) -> list[int]:
    # The customers area maps the table (importing its services above registered it).
    links: Table = Base.metadata.tables["customer_tags"]
    c = CUSTOMERS.c
    return list(session.scalars(
        select(c.id).join(links, links.c.customer_id == c.id)
        .where(links.c.tag_id == tag_id, c.deleted_at.is_(None), c.no_campaigns == false())
        .order_by(c.id)))


def _guest(session: Session, event_id: int, customer_id: int) -> Invitation:
    _event(session, event_id)
    guest = session.scalar(select(Invitation).where(Invitation.gathering_id == event_id,
                                                    Invitation.customer_id == customer_id))
    if guest is None:
        raise NotFound("guest", customer_id)
    return guest


def record_rsvp(session: Session, event_id: int, customer_id: int, rsvp: str, *,
                plus_one: bool = False) -> GuestRow:
    """Record a guest's answer (yes, no, maybe; "" clears it) and whether they bring
    someone. A yes that would take the evening past its capacity raises EventFull and
    changes nothing."""
    guest = _guest(session, event_id, customer_id)
    problems: list[Problem] = []
    if rsvp:
        check_choice(problems, "rsvp", rsvp, RSVPS)
    raise_if(problems)
    event = _event(session, event_id)
    if rsvp == YES and event.capacity is not None:
        others = [g for g in session.scalars(select(Invitation).where(
            Invitation.gathering_id == event_id)) if g.id != guest.id]
        taken = _places_taken(others)
        asked = 1 + int(plus_one)
        if taken + asked > event.capacity:
            raise EventFull(event_id, event.capacity, taken, asked)
    guest.rsvp, guest.plus_one = rsvp, plus_one and rsvp in (YES, MAYBE)
    session.flush()
    return next(g for g in list_guests(session, event_id) if g.customer_id == customer_id)


def record_event_attendance(session: Session, event_id: int, customer_id: int,
                            came: bool | None, *, today: dt.date | None = None) -> GuestRow:
    """Record whether a guest came (None clears it). Coming records a "meeting"
    interaction on the customer on the evening's date; taking it back removes it."""
    guest = _guest(session, event_id, customer_id)
    event = _event(session, event_id)
    if came and guest.interaction_id is None:
        note = f"Came to {event.title}" + (f" at {event.place}" if event.place else "")
        guest.interaction_id = log_interaction(
            session, customer_id, InteractionDraft("meeting", event.held_on, note=note[:1000]),
            today=today)
    elif not came and guest.interaction_id is not None:
        delete_interaction(session, guest.interaction_id, today=today)
        guest.interaction_id = None
    guest.attendance = PRESENT if came else ABSENT if came is False else ""
    session.flush()
    return next(g for g in list_guests(session, event_id) if g.customer_id == customer_id)
