"""Reading meeting notes: one meeting, or a customer's, newest first."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.kernel.errors import NotFound
from core.meetings.models import Meeting, MeetingTask
from core.meetings.types import MeetingRow, MeetingTaskDraft

__all__ = ["customer_meetings", "get_meeting"]


def get_meeting(session: Session, meeting_id: int) -> MeetingRow:
    """One meeting's notes; raises NotFound("meeting", id)."""
    rows = _meetings(session, _query().where(Meeting.id == meeting_id))
    if not rows:
        raise NotFound("meeting", meeting_id)
    return rows[0]


def customer_meetings(session: Session, customer_id: int) -> tuple[MeetingRow, ...]:
    return _meetings(session, _query().where(Meeting.customer_id == customer_id)
                     .order_by(Meeting.met_on.desc(), Meeting.id.desc()))


def _query() -> Select[Any]:
    c = CUSTOMERS.c
    return select(Meeting, c.first_name, c.last_name, c.organisation, c.email).join(
        CUSTOMERS, c.id == Meeting.customer_id)


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(line for line in (text or "").splitlines() if line.strip())


def _meetings(session: Session, query: Select[Any]) -> tuple[MeetingRow, ...]:
    rows = session.execute(query).all()
    tasks: dict[int, list[MeetingTaskDraft]] = defaultdict(list)
    ids = [row[0].id for row in rows]
    if ids:
        for task in session.scalars(select(MeetingTask).where(MeetingTask.meeting_id.in_(ids))
                                    .order_by(MeetingTask.meeting_id, MeetingTask.position)):
            tasks[task.meeting_id].append(MeetingTaskDraft(task.who, task.what, task.due_on))
    return tuple(MeetingRow(
        id=m.id, customer_id=m.customer_id,
        customer_name=display_name(first or "", last or "", org or "") or (email or ""),
        met_on=m.met_on, subject=m.subject or "", attendees=_split(m.attendees),
        points=_split(m.points), agreed=_split(m.agreed), tasks=tuple(tasks.get(m.id, ())),
        sent_on=m.sent_on, version=m.version,
    ) for m, first, last, org, email in rows)
