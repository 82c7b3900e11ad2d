"""Council meetings: the agenda (open items carried in from the last meeting), attendance,
minutes per item, decisions, and actions with an owner and a due date (open actions of
earlier meetings follow into each meeting's view and notes)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from core.council.common import (
    check_choice,
    check_text,
    check_time,
    gathering_of_kind,
    get_or_404,
    live_customer,
    moved_on,
    names_of,
    raise_if,
)
from core.council.ideas import ideas_of_meeting
from core.council.models import (
    AgendaItem,
    CouncilAction,
    Decision,
    Gathering,
    Invitation,
    Member,
    Term,
)
from core.council.types import (
    ATTENDANCE,
    MEETING,
    PRESENT,
    SERVING,
    AgendaItemDraft,
    AgendaItemRow,
    AttendanceRow,
    CouncilActionRow,
    DecisionRow,
    MeetingDetail,
    MeetingDraft,
    MeetingRow,
)
from core.kernel.edits import checked_edit
from core.kernel.errors import Problem


def _check(draft: MeetingDraft) -> None:
    problems: list[Problem] = []
    check_text(problems, "title", draft.title, 200, required=False)
    check_text(problems, "place", draft.place, 300, required=False)
    check_time(problems, "starts_at", draft.starts_at)
    raise_if(problems)


def create_meeting(session: Session, term_id: int, draft: MeetingDraft, *,
                   agenda: tuple[str, ...] = ()) -> MeetingDetail:
    """Add a meeting to a term, with its serving members invited. The agenda starts with
    the items left open at the council's previous meeting (carried in), then `agenda`."""
    get_or_404(session, Term, "council term", term_id)
    _check(draft)
    meeting = Gathering(kind=MEETING, term_id=term_id, title=draft.title.strip(),
                        held_on=draft.held_on, starts_at=draft.starts_at,
                        place=draft.place.strip(), created_at=dt.datetime.now())
    session.add(meeting)
    session.flush()
    previous = _previous_meeting(session, meeting)
    position = 0
    if previous is not None:
        for item in session.scalars(select(AgendaItem).where(
                AgendaItem.gathering_id == previous.id, AgendaItem.left_open.is_(True))
                .order_by(AgendaItem.position)):
            position += 1
            session.add(AgendaItem(gathering_id=meeting.id, position=position,
                                   title=item.title, minutes="", left_open=False,
                                   carried_from_id=item.id))
    for title in agenda:
        if title.strip():
            position += 1
            session.add(AgendaItem(gathering_id=meeting.id, position=position,
                                   title=title.strip()[:300], minutes="", left_open=False))
    for customer_id in session.scalars(select(Member.customer_id).where(
            Member.term_id == term_id, Member.status.in_(SERVING))):
        session.add(Invitation(gathering_id=meeting.id, customer_id=customer_id, rsvp="",
                               plus_one=False, attendance=""))
    session.flush()
    return get_meeting(session, meeting.id)


def _stored_form(draft: MeetingDraft) -> MeetingDraft:
    return replace(draft, title=draft.title.strip(), place=draft.place.strip())


def update_meeting(session: Session, meeting_id: int, draft: MeetingDraft, *,
                   base: MeetingDraft | None = None,
                   base_version: int | None = None) -> MeetingRow:
    """Change a meeting's date, time, place and title. With `base` and `base_version` (as
    the editor opened it), another desk's save meanwhile is merged in, or raises
    EditConflict when it changed the same values differently."""
    meeting = _meeting(session, meeting_id)
    _check(draft)
    stored = MeetingDraft(meeting.held_on, meeting.starts_at, meeting.place, meeting.title)
    draft = checked_edit("council meeting", meeting_id,
                         base=_stored_form(base) if base is not None else None,
                         base_version=base_version, mine=_stored_form(draft), theirs=stored,
                         version=meeting.version)
    meeting.title, meeting.held_on = draft.title, draft.held_on
    meeting.starts_at, meeting.place = draft.starts_at, draft.place
    session.flush()
    return _rows(session, [meeting])[0]


