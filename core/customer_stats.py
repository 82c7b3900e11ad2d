"""Visit count, lifetime value, last visit and stage: recomputed in SQL after changes."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from typing import cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session, aliased

from core.models import Customer, Interaction
from core.stages import BUSINESS_KINDS, DEFAULT_THRESHOLDS, StageThresholds, stage_expression


def refresh_customer_stats(
    session: Session,
    customer_ids: Iterable[int] | None = None,
    *,
    today: dt.date | None = None,
    thresholds: StageThresholds = DEFAULT_THRESHOLDS,
) -> None:
    """Recompute the stored statistics and stage for some customers (None: everyone)."""
    today = today or dt.date.today()
    ids = None if customer_ids is None else sorted(set(customer_ids))
    if ids is not None and not ids:
        return
    c = cast(Table, Customer.__table__)
    i = cast(Table, Interaction.__table__)
    business = i.c.kind.in_(sorted(BUSINESS_KINDS))
    visits = select(func.count()).where(i.c.customer_id == c.c.id, business).scalar_subquery()
    value = (
        select(func.coalesce(func.sum(i.c.amount_minor), 0))
        .where(i.c.customer_id == c.c.id)
        .scalar_subquery()
    )
    last = select(func.max(i.c.occurred_on)).where(i.c.customer_id == c.c.id, business)
    referred = aliased(Customer)
    referrals = (
        select(func.count())
        .where(referred.referred_by_id == c.c.id, referred.deleted_at.is_(None))
        .scalar_subquery()
    )
    for chunk in _chunks(ids):
        stats = update(c).values(
            visit_count=visits, lifetime_value_minor=value, last_interaction_on=last.scalar_subquery()
        )
        stage = update(c).values(
            stage=stage_expression(c, referrals, today=today, thresholds=thresholds)
        )
        if chunk is not None:
            stats = stats.where(c.c.id.in_(chunk))
            stage = stage.where(c.c.id.in_(chunk))
        session.execute(stats)
        session.execute(stage)
    session.expire_all()


def _chunks(ids: list[int] | None, size: int = 500) -> Iterable[list[int] | None]:
    if ids is None:
        yield None
        return
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
