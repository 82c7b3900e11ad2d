"""Paper survey cards: one page per customer, printed as a batch through the printing
engine (template "survey-card"), each with a short code that names the card, and so its
customer and question. The answers are typed back in by code: code, score, comment.

Codes are six letters and digits from an alphabet without look-alikes (no 0/O, 1/I/L,
2/Z, 5/S, 8/B), printed "K7Q-3MX"; typing is forgiving: any case, with or without the
dash or spaces."""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import replace
from pathlib import Path

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.kernel.changes import Changes
from core.kernel.errors import Invalid, Problem
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.printing.services import (
    BatchPlan,
    BatchRequest,
    BatchSummary,
    RenderedBatch,
    plan_batch,
    print_planned_batch,
)
from core.printing.types import RecipientSelection
from core.scores.errors import UNKNOWN_SCALE, SurveyAlreadyAnswered, UnknownSurveyCode
from core.scores.tables import SURVEY_CARDS
from core.scores.types import (
    CODE_LENGTH,
    DEFAULT_QUESTIONS,
    PAPER,
    SCALES,
    ScoreDraft,
    SurveyCardRow,
    normalize_code,
    show_code,
)
from core.store.changes import note_changes
from core.store.db import Database

SURVEY_TEMPLATE = "survey-card"
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def plan_survey_cards(session: Session, selection: RecipientSelection, *, scale: str,
                      question: str = "", today: dt.date) -> BatchPlan:
    """Choose who gets a survey card and give each a new code (in the plan's merge values;
    nothing is stored yet). Raises the printing engine's errors (NoRecipients,
    InvalidSelection) and Invalid for an unknown scale."""
    if scale not in SCALES:
        raise Invalid([Problem("scale", UNKNOWN_SCALE, scale)])
    question = question.strip() or DEFAULT_QUESTIONS[scale]
    plan = plan_batch(session, BatchRequest(SURVEY_TEMPLATE, selection), today=today)
    codes = _new_codes(session, len(plan.recipients))
    recipients = tuple(
        replace(r, values=(*r.values, ("survey_code", show_code(code)),
                           ("survey_question", question), ("survey_scale", scale)))
        for r, code in zip(plan.recipients, codes))
    return replace(plan, recipients=recipients)


def print_survey_cards(
    database: Database, plan: BatchPlan, out_path: Path, *, today: dt.date,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> tuple[BatchSummary, RenderedBatch]:
    """Store the planned cards' codes, then print them as one batch (a long job). A print
    that fails or is cancelled forgets the codes again: no card is waiting for an answer
    that was never printed."""
    with database.unit_of_work() as session:
        ids = _store_cards(session, plan, today)
    try:
        summary, _plan, rendered = print_planned_batch(
            database, plan, out_path, progress=progress, is_cancelled=is_cancelled)
    except BaseException:
        with database.unit_of_work() as session:
            session.execute(delete(SURVEY_CARDS).where(SURVEY_CARDS.c.id.in_(ids)))
        raise
    return summary, rendered


def _store_cards(session: Session, plan: BatchPlan, today: dt.date) -> list[int]:
    ids = []
    for recipient in plan.recipients:
        values = recipient.value_map()
        assert recipient.customer_id is not None
        ids.append(int(session.execute(insert(SURVEY_CARDS).values(
            code=normalize_code(values["survey_code"]), customer_id=recipient.customer_id,
            scale=values["survey_scale"], question=values["survey_question"],
            printed_on=today,
        ).returning(SURVEY_CARDS.c.id)).scalar_one()))
    note_changes(session, Changes(scores=True))
    return ids


def _new_codes(session: Session, count: int) -> list[str]:
    """`count` codes no card carries yet (30 bits each: a clash is rare, and retried)."""
    codes: list[str] = []
    taken: set[str] = set()
    while len(codes) < count:
        wanted = {"".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                  for _ in range(count - len(codes))} - taken
        found = set(session.scalars(select(SURVEY_CARDS.c.code)
                                    .where(SURVEY_CARDS.c.code.in_(sorted(wanted)))))
        fresh = sorted(wanted - found)
        codes += fresh
        taken.update(wanted)
    return codes


def find_survey_card(session: Session, code: str) -> SurveyCardRow:
    """The printed card with this code (typed any way). Raises UnknownSurveyCode."""
    key = normalize_code(code)
    k, c = SURVEY_CARDS.c, CUSTOMERS.c
    row = session.execute(
        select(k.id, k.code, k.customer_id, c.first_name, c.last_name, c.organisation,
               c.email, k.scale, k.question, k.printed_on, k.score_id)
        .join(CUSTOMERS, c.id == k.customer_id).where(k.code == key)).first()
    if row is None or not key:
        raise UnknownSurveyCode(code.strip())
    name = display_name(row[3] or "", row[4] or "", row[5] or "") or (row[6] or "")
    return SurveyCardRow(int(row[0]), show_code(row[1]), int(row[2]), name, row[7], row[8],
                         row[9], row[10])


def answer_survey_card(session: Session, code: str, score: int, comment: str = "", *,
                       answered_on: dt.date, today: dt.date | None = None) -> int:
    """Record the answer written on a paper survey card as the card's customer's score
    (channel: paper survey); returns the score's id. Raises UnknownSurveyCode,
    SurveyAlreadyAnswered, NotFound("customer") (trashed since) or Invalid."""
    from core.scores.services import record_score

    card = find_survey_card(session, code)
    if card.score_id is not None:
        raise SurveyAlreadyAnswered(card.code, card.score_id)
    score_id = record_score(session, card.customer_id, ScoreDraft(
        card.scale, score, answered_on, PAPER, comment, card.question), today=today)
    session.execute(update(SURVEY_CARDS).where(SURVEY_CARDS.c.id == card.id)
                    .values(score_id=score_id))
    return score_id
