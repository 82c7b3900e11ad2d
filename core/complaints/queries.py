"""Reading complaints and promises: one, a customer's, the unresolved ones by age, the
promises due, and the Listening page's figures over the last 90 days."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from core.complaints.models import Complaint, ComplaintStatusChange, Promise
from core.complaints.timing import first_response, spread, time_to_resolve
from core.complaints.types import (
    FIGURE_DAYS,
    RESOLVED,
    UNRESOLVED,
    ComplaintRow,
    ListeningFigures,
    PromiseRow,
    StatusChange,
)
from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.kernel.errors import NotFound

__all__ = ["customer_complaints", "customer_promises", "get_complaint", "get_promise",
           "listening_figures", "promises_due", "unresolved_complaints"]

_NAME = (CUSTOMERS.c.first_name, CUSTOMERS.c.last_name, CUSTOMERS.c.organisation,
         CUSTOMERS.c.email)


def get_complaint(session: Session, complaint_id: int) -> ComplaintRow:
    """One complaint with its status history; raises NotFound("complaint", id)."""
    rows = _complaints(session, _joined().where(Complaint.id == complaint_id))
    if not rows:
        raise NotFound("complaint", complaint_id)
    return rows[0]


def unresolved_complaints(session: Session, *, customer_id: int | None = None
                          ) -> tuple[ComplaintRow, ...]:
    """Complaints still to put right (open, in progress, waiting on the customer), oldest
    first, of live customers; of one customer when `customer_id` is given."""
    query = _joined().where(Complaint.status.in_(UNRESOLVED),
                            CUSTOMERS.c.deleted_at.is_(None))
    if customer_id is not None:
        query = query.where(Complaint.customer_id == customer_id)
    return _complaints(session, query.order_by(Complaint.opened_at, Complaint.id))


def customer_complaints(session: Session, customer_id: int) -> tuple[ComplaintRow, ...]:
    """Every complaint of one customer, newest first."""
    return _complaints(session, _joined().where(Complaint.customer_id == customer_id)
                       .order_by(Complaint.opened_at.desc(), Complaint.id.desc()))


def get_promise(session: Session, promise_id: int) -> PromiseRow:
    """One promise; raises NotFound("promise", id)."""
    rows = _promises(session, _promise_query().where(Promise.id == promise_id))
    if not rows:
        raise NotFound("promise", promise_id)
    return rows[0]


def promises_due(session: Session, today: dt.date, *, within_days: int = 7
                 ) -> tuple[PromiseRow, ...]:
    """Promises not kept yet that are overdue, due today or due within `within_days`, of
    live customers, soonest (most overdue) first."""
    last = today + dt.timedelta(days=within_days)
    return _promises(session, _promise_query().where(
        Promise.kept_on.is_(None), Promise.due_on <= last, CUSTOMERS.c.deleted_at.is_(None))
        .order_by(Promise.due_on, Promise.id))


def customer_promises(session: Session, customer_id: int) -> tuple[PromiseRow, ...]:
    """Every promise made to one customer: those not kept first (soonest due), then the
    kept ones, latest first."""
    rows = _promises(session, _promise_query().where(Promise.customer_id == customer_id))
    open_ = sorted((r for r in rows if r.kept_on is None), key=lambda r: (r.due_on, r.id))
    kept = sorted((r for r in rows if r.kept_on is not None),
                  key=lambda r: (r.kept_on or r.due_on, r.id), reverse=True)
    return (*open_, *kept)


def listening_figures(session: Session, today: dt.date) -> ListeningFigures:
    """Over the last FIGURE_DAYS days up to `today`:
    - time to first response: over complaints opened in that time that have had one;
    - time to resolve (less waiting on the customer): over complaints resolved in it;
    - promises kept on time: of the promises whose day fell in it, up to yesterday (today's
      may still be kept), those kept on or before their day."""
    start = dt.datetime.combine(today - dt.timedelta(days=FIGURE_DAYS - 1), dt.time())
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    complaints = session.execute(
        select(Complaint.id, Complaint.opened_at, Complaint.status, Complaint.ended_at)
        .where(((Complaint.opened_at >= start) & (Complaint.opened_at < end))
               | ((Complaint.ended_at >= start) & (Complaint.ended_at < end)))).all()
    histories = _histories(session, [c.id for c in complaints])
    responses, resolves = [], []
    for c in complaints:
        history = histories.get(c.id, ())
        if start <= c.opened_at < end:
            response = first_response(c.opened_at, history)
            if response is not None:
                responses.append(response)
        if c.status == RESOLVED and c.ended_at is not None and start <= c.ended_at < end:
            resolve = time_to_resolve(c.opened_at, history)
            if resolve is not None:
                resolves.append(resolve)
    first_day = today - dt.timedelta(days=FIGURE_DAYS)
    promised = session.execute(
        select(Promise.due_on, Promise.kept_on)
        .where(Promise.due_on >= first_day, Promise.due_on < today)).all()
    on_time = sum(1 for due_on, kept_on in promised if kept_on is not None and kept_on <= due_on)
    return ListeningFigures(today, spread(responses), spread(resolves), len(promised), on_time)


def _joined() -> Select[Any]:
    return select(Complaint, *_NAME).join(CUSTOMERS, CUSTOMERS.c.id == Complaint.customer_id)


def _complaints(session: Session, query: Select[Any]) -> tuple[ComplaintRow, ...]:
    rows = session.execute(query).all()
    histories = _histories(session, [row[0].id for row in rows])
    return tuple(ComplaintRow(
        id=c.id, customer_id=c.customer_id,
        customer_name=display_name(first or "", last or "", org or "") or (email or ""),
        opened_at=c.opened_at, summary=c.summary, severity=c.severity, owner=c.owner or "",
        due_on=c.due_on, status=c.status, ended_at=c.ended_at, resolution=c.resolution or "",
        satisfied=c.satisfied, history=histories.get(c.id, ()), version=c.version,
    ) for c, first, last, org, email in rows)


def _histories(session: Session, ids: Sequence[int]) -> dict[int, tuple[StatusChange, ...]]:
    found: dict[int, list[StatusChange]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        for row in session.execute(
                select(ComplaintStatusChange)
                .where(ComplaintStatusChange.complaint_id.in_(ids[start:start + 500]))
                .order_by(ComplaintStatusChange.changed_at, ComplaintStatusChange.id)).scalars():
            found[row.complaint_id].append(
                StatusChange(row.status, row.changed_at, row.changed_by or ""))
    return {key: tuple(value) for key, value in found.items()}


def _promise_query() -> Select[Any]:
    return select(Promise, *_NAME).join(CUSTOMERS, CUSTOMERS.c.id == Promise.customer_id)


def _promises(session: Session, query: Select[Any]) -> tuple[PromiseRow, ...]:
    return tuple(PromiseRow(
        id=p.id, customer_id=p.customer_id,
        customer_name=display_name(first or "", last or "", org or "") or (email or ""),
        what=p.what, made_on=p.made_on, due_on=p.due_on, owner=p.owner or "",
        kept_on=p.kept_on,
    ) for p, first, last, org, email in session.execute(query).all())