def delete_meeting(session: Session, meeting_id: int) -> None:
    """Remove a meeting with its agenda, attendance, decisions and actions (ideas stay)."""
    session.delete(_meeting(session, meeting_id))
    session.flush()


def _meeting(session: Session, meeting_id: int) -> Gathering:
    meeting: Gathering = gathering_of_kind(session, meeting_id, MEETING, "council meeting")
    return meeting


def _previous_meeting(session: Session, meeting: Gathering) -> Gathering | None:
    """The council's meeting before this one (in any term): what is left open follows."""
    return session.scalars(select(Gathering).where(
        Gathering.kind == MEETING, Gathering.id != meeting.id,
        (Gathering.held_on < meeting.held_on)
        | ((Gathering.held_on == meeting.held_on) & (Gathering.id < meeting.id)))
        .order_by(Gathering.held_on.desc(), Gathering.id.desc())).first()


def list_meetings(session: Session, term_id: int) -> list[MeetingRow]:
    """The term's meetings, the earliest first."""
    get_or_404(session, Term, "council term", term_id)
    meetings = list(session.scalars(select(Gathering).where(
        Gathering.term_id == term_id, Gathering.kind == MEETING)
        .order_by(Gathering.held_on, Gathering.id)))
    return _rows(session, meetings)


def _rows(session: Session, meetings: list[Gathering]) -> list[MeetingRow]:
    ids = [m.id for m in meetings]
    counts: dict[int, tuple[int, int]] = {}
    if ids:
        for gathering_id, invited, present in session.execute(
                select(Invitation.gathering_id, func.count(),
                       func.sum(case((Invitation.attendance == PRESENT, 1), else_=0)))
                .where(Invitation.gathering_id.in_(ids)).group_by(Invitation.gathering_id)):
            counts[gathering_id] = (int(invited), int(present or 0))
    return [MeetingRow(m.id, m.term_id or 0, m.title, m.held_on, m.starts_at, m.place,
                       m.invitations_sent_on, m.notes_sent_on, counts.get(m.id, (0, 0))[1],
                       counts.get(m.id, (0, 0))[0], m.version) for m in meetings]


def get_meeting(session: Session, meeting_id: int) -> MeetingDetail:
    """Everything about one meeting: agenda, attendance, decisions, its actions and the
    actions still open from earlier meetings, its ideas, and the next meeting's date."""
    meeting = _meeting(session, meeting_id)
    agenda = tuple(_item_row(i) for i in session.scalars(select(AgendaItem).where(
                       AgendaItem.gathering_id == meeting_id).order_by(AgendaItem.position)))
    invitations = list(session.scalars(select(Invitation).where(
        Invitation.gathering_id == meeting_id)))
    names = names_of(session, [i.customer_id for i in invitations])
    attendance = tuple(sorted((AttendanceRow(i.customer_id, names.get(i.customer_id, ""),
                                             i.attendance) for i in invitations),
                              key=lambda a: a.name.casefold()))
    decisions = tuple(DecisionRow(d.id, d.agenda_item_id, d.text) for d in session.scalars(
        select(Decision).where(Decision.gathering_id == meeting_id).order_by(Decision.id)))
    actions = tuple(_action_row(a, meeting.held_on) for a in session.scalars(
        select(CouncilAction).where(CouncilAction.gathering_id == meeting_id)
        .order_by(CouncilAction.id)))
    earlier = session.execute(
        select(CouncilAction, Gathering.held_on)
        .join(Gathering, Gathering.id == CouncilAction.gathering_id)
        .where(Gathering.kind == MEETING, Gathering.held_on < meeting.held_on,
               (CouncilAction.done_on.is_(None)) | (CouncilAction.done_on >= meeting.held_on))
        .order_by(Gathering.held_on, CouncilAction.id)).all()
    open_actions = tuple(_action_row(a, held_on) for a, held_on in earlier)
    next_on = session.scalar(select(func.min(Gathering.held_on)).where(
        Gathering.kind == MEETING, Gathering.held_on > meeting.held_on))
    return MeetingDetail(_rows(session, [meeting])[0], agenda, attendance, decisions,
                         actions, open_actions, tuple(ideas_of_meeting(session, meeting_id)),
                         next_on)


