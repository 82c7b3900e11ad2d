"""The Council page, driven as the owner would: a new term, candidates invited with printed
letters, a meeting with attendance, minutes, a decision, an action and an idea, and its
notes printed as letters that say all of it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from core.council.services import get_meeting, list_members
from core.council.types import ABSENT, ACCEPTED, APOLOGIES, INVITED, PRESENT
from core.store.db import Database

from gui.council import letters
from gui.council.letters import LettersDialog
from gui.council.meeting_dialog import MeetingDialog, NewMeetingDialog
from gui.council.page import CouncilPage
from gui.council.term_dialog import TermDialog
from gui.shell.context import AppContext

from tests.core.printing.helpers import page_texts
from tests.core.program.shop import add_customer

TODAY = dt.date(2027, 1, 11)
ADDRESS: dict[str, Any] = {"street": "4 Elm Road", "city": "Bristol", "postal_code": "BS1 4DJ"}


def _accept_letters_dialog() -> None:
    """Press Print… in the letters dialog once it is up (the page reads the business
    profile first, and a timer may fire while it waits)."""
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, LettersDialog):
        dialog.accept()
    else:
        QTimer.singleShot(20, _accept_letters_dialog)


@pytest.fixture
def page(qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> CouncilPage:
    for number, name in enumerate(("Ana", "Bea", "Cal", "Dan", "Eve")):
        add_customer(sqlite_db, name, today=TODAY, created_on=dt.date(2022, 3, 1),
                     purchases=tuple((dt.date(2026, 1 + month, 5), 4000 + 900 * number)
                                     for month in range(6 + number)), **ADDRESS)
    context = AppContext(sqlite_db)
    contexts.append(context)
    page = CouncilPage(context, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    with qtbot.waitSignal(page.view_shown_changed):
        page.load()
    return page


def test_an_empty_council_explains_itself_and_offers_a_new_term(page: CouncilPage) -> None:
    assert page.term() is None
    assert page.empty_label.isVisible()
    assert page.new_term_button.isEnabled()
    assert not page.edit_term_button.isEnabled()


def test_a_term_with_invited_candidates_and_a_meeting_whose_notes_print(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A new term, with the standard charter already filled in.
    dialog = TermDialog(page, page.context, None, today=TODAY)
    qtbot.addWidget(dialog)
    assert "Confidentiality" in dialog.charter_edit.toPlainText()
    dialog.name_edit.setText("2027 council")
    dialog.starts_edit.setDate(QDate(2027, 1, 1))
    dialog.ends_edit.setDate(QDate(2027, 12, 31))
    dialog.seats_spin.setValue(3)
    dialog.save()
    assert dialog.saved is not None
    with qtbot.waitSignal(page.view_shown_changed):
        page.choose_term(dialog.saved.id)
    assert page.term_combo.currentText().startswith("2027 council")
    assert page.seats_label.text() == "0 of 3 seats taken"

    # Candidates, best first, each with its reason; three are invited with letters.
    page.tabs.setCurrentWidget(page.candidates_tab)
    qtbot.waitUntil(lambda: len(page.candidates_tab.candidates) == 5)
    tab = page.candidates_tab
    assert all(tab.model.text(row, 1) for row in range(5))  # why each was suggested
    chosen = [c.customer_id for c in tab.candidates[:4]]
    tab.choose(chosen)
    assert tab.invite_button.isEnabled()
    out = tmp_path / "invitations.pdf"
    monkeypatch.setattr(letters, "ask_where", lambda _parent, _name: out)
    QTimer.singleShot(50, _accept_letters_dialog)
    tab.invite_chosen()
    assert out.exists() and (tmp_path / "invitations-labels.pdf").exists()
    qtbot.waitUntil(lambda: bool(page.members_tab.members) and all(
        m.status == INVITED for m in page.members_tab.members))
    assert len(page.members_tab.members) == 4
    assert "2027 council" in "\n".join(page_texts(out))

    # Three accept: one more than the seats, and the page says so.
    members = page.members_tab
    for member in members.members[:4]:
        members.choose(member.id)
        members.set_status(ACCEPTED)
    qtbot.waitUntil(lambda: page.warning_label.isVisible())
    assert "1 member more than the term has seats" in page.warning_label.text()
    with sqlite_db.unit_of_work() as session:
        serving = {m.customer_id: m.name for m in list_members(session, dialog.saved.id)}

    # A meeting: attendance, an agenda item with minutes and a decision, an action, an idea.
    page.tabs.setCurrentWidget(page.meetings_tab)
    new = NewMeetingDialog(page, page.context, dialog.saved.id, today=TODAY)
    qtbot.addWidget(new)
    new.date_edit.setDate(QDate(2027, 1, 8))
    new.place_edit.setText("The shop, after closing")
    new.create_meeting()
    assert new.created is not None
    meeting_id = new.created.meeting.id
    editor = MeetingDialog(page, meeting_id)
    qtbot.addWidget(editor)
    ids = list(serving)
    editor.set_attendance(ids[0], PRESENT)
    editor.set_attendance(ids[1], PRESENT)
    editor.set_attendance(ids[2], APOLOGIES)
    editor.set_attendance(ids[3], ABSENT)
    editor.agenda.new_item_edit.setText("Saturday opening hours")
    editor.agenda.add_item()
    editor.agenda.minutes_edit.setPlainText("Most would come earlier on Saturdays.")
    editor.agenda.decision_edit.setText("Open at 8 on Saturdays from March")
    editor.agenda.add_decision()
    editor.actions_part.text_edit.setText("Put the new hours on the door")
    editor.actions_part.add_action(owner="Maria", due_on=dt.date(2027, 2, 15))
    editor.ideas_part.text_edit.setText("A loyalty stamp card")
    editor.ideas_part.add_idea(raised_by_id=ids[0])
    assert editor.save()

    with sqlite_db.unit_of_work() as session:
        detail = get_meeting(session, meeting_id)
    assert [item.title for item in detail.agenda] == ["Saturday opening hours"]
    assert detail.agenda[0].minutes == "Most would come earlier on Saturdays."
    assert [d.text for d in detail.decisions] == ["Open at 8 on Saturdays from March"]
    assert [(a.text, a.owner) for a in detail.actions] == [
        ("Put the new hours on the door", "Maria")]
    assert [(i.text, i.raised_by_id) for i in detail.ideas] == [("A loyalty stamp card",
                                                                 ids[0])]
    assert {a.customer_id: a.attendance for a in detail.attendance}[ids[2]] == APOLOGIES

    # The notes, printed as one batch for every member, say it all; sent is recorded.
    qtbot.waitUntil(lambda: len(page.meetings_tab.meetings) == 1)
    page.meetings_tab.table.selectRow(0)
    notes = tmp_path / "notes.pdf"
    monkeypatch.setattr(letters, "ask_where", lambda _parent, _name: notes)
    QTimer.singleShot(50, _accept_letters_dialog)
    page.meetings_tab.print_notes()
    text = "\n".join(page_texts(notes))
    for words in ("Saturday opening hours", "Open at 8 on Saturdays from March",
                  "Put the new hours on the door", serving[ids[0]].split()[0]):
        assert words in text
    qtbot.waitUntil(lambda: page.meetings_tab.meetings[0].notes_sent_on == TODAY)
    assert page.meetings_tab.model.text(0, 5) != "Not yet"

    # Attendance shows per member across the term.
    present = next(m for m in page.members_tab.members if m.customer_id == ids[0])
    assert present.meetings_attended == 1


def test_closing_a_meeting_with_typed_minutes_asks_first(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database) -> None:
    from core.council.services import create_meeting, create_term
    from core.council.types import MeetingDraft, TermDraft

    term = page.context.run(create_term, TermDraft("2027 council", dt.date(2027, 1, 1),
                                                   dt.date(2027, 12, 31)))
    detail = page.context.run(create_meeting, term.id, MeetingDraft(dt.date(2027, 2, 1)),
                              agenda=("Prices",))
    with qtbot.waitSignal(page.view_shown_changed):
        page.choose_term(term.id)
    editor = MeetingDialog(page, detail.meeting.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.agenda.minutes_edit.setPlainText("Nobody minded the new prices.")
    editor.reject()
    assert editor.isVisible()
    box = editor.discard_prompt.box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert editor.discard_prompt.keep_editing_button is not None
    editor.discard_prompt.keep_editing_button.click()
    assert editor.isVisible()
    assert editor.result() != QDialog.DialogCode.Accepted
    editor.agenda.minutes_edit.setPlainText("")
    editor.reject()
    assert not editor.isVisible()


def test_term_end_asks_the_regulars_to_stay_on_and_starts_the_next_term_with_them(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from core.council.services import (
        add_member,
        create_meeting,
        create_term,
        record_attendance,
        suggest_candidates,
    )
    from core.council.types import ACTIVE, MeetingDraft, TermDraft

    from gui.council.term_end_dialog import TermEndDialog, ticked

    context = page.context
    term = context.run(create_term, TermDraft("2027 council", dt.date(2026, 2, 1),
                                              dt.date(2027, 1, 31)))
    people = [c.customer_id for c in context.read(suggest_candidates, TODAY, limit=5)]
    for customer_id in people[:3]:
        context.run(add_member, term.id, customer_id, status=ACTIVE, on=dt.date(2026, 2, 1))
    for day in (dt.date(2026, 5, 1), dt.date(2026, 9, 1)):
        meeting = context.run(create_meeting, term.id, MeetingDraft(day))
        for customer_id, mark in zip(people[:3], (PRESENT, PRESENT, ABSENT), strict=True):
            context.run(record_attendance, meeting.meeting.id, customer_id, mark)
    with qtbot.waitSignal(page.view_shown_changed):
        page.choose_term(term.id)
    assert f"This term ends on {page.date(dt.date(2027, 1, 31))}" in page.warning_label.text()

    dialog = TermEndDialog(page, term)
    qtbot.addWidget(dialog)
    assert sorted(ticked(dialog.renew_list)) == sorted(people[:2])
    assert ticked(dialog.thank_list) == [people[2]]
    assert set(ticked(dialog.fill_list)) <= set(people[3:])
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog.start_next()
    qtbot.waitUntil(lambda: getattr(page.term(), "name", "") == "2028 council")
    statuses = {m.customer_id: m.status for m in page.members_tab.members}
    assert statuses[people[0]] == ACCEPTED and statuses[people[1]] == ACCEPTED
    assert people[2] not in statuses


def test_an_evening_fills_up_with_yes_answers_and_coming_is_kept_on_the_customer(
        qtbot: QtBot, page: CouncilPage, sqlite_db: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from core.council.services import create_event, list_guests
    from core.council.types import YES, EventDraft, GuestSelection
    from core.customers.models import Interaction

    from gui.council.evening_dialogs import AddGuestsDialog

    event = page.context.run(create_event, EventDraft("Spring preview", dt.date(2027, 1, 8),
                                                      "19:00", "The shop", capacity=3))
    page.tabs.setCurrentWidget(page.evenings_tab)
    tab = page.evenings_tab
    qtbot.waitUntil(lambda: len(tab.events) == 1)

    def add_best_four() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AddGuestsDialog):
            QTimer.singleShot(20, add_best_four)
            return
        dialog.top_spin.setValue(4)
        assert dialog.selection() == GuestSelection(top_by_value=4)
        dialog.accept()

    QTimer.singleShot(20, add_best_four)
    tab.add_guests()
    qtbot.waitUntil(lambda: len(tab.guests) == 4)
    assert "0 guests coming" not in tab.places_label.text()
    assert "4 invited" in tab.places_label.text()

    # Two say yes, one bringing someone: the evening is full; a fourth yes is refused.
    first, second, third = (g.customer_id for g in tab.guests[:3])
    tab.choose_guests([first])
    tab.record_answer(YES, True)
    tab.choose_guests([second])
    tab.record_answer(YES, False)
    qtbot.waitUntil(lambda: "3 of 3 places taken" in tab.places_label.text())
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text: warned.append(text))
    tab.choose_guests([third])
    tab.record_answer(YES, False)
    assert warned and "3 of 3 places are taken" in warned[0]
    with sqlite_db.unit_of_work() as session:
        answers = {g.customer_id: g.rsvp for g in list_guests(session, event.id)}
    assert answers[third] == ""

    # Coming is recorded on the guest's history.
    tab.choose_guests([first])
    tab.record_came(True)
    qtbot.waitUntil(lambda: any(g.customer_id == first and g.attendance == PRESENT
                                for g in tab.guests))
    with sqlite_db.unit_of_work() as session:
        kinds = [i.kind for i in session.query(Interaction).filter_by(customer_id=first)]
    assert "meeting" in kinds
