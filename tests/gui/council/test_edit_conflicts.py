"""Two desks edit the same council meeting, term or evening. Minutes typed here are never
lost: where the other desk (a real second process) wrote the same item's minutes, both are
shown side by side and the person chooses; what only they changed is kept without asking,
and Cancel keeps everything typed."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPlainTextEdit, QRadioButton

from core.council.services import (
    create_event,
    create_meeting,
    get_event,
    get_meeting,
    get_term,
    list_ideas,
    raise_idea,
)
from core.council.types import EventDraft, MeetingDraft
from core.store.db import Database

from gui.council.evening_dialogs import EveningDialog
from gui.council.ideas_tab import IdeaDialog
from gui.council.meeting_dialog import MeetingDialog
from gui.council.page import CouncilPage
from gui.council.term_dialog import TermDialog
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import MINE, THEIRS, EditConflictDialog

from tests.core.council.shop import council, other_desk_saves
from tests.core.customers.other_desk import run_code_at_another_desk

TODAY = dt.date(2027, 3, 1)
THEIR_MINUTES = "Bea said Sunday mornings matter most to the families on her street."
MY_MINUTES = ("Ana asked for later evenings on Thursdays. Everyone agreed to try it for a "
              "month and count who comes after six; Cal will put up a sign by the till.")


@pytest.fixture
def page(qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> CouncilPage:
    council(sqlite_db, ["Ana", "Bea", "Cal"])
    contexts.append(AppContext(sqlite_db))
    page = CouncilPage(contexts[-1], today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.view_shown_changed):
        page.load()
    return page


def _when_asked(answer: Callable[[EditConflictDialog], None],
                seen: list[EditConflictDialog]) -> None:
    """Answer the conflict dialog once it is up."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EditConflictDialog):
            QTimer.singleShot(50, look)
            return
        seen.append(dialog)
        answer(dialog)
    QTimer.singleShot(50, look)


def _choose(**sides: str) -> Callable[[EditConflictDialog], None]:
    def answer(dialog: EditConflictDialog) -> None:
        for field, side in sides.items():
            dialog.choose(field, side)
        dialog.save_choices_button.click()
    return answer


def _texts(dialog: QDialog) -> list[str]:
    """Every text the dialog shows: labels, choices, and long values in their boxes."""
    return [w.text() for w in dialog.findChildren(QLabel)] + [
        w.text() for w in dialog.findChildren(QRadioButton)] + [
        w.toPlainText() for w in dialog.findChildren(QPlainTextEdit)]


