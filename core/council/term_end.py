"""The end of a term: a month before, whom to renew and whom to thank; the next term,
with the renewed members and open seats filled from candidates; the old term closed."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.council.candidates import suggest_candidates
from core.council.common import get_or_404
from core.council.models import Member, Term
from core.council.terms import add_member, create_term, get_term, list_members
from core.council.types import (
    ACCEPTED,
    ACTIVE,
    ENDED,
    SERVING,
    SUGGESTED,
    Candidate,
    MemberRow,
    TermDraft,
    TermEndSuggestion,
    TermRow,
)

TERM_END_NOTICE_DAYS = 30  # the suggestion appears this long before a term ends
RENEW_ATTENDANCE = 0.5  # members who came to at least half the meetings are renewed


def should_renew(member: MemberRow) -> bool:
    """Came to at least half the meetings held (or none was held) and is not flagged."""
    rate = member.attendance_rate
    return not member.flagged and (rate is None or rate >= RENEW_ATTENDANCE)


def next_term_draft(term: TermRow) -> TermDraft:
    """The term after `term`: starting the day after it ends, as long, with the same seats
    and charter, its name's year moved on ("2027 council" -> "2028 council")."""
    starts_on = term.ends_on + dt.timedelta(days=1)
    ends_on = starts_on + (term.ends_on - term.starts_on)
    name = term.name
    for year in (term.starts_on.year, term.ends_on.year):
        if str(year) in name:
            name = name.replace(str(year), str(year + (starts_on.year - term.starts_on.year
                                                       or 1)), 1)
            break
    else:
        name = f"{name} (from {starts_on:%B %Y})"
    return TermDraft(name[:200], starts_on, ends_on, term.seats, term.charter)


def suggest_term_end(session: Session, term_id: int, today: dt.date) -> TermEndSuggestion:
    """Whom to renew (came to at least half the meetings, not flagged) and whom to thank
    for their service (the other serving members), the next term's draft, and candidates
    for the seats the renewals leave open (a third of them newer customers). Reads only."""
    term = get_term(session, term_id)
    serving = [m for m in list_members(session, term_id) if m.status in SERVING]
    renew = tuple(m for m in serving if should_renew(m))
    thank = tuple(m for m in serving if not should_renew(m))
    open_seats = max(0, term.seats - len(renew))
    fill: tuple[Candidate, ...] = ()
    if open_seats:
        fill = tuple(suggest_candidates(session, today, limit=open_seats,
                                        newer=open_seats // 3, term_id=term_id))
    return TermEndSuggestion(term_id, term.ends_on, renew, thank, next_term_draft(term), fill)


def start_next_term(session: Session, term_id: int, draft: TermDraft, *,
                    renew: Sequence[int] = (), candidates: Sequence[int] = (),
                    reasons: dict[int, str] | None = None) -> TermRow:
    """Create the next term: the customers in `renew` join it as accepted (a chair stays
    chair), those in `candidates` as suggested (to be invited). The old term is left as it
    is; `end_term` closes it."""
    get_or_404(session, Term, "council term", term_id)
    roles = {m.customer_id: m.role for m in list_members(session, term_id)}
    new = create_term(session, draft)
    for customer_id in dict.fromkeys(renew):
        add_member(session, new.id, customer_id, status=ACCEPTED,
                   role=roles.get(customer_id, "member"), on=draft.starts_on,
                   reason="renewed")
    for customer_id in dict.fromkeys(candidates):
        if customer_id not in renew:
            add_member(session, new.id, customer_id, status=SUGGESTED,
                       reason=(reasons or {}).get(customer_id, ""))
    return get_term(session, new.id)


def end_term(session: Session, term_id: int) -> int:
    """Close a term: its accepted and active members' memberships end on its last day.
    Returns how many ended."""
    term = get_or_404(session, Term, "council term", term_id)
    ended = 0
    for member in session.scalars(select(Member).where(
            Member.term_id == term_id, Member.status.in_((ACCEPTED, ACTIVE)))):
        member.status, member.left_on = ENDED, term.ends_on
        ended += 1
    session.flush()
    return ended


def begin_term(session: Session, term_id: int) -> int:
    """A term starts: its accepted members become active from its first day."""
    term = get_or_404(session, Term, "council term", term_id)
    started = 0
    for member in session.scalars(select(Member).where(
            Member.term_id == term_id, Member.status == ACCEPTED)):
        member.status = ACTIVE
        member.joined_on = member.joined_on or term.starts_on
        started += 1
    session.flush()
    return started
