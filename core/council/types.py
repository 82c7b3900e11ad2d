"""The council's plain values: statuses and the frozen dataclasses its services take and
return. Light on purpose (no SQLAlchemy): the window and the command line import these."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# A membership's status.
SUGGESTED, INVITED, ACCEPTED, DECLINED = "suggested", "invited", "accepted", "declined"
ACTIVE, STEPPED_DOWN, ENDED = "active", "stepped_down", "ended"
MEMBER_STATUSES = (SUGGESTED, INVITED, ACCEPTED, DECLINED, ACTIVE, STEPPED_DOWN, ENDED)
# Who holds a seat (counted against the term's seats).
SEATED = (ACCEPTED, ACTIVE)
# Who is asked to meetings and sent their notes.
SERVING = (ACCEPTED, ACTIVE)

CHAIR, MEMBER = "chair", "member"
ROLES = (CHAIR, MEMBER)

# Attendance at a meeting or an evening ("" = not recorded yet).
PRESENT, APOLOGIES, ABSENT = "present", "apologies", "absent"
ATTENDANCE = (PRESENT, APOLOGIES, ABSENT)

# An answer to an evening's invitation ("" = none yet).
YES, NO, MAYBE = "yes", "no", "maybe"
RSVPS = (YES, NO, MAYBE)

# An idea's path: heard -> considering -> planned -> done, or declined (with a response).
HEARD, CONSIDERING, PLANNED, DONE, DECLINED_IDEA = (
    "heard", "considering", "planned", "done", "declined")
IDEA_STATUSES = (HEARD, CONSIDERING, PLANNED, DONE, DECLINED_IDEA)
OPEN_IDEAS = (HEARD, CONSIDERING, PLANNED)
ACTED_ON = (PLANNED, DONE)  # what a "you said, we did" letter reports

# What a gathering is.
MEETING, EVENING = "meeting", "evening"

# The council letters (each a printing template of the same name).
INVITATION_LETTER = "council-invitation"
MEETING_LETTER = "council-meeting-invitation"
NOTES_LETTER = "council-meeting-notes"
YOU_SAID_LETTER = "council-you-said-we-did"
THANK_YOU_LETTER = "council-thank-you"
RENEWAL_LETTER = "council-renewal"
CHARTER_LETTER = "council-charter"
EVENING_LETTER = "evening-invitation"

DEFAULT_SEATS = 10
MISSED_RUNNING_FLAG = 2  # meetings missed in a row that flag a member

DEFAULT_CHARTER = """\
Purpose. The council is a small group of our customers who tell us, openly and in \
confidence, what we do well and what we could do better, and who help us think about \
what we do next.

Meetings. We meet about four times a year, in the evening, for about an hour and a half. \
The agenda is sent with the invitation; the notes follow within a few days, and each \
idea raised is answered: what we did with it, or why not.

What we ask of members. Come to the meetings when you can, and send your apologies when \
you cannot. Speak freely: every view is welcome, including the critical ones. There is \
no payment and no obligation to buy anything.

Confidentiality. What is said in a meeting stays in the room. We never quote a member \
by name without asking first, and the plans we share are not yet for publication.

Term. Membership lasts for the term named above. Either side may end it at any time \
with a short note."""


@dataclass(frozen=True)
class TermDraft:
    name: str
    starts_on: dt.date
    ends_on: dt.date
    seats: int = DEFAULT_SEATS
    charter: str = ""  # "" takes DEFAULT_CHARTER


@dataclass(frozen=True)
class TermRow:
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    seats: int
    charter: str
    seated: int  # accepted and active members
    members: int  # every membership of the term, whatever its status
    version: int  # what an edit opened (core.kernel.edits)

    @property
    def draft(self) -> TermDraft:
        """The term's edited values, as an editor opens them."""
        return TermDraft(self.name, self.starts_on, self.ends_on, self.seats, self.charter)

    @property
    def over_seats(self) -> bool:
        """More members hold a seat than the term has seats: the page warns."""
        return self.seated > self.seats

    def is_current(self, today: dt.date) -> bool:
        return self.starts_on <= today <= self.ends_on


@dataclass(frozen=True)
class MemberDraft:
    """What a person changes on a membership: its status, role, and the charter signed."""

    status: str
    role: str
    charter_accepted_on: dt.date | None


@dataclass(frozen=True)
class MemberRow:
    id: int
    term_id: int
    customer_id: int
    name: str
    status: str
    role: str
    invited_on: dt.date | None
    joined_on: dt.date | None
    left_on: dt.date | None
    charter_accepted_on: dt.date | None
    reason: str
    terms_served: int  # terms in which this customer held a seat (this one included)
    meetings_held: int  # meetings of this term held so far (attendance recorded)
    meetings_attended: int
    missed_running: int  # meetings missed in a row, up to the latest one
    version: int

    @property
    def draft(self) -> MemberDraft:
        return MemberDraft(self.status, self.role, self.charter_accepted_on)

    @property
    def attendance_rate(self) -> float | None:
        """Share of this term's meetings attended (None before any was held)."""
        return self.meetings_attended / self.meetings_held if self.meetings_held else None

    @property
    def flagged(self) -> bool:
        """Missed two meetings running (apologies or absent)."""
        return self.missed_running >= MISSED_RUNNING_FLAG


