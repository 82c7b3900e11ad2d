"""Council terms and their members: seats, the charter, statuses, history across terms,
and each member's attendance across the term."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.council.common import (
    END_BEFORE_START,
    OUT_OF_RANGE,
    check_choice,
    check_text,
    get_or_404,
    live_customer,
    names_of,
    raise_if,
)
from core.council.errors import AlreadyMember
from core.council.models import Gathering, Invitation, Member, Term
from core.council.types import (
    ABSENT,
    ACCEPTED,
    ACTIVE,
    APOLOGIES,
    DEFAULT_CHARTER,
    ENDED,
    INVITED,
    MEETING,
    MEMBER,
    MEMBER_STATUSES,
    PRESENT,
    ROLES,
    SEATED,
    STEPPED_DOWN,
    SUGGESTED,
    MemberDraft,
    MemberRow,
    TermDraft,
    TermRow,
)
from core.kernel.edits import checked_edit
from core.kernel.errors import Problem

MAX_SEATS = 100


def _check_term(draft: TermDraft) -> None:
    problems: list[Problem] = []
    check_text(problems, "name", draft.name, 200)
    if draft.ends_on <= draft.starts_on:
        problems.append(Problem("ends_on", END_BEFORE_START))
    if not 1 <= draft.seats <= MAX_SEATS:
        problems.append(Problem("seats", OUT_OF_RANGE, f"1-{MAX_SEATS}"))
    raise_if(problems)


def create_term(session: Session, draft: TermDraft) -> TermRow:
    """Add a term (its charter the default when none is given). Raises Invalid naming
    `name`, `ends_on` or `seats`."""
    _check_term(draft)
    term = Term(name=draft.name.strip(), starts_on=draft.starts_on, ends_on=draft.ends_on,
                seats=draft.seats, charter=draft.charter.strip() or DEFAULT_CHARTER,
                created_at=dt.datetime.now())
    session.add(term)
    session.flush()
    return get_term(session, term.id)


def _stored_form(draft: TermDraft) -> TermDraft:
    return replace(draft, name=draft.name.strip(),
                   charter=draft.charter.strip() or DEFAULT_CHARTER)


def update_term(session: Session, term_id: int, draft: TermDraft, *,
                base: TermDraft | None = None, base_version: int | None = None) -> TermRow:
    """Change a term's name, dates, seats and charter ("" restores the default charter).
    With `base` and `base_version` (the term as the editor opened it), another desk's save
    meanwhile is merged in, or raises EditConflict when it changed the same values."""
    term = get_or_404(session, Term, "council term", term_id)
    _check_term(draft)
    stored = TermDraft(term.name, term.starts_on, term.ends_on, term.seats, term.charter)
    draft = checked_edit("council term", term_id,
                         base=_stored_form(base) if base is not None else None,
                         base_version=base_version, mine=_stored_form(draft), theirs=stored,
                         version=term.version)
    _check_term(draft)
    term.name, term.starts_on, term.ends_on = draft.name, draft.starts_on, draft.ends_on
    term.seats, term.charter = draft.seats, draft.charter
    session.flush()
    return get_term(session, term_id)


def get_term(session: Session, term_id: int) -> TermRow:
    term = get_or_404(session, Term, "council term", term_id)
    return _term_rows(session, [term])[0]


def list_terms(session: Session) -> list[TermRow]:
    """Every term, the newest first."""
    terms = list(session.scalars(select(Term).order_by(Term.starts_on.desc(), Term.id.desc())))
    return _term_rows(session, terms)


def current_term(session: Session, today: dt.date) -> TermRow | None:
    """The term running on `today` (the latest started, when two overlap), else None."""
    for term in list_terms(session):
        if term.is_current(today):
            return term
    return None


def _term_rows(session: Session, terms: list[Term]) -> list[TermRow]:
    ids = [t.id for t in terms]
    seated: dict[int, int] = defaultdict(int)
    members: dict[int, int] = defaultdict(int)
    if ids:
        for term_id, status, count in session.execute(
                select(Member.term_id, Member.status, func.count())
                .where(Member.term_id.in_(ids)).group_by(Member.term_id, Member.status)):
            members[term_id] += count
            if status in SEATED:
                seated[term_id] += count
    return [TermRow(t.id, t.name, t.starts_on, t.ends_on, t.seats, t.charter,
                    seated[t.id], members[t.id], t.version) for t in terms]


def add_member(session: Session, term_id: int, customer_id: int, *,
               status: str = SUGGESTED, role: str = MEMBER, reason: str = "",
               on: dt.date | None = None) -> MemberRow:
    """Put a customer on a term (suggested, by default). Raises AlreadyMember, NotFound,
    or Invalid naming `status` or `role`. Going over the seats is allowed: the term's
    `over_seats` then warns."""
    get_or_404(session, Term, "council term", term_id)
    live_customer(session, customer_id)
    problems: list[Problem] = []
    check_choice(problems, "status", status, MEMBER_STATUSES)
    check_choice(problems, "role", role, ROLES)
    raise_if(problems)
    exists = session.scalar(select(Member.id).where(Member.term_id == term_id,
                                                    Member.customer_id == customer_id))
    if exists is not None:
        raise AlreadyMember(term_id, customer_id)
    member = Member(term_id=term_id, customer_id=customer_id, status=SUGGESTED, role=role,
                    reason=reason)
    session.add(member)
    session.flush()
    if status != SUGGESTED:
        _apply_status(member, status, on or dt.date.today())
        session.flush()
    return member_row(session, member.id)


def update_member(session: Session, member_id: int, draft: MemberDraft, *,
                  on: dt.date | None = None, base: MemberDraft | None = None,
                  base_version: int | None = None) -> MemberRow:
    """Change a membership's status (invited records the day invited; accepted and active
    the day joined, once; stepped down and ended the day left, all `on`), role and the day
    the charter was signed. With `base` and `base_version` (the member as the person saw
    them), another desk's change meanwhile is merged in, or raises EditConflict when it
    changed the same value differently. Raises Invalid naming `status` or `role`."""
    member = get_or_404(session, Member, "council member", member_id)
    problems: list[Problem] = []
    check_choice(problems, "status", draft.status, MEMBER_STATUSES)
    check_choice(problems, "role", draft.role, ROLES)
    raise_if(problems)
    stored = _stored_member(session, member_id)
    merged = checked_edit("council member", member_id, base=base, base_version=base_version,
                          mine=draft, theirs=stored, version=member.version)
    if merged.status != stored.status:
        _apply_status(member, merged.status, on or dt.date.today())
    member.role, member.charter_accepted_on = merged.role, merged.charter_accepted_on
    session.flush()
    return member_row(session, member_id)


def _stored_member(session: Session, member_id: int) -> MemberDraft:
    member = get_or_404(session, Member, "council member", member_id)
    return MemberDraft(member.status, member.role, member.charter_accepted_on)


def set_member_status(session: Session, member_id: int, status: str, *,
                      on: dt.date | None = None) -> MemberRow:
    """Move a membership to `status`, recording the day again when it already is there
    (invited again: the day of the new letter). See update_member."""
    member = get_or_404(session, Member, "council member", member_id)
    problems: list[Problem] = []
    check_choice(problems, "status", status, MEMBER_STATUSES)
    raise_if(problems)
    _apply_status(member, status, on or dt.date.today())
    session.flush()
    return member_row(session, member_id)


def _apply_status(member: Member, status: str, on: dt.date) -> None:
    member.status = status
    if status == INVITED:
        member.invited_on = on
    elif status in (ACCEPTED, ACTIVE):
        member.joined_on = member.joined_on or on
        member.left_on = None
    elif status in (STEPPED_DOWN, ENDED):
        member.left_on = on


def set_member_role(session: Session, member_id: int, role: str) -> MemberRow:
    """Make a member the chair or an ordinary member."""
    return update_member(session, member_id,
                         replace(_stored_member(session, member_id), role=role))


def record_charter_accepted(session: Session, member_id: int,
                            on: dt.date | None) -> MemberRow:
    """Record the day the member signed the charter (None takes it back)."""
    return update_member(session, member_id, replace(_stored_member(session, member_id),
                                                     charter_accepted_on=on))


def remove_member(session: Session, member_id: int) -> None:
    """Forget a suggestion made by mistake (any status; the history loses it)."""
    session.delete(get_or_404(session, Member, "council member", member_id))
    session.flush()


def member_row(session: Session, member_id: int) -> MemberRow:
    member = get_or_404(session, Member, "council member", member_id)
    return list_members(session, member.term_id, only=[member.id])[0]


def list_members(session: Session, term_id: int, *,
                 only: list[int] | None = None) -> list[MemberRow]:
    """The term's members (chair first, then by name), each with terms served, this
    term's attendance and the meetings missed running."""
    get_or_404(session, Term, "council term", term_id)
    query = select(Member).where(Member.term_id == term_id)
    if only is not None:
        query = query.where(Member.id.in_(only))
    members = list(session.scalars(query))
    customer_ids = [m.customer_id for m in members]
    names = names_of(session, customer_ids)
    served = _terms_served(session, customer_ids)
    record = _attendance(session, term_id)
    rows = []
    for m in members:
        marks = record.get(m.customer_id, [])
        held = [mark for mark in marks if mark]
        running = 0
        for mark in reversed(held):
            if mark in (APOLOGIES, ABSENT):
                running += 1
            else:
                break
        rows.append(MemberRow(
            m.id, m.term_id, m.customer_id, names.get(m.customer_id, ""), m.status, m.role,
            m.invited_on, m.joined_on, m.left_on, m.charter_accepted_on, m.reason,
            served.get(m.customer_id, 0), len(held), sum(1 for mark in held if mark == PRESENT),
            running, m.version))
    rows.sort(key=lambda r: (r.role != "chair", MEMBER_STATUSES.index(r.status),
                             r.name.casefold()))
    return rows


