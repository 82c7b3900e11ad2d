"""Scores services: record an answer (typed in, or from a paper survey card by its code),
delete and put one back (undo), and read what the customer record and Listening show.

Every write notes `Changes(scores=True, customer_ids=...)`; the program evaluates the
customer again after it (a detractor's call, a promoter's story)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.kernel.changes import Changes
from core.kernel.errors import Invalid, NotFound, Problem
from core.scores.demo import add_demo_scores
from core.scores.errors import (
    COMMENT_TOO_LONG,
    IN_THE_FUTURE,
    MAX_COMMENT,
    MAX_QUESTION,
    OUT_OF_RANGE,
    QUESTION_TOO_LONG,
    UNKNOWN_CHANNEL,
    UNKNOWN_SCALE,
)
from core.scores.queries import (
    customer_scores,
    figures,
    latest_score,
    latest_scores,
    recent_scores,
    score_trend,
)
from core.scores.surveys import (
    answer_survey_card,
    find_survey_card,
    plan_survey_cards,
    print_survey_cards,
)
from core.scores.tables import SCORES
from core.scores.types import (
    CHANNELS,
    DEFAULT_QUESTIONS,
    SCALE_RANGE,
    SCALES,
    ScoreDraft,
    ScoreRow,
    normalize_code,
    show_code,
)
from core.store.changes import note_changes

__all__ = ["add_demo_scores", "answer_survey_card", "check_score", "customer_scores", "delete_score",
           "figures", "find_survey_card", "latest_score", "latest_scores", "normalize_code",
           "plan_survey_cards", "print_survey_cards", "recent_scores", "record_score",
           "restore_score", "score_trend", "show_code"]


def check_score(draft: ScoreDraft, today: dt.date) -> ScoreDraft:
    """The draft cleaned (comment and question trimmed, the default question filled in);
    raises Invalid naming every field that is wrong."""
    problems: list[Problem] = []
    if draft.scale not in SCALES:
        problems.append(Problem("scale", UNKNOWN_SCALE, str(draft.scale)))
    else:
        lowest, highest = SCALE_RANGE[draft.scale]
        if not isinstance(draft.score, int) or not lowest <= draft.score <= highest:
            problems.append(Problem("score", OUT_OF_RANGE, f"{lowest}-{highest}"))
    if draft.channel not in CHANNELS:
        problems.append(Problem("channel", UNKNOWN_CHANNEL, str(draft.channel)))
    if draft.answered_on > today:
        problems.append(Problem("answered_on", IN_THE_FUTURE, draft.answered_on.isoformat()))
    comment, question = draft.comment.strip(), draft.question.strip()
    if len(comment) > MAX_COMMENT:
        problems.append(Problem("comment", COMMENT_TOO_LONG, str(MAX_COMMENT)))
    if len(question) > MAX_QUESTION:
        problems.append(Problem("question", QUESTION_TOO_LONG, str(MAX_QUESTION)))
    if problems:
        raise Invalid(problems)
    return ScoreDraft(draft.scale, draft.score, draft.answered_on, draft.channel, comment,
                      question or DEFAULT_QUESTIONS[draft.scale])


def record_score(session: Session, customer_id: int, draft: ScoreDraft, *,
                 today: dt.date | None = None) -> int:
    """Record one answer of a live customer; returns its id. Raises NotFound("customer",
    id) for a missing or trashed customer, and Invalid naming `scale`, `score`,
    `channel`, `answered_on`, `comment` or `question`; then nothing is written."""
    clean = check_score(draft, today or dt.date.today())
    _check_live(session, customer_id)
    return _insert(session, customer_id, clean)


def delete_score(session: Session, score_id: int) -> ScoreRow:
    """Remove one answer; returns it whole, for `restore_score` (undo).
    Raises NotFound("score", id)."""
    from core.scores.queries import get_score

    row = get_score(session, score_id)
    session.execute(delete(SCORES).where(SCORES.c.id == score_id))
    note_changes(session, Changes(scores=True, customer_ids=frozenset({row.customer_id})))
    return row


def restore_score(session: Session, row: ScoreRow) -> int:
    """Put a deleted answer back (under a new id); returns the id."""
    _check_live(session, row.customer_id)
    return _insert(session, row.customer_id, row.draft())


def _insert(session: Session, customer_id: int, draft: ScoreDraft) -> int:
    new_id = int(session.execute(insert(SCORES).values(
        customer_id=customer_id, scale=draft.scale, score=draft.score,
        question=draft.question, channel=draft.channel, answered_on=draft.answered_on,
        comment=draft.comment, created_at=dt.datetime.now(),
    ).returning(SCORES.c.id)).scalar_one())
    note_changes(session, Changes(scores=True, customer_ids=frozenset({customer_id})))
    return new_id


def _check_live(session: Session, customer_id: int) -> None:
    found = session.scalar(select(CUSTOMERS.c.id).where(
        CUSTOMERS.c.id == customer_id, CUSTOMERS.c.deleted_at.is_(None)))
    if found is None:
        raise NotFound("customer", customer_id)
