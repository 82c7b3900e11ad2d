"""Two desks edit the same customer. This desk's save shows what the other desk changed in
the same values, side by side, and keeps what the person chooses; the other desk's change
to a value this desk did not touch is kept without asking."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QRadioButton

from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import MINE, THEIRS, EditConflictDialog

from tests.core.customers.other_desk import save_at_another_desk
from tests.gui.conflicts import answer_the_conflict


def test_a_clash_with_another_desk_is_shown_and_the_choices_are_saved(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    with sqlite_db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", notes="Likes rye",
                                                  city="York")).id
    contexts.append(AppContext(sqlite_db))
    editor = CustomerEditor(contexts[-1], ana)
    qtbot.addWidget(editor)
    editor.show()

    # Meanwhile, at the front desk: a new note, a new city, a new email.
    save_at_another_desk(sqlite_db, ana, notes="Prefers sourdough", city="Leeds",
                         email="ana@example.com")

    details = editor.details_tab
    details.notes_edit.setPlainText("Allergic to nuts")
    details.city_edit.setText("Hull")
    seen: list[EditConflictDialog] = []
    QTimer.singleShot(50, lambda: answer_the_conflict(seen, {"notes": MINE, "city": THEIRS}))
    with qtbot.waitSignal(editor.customer_saved, timeout=10_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert len(seen) == 1
    shown = [button.text() for button in seen[0].findChildren(QRadioButton)]
    assert {"Prefers sourdough", "Allergic to nuts", "Leeds", "Hull"} <= set(shown)
    with sqlite_db.unit_of_work() as session:
        stored = get_customer(session, ana).draft
    assert (stored.notes, stored.city, stored.email) == (
        "Allergic to nuts", "Leeds", "ana@example.com")


def test_a_change_at_another_desk_to_other_values_saves_without_a_question(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    with sqlite_db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", city="York")).id
    contexts.append(AppContext(sqlite_db))
    editor = CustomerEditor(contexts[-1], ana)
    qtbot.addWidget(editor)
    editor.show()
    save_at_another_desk(sqlite_db, ana, phone="+44 20 7946 0999")
    editor.details_tab.notes_edit.setPlainText("Allergic to nuts")
    with qtbot.waitSignal(editor.customer_saved, timeout=10_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        stored = get_customer(session, ana).draft
    assert stored.notes == "Allergic to nuts" and stored.phone == "+442079460999"
