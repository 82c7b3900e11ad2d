"""The council's letters, through the printing engine (templates with merge fields,
batches in Cards & letters' history, labels in the same order): invitations to join a
term, the charter to sign, meeting invitations, the meeting notes, "you said, we did",
thank-you and renewal letters, and invitations to an appreciation evening.

Each print is a long job: the letters are planned in one unit of work, rendered without
the database, and what they record (members invited, notes sent, letters sent) is
stored in another, only once the PDFs are in place.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.council.common import gathering_of_kind, get_or_404
from core.council.errors import NO_GUESTS, NO_MEMBERS, NothingToPrint
from core.council.ideas import ideas_acted_on
from core.council.meetings import get_meeting, record_notes_sent
from core.council.models import Gathering, Invitation, Letter, Member, Term
from core.council.terms import list_members
from core.council.texts import (
    day_month_year,
    ideas_text,
    long_date,
    meeting_agenda_text,
    meeting_notes_text,
    short_time,
)
from core.council.types import (
    ACTED_ON,
    CHARTER_LETTER,
    ENDED,
    EVENING,
    EVENING_LETTER,
    INVITATION_LETTER,
    INVITED,
    MEETING_LETTER,
    NOTES_LETTER,
    NOTHING_TO_REPORT,
    RENEWAL_LETTER,
    SERVING,
    STEPPED_DOWN,
    SUGGESTED,
    THANK_YOU_LETTER,
    YOU_SAID_LETTER,
    IdeaRow,
    LeftOutLetter,
    LettersPrinted,
)
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.printing.errors import NoRecipients
from core.printing.services import BatchEntry, plan_entries, print_planned_batch
from core.settings.services import get_business_profile
from core.store.db import Database

Values = dict[str, str]
# What a print records once its PDFs are in place: (session, batch id, customers printed).
Recorder = Callable[[Session, int, tuple[int, ...]], None]


def default_label_sheet(locale: str) -> str:
    """Avery 5160 where letter paper is used, L7160 elsewhere."""
    return "avery-5160" if locale.endswith(("_US", "_CA")) else "avery-l7160"


def _print(database: Database, template: str, entries: Sequence[tuple[int, Values]],
           out_path: Path, *, labels_path: Path | None, label_sheet: str, today: dt.date,
           record: Recorder, progress: Progress, is_cancelled: CancelCheck,
           left_out: Sequence[LeftOutLetter] = ()) -> LettersPrinted:
    if not entries:
        raise NothingToPrint(left_out[0].reason if left_out else NO_MEMBERS, tuple(left_out))
    with database.unit_of_work() as session:
        locale = get_business_profile(session).locale
        sheet = (label_sheet or default_label_sheet(locale)) if labels_path else ""
        try:
            plan = plan_entries(session, [
                BatchEntry(customer_id, template, values=tuple(values.items()))
                for customer_id, values in entries], label_sheet=sheet, today=today)
        except NoRecipients as nobody:
            skipped = tuple(LeftOutLetter(s.customer_id, s.name, s.reason) for s in nobody.skipped)
            raise NothingToPrint(skipped[0].reason if skipped else NO_MEMBERS,
                                 tuple(left_out) + skipped) from nobody
    summary, _plan, rendered = print_planned_batch(
        database, plan, out_path, labels_path=labels_path if sheet else None,
        progress=progress, is_cancelled=is_cancelled)
    printed = tuple(r.customer_id for r in plan.recipients if r.customer_id is not None)
    with database.unit_of_work() as session:
        record(session, summary.id, printed)
    skipped_now = tuple(LeftOutLetter(s.customer_id, s.name, s.reason) for s in plan.skipped)
    return LettersPrinted(summary.id, len(printed), rendered.pages, rendered.label_pages,
                          printed, tuple(left_out) + skipped_now)


def _letters(session: Session, kind: str, printed: tuple[int, ...], today: dt.date,
             batch_id: int, *, term_id: int | None = None, gathering_id: int | None = None,
             details: dict[int, str] | None = None) -> None:
    for customer_id in printed:
        session.add(Letter(kind=kind, customer_id=customer_id, term_id=term_id,
                           gathering_id=gathering_id, sent_on=today, batch_id=batch_id,
                           detail=(details or {}).get(customer_id, "")))
    session.flush()


def _term_values(term: Term, locale: str) -> Values:
    return {"term_name": term.name,
            "term_dates": f"{day_month_year(term.starts_on, locale)} to "
                          f"{day_month_year(term.ends_on, locale)}",
            "term_end": day_month_year(term.ends_on, locale), "charter": term.charter}


def term_values(session: Session, term_id: int, locale: str) -> Values:
    """The merge values of a term's letters (invitation, charter, renewal, thank-you)."""
    return _term_values(get_or_404(session, Term, "council term", term_id), locale)


