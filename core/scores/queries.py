"""What the customer record, Listening and the command line read about scores.

The figures count every answer dated in the period (a customer who answered twice counts
twice), each scale over its own answers only:
- NPS = % promoters (9–10) − % detractors (0–6) of the NPS answers;
- CSAT = % of the CSAT answers that are 4 or 5.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.kernel.errors import NotFound
from core.scores.tables import SCORES, SURVEY_CARDS
from core.scores.types import (
    CSAT,
    CSAT_SATISFIED_LOWEST,
    CSAT_UNHAPPY_HIGHEST,
    DETRACTOR_HIGHEST,
    FIGURES_DAYS,
    NPS,
    PROMOTER_LOWEST,
    CsatFigure,
    Figures,
    NpsFigure,
    ScoreRow,
    show_code,
)

s, c = SCORES.c, CUSTOMERS.c


def _rows_query() -> Any:
    return (select(s.id, s.customer_id, c.first_name, c.last_name, c.organisation, c.email,
                   s.scale, s.score, s.question, s.channel, s.answered_on, s.comment,
                   SURVEY_CARDS.c.code)
            .join(CUSTOMERS, c.id == s.customer_id)
            .outerjoin(SURVEY_CARDS, SURVEY_CARDS.c.score_id == s.id))


def _row(r: Sequence[Any]) -> ScoreRow:
    name = display_name(r[2] or "", r[3] or "", r[4] or "") or (r[5] or "")
    code = show_code(r[12]) if r[12] else ""
    return ScoreRow(int(r[0]), int(r[1]), name, r[6], int(r[7]), r[8], r[9], r[10],
                    r[11] or "", code)


def get_score(session: Session, score_id: int) -> ScoreRow:
    row = session.execute(_rows_query().where(s.id == score_id)).first()
    if row is None:
        raise NotFound("score", score_id)
    return _row(row)


def customer_scores(session: Session, customer_id: int) -> list[ScoreRow]:
    """Every answer of one customer, newest first."""
    return [_row(r) for r in session.execute(
        _rows_query().where(s.customer_id == customer_id)
        .order_by(s.answered_on.desc(), s.id.desc()))]


def latest_score(session: Session, customer_id: int) -> ScoreRow | None:
    """The customer's most recent answer (either scale), or None."""
    rows = customer_scores(session, customer_id)
    return rows[0] if rows else None


def latest_scores(session: Session, customer_ids: Iterable[int]) -> dict[int, ScoreRow]:
    """Each customer's most recent answer, for those who have one."""
    ids = sorted(set(customer_ids))
    latest: dict[int, ScoreRow] = {}
    for start in range(0, len(ids), 500):
        ranked = (select(s.id, func.row_number().over(
            partition_by=s.customer_id, order_by=(s.answered_on.desc(), s.id.desc()))
            .label("rank")).where(s.customer_id.in_(ids[start:start + 500])).subquery())
        for r in session.execute(_rows_query().join(ranked, ranked.c.id == s.id)
                                 .where(ranked.c.rank == 1)):
            latest[int(r[1])] = _row(r)
    return latest


def recent_scores(session: Session, *, limit: int = 50,
                  since: dt.date | None = None) -> list[ScoreRow]:
    """The newest answers of live customers, newest first."""
    query = _rows_query().where(c.deleted_at.is_(None))
    if since is not None:
        query = query.where(s.answered_on >= since)
    return [_row(r) for r in session.execute(
        query.order_by(s.answered_on.desc(), s.id.desc()).limit(limit))]


def score_trend(session: Session, customer_id: int, scale: str) -> list[tuple[dt.date, int]]:
    """One customer's answers on one scale, oldest first (the record's trend line)."""
    return [(on, int(score)) for on, score in session.execute(
        select(s.answered_on, s.score)
        .where(s.customer_id == customer_id, s.scale == scale)
        .order_by(s.answered_on, s.id))]


def figures(session: Session, today: dt.date, *, days: int = FIGURES_DAYS) -> Figures:
    """NPS and CSAT over the last `days` days up to `today`, each over its own answers."""
    first = today - dt.timedelta(days=days - 1)
    in_period = and_(s.answered_on >= first, s.answered_on <= today)
    live = select(CUSTOMERS.c.id).where(c.deleted_at.is_(None)).scalar_subquery()
    row = session.execute(select(
        _count(and_(s.scale == NPS)),
        _count(and_(s.scale == NPS, s.score >= PROMOTER_LOWEST)),
        _count(and_(s.scale == NPS, s.score <= DETRACTOR_HIGHEST)),
        _count(and_(s.scale == CSAT)),
        _count(and_(s.scale == CSAT, s.score >= CSAT_SATISFIED_LOWEST)),
        _count(and_(s.scale == CSAT, s.score <= CSAT_UNHAPPY_HIGHEST)),
    ).where(in_period, s.customer_id.in_(live))).one()
    nps_answers, promoters, detractors, csat_answers, satisfied, unhappy = (
        int(v or 0) for v in row)
    return Figures(first, today,
                   nps_figure_of_counts(nps_answers, promoters, detractors),
                   CsatFigure(csat_answers, satisfied, unhappy))


def nps_figure_of_counts(answers: int, promoters: int, detractors: int) -> NpsFigure:
    return NpsFigure(answers, promoters, answers - promoters - detractors, detractors)


def _count(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))
