"""Two desks edit the same meeting's notes. This desk's Save shows what the other desk
changed in the same part, side by side and named as the form names it; Cancel keeps
everything typed; the person's choice is shown back in the form and saved, with the other
desk's change to another part kept."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.meetings.queries import get_meeting
from core.meetings.services import record_meeting
from core.meetings.types import MeetingDraft, MeetingRow
from core.store.db import Database

from gui.meetings.dialog import MeetingDialog
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import THEIRS, EditConflictDialog

from tests.core.customers.other_desk import run_code_at_another_desk


def _opened(db: Database) -> MeetingRow:
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", last_name="Silva")).id
        meeting = record_meeting(session, MeetingDraft(
            ana, dt.date(2026, 11, 2), "Wedding cake consultation", ("Ana", "Sam"),
            ("Three tiers",), ("Tasting on Friday",)))
    with db.unit_of_work() as session:
        return get_meeting(session, meeting)


def _answer(seen: list[EditConflictDialog], answer: str, choices: dict[str, str]) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, EditConflictDialog):
        QTimer.singleShot(50, lambda: _answer(seen, answer, choices))
        return
    seen.append(dialog)
    for part, side in choices.items():
        dialog.choose(part, side)
    if answer == "cancel":
        dialog.reject()
    else:
        dialog.save_choices_button.click()


def test_notes_agreed_differently_at_another_desk_are_shown_and_the_choice_is_saved(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    opened = _opened(sqlite_db)
    contexts.append(AppContext(sqlite_db))
    dialog = MeetingDialog(None, context=contexts[-1], customer_id=opened.customer_id,
                           customer_name="Ana Silva", locale=QLocale(QLocale.Language.English,
                                                                     QLocale.Country.UnitedKingdom),
                           today=dt.date(2026, 11, 2), meeting=opened)
    qtbot.addWidget(dialog)
    dialog.show()

    # Meanwhile, at the front desk: the tasting moved to Saturday, and a new subject.
    run_code_at_another_desk(sqlite_db, f"""
        import dataclasses
        from core.meetings.queries import get_meeting
        from core.meetings.services import update_meeting
        with db.unit_of_work() as session:
            row = get_meeting(session, {opened.id})
            update_meeting(session, row.id, dataclasses.replace(
                row.draft(), agreed=("Tasting on Saturday",), subject="Tasting"),
                base=row.draft(), base_version=row.version)
    """)

    dialog.agreed_edit.setPlainText("Tasting on Friday\nDeposit paid")
    dialog.attendees_edit.setPlainText("Ana\nSam\nJo")
    seen: list[EditConflictDialog] = []
    QTimer.singleShot(50, lambda: _answer(seen, "cancel", {}))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=10_000)
    assert dialog.isVisible()  # cancelled: nothing saved, everything typed still there
    assert dialog.agreed_edit.toPlainText() == "Tasting on Friday\nDeposit paid"
    shown = {button.text() for button in seen[0].findChildren(QRadioButton)}
    assert shown == {"Tasting on Saturday", "Tasting on Friday\nDeposit paid"}
    words = " ".join(label.text() for label in seen[0].findChildren(QLabel))
    assert "<b>Agreed</b>" in words and "did not change it: Subject." in words
    assert "agreed" not in words  # the form's names, not the database's

    QTimer.singleShot(50, lambda: _answer(seen, "save", {"agreed": THEIRS}))
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save_button.click()
    assert dialog.agreed_edit.toPlainText() == "Tasting on Saturday"  # the choice, shown
    assert dialog.subject_edit.text() == "Tasting"
    with sqlite_db.unit_of_work() as session:
        stored = get_meeting(session, opened.id)
    assert (stored.subject, stored.agreed, stored.attendees) == (
        "Tasting", ("Tasting on Saturday",), ("Ana", "Sam", "Jo"))
