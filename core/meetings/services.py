"""Meeting notes: record them on a customer, change them, and record when they were sent.

The program reminds the owner when a meeting's notes are not sent within 2 days (the
meeting-notes rule); recording them as sent completes that reminder."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.kernel.errors import Invalid, NotFound, Problem
from core.meetings.letter import plan_meeting_notes, print_meeting_notes
from core.meetings.models import Meeting, MeetingTask
from core.meetings.types import MeetingDraft

__all__ = ["mark_notes_sent", "plan_meeting_notes", "print_meeting_notes", "record_meeting",
           "update_meeting"]

REQUIRED = "required"
BEFORE_MEETING = "before_meeting"
MAX_LINE = 2_000


def record_meeting(session: Session, draft: MeetingDraft) -> int:
    """Record a meeting's notes on a live customer; returns its id. Raises NotFound
    ("customer", id) or Invalid naming `points` (nothing discussed or agreed) or a task's
    `who`/`what` (as `tasks.N.who`)."""
    found = session.scalar(select(CUSTOMERS.c.id).where(
        CUSTOMERS.c.id == draft.customer_id, CUSTOMERS.c.deleted_at.is_(None)))
    if found is None:
        raise NotFound("customer", draft.customer_id)
    _check(draft)
    meeting = Meeting(customer_id=draft.customer_id, created_at=dt.datetime.now())
    _fill(meeting, draft)
    session.add(meeting)
    session.flush()
    _add_tasks(session, meeting.id, draft)
    return meeting.id


def update_meeting(session: Session, meeting_id: int, draft: MeetingDraft) -> None:
    """Replace a meeting's notes (its customer and sent day stay). Raises NotFound
    ("meeting", id) or Invalid as `record_meeting`."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting", meeting_id)
    _check(draft)
    _fill(meeting, draft)
    session.execute(delete(MeetingTask).where(MeetingTask.meeting_id == meeting_id))
    _add_tasks(session, meeting_id, draft)


def mark_notes_sent(session: Session, meeting_id: int, *, sent_on: dt.date | None = None) -> None:
    """Record the day the notes were sent (today); the program's reminder is done with.
    Raises NotFound("meeting", id), or Invalid("sent_on") for a day before the meeting."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting", meeting_id)
    sent_on = sent_on or dt.date.today()
    if sent_on < meeting.met_on:
        raise Invalid([Problem("sent_on", BEFORE_MEETING, meeting.met_on.isoformat())])
    meeting.sent_on = sent_on
    session.flush()


def _check(draft: MeetingDraft) -> None:
    problems = []
    if not any(line.strip() for line in (*draft.points, *draft.agreed)):
        problems.append(Problem("points", REQUIRED))
    for n, task in enumerate(draft.tasks, start=1):
        if not task.who.strip():
            problems.append(Problem(f"tasks.{n}.who", REQUIRED))
        if not task.what.strip():
            problems.append(Problem(f"tasks.{n}.what", REQUIRED))
    if problems:
        raise Invalid(problems)


def _lines(lines: tuple[str, ...]) -> str:
    return "\n".join(line.strip()[:MAX_LINE] for line in lines if line.strip())


def _fill(meeting: Meeting, draft: MeetingDraft) -> None:
    meeting.met_on = draft.met_on
    meeting.subject = draft.subject.strip()[:200]
    meeting.attendees = _lines(draft.attendees)
    meeting.points = _lines(draft.points)
    meeting.agreed = _lines(draft.agreed)


def _add_tasks(session: Session, meeting_id: int, draft: MeetingDraft) -> None:
    for position, task in enumerate(draft.tasks):
        session.add(MeetingTask(meeting_id=meeting_id, position=position,
                                who=task.who.strip()[:200], what=task.what.strip()[:MAX_LINE],
                                due_on=task.due_on))
    session.flush()
