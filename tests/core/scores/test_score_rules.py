"""The listening rules: an unhappy answer gets a call back within a day, a promoter a call
to ask for their story, a new customer a check-in call two weeks after the first visit;
each honours the opt-outs and its window."""
from __future__ import annotations

import datetime as dt

from core.program.settings import ProgramSettings
from core.scores.services import record_score
from core.scores.types import CSAT, NPS, ScoreDraft
from core.settings.services import save_settings
from core.store.db import Database

from tests.core.program.shop import add_customer, evaluate, keys, only

D = dt.date
TODAY = D(2026, 6, 30)


def _score(db: Database, customer_id: int, scale: str, score: int, on: dt.date) -> None:
    with db.unit_of_work() as session:
        record_score(session, customer_id, ScoreDraft(scale, score, on), today=on)


def test_an_unhappy_answer_queues_a_call_back_within_a_day(db: Database) -> None:
    six = add_customer(db, "Six", today=TODAY)
    seven = add_customer(db, "Seven", today=TODAY)
    two = add_customer(db, "Two", today=TODAY)
    three = add_customer(db, "Three", today=TODAY)
    _score(db, six, NPS, 6, TODAY)
    _score(db, seven, NPS, 7, TODAY)  # a passive: no call
    _score(db, two, CSAT, 2, TODAY)
    _score(db, three, CSAT, 3, TODAY)  # neutral: no call
    rows = only(evaluate(db, TODAY), "detractor")
    assert sorted((r.customer_id, r.due_on, r.gesture) for r in rows) == [
        (six, TODAY + dt.timedelta(days=1), "call"), (two, TODAY + dt.timedelta(days=1), "call")]
    why = {r.customer_id: r.why for r in rows}
    assert why[six] == ("Unhappy answer (6 out of 10) on 2026-06-30: call back to put it "
                        "right; call by 2026-07-01.")
    assert why[two].startswith("Unhappy answer (2 out of 5)")


def test_no_call_back_for_who_asked_for_no_calls_or_no_campaigns(db: Database) -> None:
    quiet = add_customer(db, "Quiet", no_calls=True, today=TODAY)
    out = add_customer(db, "Out", no_campaigns=True, today=TODAY)
    _score(db, quiet, NPS, 0, TODAY)
    _score(db, out, CSAT, 1, TODAY)
    rows = evaluate(db, TODAY)
    assert only(rows, "detractor") == []


def test_an_unhappy_answer_older_than_the_window_is_not_queued(db: Database) -> None:
    old = add_customer(db, "Old", today=TODAY)
    recent = add_customer(db, "Recent", today=TODAY)
    _score(db, old, NPS, 1, TODAY - dt.timedelta(days=30))  # due 29 days ago; window 14
    _score(db, recent, NPS, 1, TODAY - dt.timedelta(days=10))
    rows = only(evaluate(db, TODAY), "detractor")
    assert [(r.customer_id, r.state) for r in rows] == [(recent, "overdue")]


def test_a_promoter_is_asked_for_their_story_once_a_year(db: Database) -> None:
    nine = add_customer(db, "Nine", today=TODAY)
    eight = add_customer(db, "Eight", today=TODAY)
    happy_csat = add_customer(db, "Csat", today=TODAY)
    quiet = add_customer(db, "Quiet", no_calls=True, today=TODAY)
    _score(db, nine, NPS, 9, TODAY)
    _score(db, eight, NPS, 8, TODAY)
    _score(db, happy_csat, CSAT, 5, TODAY)  # CSAT has no promoters
    _score(db, quiet, NPS, 10, TODAY)
    rows = only(evaluate(db, TODAY), "promoter")
    assert [(r.customer_id, r.due_on) for r in rows] == [(nine, TODAY + dt.timedelta(days=3))]
    assert rows[0].why.startswith("Would recommend us (9 out of 10) on 2026-06-30: ask for "
                                  "their story")
    # A second 10 a month later: not asked again within the year.
    later = TODAY + dt.timedelta(days=30)
    _score(db, nine, NPS, 10, later)
    evaluate(db, later)
    asked = sorted(on for rule, who, on, _state in keys(db) if rule == "promoter" and who == nine)
    assert asked == [TODAY]


def test_a_new_customer_gets_a_check_in_call_two_weeks_after_the_first_visit(
        db: Database) -> None:
    first = D(2026, 6, 20)
    new = add_customer(db, "New", visits=(first,), today=TODAY)
    add_customer(db, "Regular", visits=(D(2025, 3, 1), first), today=TODAY)
    add_customer(db, "NoCalls", visits=(first,), no_calls=True, today=TODAY)
    rows = only(evaluate(db, TODAY), "check_in")
    assert [(r.customer_id, r.occasion_on, r.due_on, r.state) for r in rows] == [
        (new, first, D(2026, 7, 4), "upcoming")]
    assert rows[0].why == ("First visit on 2026-06-20: check we delivered what we promised; "
                           "call by 2026-07-04.")


def test_a_check_in_switched_off_queues_nothing(db: Database) -> None:
    with db.unit_of_work() as session:
        save_settings(session, ProgramSettings(check_in_on=False, detractor_on=False))
    sad = add_customer(db, "Sad", visits=(D(2026, 6, 20),), today=TODAY)
    _score(db, sad, NPS, 2, TODAY)
    rows = evaluate(db, TODAY)
    assert only(rows, "check_in") == [] and only(rows, "detractor") == []


def test_a_promoter_or_check_in_past_its_window_is_not_queued(db: Database) -> None:
    # Promoter: due 3 days after the answer, worth asking up to 30 days late.
    old_fan = add_customer(db, "OldFan", today=TODAY)
    fan = add_customer(db, "Fan", today=TODAY)
    _score(db, old_fan, NPS, 10, TODAY - dt.timedelta(days=40))
    _score(db, fan, NPS, 10, TODAY - dt.timedelta(days=20))
    # Check-in: due 14 days after the first visit, worth making up to 14 days late.
    add_customer(db, "LongAgo", visits=(TODAY - dt.timedelta(days=40),), today=TODAY)
    recent = add_customer(db, "Recent", visits=(TODAY - dt.timedelta(days=20),), today=TODAY)
    rows = evaluate(db, TODAY)
    assert [(r.customer_id, r.state) for r in only(rows, "promoter")] == [(fan, "overdue")]
    assert [(r.customer_id, r.state) for r in only(rows, "check_in")] == [(recent, "overdue")]


def test_a_promoter_who_already_gave_a_testimonial_is_not_asked_again(db: Database) -> None:
    from core.testimonials.services import capture_testimonial
    from core.testimonials.types import TestimonialDraft

    told = add_customer(db, "Told", today=TODAY)
    fresh = add_customer(db, "Fresh", today=TODAY)
    with db.unit_of_work() as session:
        capture_testimonial(session, TestimonialDraft(told, "Lovely people.", D(2026, 1, 5)))
    _score(db, told, NPS, 10, TODAY)
    _score(db, fresh, NPS, 10, TODAY)
    assert [r.customer_id for r in only(evaluate(db, TODAY), "promoter")] == [fresh]
