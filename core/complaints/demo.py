"""What `main.py demo` adds for listening: complaints in every state (with times waiting on
the customer), promises kept early, on time and late (and some still to keep), and meeting
notes sent on the day, sent late, and not sent yet."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.services import (
    add_promise,
    close_complaint,
    keep_promise,
    move_complaint,
    open_complaint,
    resolve_complaint,
)
from core.complaints.types import IN_PROGRESS, WAITING, ComplaintDraft
from core.customers.tables import CUSTOMERS
from core.meetings.services import mark_notes_sent, record_meeting
from core.meetings.types import MeetingDraft, MeetingTaskDraft

STAFF = ("Hannah", "Sam")
COMPLAINTS = (
    ("The sourdough was burnt on the bottom", "normal"),
    ("Birthday cake order was ready an hour late", "high"),
    ("Charged twice for the same coffee", "high"),
    ("Staff member was short with them at the counter", "normal"),
    ("Gluten-free loaf sold out before 10", "low"),
    ("Croissants were stale the next morning", "normal"),
    ("Wrong name piped on the cake", "high"),
    ("Queue too long on Saturday mornings", "low"),
    ("Found a hair in the muffin", "high"),
    ("Online order missing a baguette", "normal"),
)
RESOLUTIONS = ("Refunded and apologised in person", "Baked a fresh one and delivered it",
               "Refunded the double charge the same day", "Spoke with the team; sent a note",
               "Gave a voucher for the next visit")
PROMISES = ("Wedding cake tasting box ready", "Call back with a quote for the party trays",
            "Gluten-free loaf set aside", "Rye starter jar ready to collect",
            "Custom cake design sketch by email", "Catering menu posted")


def add_demo_listening(session: Session, today: dt.date, rng: random.Random) -> None:
    """Complaints, promises and meeting notes on some of the demo customers (nothing when
    there are too few customers)."""
    c = CUSTOMERS.c
    people = list(session.scalars(select(c.id).where(c.deleted_at.is_(None),
                                                     c.last_interaction_on.is_not(None))
                                  .order_by(c.id).limit(400)))
    if len(people) < 12:
        return
    rng.shuffle(people)
    _complaints(session, today, rng, people[:18])
    _promises(session, today, rng, people[18:34])
    businesses = list(session.scalars(select(c.id).where(c.deleted_at.is_(None),
                                                         c.organisation != "")
                                      .order_by(c.id).limit(3))) or people[34:37]
    _meetings(session, today, businesses)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def _complaints(session: Session, today: dt.date, rng: random.Random,
                people: list[int]) -> None:
    for n, customer_id in enumerate(people):
        summary, severity = COMPLAINTS[n % len(COMPLAINTS)]
        ago = [1, 4, 9, 2, 3, 6, 8, 12, 18, 25, 33, 41, 52, 60, 70, 80, 15, 29][n % 18]
        opened = _at(today - dt.timedelta(days=ago), rng.randrange(9, 16), rng.randrange(60))
        who = STAFF[n % 2]
        complaint = open_complaint(session, ComplaintDraft(customer_id, summary, severity, who,
                                                           opened))
        answered = opened + dt.timedelta(minutes=rng.choice((20, 45, 90, 180, 300, 1440)))
        if n == 0:  # opened yesterday, not touched yet
            continue
        move_complaint(session, complaint, IN_PROGRESS, at=answered, by=who)
        if n == 1:  # in progress for days: overdue
            continue
        if n in (2, 5, 8, 11):  # waiting on the customer for a while
            back = answered + dt.timedelta(hours=rng.choice((20, 30, 50)))
            move_complaint(session, complaint, WAITING, at=answered + dt.timedelta(hours=1),
                           by=who)
            if n == 2 or back.date() >= today:
                continue  # still waiting
            move_complaint(session, complaint, IN_PROGRESS, at=back, by=who)
            answered = back
        ended = min(answered + dt.timedelta(hours=rng.choice((2, 5, 20, 26, 50))),
                    _at(today, 8))
        if n in (9, 14):
            close_complaint(session, complaint, reason="They did not answer our calls",
                            at=ended, by=who)
            continue
        resolve_complaint(session, complaint, resolution=rng.choice(RESOLUTIONS),
                          satisfied=rng.random() < 0.8, at=ended, by=who)


def _promises(session: Session, today: dt.date, rng: random.Random, people: list[int]) -> None:
    # (made days ago, due after days, kept days after it was due: None = not kept yet)
    plans = [(40, 5, -2), (35, 3, 0), (30, 4, 2), (28, 2, 0), (25, 7, -1), (21, 3, 0),
             (18, 2, 3), (14, 5, 0), (10, 3, -1), (6, 2, None), (3, 4, None), (2, 2, None),
             (1, 1, None), (60, 6, 0), (75, 4, 1), (8, 3, 0)]
    for customer_id, (ago, within, kept) in zip(people, plans, strict=False):
        made = today - dt.timedelta(days=ago)
        due = made + dt.timedelta(days=within)
        promise = add_promise(session, customer_id=customer_id, what=rng.choice(PROMISES),
                              due_on=due, made_on=made, owner=rng.choice(STAFF))
        if kept is not None:
            keep_promise(session, promise, kept_on=max(made, min(today, due + dt.timedelta(
                days=kept))))


def _meetings(session: Session, today: dt.date, customers: list[int]) -> None:
    notes = [
        (12, 12, MeetingDraft(0, today, "Catering for the spring open day",
                              ("Hannah Whitfield (Maple & Rye)", "Their events manager"),
                              ("Numbers: about 120 guests", "Savoury and sweet trays",
                               "Delivery by 8:30 at the side entrance"),
                              ("Quote for 12 trays, half savoury", "Tasting box next week"),
                              (MeetingTaskDraft("Hannah", "Send the quote", today),
                               MeetingTaskDraft("Events manager", "Confirm final numbers",
                                                today)))),
        (20, 25, MeetingDraft(0, today, "Weekly bread order review",
                              ("Sam", "Head chef"),
                              ("Rye demand up since October", "Fewer baguettes on Mondays"),
                              ("Two more rye loaves from Tuesday to Friday",),
                              (MeetingTaskDraft("Sam", "Change the standing order", None),))),
        (3, None, MeetingDraft(0, today, "Wedding cake consultation",
                               ("Hannah", "The couple"),
                               ("Three tiers, lemon and elderflower", "Flowers from their florist"),
                               ("Tasting on Saturday", "Deposit on booking"),
                               (MeetingTaskDraft("Hannah", "Sketch the design", None),
                                MeetingTaskDraft("The couple", "Send the florist's contact",
                                                 None)))),
    ]
    for customer_id, (ago, sent_after, draft) in zip(customers, notes, strict=False):
        met = today - dt.timedelta(days=ago)
        tasks = tuple(MeetingTaskDraft(t.who, t.what, met + dt.timedelta(days=7) if t.due_on
                                       else None) for t in draft.tasks)
        meeting = record_meeting(session, MeetingDraft(
            customer_id, met, draft.subject, draft.attendees, draft.points, draft.agreed, tasks))
        if sent_after is not None:
            mark_notes_sent(session, meeting, sent_on=min(today, met + dt.timedelta(
                days=0 if sent_after == ago else 4)))
