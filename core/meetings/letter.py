"""Meeting notes printed as a tidy letter through the printing engine: the "meeting-notes"
template, with the meeting's date and notes as this item's merge values (attendees, the
points discussed, what was agreed, and who does what by when)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from core.meetings.queries import get_meeting
from core.meetings.types import MeetingRow
from core.printing.services import (
    BatchEntry,
    BatchPlan,
    BatchSummary,
    plan_entries,
    print_planned_batch,
)
from core.settings.services import get_business_profile
from core.store.db import Database

TEMPLATE = "meeting-notes"


def notes_text(meeting: MeetingRow, format_date: Callable[[dt.date], str]) -> str:
    """The notes as the letter prints them: a block per part, one line per point."""
    blocks = []
    if meeting.subject:
        blocks.append(f"Subject: {meeting.subject}")
    if meeting.attendees:
        blocks.append("Present: " + ", ".join(meeting.attendees))
    if meeting.points:
        blocks.append("What we discussed:\n" + "\n".join(f"•  {p}" for p in meeting.points))
    if meeting.agreed:
        blocks.append("What we agreed:\n" + "\n".join(f"•  {a}" for a in meeting.agreed))
    if meeting.tasks:
        lines = [f"•  {t.who}: {t.what}" + (f", by {format_date(t.due_on)}" if t.due_on else "")
                 for t in meeting.tasks]
        blocks.append("Who does what, by when:\n" + "\n".join(lines))
    return "\n\n".join(blocks)


def plan_meeting_notes(session: Session, meeting_id: int) -> BatchPlan:
    """The one-letter batch of a meeting's notes. Reads only; raises NotFound("meeting"),
    or the printing engine's NoRecipients (no postal address, asked for no mail)."""
    from core.printing.services import format_date as format_long_date

    meeting = get_meeting(session, meeting_id)
    locale = get_business_profile(session).locale

    def written(day: dt.date) -> str:
        return format_long_date(day, locale)

    values = (("meeting_date", written(meeting.met_on)),
              ("meeting_notes", notes_text(meeting, written)))
    return plan_entries(session, [BatchEntry(meeting.customer_id, TEMPLATE, None, values)])


def print_meeting_notes(database: Database, meeting_id: int, out_path: Path) -> BatchSummary:
    """Print a meeting's notes to `out_path` (recorded in the print history like any
    batch). Sending them is recorded apart (`mark_notes_sent`)."""
    with database.unit_of_work() as session:
        plan = plan_meeting_notes(session, meeting_id)
    summary, _plan, _rendered = print_planned_batch(database, plan, out_path)
    return summary
