"""The program listens: a resolved complaint queues a follow-up call a week later, a
complaint still open holds every marketing gesture back, and meeting notes not sent within
two days are a reminder."""
from __future__ import annotations

import datetime as dt

from core.complaints.services import open_complaint, resolve_complaint
from core.complaints.types import ComplaintDraft
from core.meetings.services import mark_notes_sent, record_meeting
from core.meetings.types import MeetingDraft
from core.store.db import Database

from tests.core.program.shop import add_customer, evaluate, only

D = dt.date
T = dt.datetime


def _complaint(db: Database, customer: int, opened: T) -> int:
    with db.unit_of_work() as session:
        return open_complaint(session, ComplaintDraft(customer, "Cake was dry", "normal", "sam",
                                                      opened))


def _resolve(db: Database, complaint: int, at: T) -> None:
    with db.unit_of_work() as session:
        resolve_complaint(session, complaint, resolution="Baked another", satisfied=True, at=at)


def test_a_resolved_complaint_queues_a_follow_up_call_seven_days_later(db: Database) -> None:
    today = D(2026, 11, 2)
    ana = add_customer(db, "Ana", visits=(D(2026, 6, 1),), today=today)
    quiet = add_customer(db, "Quiet", visits=(D(2026, 6, 1),), no_calls=True, today=today)
    for who in (ana, quiet):
        _resolve(db, _complaint(db, who, T(2026, 11, 2, 9)), T(2026, 11, 3, 16))
    rows = only(evaluate(db, D(2026, 11, 4)), "complaint_resolved")
    assert [(r.customer_id, r.occasion_on, r.due_on, r.gesture, r.state) for r in rows] == [
        (ana, D(2026, 11, 3), D(2026, 11, 10), "call", "upcoming")]
    assert rows[0].why == ("Complaint resolved on 2026-11-03; call by 2026-11-10: "
                           "are they happy now?")


def test_a_customer_with_an_open_complaint_gets_no_marketing_gesture_until_resolved(
        db: Database) -> None:
    today = D(2026, 12, 7)
    # Bea's birthday card and Ivy's "we miss you" letter would be due today.
    bea = add_customer(db, "Bea", birthday_month=12, birthday_day=14, today=today)
    ivy = add_customer(db, "Ivy", visits=(D(2026, 8, 9),), today=today)
    assert only(evaluate(db, D(2026, 12, 6)), "birthday")  # queued before the complaint
    complaints = [_complaint(db, who, T(2026, 12, 6, 15)) for who in (bea, ivy)]
    rows = evaluate(db, today)
    assert only(rows, "birthday") == [] and only(rows, "lapsed") == []  # held back
    for complaint in complaints:
        _resolve(db, complaint, T(2026, 12, 8, 10))
    from core.program.services import evaluate_program

    with db.unit_of_work() as session:  # the app evaluates the resolved customers again
        evaluate_program(session, D(2026, 12, 8), customers=[bea, ivy])
    rows = evaluate(db, D(2026, 12, 8))
    assert [r.customer_id for r in only(rows, "birthday")] == [bea]
    assert [r.customer_id for r in only(rows, "lapsed")] == [ivy]
    assert {r.customer_id for r in only(rows, "complaint_resolved")} == {bea, ivy}


def test_an_open_complaint_does_not_hold_back_the_follow_up_call_after_a_large_sale(
        db: Database) -> None:
    today = D(2026, 7, 10)
    for n in range(9):
        add_customer(db, f"Small{n}", purchases=((D(2026, 6, 1), 2000),), today=today)
    big = add_customer(db, "Big", purchases=((D(2026, 7, 8), 9000),), today=today)
    _complaint(db, big, T(2026, 7, 9, 10))
    assert [r.customer_id for r in only(evaluate(db, today), "after_sale")] == [big]


def test_meeting_notes_not_sent_within_two_days_are_a_reminder_done_once_sent(
        db: Database) -> None:
    today = D(2026, 11, 2)
    acme = add_customer(db, "Acme", today=today)
    prompt = add_customer(db, "Prompt", today=today)
    with db.unit_of_work() as session:
        late = record_meeting(session, MeetingDraft(acme, D(2026, 11, 2), "Quarterly review",
                                                    points=("New bread range",)))
        sent = record_meeting(session, MeetingDraft(prompt, D(2026, 11, 2), "Fitting",
                                                    points=("Hem the trousers",)))
        mark_notes_sent(session, sent, sent_on=D(2026, 11, 2))
    rows = only(evaluate(db, D(2026, 11, 5)), "meeting_notes")
    assert [(r.customer_id, r.due_on, r.gesture, r.state) for r in rows] == [
        (acme, D(2026, 11, 4), "task", "overdue")]
    assert rows[0].why == "Meeting on 2026-11-02; notes to send by 2026-11-04."
    with db.unit_of_work() as session:
        mark_notes_sent(session, late, sent_on=D(2026, 11, 5))
    rows = only(evaluate(db, D(2026, 11, 5)), "meeting_notes")
    assert [(r.customer_id, r.state) for r in rows] == [(acme, "done")]
