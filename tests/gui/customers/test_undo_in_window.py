"""Undo you can trust, in the main window: a merge is undone first (never an older action),
the Edit menu says what Undo and Redo will do, and Ctrl+Z from the search box reaches the
app's undo when the box has nothing of its own to undo."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from core.customers.history import add_interaction, add_moment
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDetail, CustomerDraft, InteractionDraft, MomentDraft
from core.customers.validation import PartialDate
from core.store.db import Database

from gui.customers.merge_dialog import MergeDialog
from gui.customers.page import CustomersPage
from gui.customers.table_model import COL_NAME
from gui.shell.main_window import MainWindow


def _seed(db: Database) -> dict[str, int]:
    ids = {}
    with db.unit_of_work() as session:
        for first, last, email, phone, tags in [
            ("Ann", "Smith", "ann@example.com", "", ()),
            ("Anne", "Smith", "", "5551234567", ("vip",)),
            ("Carl", "Berg", "", "", ()),
            ("Dora", "Diaz", "", "", ()),
        ]:
            ids[first] = add_customer(session, CustomerDraft(
                first_name=first, last_name=last, email=email, phone=phone, tags=tags)).id
        add_interaction(session, ids["Ann"], InteractionDraft("visit", dt.date(2026, 1, 5)))
        add_interaction(session, ids["Anne"], InteractionDraft("purchase", dt.date(2026, 2, 5),
                                                               900))
        add_moment(session, ids["Anne"], MomentDraft("life_event", PartialDate(6, 1, 2020),
                                                     "wedding"))
    return ids


def _names(page: CustomersPage) -> list[str]:
    model = page.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def _select(page: CustomersPage, *names: str) -> None:
    page.table_view.clearSelection()
    selection = page.table_view.selectionModel()
    for row, name in enumerate(_names(page)):
        if name in names:
            selection.select(page.model.index(row, 0), selection.SelectionFlag.Select
                             | selection.SelectionFlag.Rows)


def _detail(db: Database, customer_id: int) -> CustomerDetail:
    with db.unit_of_work() as session:
        return get_customer(session, customer_id)


def _ctrl_z(qtbot: QtBot, widget: object) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[arg-type]


def test_ctrl_z_after_a_merge_restores_both_and_leaves_an_older_trash_alone(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    ids = _seed(sqlite_db)
    window, page = active_window, active_window.customers_page
    page.refresh()
    page.table_view.setFocus()
    _select(page, "Carl Berg")
    qtbot.keyClick(page.table_view, Qt.Key.Key_Delete)  # an older, unrelated action
    _select(page, "Ann Smith", "Anne Smith")

    def keep_ann() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MergeDialog)
        dialog.merge_button.click()

    QTimer.singleShot(50, keep_ann)
    page.merge_button.click()
    assert _names(page) == ["Dora Diaz", "Ann Smith"]
    assert window.undo_action.text() == "&Undo Merge Ann Smith and Anne Smith"
    merged = _detail(sqlite_db, ids["Ann"])
    assert len(merged.interactions) == 2 and merged.draft.tags == ("vip",)

    # The offscreen platform leaves no window active after a dialog closes; a desktop does.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table_view.setFocus()
    _ctrl_z(qtbot, page.table_view)
    assert _names(page) == ["Dora Diaz", "Ann Smith", "Anne Smith"]  # Carl stays in the trash
    ann, anne = _detail(sqlite_db, ids["Ann"]), _detail(sqlite_db, ids["Anne"])
    assert [i.kind for i in ann.interactions] == ["visit"] and ann.draft.tags == ()
    assert [i.amount_minor for i in anne.interactions] == [900]
    assert anne.draft.tags == ("vip",) and anne.draft.phone == "+15551234567"
    assert [m.life_event for m in anne.moments] == ["wedding"]
    assert window.undo_action.text() == "&Undo Move 1 Customer to Trash"
    assert window.redo_action.text() == "&Redo Merge Ann Smith and Anne Smith"

    window.redo_action.trigger()
    assert _names(page) == ["Dora Diaz", "Ann Smith"]
    assert len(_detail(sqlite_db, ids["Ann"]).interactions) == 2


def test_the_edit_menu_names_what_undo_and_redo_will_do_with_real_plurals(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    _seed(sqlite_db)
    window, page = active_window, active_window.customers_page
    page.refresh()
    assert window.undo_action.text() == "&Undo" and not window.undo_action.isEnabled()
    page.table_view.setFocus()
    _select(page, "Ann Smith", "Anne Smith", "Carl Berg")
    qtbot.keyClick(page.table_view, Qt.Key.Key_Delete)
    assert window.undo_action.text() == "&Undo Move 3 Customers to Trash"
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Move 3 Customers to Trash"
    assert len(_names(page)) == 4


def test_ctrl_z_from_the_search_box_undoes_the_delete_the_status_bar_announced(
        qtbot: QtBot, sqlite_db: Database, active_window: MainWindow) -> None:
    _seed(sqlite_db)
    window, page = active_window, active_window.customers_page
    page.refresh()
    qtbot.keyClicks(page.search_edit, "smith")  # the box has an undo of its own now
    qtbot.waitUntil(lambda: _names(page) == ["Ann Smith", "Anne Smith"])
    page.table_view.setFocus()
    _select(page, "Anne Smith")
    qtbot.keyClick(page.table_view, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage() == \
        "Moved 1 customer to the trash. Ctrl+Z undoes."
    assert _names(page) == ["Ann Smith"]

    page.search_edit.setFocus()
    _ctrl_z(qtbot, page.search_edit)
    assert page.search_edit.text() == "smith"
    qtbot.waitUntil(lambda: _names(page) == ["Ann Smith", "Anne Smith"])
    assert window.redo_action.text() == "&Redo Move 1 Customer to Trash"

    # Text typed into the box afterwards is the box's own to undo.
    qtbot.keyClicks(page.search_edit, " x")
    _ctrl_z(qtbot, page.search_edit)
    assert page.search_edit.text() == "smith"
    assert window.redo_action.text() == "&Redo Move 1 Customer to Trash"
