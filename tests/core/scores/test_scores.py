"""Recording scores, refusing bad ones by field, and the NPS and CSAT figures computed
each over its own answers only."""
from __future__ import annotations

import datetime as dt

import pytest

from core.kernel.errors import Invalid, NotFound
from core.scores.services import (
    customer_scores,
    delete_score,
    figures,
    latest_score,
    latest_scores,
    recent_scores,
    record_score,
    restore_score,
    score_trend,
)
from core.scores.types import CSAT, DEFAULT_QUESTIONS, NPS, ScoreDraft
from core.store.db import Database

from tests.core.program.shop import add_customer

D = dt.date
TODAY = D(2026, 6, 30)


def _record(db: Database, customer_id: int, scale: str, score: int, on: dt.date = TODAY,
            **extra: str) -> int:
    with db.unit_of_work() as session:
        return record_score(session, customer_id, ScoreDraft(scale, score, on, **extra),
                            today=TODAY)


def test_a_score_keeps_its_question_channel_date_and_comment(db: Database) -> None:
    ana = add_customer(db, "Ana", today=TODAY)
    _record(db, ana, NPS, 9, D(2026, 6, 1), channel="in_person", comment="  Lovely bread ")
    _record(db, ana, CSAT, 4, D(2026, 6, 20), question="How was the cake?")
    with db.unit_of_work() as session:
        rows = customer_scores(session, ana)
        latest = latest_score(session, ana)
    assert [(r.scale, r.score, r.answered_on, r.channel, r.comment, r.question)
            for r in rows] == [
        (CSAT, 4, D(2026, 6, 20), "phone", "", "How was the cake?"),
        (NPS, 9, D(2026, 6, 1), "in_person", "Lovely bread", DEFAULT_QUESTIONS[NPS]),
    ]
    assert latest is not None and latest.score == 4 and latest.customer_name == "Ana Test"


def test_bad_scores_are_refused_naming_each_field_and_nothing_is_stored(db: Database) -> None:
    ana = add_customer(db, "Ana", today=TODAY)
    with pytest.raises(Invalid) as refused:
        _record(db, ana, NPS, 11, D(2026, 7, 1), channel="fax", comment="x" * 2001)
    assert {(p.field, p.code) for p in refused.value.problems} == {
        ("score", "out_of_range"), ("channel", "unknown_channel"),
        ("answered_on", "in_the_future"), ("comment", "comment_too_long")}
    with pytest.raises(Invalid) as refused:
        _record(db, ana, CSAT, 0)
    assert refused.value.for_field("score") is not None
    assert refused.value.problems[0].detail == "1-5"
    with pytest.raises(Invalid) as refused:
        _record(db, ana, "stars", 3)
    assert refused.value.for_field("scale") is not None
    with pytest.raises(NotFound):
        _record(db, 999_999, NPS, 5)
    trashed = add_customer(db, "Gone", deleted_at=dt.datetime(2026, 1, 1), today=TODAY)
    with pytest.raises(NotFound):
        _record(db, trashed, NPS, 5)
    with db.unit_of_work() as session:
        assert customer_scores(session, ana) == []


def test_the_latest_score_of_each_customer_is_their_newest_answer(db: Database) -> None:
    ana = add_customer(db, "Ana", today=TODAY)
    bo = add_customer(db, "Bo", today=TODAY)
    add_customer(db, "Cy", today=TODAY)  # never answered
    _record(db, ana, NPS, 3, D(2026, 5, 1))
    _record(db, ana, NPS, 8, D(2026, 6, 1))
    _record(db, ana, CSAT, 5, D(2026, 4, 1))  # entered later, answered earlier
    _record(db, bo, CSAT, 2, D(2026, 6, 2))
    with db.unit_of_work() as session:
        latest = latest_scores(session, [ana, bo, 12345])
        recent = recent_scores(session, limit=2)
        trend = score_trend(session, ana, NPS)
    assert {cid: (row.scale, row.score) for cid, row in latest.items()} == {
        ana: (NPS, 8), bo: (CSAT, 2)}
    assert [(r.customer_id, r.score) for r in recent] == [(bo, 2), (ana, 8)]
    assert trend == [(D(2026, 5, 1), 3), (D(2026, 6, 1), 8)]


def test_nps_counts_only_nps_answers_and_csat_only_csat_answers(db: Database) -> None:
    people = [add_customer(db, f"P{i}", today=TODAY) for i in range(10)]
    # NPS: 4 promoters (9, 10, 10, 9), 2 passives (7, 8), 4 detractors (0, 3, 6, 6).
    for who, score in zip(people, (9, 10, 10, 9, 7, 8, 0, 3, 6, 6)):
        _record(db, who, NPS, score, D(2026, 6, 10))
    # CSAT: 3 of 4 are 4 or 5; a CSAT 5 must not count as an NPS promoter, nor NPS 10
    # as satisfied.
    for who, score in zip(people, (5, 4, 4, 1)):
        _record(db, who, CSAT, score, D(2026, 6, 11))
    with db.unit_of_work() as session:
        result = figures(session, TODAY)
    assert (result.nps.answers, result.nps.promoters, result.nps.passives,
            result.nps.detractors) == (10, 4, 2, 4)
    assert result.nps.score == 0  # 40 % − 40 %
    assert (result.csat.answers, result.csat.satisfied, result.csat.unhappy) == (4, 3, 1)
    assert result.csat.score == 75


def test_the_figures_cover_the_last_90_days_only(db: Database) -> None:
    ana = add_customer(db, "Ana", today=TODAY)
    bo = add_customer(db, "Bo", today=TODAY)
    first_day = TODAY - dt.timedelta(days=89)
    _record(db, ana, NPS, 10, first_day)  # the 90th day back: in
    _record(db, bo, NPS, 2, first_day - dt.timedelta(days=1))  # the 91st: out
    _record(db, bo, NPS, 9, TODAY)
    _record(db, ana, CSAT, 2, first_day - dt.timedelta(days=5))  # out
    with db.unit_of_work() as session:
        result = figures(session, TODAY)
    assert result.first == first_day and result.last == TODAY
    assert (result.nps.answers, result.nps.score) == (2, 100)
    assert (result.csat.answers, result.csat.score) == (0, None)


def test_a_deleted_score_can_be_put_back(db: Database) -> None:
    ana = add_customer(db, "Ana", today=TODAY)
    score_id = _record(db, ana, NPS, 4, comment="Slow service")
    with db.unit_of_work() as session:
        removed = delete_score(session, score_id)
    with db.unit_of_work() as session:
        assert customer_scores(session, ana) == []
        restore_score(session, removed)
    with db.unit_of_work() as session:
        again = customer_scores(session, ana)
    assert [(r.score, r.comment) for r in again] == [(4, "Slow service")]
