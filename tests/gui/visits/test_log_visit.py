"""Log visit at the counter: Ctrl+L on the selected customer, Enter saves, the row follows."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.db import Database

from gui.customers.table_model import COL_LAST_VISIT, COL_NAME, COL_STAGE, COL_VALUE, COL_VISITS
from gui.shell.main_window import MainWindow
from gui.visits.log_visit_dialog import LogVisitDialog


def _seed(db: Database) -> None:
    with db.unit_of_work() as session:
        for first in ("Ana", "Bo", "Cy"):
            add_customer(session, CustomerDraft(first_name=first, last_name="Diaz"))


def _cell(window: MainWindow, row: int, column: int) -> str:
    return str(window.customers_page.model.index(row, column).data())


def _open_dialog(qtbot: QtBot, window: MainWindow, row: int) -> LogVisitDialog:
    page = window.customers_page
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table_view.setFocus()
    page.table_view.selectRow(row)
    qtbot.keyClick(page.table_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), LogVisitDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, LogVisitDialog)
    return dialog


def _window(db: Database, window: MainWindow) -> MainWindow:
    """The window on Ana, Bo and Cy Diaz."""
    _seed(db)
    window.customers_page.refresh()
    return window


def _log_a_visit_with_enter(qtbot: QtBot, window: MainWindow, row: int) -> None:
    dialog = _open_dialog(qtbot, window, row)
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_ctrl_l_then_enter_logs_a_visit_and_the_row_shows_it(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    window = _window(sqlite_db, active_window)
    assert _cell(window, 1, COL_NAME) == "Bo Diaz"
    assert (_cell(window, 1, COL_VISITS), _cell(window, 1, COL_STAGE)) == ("0", "Prospect")
    dialog = _open_dialog(qtbot, window, 1)
    assert dialog.name_label.text() == "Bo Diaz"
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert (_cell(window, 1, COL_VISITS), _cell(window, 1, COL_STAGE)) == ("1", "New")
    assert _cell(window, 1, COL_LAST_VISIT) != ""
    assert "Logged a visit for Bo Diaz" in window.statusBar().currentMessage()

    second = _open_dialog(qtbot, window, 1)
    second.kind_combo.setCurrentIndex(second.kind_combo.findData("purchase"))
    qtbot.keyClicks(second.amount_edit, "12.50")
    qtbot.keyClick(second.amount_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not second.isVisible())
    assert (_cell(window, 1, COL_VISITS), _cell(window, 1, COL_STAGE)) == ("2", "Repeat")
    qtbot.waitUntil(lambda: _cell(window, 1, COL_VALUE) == "$12.50")
    assert _cell(window, 0, COL_VISITS) == "0"  # Ana, beside her, is untouched


def test_ctrl_z_takes_a_logged_visit_back_and_ctrl_shift_z_logs_it_again(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    window = _window(sqlite_db, active_window)
    _log_a_visit_with_enter(qtbot, window, 0)
    assert _cell(window, 0, COL_VISITS) == "1"
    assert window.undo_action.text() == "&Undo Log Visit for Ana Diaz"
    window.undo_action.trigger()
    assert (_cell(window, 0, COL_VISITS), _cell(window, 0, COL_STAGE)) == ("0", "Prospect")
    window.redo_action.trigger()
    assert _cell(window, 0, COL_VISITS) == "1"
    assert sqlite_db.raw().scalar("SELECT count(*) FROM interactions") == 1


def test_an_amount_that_is_not_money_keeps_the_dialog_open_with_a_message(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    window = _window(sqlite_db, active_window)
    dialog = _open_dialog(qtbot, window, 2)
    qtbot.keyClicks(dialog.amount_edit, "12.5x")
    qtbot.keyClicks(dialog.note_edit, "new shoes")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.amount_message.text() == "Enter an amount like $12.50, or leave it empty."
    assert dialog.note_edit.text() == "new shoes"
    assert sqlite_db.raw().scalar("SELECT count(*) FROM interactions") == 0
    dialog.reject()


def test_ctrl_l_with_no_customer_selected_says_what_to_do(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    window = _window(sqlite_db, active_window)
    window.customers_page.table_view.clearSelection()
    window.log_visit_action.trigger()
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage() == \
        "Select one customer in the list to log a visit."


def test_undo_of_a_visit_removed_meanwhile_says_so_and_changes_nothing(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    window = _window(sqlite_db, active_window)
    _log_a_visit_with_enter(qtbot, window, 0)
    sqlite_db.raw().execute("DELETE FROM interactions")  # another desk took it away
    window.undo_action.trigger()
    assert window.statusBar().currentMessage().startswith("Nothing to undo there")
    assert window.undo_stack.count() == 0


def test_ctrl_l_from_another_area_with_no_customer_selected_shows_the_list(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    window = _window(sqlite_db, active_window)
    window.customers_page.table_view.clearSelection()
    window.sidebar_list.setCurrentRow(window.sidebar_list.count() - 1)
    assert window.pages_stack.currentWidget() is not window.customers_page
    window.log_visit_action.trigger()
    assert window.pages_stack.currentWidget() is window.customers_page


def test_a_customer_trashed_at_another_desk_meanwhile_gets_no_visit_and_a_message(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    from core.customers.services import delete_customers

    window = _window(sqlite_db, active_window)
    dialog = _open_dialog(qtbot, window, 1)
    with sqlite_db.unit_of_work() as session:  # another desk moves Bo to the trash
        delete_customers(session, [window.customers_page.model.customer_id(1)])
    qtbot.keyClicks(dialog.note_edit, "haircut")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.note_edit.text() == "haircut"
    assert dialog.form_message_label.text().startswith(
        "Bo Diaz is no longer in the customer list")
    assert sqlite_db.raw().scalar("SELECT count(*) FROM interactions") == 0
    dialog.reject()


def test_esc_with_a_note_typed_asks_before_throwing_it_away(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    _seed(sqlite_db)
    window = active_window
    window.customers_page.refresh()
    dialog = _open_dialog(qtbot, window, 0)
    qtbot.keyClicks(dialog.note_edit, "asked about gift cards")
    dialog.reject()  # Esc and Cancel reach reject
    assert dialog.isVisible() and dialog.discard_prompt.box is not None
    dialog.discard_prompt.keep_editing_button.click()  # type: ignore[union-attr]
    assert dialog.isVisible() and dialog.note_edit.text() == "asked about gift cards"
    dialog.note_edit.clear()
    dialog.reject()  # nothing typed: closes without a question
    assert not dialog.isVisible()