def _action_row(action: CouncilAction, held_on: dt.date) -> CouncilActionRow:
    return CouncilActionRow(action.id, action.gathering_id, action.agenda_item_id, action.text,
                            action.owner, action.due_on, action.done_on, held_on)


def _item_row(item: AgendaItem) -> AgendaItemRow:
    return AgendaItemRow(item.id, item.position, item.title, item.minutes, item.left_open,
                         item.carried_from_id is not None, item.version)


def add_agenda_item(session: Session, meeting_id: int, title: str) -> AgendaItemRow:
    """Add an item at the end of the agenda. Raises Invalid naming `title`."""
    moved_on(_meeting(session, meeting_id))
    problems: list[Problem] = []
    check_text(problems, "title", title, 300)
    raise_if(problems)
    last = session.scalar(select(func.max(AgendaItem.position)).where(
        AgendaItem.gathering_id == meeting_id)) or 0
    item = AgendaItem(gathering_id=meeting_id, position=last + 1, title=title.strip(),
                      minutes="", left_open=False)
    session.add(item)
    session.flush()
    return _item_row(item)


def update_agenda_item(session: Session, item_id: int, *, title: str | None = None,
                       minutes: str | None = None, left_open: bool | None = None,
                       base: AgendaItemDraft | None = None,
                       base_version: int | None = None) -> AgendaItemRow:
    """Change an item's title, its minutes, or whether it was left open (then it is
    carried into the next meeting created); None keeps a value. With `base` and
    `base_version` (the item as the editor opened it), another desk's save meanwhile is
    merged in, or raises EditConflict when it changed the same values differently."""
    item: AgendaItem = get_or_404(session, AgendaItem, "agenda item", item_id)
    problems: list[Problem] = []
    if title is not None:
        check_text(problems, "title", title, 300)
    if minutes is not None:
        check_text(problems, "minutes", minutes, 20_000, required=False)
    raise_if(problems)
    stored = AgendaItemDraft(item.title, item.minutes, item.left_open)
    opened = base or stored
    mine = AgendaItemDraft(opened.title if title is None else title.strip(),
                           opened.minutes if minutes is None else minutes.strip(),
                           opened.left_open if left_open is None else left_open)
    merged = checked_edit("agenda item", item_id, base=base, base_version=base_version,
                          mine=mine, theirs=stored, version=item.version)
    item.title, item.minutes, item.left_open = merged.title, merged.minutes, merged.left_open
    session.flush()
    return _item_row(item)


def move_agenda_item(session: Session, item_id: int, position: int) -> None:
    """Put an item at `position` (1-based) in its meeting's agenda; the others follow."""
    item: AgendaItem = get_or_404(session, AgendaItem, "agenda item", item_id)
    items = list(session.scalars(select(AgendaItem).where(
        AgendaItem.gathering_id == item.gathering_id).order_by(AgendaItem.position)))
    items.remove(item)
    items.insert(max(0, min(position - 1, len(items))), item)
    _number(session, item.gathering_id, items)


def _number(session: Session, meeting_id: int, items: list[AgendaItem]) -> None:
    """Positions 1, 2, 3... in this order; the meeting's version moves when any changed."""
    moved = False
    for number, each in enumerate(items, 1):
        if each.position != number:
            each.position, moved = number, True
    if moved:
        moved_on(_meeting(session, meeting_id))
    session.flush()


def remove_agenda_item(session: Session, item_id: int) -> None:
    item: AgendaItem = get_or_404(session, AgendaItem, "agenda item", item_id)
    meeting_id = item.gathering_id
    moved_on(_meeting(session, meeting_id))
    session.delete(item)
    session.flush()
    _number(session, meeting_id, list(session.scalars(select(AgendaItem).where(
        AgendaItem.gathering_id == meeting_id).order_by(AgendaItem.position))))


