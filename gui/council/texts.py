"""The council's words: statuses, roles, attendance, answers, idea steps, problems and
counts (core keeps codes; the window says them once, here)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject
from PySide6.QtWidgets import QWidget

from core.council.common import (
    END_BEFORE_START,
    INVALID_CHOICE,
    INVALID_TIME,
    OUT_OF_RANGE,
    REQUIRED,
    TOO_LONG,
)
from core.council.events import AMBIGUOUS, UNKNOWN_STAGE, UNKNOWN_TAG
from core.council.types import (
    ABSENT,
    ACCEPTED,
    ACTIVE,
    APOLOGIES,
    CHAIR,
    CONSIDERING,
    DECLINED,
    DECLINED_IDEA,
    DONE,
    ENDED,
    HEARD,
    INVITED,
    MAYBE,
    MEMBER,
    NO,
    PLANNED,
    PRESENT,
    STEPPED_DOWN,
    SUGGESTED,
    YES,
    MemberRow,
)
from core.kernel.errors import Invalid, Problem

from gui.printing.texts import fill
from gui.widgets.conflict_dialog import saved_despite_other_desks, shown_value
from gui.widgets.fields import FieldMessage, short_date_format

if TYPE_CHECKING:
    from gui.shell.context import AppContext

T = TypeVar("T")
D = TypeVar("D")


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("CouncilTexts", text, None, n)


def clear_problems(messages: Mapping[str, FieldMessage]) -> None:
    for message in messages.values():
        message.clear_message()


@dataclass
class Opened(Generic[D]):
    """The record a dialog edits, as it was opened: the base of its next save. When another
    desk saved it meanwhile, what they saved (and its version) becomes the base."""

    id: int
    draft: D
    version: int


@dataclass(frozen=True)
class Editor(Generic[D]):
    """What a dialog gives stored_or_shown: its values now, a way to show chosen values in
    its fields, what it edits in words ("the evening “Spring preview”"), and the label of
    each value."""

    dialog: QWidget
    draft: Callable[[], D]
    show: Callable[[D], None]
    what: str
    labels: Mapping[str, str]


def stored_or_shown(context: AppContext, messages: Mapping[str, FieldMessage],
                    create: Callable[..., T], update: Callable[..., T],
                    opened: Opened[D] | None, editor: Editor[D]) -> T | None:
    """A dialog's Save: `create(draft)` for a new record, else `update(id, draft)` against
    what was opened. When another desk saved the record meanwhile, their values merge in,
    or the person chooses where both changed the same value (the choices are shown in the
    fields). Refused values are shown under their fields. None: not saved (refused, or the
    choice cancelled), the dialog stays open with everything typed."""
    clear_problems(messages)
    try:
        if opened is None:
            return context.run(create, editor.draft())

        def take(chosen: D, theirs: D, version: int) -> None:
            editor.show(chosen)
            opened.draft, opened.version = theirs, version

        return saved_despite_other_desks(
            editor.dialog, lambda: context.run(update, opened.id, editor.draft(),
                                               base=opened.draft, base_version=opened.version),
            editor.what, lambda name: editor.labels.get(name, name), take,
            lambda name, value: value_text(QLocale(), name, value))
    except Invalid as exc:
        show_problems(messages, exc)
        return None


def value_text(locale: QLocale, name: str, value: Any) -> str:
    """A council value as the window writes it (dates and times as the shop does), for the
    choice between this desk's value and another's."""
    if name == "starts_at" and value:
        return time_text(locale, str(value))
    if name == "capacity" and value is None:
        return _tr("No limit")
    return shown_value(value, words={dt.date: lambda day: date_text(locale, day)})


def show_problems(messages: Mapping[str, FieldMessage], exc: Invalid) -> list[str]:
    """Each refused value's sentence under its field, the first such field focused; the
    sentences of problems with no field shown here are returned."""
    elsewhere = []
    for problem in exc.problems:
        message = messages.get(problem.field)
        if message is not None:
            message.show_message(problem_text(problem))
        else:
            elsewhere.append(problem_text(problem))
    first = next((messages[p.field] for p in exc.problems if p.field in messages), None)
    if first is not None:
        first.field_widget.setFocus()
    return elsewhere


def status_text(status: str) -> str:
    return {SUGGESTED: _tr("Suggested"), INVITED: _tr("Invited"), ACCEPTED: _tr("Accepted"),
            DECLINED: _tr("Declined"), ACTIVE: _tr("Active"),
            STEPPED_DOWN: _tr("Stepped down"), ENDED: _tr("Term ended")}.get(status, status)


def role_text(role: str) -> str:
    return {CHAIR: _tr("Chair"), MEMBER: _tr("Member")}.get(role, role)


def attendance_text(attendance: str) -> str:
    return {PRESENT: _tr("Present"), APOLOGIES: _tr("Sent apologies"),
            ABSENT: _tr("Absent"), "": _tr("Not recorded")}.get(attendance, attendance)


def rsvp_text(rsvp: str) -> str:
    return {YES: _tr("Yes"), NO: _tr("No"), MAYBE: _tr("Maybe"),
            "": _tr("No answer yet")}.get(rsvp, rsvp)


def idea_status_text(status: str) -> str:
    return {HEARD: _tr("Heard"), CONSIDERING: _tr("Considering"), PLANNED: _tr("Planned"),
            DONE: _tr("Done"), DECLINED_IDEA: _tr("Declined")}.get(status, status)


def reason_text(reason: str) -> str:
    """Why a member is on the term, as suggested ("top 2% by lifetime value; …"), or
    "renewed" for those who stayed on from the last term."""
    return _tr("Stayed on from the last term") if reason == "renewed" else reason


def problem_text(problem: Problem) -> str:
    """What to do about one value the council's services refused, under its field."""
    if problem.code == TOO_LONG:
        return fill(_tr("This is too long: at most %1 characters."), problem.detail)
    return {
        REQUIRED: _tr("This cannot be left empty."),
        END_BEFORE_START: _tr("The end must come after the start."),
        OUT_OF_RANGE: _tr("This number is out of range."),
        INVALID_TIME: _tr("Enter a time like 18:30."),
        INVALID_CHOICE: _tr("Choose one of the offered values."),
        AMBIGUOUS: _tr("Choose one list to add the guests from."),
        UNKNOWN_TAG: _tr("No customer has this tag any more."),
        UNKNOWN_STAGE: _tr("Choose a stage from the list."),
    }.get(problem.code, _tr("This value cannot be stored."))


