"""The call a week after a complaint was resolved: done, kept on the history, and the
customer's answer kept as a satisfaction score."""
from __future__ import annotations

import datetime as dt

from core.complaints.services import (
    FOLLOW_UP_QUESTION,
    open_complaint,
    record_follow_up_call,
    resolve_complaint,
)
from core.complaints.types import ComplaintDraft
from core.scores.queries import customer_scores
from core.store.db import Database

from tests.core.program.shop import add_customer, evaluate, only

D = dt.date
T = dt.datetime


def test_the_answer_to_are_they_happy_now_is_kept_as_a_satisfaction_score(db: Database) -> None:
    ana = add_customer(db, "Ana", visits=(D(2026, 6, 1),), today=D(2026, 11, 2))
    with db.unit_of_work() as session:
        complaint = open_complaint(session, ComplaintDraft(ana, "Cake was dry", "normal", "sam",
                                                           T(2026, 11, 2, 9)))
        resolve_complaint(session, complaint, resolution="Baked another", at=T(2026, 11, 3, 10))
    (call,) = only(evaluate(db, D(2026, 11, 10)), "complaint_resolved")
    with db.unit_of_work() as session:
        record_follow_up_call(session, call.id, ana, "Loved the new cake", D(2026, 11, 10),
                              satisfaction=4, by="sam")
    (done,) = only(evaluate(db, D(2026, 11, 10)), "complaint_resolved")
    assert (done.state, done.note) == ("done", "Loved the new cake")
    with db.unit_of_work() as session:
        (score,) = customer_scores(session, ana)
    assert (score.scale, score.score, score.channel, score.question) == (
        "csat", 4, "phone", FOLLOW_UP_QUESTION)
