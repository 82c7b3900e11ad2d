"""Today's "Print Due Cards…": what will print and who is left out, one batch with each
card's own design, and Mark Sent (undoable) marking those gestures done."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from core.program.services import plan_due_cards
from core.program.types import DONE, SNOOZED
from core.store.db import Database

from gui.program.action_dialogs import SnoozeQuestion
from gui.program.due_cards_dialog import DueCardsDialog, PrintedDueCardsDialog
from gui.program.today_model import COL_WHAT
from gui.program.today_page import TodayPage
from gui.shell.context import AppContext

from tests.core.printing.helpers import page_texts
from tests.core.program.shop import add_customer, evaluate

TODAY = dt.date(2026, 12, 7)
ADDRESS: dict[str, Any] = {"street": "4 Elm Road", "city": "Bristol", "postal_code": "BS1 4DJ"}


def _row_of(page: TodayPage, first_name: str) -> Any:
    assert page.view_shown is not None
    row = next(r for r in page.view_shown.actions if r.customer_name.startswith(first_name))
    return page.model.index_of_action(row.id)


def _states(page: TodayPage) -> dict[str, str]:
    assert page.view_shown is not None
    return {r.customer_name.split()[0]: r.state for r in page.view_shown.actions}


def test_print_due_cards_after_one_done_and_one_snoozed_then_mark_sent_and_undo(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext], tmp_path: Path,
        regulars_home: Path) -> None:
    add_customer(sqlite_db, "Ana", visits=(dt.date(2026, 12, 1),), today=TODAY, **ADDRESS)
    for name in ("Bea", "Dan", "Eve"):
        add_customer(sqlite_db, name, birthday_month=12, birthday_day=14, today=TODAY,
                     **ADDRESS)
    add_customer(sqlite_db, "Cal", birthday_month=12, birthday_day=14, today=TODAY)
    evaluate(sqlite_db, TODAY)  # as the window's evaluator does on opening
    context = AppContext(sqlite_db)
    contexts.append(context)
    undo = QUndoStack()
    page = TodayPage(context, today=lambda: TODAY, undo_stack=undo)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.load()
    qtbot.waitUntil(lambda: page.view_shown is not None and len(page.view_shown.actions) == 5)

    # Eve's card is given by hand (Space), Dan's is put off to Friday (Z).
    page.tree.setFocus()
    page.tree.setCurrentIndex(_row_of(page, "Eve"))
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _states(page)["Eve"] == DONE)

    def snooze() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SnoozeQuestion)
        dialog.accept()

    page.tree.setCurrentIndex(_row_of(page, "Dan"))
    QTimer.singleShot(50, snooze)
    qtbot.keyClick(page.tree, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: _states(page)["Dan"] == SNOOZED)

    # Before printing: what will print, and who is left out and why.
    dialog = DueCardsDialog(page, lambda upcoming: context.read(
        plan_due_cards, TODAY, include_upcoming=upcoming))
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "2 cards will print, each with its own design."
    assert dialog.left_out_label.text() == "1 left out:"
    assert dialog.left_out.item(0).text() == "Cal Test, birthday card: no postal address"
    assert dialog.print_button.isEnabled()

    out = tmp_path / "due.pdf"
    batch_id = page.print_due_cards_to(out, label_sheet="avery-5160")
    assert batch_id is not None
    pages = page_texts(out)
    assert "Thank you" in pages[0] and "Ana" in pages[0]
    assert "Happy birthday" in pages[1] and "Bea" in pages[1] and len(pages) == 2
    assert (tmp_path / "due-labels.pdf").exists()
    shown = page.printed_dialog
    assert isinstance(shown, PrintedDueCardsDialog) and shown.isVisible()
    assert _states(page)["Ana"] != DONE  # printed is not yet sent
    qtbot.waitUntil(lambda: "(printed, not sent yet)" in str(
        _row_of(page, "Ana").siblingAtColumn(COL_WHAT).data()))

    shown.sent_button.click()
    qtbot.waitUntil(lambda: _states(page)["Ana"] == DONE and _states(page)["Bea"] == DONE)
    assert _states(page)["Cal"] == "due" and _states(page)["Dan"] == SNOOZED
    assert "Done this week (3)" in [str(page.model.index(r, 0).data())
                                    for r in range(page.model.rowCount())]

    undo.undo()  # Ctrl+Z: not sent after all
    qtbot.waitUntil(lambda: _states(page)["Ana"] != DONE and _states(page)["Bea"] != DONE)
    assert _states(page)["Eve"] == DONE
    # Printed and (again) not sent: asking to print them again says so instead.
    again = DueCardsDialog(page, lambda upcoming: context.read(
        plan_due_cards, TODAY, include_upcoming=upcoming))
    qtbot.addWidget(again)
    assert not again.print_button.isEnabled()
    assert again.left_out.count() == 3  # Ana and Bea printed already, Cal has no address


def test_print_due_cards_is_in_the_file_menu_and_opens_today_with_its_dialog(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    from gui.shell.main_window import MainWindow

    contexts.append(AppContext(sqlite_db))
    window = MainWindow(contexts[-1])
    qtbot.addWidget(window)
    window.show()
    assert window.pages_stack.currentWidget() is window.customers_page
    assert window.print_due_cards_action in window.file_menu.actions()
    seen: list[str] = []

    def close_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, DueCardsDialog):
            seen.append(dialog.windowTitle())
            dialog.reject()
        else:
            QTimer.singleShot(50, close_the_dialog)

    QTimer.singleShot(50, close_the_dialog)
    window.print_due_cards_action.trigger()
    assert seen  # the dialog saying what will print was shown, and cancelled
    assert window.today_page is not None
    assert window.pages_stack.currentWidget() is window.today_page
