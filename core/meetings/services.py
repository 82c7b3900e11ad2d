"""Meeting notes: record them on a customer, change them, and record when they were sent.

The program reminds the owner when a meeting's notes are not sent within 2 days (the
meeting-notes rule); recording them as sent completes that reminder."""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.kernel.edits import checked_edit
from core.kernel.errors import Invalid, NotFound, Problem
from core.meetings.letter import plan_meeting_notes, print_meeting_notes
from core.meetings.models import Meeting, MeetingTask
from core.meetings.queries import get_meeting
from core.meetings.types import MeetingDraft, MeetingRow, MeetingTaskDraft

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


def update_meeting(session: Session, meeting_id: int, draft: MeetingDraft, *,
                   base: MeetingDraft | None = None,
                   base_version: int | None = None) -> MeetingRow:
    """Replace a meeting's notes (its customer and sent day stay); returns them as saved.
    With `base` and `base_version` (the notes as the editor opened them), another desk's
    save meanwhile is merged in field by field (the tasks as one field), or raises
    EditConflict when it changed a field this edit changed too, differently: then nothing
    is written. Raises NotFound("meeting", id) or Invalid as `record_meeting`."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting", meeting_id)
    stored = _stored(session, meeting)
    draft = _cleaned(dataclasses.replace(draft, customer_id=meeting.customer_id))
    if base is not None:
        draft = checked_edit(
            "meeting", meeting_id, base=_cleaned(dataclasses.replace(
                base, customer_id=meeting.customer_id)),
            base_version=base_version, mine=draft, theirs=stored, version=meeting.version)
    _check(draft)
    _fill(meeting, draft)
    if draft.tasks != stored.tasks:
        session.execute(delete(MeetingTask).where(MeetingTask.meeting_id == meeting_id))
        _add_tasks(session, meeting_id, draft)
        # The tasks are rows of their own: without this the meeting's row (and its
        # version, which another desk's save is checked against) would not move.
        meeting.version = meeting.version + 1
    session.flush()
    return get_meeting(session, meeting_id)


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


def _lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(line.strip()[:MAX_LINE] for line in lines if line.strip())


def _cleaned(draft: MeetingDraft) -> MeetingDraft:
    """The notes as they are stored (trimmed, empty lines left out), so that what an editor
    typed compares with what another desk saved."""
    return dataclasses.replace(
        draft, subject=draft.subject.strip()[:200], attendees=_lines(draft.attendees),
        points=_lines(draft.points), agreed=_lines(draft.agreed),
        tasks=tuple(MeetingTaskDraft(task.who.strip()[:200], task.what.strip()[:MAX_LINE],
                                     task.due_on) for task in draft.tasks))


def _stored(session: Session, meeting: Meeting) -> MeetingDraft:
    return MeetingDraft(
        meeting.customer_id, meeting.met_on, meeting.subject or "",
        _lines(tuple((meeting.attendees or "").splitlines())),
        _lines(tuple((meeting.points or "").splitlines())),
        _lines(tuple((meeting.agreed or "").splitlines())),
        tuple(MeetingTaskDraft(task.who, task.what, task.due_on) for task in session.scalars(
            select(MeetingTask).where(MeetingTask.meeting_id == meeting.id)
            .order_by(MeetingTask.position))))


def _fill(meeting: Meeting, draft: MeetingDraft) -> None:
    meeting.met_on = draft.met_on
    meeting.subject = draft.subject.strip()[:200]
    meeting.attendees = "\n".join(_lines(draft.attendees))
    meeting.points = "\n".join(_lines(draft.points))
    meeting.agreed = "\n".join(_lines(draft.agreed))


def _add_tasks(session: Session, meeting_id: int, draft: MeetingDraft) -> None:
    for position, task in enumerate(draft.tasks):
        session.add(MeetingTask(meeting_id=meeting_id, position=position,
                                who=task.who.strip()[:200], what=task.what.strip()[:MAX_LINE],
                                due_on=task.due_on))
    session.flush()