@dataclass(frozen=True)
class Candidate:
    """A customer suggested for the council, with the reason in plain words."""

    customer_id: int
    name: str
    score: float
    reason: str  # "top 2% by lifetime value; 3 referrals; NPS 10"
    lifetime_value_minor: int
    visit_count: int
    customer_since: dt.date | None
    referrals: int
    nps: int | None = None
    testimonial: bool = False
    newer: bool = False  # picked for the newer customers' share of a mix


@dataclass(frozen=True)
class MeetingDraft:
    held_on: dt.date
    starts_at: str = ""  # "18:30"
    place: str = ""
    title: str = ""


@dataclass(frozen=True)
class AgendaItemDraft:
    title: str
    minutes: str = ""
    left_open: bool = False  # not finished: carried into the next meeting


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    position: int
    title: str
    minutes: str
    left_open: bool
    carried: bool  # carried in from an earlier meeting
    version: int

    @property
    def draft(self) -> AgendaItemDraft:
        return AgendaItemDraft(self.title, self.minutes, self.left_open)


@dataclass(frozen=True)
class DecisionRow:
    id: int
    agenda_item_id: int | None
    text: str


@dataclass(frozen=True)
class CouncilActionRow:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    text: str
    owner: str
    due_on: dt.date | None
    done_on: dt.date | None
    raised_on: dt.date  # the meeting's date


@dataclass(frozen=True)
class AttendanceRow:
    customer_id: int
    name: str
    attendance: str  # "" when not recorded


@dataclass(frozen=True)
class IdeaDraft:
    """What a person changes on an idea: its words, where it stands, and the answer."""

    text: str
    status: str
    response: str


@dataclass(frozen=True)
class IdeaRow:
    id: int
    text: str
    raised_by_id: int | None
    raised_by: str  # the member's name ("" when not known)
    raised_on: dt.date
    status: str
    response: str
    status_changed_on: dt.date
    meeting_id: int | None
    version: int

    @property
    def draft(self) -> IdeaDraft:
        return IdeaDraft(self.text, self.status, self.response)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    term_id: int
    title: str
    held_on: dt.date
    starts_at: str
    place: str
    invitations_sent_on: dt.date | None
    notes_sent_on: dt.date | None
    present: int
    invited: int
    version: int  # moves with the meeting's own values and with its decisions, actions...

    @property
    def draft(self) -> MeetingDraft:
        return MeetingDraft(self.held_on, self.starts_at, self.place, self.title)


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingRow
    agenda: tuple[AgendaItemRow, ...]
    attendance: tuple[AttendanceRow, ...]
    decisions: tuple[DecisionRow, ...]
    actions: tuple[CouncilActionRow, ...]  # agreed at this meeting
    open_actions: tuple[CouncilActionRow, ...]  # still open from earlier meetings
    ideas: tuple[IdeaRow, ...]  # raised at this meeting
    next_meeting_on: dt.date | None


@dataclass(frozen=True)
class EventDraft:
    title: str
    held_on: dt.date
    starts_at: str = ""
    place: str = ""
    capacity: int | None = None  # guests, plus-ones included; None = no limit


@dataclass(frozen=True)
class GuestSelection:
    """Exactly one of: a tag, a stage, the top N customers by lifetime value, or the
    members of a council term."""

    tag: str = ""
    stage: str = ""
    top_by_value: int = 0
    term_id: int | None = None


@dataclass(frozen=True)
class EventRow:
    id: int
    title: str
    held_on: dt.date
    starts_at: str
    place: str
    capacity: int | None
    invited: int
    yes: int
    maybe: int
    no: int
    guests: int  # yes answers and their plus-ones: what counts against the capacity
    attended: int
    invitations_sent_on: dt.date | None
    version: int

    @property
    def draft(self) -> EventDraft:
        return EventDraft(self.title, self.held_on, self.starts_at, self.place, self.capacity)


@dataclass(frozen=True)
class GuestRow:
    customer_id: int
    name: str
    invited_on: dt.date | None
    rsvp: str
    plus_one: bool
    attendance: str


@dataclass(frozen=True)
class TermEndSuggestion:
    """A month before a term ends: whom to renew, whom to thank, and the next term."""

    term_id: int
    ends_on: dt.date
    renew: tuple[MemberRow, ...]
    thank: tuple[MemberRow, ...]
    next_term: TermDraft
    fill: tuple[Candidate, ...]  # candidates for the seats the renewals leave open


@dataclass(frozen=True)
class LeftOutLetter:
    customer_id: int
    name: str
    reason: str  # a core.printing.types skip reason, or NOTHING_TO_REPORT


NOTHING_TO_REPORT = "nothing_to_report"  # no idea acted on since their last letter


@dataclass(frozen=True)
class LettersPrinted:
    """A council print run: the batch (in Cards & letters' history), who got a letter,
    and who was left out and why."""

    batch_id: int
    letters: int
    pages: int
    label_pages: int
    customer_ids: tuple[int, ...]
    left_out: tuple[LeftOutLetter, ...]
