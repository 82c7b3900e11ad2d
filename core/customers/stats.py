"""Visit count, lifetime value, last visit and stage: recomputed in SQL after changes."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from core.customers.models import Customer, Interaction
from core.customers.stages import (
    BUSINESS_KINDS,
    StageThresholds,
    stage_expression,
)
from core.kernel.changes import Changes
from core.settings.services import get_settings
from core.store.changes import note_changes


def refresh_customer_stats(
    session: Session,
    customer_ids: Iterable[int] | None = None,
    *,
    today: dt.date | None = None,
    thresholds: StageThresholds | None = None,
) -> None:
    """Recompute the stored statistics and stage for some customers (None: everyone), by
    the stored stage thresholds unless `thresholds` is given."""
    today = today or dt.date.today()
    ids = None if customer_ids is None else sorted(set(customer_ids))
    if ids is not None and not ids:
        return
    if thresholds is None:
        thresholds = get_settings(session, StageThresholds)
    for chunk in _chunks(ids):
        session.execute(_refresh_statement(chunk, today, thresholds))
    session.expire_all()
    note_changes(session, Changes(customers=True, customer_ids=frozenset(ids or ())))


def _refresh_statement(chunk: list[int] | None, today: dt.date,
                       thresholds: StageThresholds) -> Any:
    """One set-based UPDATE: interactions and referrals are grouped once (not one subquery
    per customer and column), and only rows whose figures change are written. Rewriting
    every row costs most on PostgreSQL, where each rewrite touches every index."""
    c = cast(Table, Customer.__table__)
    i = cast(Table, Interaction.__table__)
    business = i.c.kind.in_(sorted(BUSINESS_KINDS))
    activity = select(
        i.c.customer_id,
        func.sum(case((business, 1), else_=0)).label("visits"),
        func.sum(i.c.amount_minor).label("value"),
        func.max(case((business, i.c.occurred_on))).label("last"),
    ).group_by(i.c.customer_id)
    referrer = c.alias("referred")
    referrals = select(
        referrer.c.referred_by_id, func.count().label("referrals")
    ).where(referrer.c.deleted_at.is_(None)).group_by(referrer.c.referred_by_id)
    figures = select(c.c.id)
    if chunk is not None:
        activity = activity.where(i.c.customer_id.in_(chunk))
        referrals = referrals.where(referrer.c.referred_by_id.in_(chunk))
        figures = figures.where(c.c.id.in_(chunk))
    activity_q, referrals_q = activity.subquery("activity"), referrals.subquery("referrals")
    figures_q = figures.add_columns(
        func.coalesce(activity_q.c.visits, 0).label("visit_count"),
        func.coalesce(activity_q.c.value, 0).label("lifetime_value_minor"),
        activity_q.c["last"].label("last_interaction_on"),
        func.coalesce(referrals_q.c.referrals, 0).label("referrals"),
    ).outerjoin(activity_q, activity_q.c.customer_id == c.c.id).outerjoin(
        referrals_q, referrals_q.c.referred_by_id == c.c.id
    ).subquery("figures")
    new = select(
        figures_q.c.id, figures_q.c.visit_count, figures_q.c.lifetime_value_minor,
        figures_q.c.last_interaction_on,
        stage_expression(figures_q, figures_q.c.referrals, today=today, thresholds=thresholds)
        .label("stage"),
    ).subquery("new")
    changed = or_(
        c.c.visit_count != new.c.visit_count,
        c.c.lifetime_value_minor != new.c.lifetime_value_minor,
        c.c.last_interaction_on.is_distinct_from(new.c.last_interaction_on),
        c.c.stage != new.c.stage,
    )
    return (
        update(c)
        .where(and_(c.c.id == new.c.id, changed))
        .values(
            visit_count=new.c.visit_count, lifetime_value_minor=new.c.lifetime_value_minor,
            last_interaction_on=new.c.last_interaction_on, stage=new.c.stage,
        )
    )


def _chunks(ids: list[int] | None, size: int = 500) -> Iterable[list[int] | None]:
    if ids is None:
        yield None
        return
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
