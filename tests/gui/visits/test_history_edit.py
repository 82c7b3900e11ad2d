"""The customer record's history: an entry changed in place moves the figures, and entries
removed and saved come back with Edit > Undo."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from core.customers.record import CustomerRecordEdit, save_customer_record
from core.customers.services import get_customer
from core.customers.types import CustomerDraft, InteractionDraft
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.shell.main_window import MainWindow
from gui.visits.change_dialog import ChangeInteractionDialog


def _customer(db: Database, *history: InteractionDraft) -> int:
    with db.unit_of_work() as session:
        return save_customer_record(session, CustomerRecordEdit(
            None, CustomerDraft(first_name="Ana", last_name="Diaz"),
            added_interactions=history)).id


def _open(qtbot: QtBot, window: MainWindow, customer_id: int) -> CustomerEditor:
    window.open_customer(customer_id)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CustomerEditor))
    editor = QApplication.activeModalWidget()
    assert isinstance(editor, CustomerEditor)
    return editor


def _change_to_purchase(amount: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ChangeInteractionDialog)
    dialog.fields.kind_combo.setCurrentIndex(dialog.fields.kind_combo.findData("purchase"))
    dialog.fields.amount_edit.setText(amount)
    dialog.ok_button.click()


def test_changing_a_visit_into_a_purchase_shows_and_saves_its_amount(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    ana = _customer(sqlite_db, InteractionDraft("visit", dt.date(2026, 3, 1)))
    editor = _open(qtbot, active_window, ana)
    tab = editor.history_tab
    tab.table.selectRow(0)
    assert tab.change_button.isEnabled()
    QTimer.singleShot(100, lambda: _change_to_purchase("20.00"))
    tab.change_button.click()
    assert tab.model.index(0, 1).data() == "Purchase"
    assert tab.model.index(0, 2).data() == "$20.00"
    assert editor.value_label.text() == "$20.00" and editor.visits_label.text() == "1"
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        detail = get_customer(session, ana)
    assert detail.lifetime_value_minor == 2000
    assert [i.kind for i in detail.interactions] == ["purchase"]


def test_removed_history_comes_back_with_undo_and_the_figures_with_it(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    ana = _customer(sqlite_db, InteractionDraft("visit", dt.date(2026, 3, 1)),
                    InteractionDraft("purchase", dt.date(2026, 4, 1), 1500, "scarf"))
    with sqlite_db.unit_of_work() as session:
        before = get_customer(session, ana)
    editor = _open(qtbot, active_window, ana)
    tab = editor.history_tab
    tab.table.selectAll()
    tab.remove_button.click()
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        assert get_customer(session, ana).visit_count == 0
    assert active_window.undo_action.text() == "&Undo Remove From the History of Ana Diaz"
    active_window.undo_action.trigger()
    with sqlite_db.unit_of_work() as session:
        after = get_customer(session, ana)
    assert after.interactions == before.interactions  # same ids, kinds, dates, amounts, notes
    assert (after.visit_count, after.lifetime_value_minor, after.stage) == (
        before.visit_count, before.lifetime_value_minor, before.stage)
    active_window.redo_action.trigger()
    with sqlite_db.unit_of_work() as session:
        assert get_customer(session, ana).interactions == ()