def date_text(locale: QLocale, day: dt.date | None) -> str:
    """A date as the customer list writes it ("12/1/2026"); "" for none."""
    if day is None:
        return ""
    return locale.toString(QDate(day.year, day.month, day.day), short_date_format(locale))


def long_date_text(locale: QLocale, day: dt.date) -> str:
    """"Tuesday, December 1, 2026"."""
    return locale.toString(QDate(day.year, day.month, day.day),
                           locale.dateFormat(QLocale.FormatType.LongFormat))


def time_text(locale: QLocale, starts_at: str) -> str:
    """"18:30" as the locale writes times ("6:30 PM"); "" stays ""."""
    if not starts_at:
        return ""
    hours, minutes = (int(part) for part in starts_at.split(":"))
    from PySide6.QtCore import QTime

    return locale.toString(QTime(hours, minutes), QLocale.FormatType.ShortFormat)


def attendance_rate_text(member: MemberRow, locale: QLocale) -> str:
    """"3 of 4 (75%)"; "No meetings yet" before the first."""
    if not member.meetings_held:
        return _tr("No meetings yet")
    share = round(100 * member.meetings_attended / member.meetings_held)
    return fill(_tr("%1 of %2 (%3%)"), locale.toString(member.meetings_attended),
                locale.toString(member.meetings_held), share)


class CouncilCounts(QObject):
    """Counted sentences (lupdate marks plurals only in a class's tr() calls)."""

    def seats(self, seated: int, seats: int) -> str:
        return fill(self.tr("%1 of %Ln seat(s) taken", "", seats), seated)

    def over_seats(self, over: int) -> str:
        return self.tr("%Ln member(s) more than the term has seats: ask someone to wait "
                       "for the next term, or add seats.", "", over)

    def missed(self, running: int) -> str:
        return self.tr("Missed the last %Ln meeting(s)", "", running)

    def terms_served(self, terms: int) -> str:
        return self.tr("%Ln term(s)", "", terms)

    def invited(self, count: int) -> str:
        return self.tr("%Ln invitation letter(s) printed; recorded as invited.", "", count)

    def letters(self, count: int) -> str:
        return self.tr("%Ln letter(s) printed.", "", count)

    def notes_printed(self, count: int) -> str:
        return self.tr("%Ln letter(s) of notes printed; the notes are recorded as sent "
                       "today.", "", count)

    def open_seats(self, count: int) -> str:
        return self.tr("Candidates for the %Ln seat(s) left open", "", count)

    def people(self, count: int) -> str:
        return self.tr("%Ln people", "", count)

    def left_out(self, count: int) -> str:
        return self.tr("%Ln left out:", "", count)

    def open_ideas(self, count: int) -> str:
        return self.tr("%Ln open idea(s)", "", count)

    def places(self, taken: int, capacity: int) -> str:
        return fill(self.tr("%1 of %Ln place(s) taken", "", capacity), taken)

    def guests(self, taken: int) -> str:
        return self.tr("%Ln guest(s) coming", "", taken)

    def added(self, count: int) -> str:
        return self.tr("%Ln customer(s) added to the guest list.", "", count)
