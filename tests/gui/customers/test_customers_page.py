"""The customer list, driven as a person would: search, filter, sort, trash and undo."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.db import Database

from gui.customers.page import CustomersPage
from gui.customers.table_model import COL_NAME, COL_PHONE, CustomerTableModel
from gui.shell.context import AppContext
from gui.shell.main_window import MainWindow


def _seed(db: Database) -> None:
    with db.unit_of_work() as session:
        for first, last, phone, tags in [
            ("José", "Müller", "(555) 123-4567", ("vip",)),
            ("Ann", "Smith", "", ()),
            ("Zoë", "Adams", "", ("vip",)),
        ]:
            add_customer(session, CustomerDraft(first_name=first, last_name=last, phone=phone,
                                                tags=tags))


def _names(page: CustomersPage) -> list[str]:
    model = page.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    _seed(sqlite_db)
    model = CustomerTableModel(sqlite_db.raw())
    model.refresh()
    qtmodeltester.check(model, force_py=True)
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_typing_in_search_finds_customer_by_unaccented_name_and_phone_digits(
    qtbot, sqlite_db: Database  # type: ignore[no-untyped-def]
) -> None:
    _seed(sqlite_db)
    page = CustomersPage(AppContext(sqlite_db), QUndoStack())
    qtbot.addWidget(page)
    page.load()
    assert page.count_label.text() == "3 customers"
    qtbot.keyClicks(page.search_edit, "muller")
    qtbot.waitUntil(lambda: page.model.query.text == "muller", timeout=2000)
    assert _names(page) == ["José Müller"]
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "5551234")
    qtbot.waitUntil(lambda: page.model.query.text == "5551234", timeout=2000)
    assert _names(page) == ["José Müller"]
    assert page.count_label.text() == "1 customer"


def test_filter_by_tag_and_sort_by_clicking_the_header(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    _seed(sqlite_db)
    page = CustomersPage(AppContext(sqlite_db), QUndoStack())
    qtbot.addWidget(page)
    page.load()
    assert _names(page) == ["Zoë Adams", "José Müller", "Ann Smith"]
    page.tag_combo.setCurrentIndex(page.tag_combo.findText("vip"))
    assert _names(page) == ["Zoë Adams", "José Müller"]
    page.table_view.horizontalHeader().sectionClicked.emit(COL_NAME)
    page.table_view.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert _names(page) == ["José Müller", "Zoë Adams"]


def test_delete_moves_to_trash_and_ctrl_z_brings_back(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, active_window: MainWindow) -> None:
    _seed(sqlite_db)
    active_window.customers_page.refresh()
    page = active_window.customers_page
    page.table_view.setFocus()
    page.table_view.selectRow(1)  # José Müller
    qtbot.keyClick(page.table_view, Qt.Key.Key_Delete)
    assert _names(page) == ["Zoë Adams", "Ann Smith"]
    page.trash_button.click()
    assert _names(page) == ["José Müller"]
    page.trash_button.click()
    qtbot.keyClick(page.table_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _names(page) == ["Zoë Adams", "José Müller", "Ann Smith"]

    # Restoring from the trash is undoable too: Ctrl+Z puts the customer back in it.
    page.table_view.selectRow(2)  # Ann Smith
    qtbot.keyClick(page.table_view, Qt.Key.Key_Delete)
    page.trash_button.click()
    page.table_view.selectRow(0)
    page.restore_button.click()
    assert _names(page) == []
    qtbot.keyClick(page.table_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _names(page) == ["Ann Smith"]


def test_phone_shows_in_the_shops_format(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    from core.customers.validation import format_phone

    _seed(sqlite_db)
    model = CustomerTableModel(sqlite_db.raw())
    model.refresh()
    model.set_phone_formatter(lambda phone: format_phone(phone, "US"))
    phones = [model.index(r, COL_PHONE).data() for r in range(model.rowCount())]
    assert "(555) 123-4567" in phones


def test_merging_two_selected_records_keeps_the_chosen_one(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    _seed(sqlite_db)
    page = CustomersPage(AppContext(sqlite_db), QUndoStack())
    qtbot.addWidget(page)
    page.load()
    page.table_view.selectRow(0)  # Zoë Adams
    page.table_view.selectionModel().select(
        page.model.index(2, 0), page.table_view.selectionModel().SelectionFlag.Select
        | page.table_view.selectionModel().SelectionFlag.Rows)  # Ann Smith
    assert page.merge_button.isEnabled()

    def choose_second() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.keep_group.button(1).setChecked(True)
        dialog.merge_button.click()

    QTimer.singleShot(100, choose_second)
    page.merge_button.click()
    assert _names(page) == ["José Müller", "Ann Smith"]


def test_sent_filter_lists_templates_when_opened_and_filters(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    _seed(sqlite_db)
    page = CustomersPage(AppContext(sqlite_db), QUndoStack())
    qtbot.addWidget(page)
    page.load()
    assert page.sent_combo.count() == 1  # templates are read only when the list opens
    page.sent_combo.showPopup()
    page.sent_combo.hidePopup()
    birthday = page.sent_combo.findData("birthday")
    assert birthday > 0
    page.sent_combo.setCurrentIndex(birthday)
    assert _names(page) == []  # nobody has been sent a birthday card yet
