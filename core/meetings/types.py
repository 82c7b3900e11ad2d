"""Meeting notes as the other areas and the front ends see them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MeetingTaskDraft:
    """Who does what by when (`due_on` may be left open)."""

    who: str
    what: str
    due_on: dt.date | None = None


@dataclass(frozen=True)
class MeetingDraft:
    """A meeting's notes as typed; also what two desks' edits are merged over, field by
    field (the tasks are one field: who does what is agreed as a whole)."""

    customer_id: int
    met_on: dt.date
    subject: str = ""
    attendees: tuple[str, ...] = ()
    points: tuple[str, ...] = ()  # the points discussed
    agreed: tuple[str, ...] = ()  # what was agreed
    tasks: tuple[MeetingTaskDraft, ...] = ()


@dataclass(frozen=True)
class MeetingRow:
    id: int
    customer_id: int
    customer_name: str
    met_on: dt.date
    subject: str
    attendees: tuple[str, ...]
    points: tuple[str, ...]
    agreed: tuple[str, ...]
    tasks: tuple[MeetingTaskDraft, ...] = field(default=())
    sent_on: dt.date | None = None
    version: int = 0  # an editor keeps it, to save against (core.kernel.edits)

    def draft(self) -> MeetingDraft:
        return MeetingDraft(self.customer_id, self.met_on, self.subject, self.attendees,
                            self.points, self.agreed, self.tasks)