def _meeting_opened(qtbot: QtBot, page: CouncilPage, sqlite_db: Database) -> MeetingDialog:
    term = page.term()
    assert term is not None
    with sqlite_db.unit_of_work() as session:
        meeting = create_meeting(session, term.id, MeetingDraft(dt.date(2027, 3, 10), "18:30",
                                                                "The shop"),
                                 agenda=("Opening hours", "Loyalty card")).meeting
    dialog = MeetingDialog(page, meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()
    # Meanwhile, at the front desk: minutes for the first item, and another room.
    run_code_at_another_desk(sqlite_db, f"""
from core.council.services import get_meeting, update_agenda_item, update_meeting
import dataclasses
with db.unit_of_work() as session:
    opened = get_meeting(session, {meeting.id})
    item = opened.agenda[0]
    update_agenda_item(session, item.id, minutes={THEIR_MINUTES!r}, base=item.draft,
                       base_version=item.version)
    update_meeting(session, {meeting.id}, dataclasses.replace(
        opened.meeting.draft, place="The back room"), base=opened.meeting.draft,
        base_version=opened.meeting.version)
""")
    dialog.agenda.choose_item(0)
    dialog.agenda.minutes_edit.setPlainText(MY_MINUTES)
    dialog.agenda.choose_item(1)
    dialog.agenda.minutes_edit.setPlainText("A stamp card, not an app.")
    return dialog


def test_minutes_typed_at_two_desks_for_one_item_are_shown_side_by_side_and_mine_are_kept(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database) -> None:
    dialog = _meeting_opened(qtbot, page, sqlite_db)
    seen: list[EditConflictDialog] = []
    _when_asked(_choose(minutes=MINE), seen)
    assert dialog.save()

    assert len(seen) == 1
    shown = _texts(seen[0])
    assert "<b>Minutes of item 1, “Opening hours”</b>" in shown
    assert {THEIR_MINUTES, MY_MINUTES} <= set(shown)  # whole, to read before choosing
    with sqlite_db.unit_of_work() as session:
        stored = get_meeting(session, dialog.meeting_id)
    assert [i.minutes for i in stored.agenda] == [MY_MINUTES, "A stamp card, not an app."]
    assert stored.meeting.place == "The back room"


def test_keeping_their_minutes_shows_them_and_cancel_keeps_everything_typed(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database) -> None:
    dialog = _meeting_opened(qtbot, page, sqlite_db)
    seen: list[EditConflictDialog] = []
    _when_asked(lambda conflict: conflict.reject(), seen)
    assert not dialog.save()  # cancelled: nothing saved, the meeting stays open
    assert dialog.isVisible() and len(seen) == 1
    dialog.agenda.choose_item(0)
    assert dialog.agenda.minutes_edit.toPlainText() == MY_MINUTES
    with sqlite_db.unit_of_work() as session:
        stored = get_meeting(session, dialog.meeting_id)
    assert [i.minutes for i in stored.agenda] == [THEIR_MINUTES, ""]

    _when_asked(lambda conflict: conflict.keep_theirs_button.click(), seen)
    assert dialog.save()
    dialog.agenda.choose_item(0)
    assert dialog.agenda.minutes_edit.toPlainText() == THEIR_MINUTES  # the choice, shown
    with sqlite_db.unit_of_work() as session:
        stored = get_meeting(session, dialog.meeting_id)
    assert [i.minutes for i in stored.agenda] == [THEIR_MINUTES, "A stamp card, not an app."]


def test_a_term_renamed_at_another_desk_asks_which_name_and_keeps_my_seats(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database) -> None:
    term = page.term()
    assert term is not None
    dialog = TermDialog(page, page.context, term, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    other_desk_saves(sqlite_db, f"get_term(session, {term.id})", "update_term",
                     name="Spring council", ends_on=dt.date(2027, 11, 30))
    dialog.name_edit.setText("Our first council")
    dialog.seats_spin.setValue(12)
    seen: list[EditConflictDialog] = []
    _when_asked(_choose(name=THEIRS), seen)
    dialog.save()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert {"Spring council", "Our first council"} <= set(_texts(seen[0]))
    assert dialog.name_edit.text() == "Spring council"  # the choice, shown
    with sqlite_db.unit_of_work() as session:
        stored = get_term(session, term.id)
    assert (stored.name, stored.seats, stored.ends_on.month) == ("Spring council", 12, 11)


def test_an_evening_changed_elsewhere_in_other_values_saves_without_a_question(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        event = create_event(session, EventDraft("Spring preview", dt.date(2027, 4, 2),
                                                 "18:30", "The shop", 30))
    dialog = EveningDialog(page, page.context, event, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    other_desk_saves(sqlite_db, f"get_event(session, {event.id})", "update_event",
                     place="The café")
    dialog.date_edit.setDate(QDate(2027, 4, 9))
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with sqlite_db.unit_of_work() as session:
        stored = get_event(session, event.id)
    assert (stored.held_on, stored.place) == (dt.date(2027, 4, 9), "The café")


def test_an_idea_answered_at_two_desks_shows_both_answers_whole_and_a_click_picks_theirs(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        idea = raise_idea(session, "A stamp card instead of an app", raised_on=TODAY)
    dialog = IdeaDialog(page, page.context, idea, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs = ("The printer quoted for five hundred cards; they arrive in April and the "
              "first ten stamps earn a free coffee.")
    run_code_at_another_desk(sqlite_db, f"""
import datetime as dt
from core.council.services import list_ideas, set_idea_status
with db.unit_of_work() as session:
    idea = list_ideas(session)[0]
    set_idea_status(session, idea.id, "planned", on=dt.date(2027, 3, 1),
                    response={theirs!r}, base=idea.draft, base_version=idea.version)
""")
    dialog.response_edit.setPlainText("We are still asking two printers for a price, and "
                                      "will tell the council at the next meeting.")

    def pick_theirs(conflict: EditConflictDialog) -> None:
        box = next(view for view in conflict.findChildren(QPlainTextEdit)
                   if view.toPlainText() == theirs)
        qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
        conflict.save_choices_button.click()

    seen: list[EditConflictDialog] = []
    _when_asked(pick_theirs, seen)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted and len(seen) == 1
    assert dialog.response_edit.toPlainText() == theirs  # the choice, shown
    with sqlite_db.unit_of_work() as session:
        stored = list_ideas(session)[0]
    assert (stored.status, stored.response) == ("planned", theirs)


def test_an_item_removed_at_another_desk_comes_back_with_the_minutes_typed_here(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database) -> None:
    term = page.term()
    assert term is not None
    with sqlite_db.unit_of_work() as session:
        meeting = create_meeting(session, term.id, MeetingDraft(dt.date(2027, 3, 10)),
                                 agenda=("Opening hours", "Loyalty card", "Parking")).meeting
    dialog = MeetingDialog(page, meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()
    run_code_at_another_desk(sqlite_db, f"""
from core.council.services import get_meeting, remove_agenda_item
with db.unit_of_work() as session:
    agenda = get_meeting(session, {meeting.id}).agenda
    remove_agenda_item(session, agenda[1].id)
    remove_agenda_item(session, agenda[2].id)
""")
    dialog.agenda.choose_item(1)
    dialog.agenda.minutes_edit.setPlainText("A stamp card, not an app.")
    assert dialog.save()
    with sqlite_db.unit_of_work() as session:
        agenda = get_meeting(session, meeting.id).agenda
    # Parking, untouched here, stays removed; the typed minutes are not lost.
    assert [(i.title, i.minutes) for i in agenda] == [
        ("Opening hours", ""), ("Loyalty card", "A stamp card, not an app.")]
