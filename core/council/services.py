"""The council's public face: what the window, the command line, the demo and the
program's rules call. Each service takes a session (one unit of work per user action)
and returns the frozen dataclasses of core.council.types; the letters take the Database
(printing is a long job with its own units of work).

Terms and members: create_term, update_term, get_term, list_terms, current_term,
add_member, update_member, set_member_status, set_member_role, record_charter_accepted, remove_member,
list_members, member_row, customer_council_history.
Candidates: suggest_candidates.
Meetings: create_meeting, update_meeting, delete_meeting, list_meetings, get_meeting,
add_agenda_item, update_agenda_item, move_agenda_item, remove_agenda_item,
record_attendance, add_decision, remove_decision, add_council_action,
complete_council_action, remove_council_action, record_invitations_sent, record_notes_sent.
Ideas: raise_idea, set_idea_status, update_idea, remove_idea, list_ideas.
Term end: suggest_term_end, start_next_term, begin_term, end_term.
Evenings: create_event, update_event, delete_event, list_events, get_event, list_guests,
add_guests, add_guest, remove_guest, record_rsvp, record_event_attendance.
Letters: print_council_invitations, print_charters, print_meeting_invitations,
print_meeting_notes, print_you_said_we_did, print_thank_you_letters,
print_renewal_letters, print_event_invitations, meeting_notes_preview,
ideas_to_report.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from core.council.candidates import suggest_candidates
from core.council.demo import add_council_demo
from core.council.events import (
    add_guest,
    add_guests,
    create_event,
    delete_event,
    get_event,
    list_events,
    list_guests,
    record_event_attendance,
    record_rsvp,
    remove_guest,
    update_event,
)
from core.council.ideas import list_ideas, raise_idea, remove_idea, set_idea_status, update_idea
from core.council.letters import (
    council_letters_of,
    default_label_sheet,
    event_values,
    ideas_to_report,
    meeting_values,
    print_charters,
    print_council_invitations,
    print_event_invitations,
    print_meeting_invitations,
    print_meeting_notes,
    print_renewal_letters,
    print_thank_you_letters,
    print_you_said_we_did,
    term_values,
)
from core.council.meetings import (
    add_agenda_item,
    add_council_action,
    add_decision,
    complete_council_action,
    create_meeting,
    delete_meeting,
    get_meeting,
    list_meetings,
    move_agenda_item,
    record_attendance,
    record_invitations_sent,
    record_notes_sent,
    remove_agenda_item,
    remove_council_action,
    remove_decision,
    update_agenda_item,
    update_meeting,
)
from core.council.term_end import (
    begin_term,
    end_term,
    next_term_draft,
    should_renew,
    start_next_term,
    suggest_term_end,
)
from core.council.terms import (
    add_member,
    create_term,
    current_term,
    customer_council_history,
    get_term,
    list_members,
    list_terms,
    member_row,
    record_charter_accepted,
    remove_member,
    set_member_role,
    set_member_status,
    update_member,
    update_term,
)
from core.council.texts import meeting_notes_text


def meeting_notes_preview(session: Session, meeting_id: int) -> str:
    """The meeting's notes as the letter will print them (plain text), for a preview."""
    from core.settings.services import get_business_profile

    return meeting_notes_text(get_meeting(session, meeting_id),
                              get_business_profile(session).locale)


__all__ = [
    "add_agenda_item",
    "add_council_action",
    "add_council_demo",
    "add_decision",
    "add_guest",
    "add_guests",
    "add_member",
    "begin_term",
    "complete_council_action",
    "council_letters_of",
    "create_event",
    "create_meeting",
    "create_term",
    "current_term",
    "customer_council_history",
    "default_label_sheet",
    "delete_event",
    "delete_meeting",
    "end_term",
    "event_values",
    "get_event",
    "get_meeting",
    "get_term",
    "ideas_to_report",
    "list_events",
    "list_guests",
    "list_ideas",
    "list_meetings",
    "list_members",
    "list_terms",
    "meeting_notes_preview",
    "meeting_values",
    "member_row",
    "move_agenda_item",
    "next_term_draft",
    "print_charters",
    "print_council_invitations",
    "print_event_invitations",
    "print_meeting_invitations",
    "print_meeting_notes",
    "print_renewal_letters",
    "print_thank_you_letters",
    "print_you_said_we_did",
    "raise_idea",
    "record_attendance",
    "record_charter_accepted",
    "record_event_attendance",
    "record_invitations_sent", "record_notes_sent",
    "record_rsvp",
    "remove_agenda_item",
    "remove_council_action",
    "remove_decision",
    "remove_guest",
    "remove_idea",
    "remove_member",
    "set_idea_status",
    "set_member_role",
    "set_member_status",
    "should_renew",
    "start_next_term",
    "suggest_candidates",
    "suggest_term_end",
    "term_values",
    "update_agenda_item",
    "update_event",
    "update_idea",
    "update_meeting",
    "update_member",
    "update_term",
]