def _terms_served(session: Session, customer_ids: list[int]) -> dict[int, int]:
    if not customer_ids:
        return {}
    return {customer_id: count for customer_id, count in session.execute(
        select(Member.customer_id, func.count()).where(
            Member.customer_id.in_(sorted(set(customer_ids))),
            Member.status.in_((ACCEPTED, ACTIVE, STEPPED_DOWN, ENDED)),
            Member.joined_on.is_not(None))
        .group_by(Member.customer_id))}


def _attendance(session: Session, term_id: int) -> dict[int, list[str]]:
    """Each customer's attendance marks at the term's meetings, oldest meeting first."""
    marks: dict[int, list[str]] = defaultdict(list)
    for customer_id, attendance in session.execute(
            select(Invitation.customer_id, Invitation.attendance)
            .join(Gathering, Gathering.id == Invitation.gathering_id)
            .where(Gathering.term_id == term_id, Gathering.kind == MEETING)
            .order_by(Gathering.held_on, Gathering.id)):
        marks[customer_id].append(attendance)
    return marks


def customer_council_history(session: Session, customer_id: int) -> list[MemberRow]:
    """Every membership of one customer across terms, the newest term first."""
    rows = []
    for member_id, term_id in session.execute(
            select(Member.id, Member.term_id).join(Term, Term.id == Member.term_id)
            .where(Member.customer_id == customer_id).order_by(Term.starts_on.desc())):
        rows.extend(list_members(session, term_id, only=[member_id]))
    return rows
