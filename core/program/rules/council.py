"""What the council's rules share (each is its own module: council_meeting, council_notes,
council_term_end). The council's rules: a meeting coming up with its invitation letters due; a meeting's
notes not sent within three days; a term ending in a month (renew or thank each member).

Each is one letter per member, keyed like every action on (rule, customer, occasion):
the meeting's date, or the term's last day. The detail names the meeting or the term,
so the letter printed from Today carries that meeting's date, place and notes
(`letter_values`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from core.council.services import (
    list_members,
    meeting_values,
    record_invitations_sent,
    record_notes_sent,
    should_renew,
    term_values,
)
from core.council.tables import (
    GATHERINGS,
    LETTERS,
    MEETING,
    MEMBERS,
    RENEWAL_LETTER,
    SERVING,
    TERMS,
    THANK_YOU_LETTER,
)
from core.program.models import Action
from core.program.rules import LETTER, Occasion, Span
from core.program.rules.common import CUSTOMERS, willing
from core.program.settings import ProgramSettings
from core.settings.services import get_business_profile

MEETING_RULE, NOTES_RULE, TERM_END_RULE = "council_meeting", "council_notes", "council_term_end"
RENEW, THANK = "renew", "thank"
OPEN = "open"


def _members_of_meetings(session: Session, span: Span, *, sent_column: str
                         ) -> Iterator[Occasion]:
    """Each serving member of each council meeting held in `span` whose letters
    (`sent_column`: invitations or notes) have not gone out."""
    g, m = GATHERINGS.c, MEMBERS.c
    query = (select(m.customer_id, g.held_on, g.id)
             .join(MEMBERS, m.term_id == g.term_id)
             .join(CUSTOMERS, CUSTOMERS.c.id == m.customer_id)
             .where(g.kind == MEETING, g.held_on.between(span.first, span.last),
                    getattr(g, sent_column).is_(None),
                    m.status.in_(SERVING), willing(LETTER, span))
             .order_by(g.held_on, g.id, m.customer_id))
    for customer_id, held_on, meeting_id in session.execute(query):
        yield Occasion(customer_id, held_on, str(meeting_id))


def meeting_invitations(session: Session, span: Span,
                        _settings: ProgramSettings) -> Iterator[Occasion]:
    return _members_of_meetings(session, span, sent_column="invitations_sent_on")


def meeting_notes(session: Session, span: Span,
                  _settings: ProgramSettings) -> Iterator[Occasion]:
    return _members_of_meetings(session, span, sent_column="notes_sent_on")


def _withdraw_sent(session: Session, rule: str, sent_column: str) -> None:
    """Open letters of meetings whose letters went out from the Council page are no longer
    due; and when every letter of a meeting was made from Today, the Council page learns
    that they went out (and when)."""
    g = GATHERINGS.c
    sent = select(g.id).where(g.kind == MEETING, getattr(g, sent_column).is_not(None))
    sent_ids = {str(i) for i in session.scalars(sent)}
    known = {str(i) for i in session.scalars(select(g.id).where(g.kind == MEETING))}
    open_actions = session.execute(select(Action.id, Action.detail).where(
        Action.rule == rule, Action.state == OPEN)).all()
    stale = [a_id for a_id, detail in open_actions if detail in sent_ids or detail not in known]
    if stale:
        session.execute(delete(Action).where(Action.id.in_(stale)))
    record = record_notes_sent if rule == NOTES_RULE else record_invitations_sent
    open_meetings = {detail for _id, detail in open_actions}
    done = session.execute(select(Action.detail, func.max(Action.completed_at)).where(
        Action.rule == rule, Action.state == "done").group_by(Action.detail)).all()
    for detail, completed_at in done:
        if detail in known and detail not in sent_ids and detail not in open_meetings \
                and completed_at is not None:
            record(session, int(detail), completed_at.date())


def prepare_meeting(session: Session) -> None:
    _withdraw_sent(session, MEETING_RULE, "invitations_sent_on")


def prepare_notes(session: Session) -> None:
    _withdraw_sent(session, NOTES_RULE, "notes_sent_on")


def term_endings(session: Session, span: Span,
                 _settings: ProgramSettings) -> Iterator[Occasion]:
    """Each serving member of each term ending in `span`: renew them (came to at least half
    the meetings, not flagged) or thank them for their service."""
    t = TERMS.c
    for term_id, ends_on in session.execute(select(t.id, t.ends_on).where(
            t.ends_on.between(span.first, span.last)).order_by(t.ends_on, t.id)):
        allowed = set(session.scalars(select(CUSTOMERS.c.id).join(
            MEMBERS, MEMBERS.c.customer_id == CUSTOMERS.c.id).where(
            MEMBERS.c.term_id == term_id, willing(LETTER, span))))
        for member in list_members(session, term_id):
            if member.status in SERVING and member.customer_id in allowed:
                yield Occasion(member.customer_id, ends_on,
                               f"{RENEW if should_renew(member) else THANK} {term_id}")


def prepare_term_end(session: Session) -> None:
    """A renewal or thank-you letter already printed from the Council page is not due."""
    sent = {(customer_id, term_id) for customer_id, term_id in session.execute(
        select(LETTERS.c.customer_id, LETTERS.c.term_id).where(
            LETTERS.c.kind.in_((RENEWAL_LETTER, THANK_YOU_LETTER))))}
    stale = [a_id for a_id, customer_id, detail in session.execute(
        select(Action.id, Action.customer_id, Action.detail).where(
            Action.rule == TERM_END_RULE, Action.state == OPEN))
        if (customer_id, _term_of(detail)) in sent]
    if stale:
        session.execute(delete(Action).where(Action.id.in_(stale)))


def _term_of(detail: str) -> int:
    return int(detail.split()[-1]) if detail.split() else 0


def letter_values(session: Session, rule: str, customer_id: int, occasion_on: dt.date,
                  detail: str) -> tuple[tuple[str, str], ...]:
    """The merge values of a council letter printed from Today (the meeting's or the
    term's), or () when its meeting or term is gone."""
    locale = get_business_profile(session).locale
    if rule in (MEETING_RULE, NOTES_RULE):
        if session.scalar(select(GATHERINGS.c.id).where(GATHERINGS.c.id == int(detail))) \
                is None:
            return ()
        return tuple(meeting_values(session, int(detail), locale).items())
    if rule == TERM_END_RULE:
        term_id = _term_of(detail)
        if session.scalar(select(TERMS.c.id).where(TERMS.c.id == term_id)) is None:
            return ()
        return tuple(term_values(session, term_id, locale).items())
    return ()
