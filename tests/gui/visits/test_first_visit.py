"""A new customer at the counter: the record's first visit or purchase in the same Save."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from core.customers.services import get_customer
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.shell.context import AppContext


def _new_customer_editor(qtbot: QtBot, db: Database) -> CustomerEditor:
    editor = CustomerEditor(AppContext(db), None)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Maya")
    return editor


def test_a_new_customer_is_saved_with_a_first_purchase(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = _new_customer_editor(qtbot, sqlite_db)
    box = editor.first_visit_box
    assert box is not None and not box.is_checked()
    box.kind_combo.setCurrentIndex(box.kind_combo.findData("purchase"))
    qtbot.keyClicks(box.amount_edit, "18.75")
    assert box.is_checked()  # typing an amount ticks it
    with qtbot.waitSignal(editor.customer_saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        detail = get_customer(session, saved.args[0])
    assert (detail.visit_count, detail.lifetime_value_minor, detail.stage) == (1, 1875, "new")
    assert [i.kind for i in detail.interactions] == ["purchase"]


def test_without_the_tick_a_new_customer_is_a_prospect(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = _new_customer_editor(qtbot, sqlite_db)
    with qtbot.waitSignal(editor.customer_saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        detail = get_customer(session, saved.args[0])
    assert (detail.visit_count, detail.stage, detail.interactions) == (0, "prospect", ())


def test_a_first_purchase_amount_that_is_not_money_saves_nothing(
        qtbot: QtBot, sqlite_db: Database) -> None:
    editor = _new_customer_editor(qtbot, sqlite_db)
    box = editor.first_visit_box
    assert box is not None
    qtbot.keyClicks(box.amount_edit, "lots")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert box.amount_message.text() == "Enter an amount like $12.50, or leave it empty."
    assert sqlite_db.raw().scalar("SELECT count(*) FROM customers") == 0


def test_an_existing_customer_has_no_first_visit_line(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = _new_customer_editor(qtbot, sqlite_db)
    with qtbot.waitSignal(editor.customer_saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    again = CustomerEditor(AppContext(sqlite_db), saved.args[0])
    qtbot.addWidget(again)
    assert again.first_visit_box is None