def record_attendance(session: Session, meeting_id: int, customer_id: int,
                      attendance: str) -> AttendanceRow:
    """Record present, apologies or absent ("" clears it) for one member (a customer not
    invited yet is added to the meeting)."""
    meeting = _meeting(session, meeting_id)
    problems: list[Problem] = []
    if attendance:
        check_choice(problems, "attendance", attendance, ATTENDANCE)
    raise_if(problems)
    invitation = session.scalar(select(Invitation).where(
        Invitation.gathering_id == meeting_id, Invitation.customer_id == customer_id))
    if invitation is None:
        live_customer(session, customer_id)
        invitation = Invitation(gathering_id=meeting_id, customer_id=customer_id, rsvp="",
                                plus_one=False, attendance="")
        session.add(invitation)
    if invitation.attendance != attendance:
        invitation.attendance = attendance
        moved_on(meeting)
    session.flush()
    return AttendanceRow(customer_id, names_of(session, [customer_id]).get(customer_id, ""),
                         attendance)


def add_decision(session: Session, meeting_id: int, text: str, *,
                 agenda_item_id: int | None = None) -> DecisionRow:
    """Record a decision (under an agenda item, or the meeting as a whole)."""
    moved_on(_meeting(session, meeting_id))
    problems: list[Problem] = []
    check_text(problems, "text", text, 5000)
    raise_if(problems)
    decision = Decision(gathering_id=meeting_id, agenda_item_id=agenda_item_id,
                        text=text.strip())
    session.add(decision)
    session.flush()
    return DecisionRow(decision.id, agenda_item_id, decision.text)


def remove_decision(session: Session, decision_id: int) -> None:
    decision: Decision = get_or_404(session, Decision, "decision", decision_id)
    moved_on(_meeting(session, decision.gathering_id))
    session.delete(decision)
    session.flush()


def add_council_action(session: Session, meeting_id: int, text: str, *, owner: str = "",
                       due_on: dt.date | None = None,
                       agenda_item_id: int | None = None) -> CouncilActionRow:
    """Record an action agreed at a meeting: what, who, by when. Raises Invalid naming
    `text` or `owner`."""
    meeting = _meeting(session, meeting_id)
    problems: list[Problem] = []
    check_text(problems, "text", text, 5000)
    check_text(problems, "owner", owner, 200, required=False)
    raise_if(problems)
    moved_on(meeting)
    action = CouncilAction(gathering_id=meeting_id, agenda_item_id=agenda_item_id,
                           text=text.strip(), owner=owner.strip(), due_on=due_on)
    session.add(action)
    session.flush()
    return _action_row(action, meeting.held_on)


def complete_council_action(session: Session, action_id: int,
                            done_on: dt.date | None) -> CouncilActionRow:
    """Mark an action done on `done_on` (None opens it again)."""
    action: CouncilAction = get_or_404(session, CouncilAction, "council action", action_id)
    meeting = _meeting(session, action.gathering_id)
    if action.done_on != done_on:
        action.done_on = done_on
        moved_on(meeting)
    session.flush()
    return _action_row(action, meeting.held_on)


def remove_council_action(session: Session, action_id: int) -> None:
    action: CouncilAction = get_or_404(session, CouncilAction, "council action", action_id)
    moved_on(_meeting(session, action.gathering_id))
    session.delete(action)
    session.flush()


def record_notes_sent(session: Session, meeting_id: int, on: dt.date | None) -> MeetingRow:
    """Record the day the meeting's notes went out (None: not sent)."""
    meeting = _meeting(session, meeting_id)
    meeting.notes_sent_on = on
    session.flush()
    return _rows(session, [meeting])[0]


def record_invitations_sent(session: Session, meeting_id: int,
                            on: dt.date | None) -> MeetingRow:
    """Record the day the meeting's invitations went out (None: not sent)."""
    meeting = _meeting(session, meeting_id)
    meeting.invitations_sent_on = on
    session.flush()
    return _rows(session, [meeting])[0]
