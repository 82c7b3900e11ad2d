"""What the complaints area hands out: statuses, severities, rows, figures, its settings."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.settings.types import settings_section

LOW, NORMAL, HIGH = "low", "normal", "high"
SEVERITIES = (LOW, NORMAL, HIGH)

OPEN, IN_PROGRESS, WAITING, RESOLVED, CLOSED = (
    "open", "in_progress", "waiting", "resolved", "closed")
STATUSES = (OPEN, IN_PROGRESS, WAITING, RESOLVED, CLOSED)
# Still to put right: the customer's record shows a banner, Today lists it, and the program
# makes no marketing gesture to the customer.
UNRESOLVED = (OPEN, IN_PROGRESS, WAITING)
ENDED = (RESOLVED, CLOSED)

# How a kept promise stood against its day.
EARLY, ON_TIME, LATE = "early", "on_time", "late"

FIGURE_DAYS = 90  # the Listening page's figures look this far back


@settings_section("complaints")
@dataclass(frozen=True)
class ComplaintSettings:
    """How many days each severity gives to put a complaint right."""

    high_due_days: int = 1
    normal_due_days: int = 3
    low_due_days: int = 7

    def due_days(self, severity: str) -> int:
        return int(getattr(self, f"{severity}_due_days"))


@dataclass(frozen=True)
class ComplaintDraft:
    customer_id: int
    summary: str
    severity: str = NORMAL
    owner: str = ""
    opened_at: dt.datetime | None = None  # None: now


@dataclass(frozen=True)
class ComplaintValues:
    """What a person changes on a complaint: moving it on, resolving or closing it, who owns
    it. When two desks change one complaint at once, their changes are merged over these
    field by field (core.kernel.edits): the status, what was done and whether the customer
    was satisfied each count as one field."""

    summary: str
    severity: str
    owner: str
    status: str
    resolution: str = ""
    satisfied: bool | None = None  # None: not asked


@dataclass(frozen=True)
class StatusChange:
    status: str
    changed_at: dt.datetime
    changed_by: str = ""


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    customer_id: int
    customer_name: str
    opened_at: dt.datetime
    summary: str
    severity: str
    owner: str
    due_on: dt.date
    status: str
    ended_at: dt.datetime | None
    resolution: str
    satisfied: bool | None
    history: tuple[StatusChange, ...] = ()
    version: int = 0  # a change made from this row is checked against it

    @property
    def unresolved(self) -> bool:
        return self.status in UNRESOLVED

    def values(self) -> ComplaintValues:
        """The values a person changes, as this row shows them (the base of a change)."""
        return ComplaintValues(self.summary, self.severity, self.owner, self.status,
                               self.resolution, self.satisfied)

    def open_for(self, now: dt.datetime) -> dt.timedelta:
        """How long it has been open (until it ended, for one that has)."""
        return (self.ended_at or now) - self.opened_at


@dataclass(frozen=True)
class PromiseRow:
    id: int
    customer_id: int
    customer_name: str
    what: str
    made_on: dt.date
    due_on: dt.date
    owner: str
    kept_on: dt.date | None

    @property
    def kept(self) -> str:
        """EARLY, ON_TIME or LATE once kept; "" while not kept."""
        if self.kept_on is None:
            return ""
        if self.kept_on < self.due_on:
            return EARLY
        return ON_TIME if self.kept_on == self.due_on else LATE

    def days_late(self, today: dt.date) -> int:
        """Days past its day: kept late, or still not kept (0 otherwise)."""
        return max(0, ((self.kept_on or today) - self.due_on).days)


@dataclass(frozen=True)
class Spread:
    """A median and 90th percentile over `count` values (None when there are none)."""

    count: int
    median: dt.timedelta | None
    p90: dt.timedelta | None


@dataclass(frozen=True)
class ListeningFigures:
    """The figures over the last FIGURE_DAYS days, as of `today`."""

    today: dt.date
    first_response: Spread  # complaints opened in the window that have had a response
    resolve: Spread  # complaints resolved in the window, time waiting on the customer left out
    promises_due: int  # promises whose day fell in the window (up to yesterday)
    promises_on_time: int  # ... kept on or before their day

    @property
    def promises_on_time_share(self) -> float | None:
        return None if not self.promises_due else self.promises_on_time / self.promises_due
