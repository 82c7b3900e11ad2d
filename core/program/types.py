"""What the program hands out: actions as Today shows them, and the counts above them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# How an action stands on a given day. OPEN actions read as one of the first four.
OVERDUE, DUE, UPCOMING, SNOOZED = "overdue", "due", "upcoming", "snoozed"
MISSED, DONE, SKIPPED = "missed", "done", "skipped"
STATES = (OVERDUE, DUE, UPCOMING, SNOOZED, MISSED, DONE, SKIPPED)

# The card or letter each rule's gesture prints (core.printing.templates); a call prints
# nothing. Kept here, not with the rules, so that Today can be read without loading them.
RULE_TEMPLATES = {
    "welcome": "thank-you", "birthday": "birthday", "anniversary": "first-visit-anniversary",
    "life_event": "life-event-other", "milestone": "milestone-10th-visit",
    "referral": "referral-thanks", "lapsed": "we-miss-you", "after_sale": "",
    "complaint_resolved": "", "meeting_notes": "",
    "council_meeting": "council-meeting-invitation", "council_notes": "council-meeting-notes",
    "council_term_end": "council-renewal",
    "detractor": "", "promoter": "", "check_in": "",
    "release_reconfirm": "", "release_form_back": "", "takedown": "",
}


def template_for(rule: str, detail: str) -> str:
    """The card or letter an action prints: a life event's own card, else its rule's."""
    if rule == "life_event":
        event = detail.split()[0] if detail else "other"
        return f"life-event-{event.replace('_', '-')}"
    if rule == "council_term_end" and detail.startswith("thank"):
        return "council-thank-you"
    return RULE_TEMPLATES.get(rule, "")  # "" for a rule no longer registered


@dataclass(frozen=True)
class JoinedOccasion:
    """Another occasion made in the same gesture (a birthday in the anniversary's week)."""

    action_id: int
    rule: str
    occasion_on: dt.date
    detail: str


@dataclass(frozen=True)
class ActionRow:
    id: int
    rule: str
    gesture: str  # card, letter, call
    template: str  # the card or letter to print ("" for a call)
    customer_id: int
    customer_name: str
    occasion_on: dt.date
    due_on: dt.date
    state: str  # one of STATES, as of the day asked about
    days_late: int  # 0 unless overdue or missed
    detail: str
    why: str  # one line: what the occasion is and by when the gesture is due
    snoozed_until: dt.date | None = None
    note: str = ""
    completed_by: str = ""
    completed_at: dt.datetime | None = None
    joined: tuple[JoinedOccasion, ...] = ()
    printed: bool = False  # its card is printed, and waits for its batch to be marked sent


@dataclass(frozen=True)
class TodayCounts:
    due: int
    overdue: int
    upcoming: int
    missed: int
    done_this_week: int
    # Gestures made by their due day among those due in the last 90 days (None: none due).
    on_time_share: float | None


@dataclass(frozen=True)
class TodayView:
    date: dt.date
    actions: tuple[ActionRow, ...]
    counts: TodayCounts
    # How many actions each section holds (state, count): more than `actions` lists when
    # the window asked for each section's first rows only.
    totals: tuple[tuple[str, int], ...] = ()