def _members(session: Session, term_id: int, statuses: Sequence[str],
             customer_ids: Sequence[int] | None) -> list[Member]:
    query = select(Member).where(Member.term_id == term_id)
    if customer_ids is not None:
        query = query.where(Member.customer_id.in_(list(customer_ids)))
    else:
        query = query.where(Member.status.in_(list(statuses)))
    return list(session.scalars(query.order_by(Member.id)))


def print_council_invitations(
    database: Database, term_id: int, out_path: Path, *, today: dt.date,
    customer_ids: Sequence[int] | None = None, labels_path: Path | None = None,
    label_sheet: str = "", progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> LettersPrinted:
    """Invitation letters to join a term (by default to every suggested member), labels
    in the same order; those printed are recorded as invited today. Raises NothingToPrint
    when there is nobody to invite, or nobody with a postal address."""
    with database.unit_of_work() as session:
        term = get_or_404(session, Term, "council term", term_id)
        locale = get_business_profile(session).locale
        values = _term_values(term, locale)
        entries = [(m.customer_id, values)
                   for m in _members(session, term_id, (SUGGESTED,), customer_ids)]

    def record(session: Session, batch_id: int, printed: tuple[int, ...]) -> None:
        for member in _members(session, term_id, (), printed):
            if member.status == SUGGESTED:
                member.status = INVITED
            member.invited_on = today
        _letters(session, INVITATION_LETTER, printed, today, batch_id, term_id=term_id)

    return _print(database, INVITATION_LETTER, entries, out_path, labels_path=labels_path,
                  label_sheet=label_sheet, today=today, record=record, progress=progress,
                  is_cancelled=is_cancelled)


def print_charters(
    database: Database, term_id: int, out_path: Path, *, today: dt.date,
    customer_ids: Sequence[int] | None = None, progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> LettersPrinted:
    """The term's charter as a one-page document to sign, one per member (by default the
    invited, accepted and active ones), each with the member's name."""
    with database.unit_of_work() as session:
        term = get_or_404(session, Term, "council term", term_id)
        values = _term_values(term, get_business_profile(session).locale)
        entries = [(m.customer_id, values) for m in _members(
            session, term_id, (INVITED, *SERVING), customer_ids)]

    def record(session: Session, batch_id: int, printed: tuple[int, ...]) -> None:
        _letters(session, CHARTER_LETTER, printed, today, batch_id, term_id=term_id)

    return _print(database, CHARTER_LETTER, entries, out_path, labels_path=None,
                  label_sheet="", today=today, record=record, progress=progress,
                  is_cancelled=is_cancelled)


def meeting_values(session: Session, meeting_id: int, locale: str) -> Values:
    """The merge values of a meeting's letters (its invitation and its notes)."""
    detail = get_meeting(session, meeting_id)
    meeting = detail.meeting
    term = get_or_404(session, Term, "council term", meeting.term_id)
    return {
        **_term_values(term, locale),
        "meeting_date": long_date(meeting.held_on, locale),
        "meeting_time": short_time(meeting.starts_at, locale) or "the usual time",
        "meeting_place": meeting.place or "the shop",
        "meeting_agenda": meeting_agenda_text(detail),
        "meeting_notes": meeting_notes_text(detail, locale),
        "next_meeting": long_date(detail.next_meeting_on, locale)
        if detail.next_meeting_on else "the date is still to be arranged; we will write",
    }


def _meeting_people(session: Session, meeting_id: int,
                    customer_ids: Sequence[int] | None) -> list[int]:
    """The meeting's members (those invited to it and still serving, or recorded there)."""
    meeting = get_or_404(session, Gathering, "council meeting", meeting_id)
    invited = list(session.scalars(select(Invitation.customer_id).where(
        Invitation.gathering_id == meeting_id).order_by(Invitation.id)))
    serving = list(session.scalars(select(Member.customer_id).where(
        Member.term_id == meeting.term_id, Member.status.in_(SERVING)).order_by(Member.id)))
    people = list(dict.fromkeys(invited + serving))
    if customer_ids is not None:
        people = [p for p in people if p in set(customer_ids)] + [
            p for p in customer_ids if p not in people]
    return people


def print_meeting_invitations(
    database: Database, meeting_id: int, out_path: Path, *, today: dt.date,
    customer_ids: Sequence[int] | None = None, labels_path: Path | None = None,
    label_sheet: str = "", progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> LettersPrinted:
    """A letter to each member asking them to the meeting, with its agenda; records the
    day the invitations went out."""
    with database.unit_of_work() as session:
        values = meeting_values(session, meeting_id, get_business_profile(session).locale)
        entries = [(c, values) for c in _meeting_people(session, meeting_id, customer_ids)]

    def record(session: Session, batch_id: int, printed: tuple[int, ...]) -> None:
        meeting = get_or_404(session, Gathering, "council meeting", meeting_id)
        meeting.invitations_sent_on = today
        for customer_id in printed:
            _invitation(session, meeting_id, customer_id).invited_on = today
        _letters(session, MEETING_LETTER, printed, today, batch_id,
                 term_id=meeting.term_id, gathering_id=meeting_id)

    return _print(database, MEETING_LETTER, entries, out_path, labels_path=labels_path,
                  label_sheet=label_sheet, today=today, record=record, progress=progress,
                  is_cancelled=is_cancelled)


def _invitation(session: Session, gathering_id: int, customer_id: int) -> Invitation:
    invitation = session.scalar(select(Invitation).where(
        Invitation.gathering_id == gathering_id, Invitation.customer_id == customer_id))
    if invitation is None:
        invitation = Invitation(gathering_id=gathering_id, customer_id=customer_id, rsvp="",
                                plus_one=False, attendance="")
        session.add(invitation)
    return invitation


def print_meeting_notes(
    database: Database, meeting_id: int, out_path: Path, *, today: dt.date,
    customer_ids: Sequence[int] | None = None, labels_path: Path | None = None,
    label_sheet: str = "", progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> LettersPrinted:
    """The meeting's notes as a letter to each member (or to `customer_ids`), as one batch
    with labels: the attendees, each agenda item summarised, the decisions, the actions
    and the next meeting's date. Records the day the notes were sent."""
    with database.unit_of_work() as session:
        values = meeting_values(session, meeting_id, get_business_profile(session).locale)
        entries = [(c, values) for c in _meeting_people(session, meeting_id, customer_ids)]

    def record(session: Session, batch_id: int, printed: tuple[int, ...]) -> None:
        record_notes_sent(session, meeting_id, today)
        meeting = get_or_404(session, Gathering, "council meeting", meeting_id)
        _letters(session, NOTES_LETTER, printed, today, batch_id, term_id=meeting.term_id,
                 gathering_id=meeting_id)

    return _print(database, NOTES_LETTER, entries, out_path, labels_path=labels_path,
                  label_sheet=label_sheet, today=today, record=record, progress=progress,
                  is_cancelled=is_cancelled)


def ideas_to_report(session: Session, customer_id: int, today: dt.date) -> list[IdeaRow]:
    """The ideas acted on (planned or done) that this member has not been told of in that
    state by an earlier "you said, we did" letter, since they first joined the council."""
    told: set[tuple[int, str]] = set()
    for detail in session.scalars(select(Letter.detail).where(
            Letter.customer_id == customer_id, Letter.kind == YOU_SAID_LETTER)):
        told.update((int(idea), str(status)) for idea, status in json.loads(detail or "[]"))
    joined = session.scalar(select(Member.joined_on).where(
        Member.customer_id == customer_id, Member.joined_on.is_not(None))
        .order_by(Member.joined_on))
    since = joined - dt.timedelta(days=1) if joined else None
    return [idea for idea in ideas_acted_on(session, after=since, through=today)
            if (idea.id, idea.status) not in told and idea.status in ACTED_ON]


def print_you_said_we_did(
    database: Database, term_id: int, out_path: Path, *, today: dt.date,
    customer_ids: Sequence[int] | None = None, labels_path: Path | None = None,
    label_sheet: str = "", progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> LettersPrinted:
    """A "you said, we did" letter to each serving member of the term listing the ideas
    acted on since their previous such letter; members with nothing new are left out
    (NOTHING_TO_REPORT). Records what each letter reported."""
    with database.unit_of_work() as session:
        locale = get_business_profile(session).locale
        term = get_or_404(session, Term, "council term", term_id)
        entries: list[tuple[int, Values]] = []
        details: dict[int, str] = {}
        left_out: list[LeftOutLetter] = []
        members = {m.customer_id: m.name for m in list_members(session, term_id)}
        for member in _members(session, term_id, SERVING, customer_ids):
            ideas = ideas_to_report(session, member.customer_id, today)
            if not ideas:
                left_out.append(LeftOutLetter(member.customer_id,
                                              members.get(member.customer_id, ""),
                                              NOTHING_TO_REPORT))
                continue
            entries.append((member.customer_id, {
                **_term_values(term, locale),
                "ideas_list": ideas_text(ideas, member.customer_id, locale)}))
            details[member.customer_id] = json.dumps([[i.id, i.status] for i in ideas])

    def record(session: Session, batch_id: int, printed: tuple[int, ...]) -> None:
        _letters(session, YOU_SAID_LETTER, printed, today, batch_id, term_id=term_id,
                 details=details)

    return _print(database, YOU_SAID_LETTER, entries, out_path, labels_path=labels_path,
                  label_sheet=label_sheet, today=today, record=record, progress=progress,
                  is_cancelled=is_cancelled, left_out=left_out)


def print_thank_you_letters(
    database: Database, term_id: int, out_path: Path, *, today: dt.date,
    customer_ids: Sequence[int] | None = None, labels_path: Path | None = None,
    label_sheet: str = "", progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> LettersPrinted:
    """Thank-you letters for departing members: by default those of the term who stepped
    down or whose membership ended, and who were not thanked for this term yet."""
    return _term_letter(database, term_id, out_path, THANK_YOU_LETTER,
                        (STEPPED_DOWN, ENDED), today=today, customer_ids=customer_ids,
                        labels_path=labels_path, label_sheet=label_sheet, progress=progress,
                        is_cancelled=is_cancelled)


def print_renewal_letters(
    database: Database, term_id: int, out_path: Path, *, today: dt.date,
    customer_ids: Sequence[int] | None = None, labels_path: Path | None = None,
    label_sheet: str = "", progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> LettersPrinted:
    """Letters asking members to stay on for the next term (by default every serving
    member not asked yet; the term-end suggestion names whom to renew)."""
    return _term_letter(database, term_id, out_path, RENEWAL_LETTER, SERVING, today=today,
                        customer_ids=customer_ids, labels_path=labels_path,
                        label_sheet=label_sheet, progress=progress,
                        is_cancelled=is_cancelled)


def _term_letter(database: Database, term_id: int, out_path: Path, kind: str,
                 statuses: Sequence[str], *, today: dt.date,
                 customer_ids: Sequence[int] | None, labels_path: Path | None,
                 label_sheet: str, progress: Progress,
                 is_cancelled: CancelCheck) -> LettersPrinted:
    with database.unit_of_work() as session:
        term = get_or_404(session, Term, "council term", term_id)
        values = _term_values(term, get_business_profile(session).locale)
        done = set(session.scalars(select(Letter.customer_id).where(
            Letter.term_id == term_id, Letter.kind == kind)))
        entries = [(m.customer_id, values)
                   for m in _members(session, term_id, statuses, customer_ids)
                   if customer_ids is not None or m.customer_id not in done]

    def record(session: Session, batch_id: int, printed: tuple[int, ...]) -> None:
        _letters(session, kind, printed, today, batch_id, term_id=term_id)

    return _print(database, kind, entries, out_path, labels_path=labels_path,
                  label_sheet=label_sheet, today=today, record=record, progress=progress,
                  is_cancelled=is_cancelled)


def event_values(session: Session, event_id: int, locale: str) -> Values:
    event = get_or_404(session, Gathering, "event", event_id)
    return {"event_title": event.title, "event_date": long_date(event.held_on, locale),
            "event_time": short_time(event.starts_at, locale) or "the evening",
            "event_place": event.place or "the shop"}


def print_event_invitations(
    database: Database, event_id: int, out_path: Path, *, today: dt.date,
    customer_ids: Sequence[int] | None = None, labels_path: Path | None = None,
    label_sheet: str = "", progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> LettersPrinted:
    """Invitations to an appreciation evening, labels in the same order: by default to
    every guest not invited yet. Records the day each was invited."""
    with database.unit_of_work() as session:
        gathering_of_kind(session, event_id, EVENING, "event")
        values = event_values(session, event_id, get_business_profile(session).locale)
        query = select(Invitation.customer_id).where(Invitation.gathering_id == event_id)
        if customer_ids is not None:
            query = query.where(Invitation.customer_id.in_(list(customer_ids)))
        else:
            query = query.where(Invitation.invited_on.is_(None))
        entries = [(c, values) for c in session.scalars(query.order_by(Invitation.id))]
    if not entries:
        raise NothingToPrint(NO_GUESTS)

    def record(session: Session, batch_id: int, printed: tuple[int, ...]) -> None:
        get_or_404(session, Gathering, "event", event_id).invitations_sent_on = today
        for customer_id in printed:
            _invitation(session, event_id, customer_id).invited_on = today
        _letters(session, EVENING_LETTER, printed, today, batch_id, gathering_id=event_id)

    return _print(database, EVENING_LETTER, entries, out_path, labels_path=labels_path,
                  label_sheet=label_sheet, today=today, record=record, progress=progress,
                  is_cancelled=is_cancelled)


def council_letters_of(session: Session, customer_id: int) -> list[tuple[str, dt.date]]:
    """The council letters a customer was sent (kind, day), the newest first."""
    return [(kind, on) for kind, on in session.execute(
        select(Letter.kind, Letter.sent_on).where(Letter.customer_id == customer_id)
        .order_by(Letter.sent_on.desc(), Letter.id.desc()))]

