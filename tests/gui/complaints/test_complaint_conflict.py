"""Two desks work on the same complaint. "In Progress" clicked here after the other desk
resolved it shows both statuses in words and writes nothing until the person chooses; a new
owner saved here keeps the other desk's move without a question; a promise the other desk
already marked kept is left as they kept it, with a word why."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton

from core.complaints.queries import get_complaint, get_promise
from core.complaints.services import add_promise, open_complaint
from core.complaints.types import RESOLVED, WAITING, ComplaintDraft
from core.store.db import Database

from gui.complaints.customer_tab import ComplaintsTab
from gui.complaints.dialogs import OpenComplaintDialog
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import EditConflictDialog

from tests.core.customers.other_desk import run_code_at_another_desk
from tests.core.program.shop import add_customer
from tests.gui.conflicts import when_conflict_shown

WAIT_MS = 20_000


def _tab(qtbot: QtBot, context: AppContext, customer: int, today: dt.date) -> ComplaintsTab:
    tab = ComplaintsTab(context, customer, customer_name=lambda: "Ana Test",
                        format_day=lambda day: day.isoformat(), locale=QLocale.c(),
                        today=lambda: today)
    qtbot.addWidget(tab)
    tab.show()
    tab.load()
    qtbot.waitUntil(lambda: tab.loaded, timeout=WAIT_MS)
    return tab


def test_in_progress_after_another_desk_resolved_it_asks_and_keeps_their_resolution(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    today = dt.date.today()
    ana = add_customer(sqlite_db, "Ana", today=today)
    with sqlite_db.unit_of_work() as session:
        complaint = open_complaint(session, ComplaintDraft(
            ana, "The birthday cake was dry", opened_at=dt.datetime.now() - dt.timedelta(hours=2)))
    contexts.append(AppContext(sqlite_db))
    tab = _tab(qtbot, contexts[-1], ana, today)
    tab.complaints_table.selectRow(0)
    assert tab.in_progress_button.isEnabled()

    run_code_at_another_desk(sqlite_db, f"""
        from core.complaints.services import resolve_complaint
        with db.unit_of_work() as session:
            resolve_complaint(session, {complaint}, resolution="Baked another", satisfied=True)
    """)

    seen: list[EditConflictDialog] = []

    def answer(dialog: EditConflictDialog) -> None:
        seen.append(dialog)
        shown = {button.text() for button in dialog.findChildren(QRadioButton)}
        assert shown == {"Resolved", "In progress"}
        with sqlite_db.unit_of_work() as session:  # nothing written while the person looks
            assert get_complaint(session, complaint).status == RESOLVED
        dialog.keep_theirs_button.click()

    QTimer.singleShot(50, lambda: when_conflict_shown(answer))
    tab.in_progress_button.click()
    assert len(seen) == 1
    words = " ".join(label.text() for label in seen[0].findChildren(QLabel))
    assert "the complaint “The birthday cake was dry”" in words
    assert "<b>Status</b>" in words
    assert "did not change it: What was done (or why it was closed), Customer satisfied." in words
    with sqlite_db.unit_of_work() as session:
        stored = get_complaint(session, complaint)
    assert (stored.status, stored.resolution) == (RESOLVED, "Baked another")
    assert [change.status for change in stored.history] == ["open", "resolved"]
    qtbot.waitUntil(lambda: tab.complaints_model.text(0, 3) == "Resolved", timeout=WAIT_MS)


def test_a_promise_kept_at_another_desk_is_not_kept_twice(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    today = dt.date.today()
    ana = add_customer(sqlite_db, "Ana", today=today)
    with sqlite_db.unit_of_work() as session:
        promise = add_promise(session, customer_id=ana, what="Frame ready",
                              due_on=today + dt.timedelta(days=2), made_on=today)
    context = AppContext(sqlite_db)
    contexts.append(context)
    tab = _tab(qtbot, context, ana, today)
    tab.promises_table.selectRow(0)
    run_code_at_another_desk(sqlite_db, f"""
        import datetime as dt
        from core.complaints.services import keep_promise
        with db.unit_of_work() as session:
            keep_promise(session, {promise}, kept_on=dt.date.fromisoformat("{today}"))
    """)
    with qtbot.waitSignal(context.status_posted, timeout=WAIT_MS) as posted:
        tab.kept_button.click()
    assert posted.args == [f"“Frame ready” was already marked kept at another desk, on {today}."]
    with sqlite_db.unit_of_work() as session:
        assert get_promise(session, promise).kept_on == today
    qtbot.waitUntil(lambda: tab.promises_model.text(0, 3).startswith("Kept"), timeout=WAIT_MS)


def test_a_new_owner_saved_here_keeps_the_move_made_at_another_desk_without_a_question(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    today = dt.date.today()
    ana = add_customer(sqlite_db, "Ana", today=today)
    with sqlite_db.unit_of_work() as session:
        complaint = open_complaint(session, ComplaintDraft(
            ana, "Lost parcel", owner="Sam", opened_at=dt.datetime.now() - dt.timedelta(hours=2)))
    contexts.append(AppContext(sqlite_db))
    tab = _tab(qtbot, contexts[-1], ana, today)
    tab.complaints_table.selectRow(0)
    run_code_at_another_desk(sqlite_db, f"""
        from core.complaints.services import move_complaint
        with db.unit_of_work() as session:
            move_complaint(session, {complaint}, "waiting")
    """)

    def change_owner() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OpenComplaintDialog):
            QTimer.singleShot(50, change_owner)
            return
        assert dialog.summary_edit.toPlainText() == "Lost parcel"
        dialog.owner_edit.setText("Jo")
        dialog.ok_button.click()

    QTimer.singleShot(50, change_owner)
    tab.edit_complaint_button.click()
    with sqlite_db.unit_of_work() as session:
        stored = get_complaint(session, complaint)
    assert (stored.owner, stored.status, stored.summary) == ("Jo", WAITING, "Lost parcel")
