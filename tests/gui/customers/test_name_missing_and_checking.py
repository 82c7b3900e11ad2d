"""Issue 10 in the window: customers an import brought in without a name, or without a
value it could not use, are shown, found and checked off as a person would."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from core.customers.queries import ListQuery, fetch_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.interchange.importing import ImportOptions, run_import
from core.kernel.errors import Problem
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.customers.page import CustomersPage
from gui.customers.table_model import COL_NAME, CustomerTableModel
from gui.shell.context import AppContext

from tests.core.interchange import samples


def _import(db: Database, tmp_path: Path, rows: list[list[str]]) -> None:
    path = samples.write_csv(tmp_path / "file.csv", rows)
    run_import(db, path, options=ImportOptions(today=dt.date(2026, 11, 22)))


def _names(page: CustomersPage) -> list[str]:
    model = page.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def _editor(qtbot: QtBot, db: Database, customer_id: int) -> CustomerEditor:
    editor = CustomerEditor(AppContext(db), customer_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_a_subscriber_with_only_an_email_is_listed_by_it_and_found_by_name_missing(
        qtbot: QtBot, qtmodeltester, sqlite_db: Database,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann", last_name="Smith"))
    _import(sqlite_db, tmp_path, [["Email Address"], ["reader@example.com"]])
    page = CustomersPage(AppContext(sqlite_db), QUndoStack())
    qtbot.addWidget(page)
    page.load()
    assert _names(page) == ["reader@example.com", "Ann Smith"]
    qtbot.mouseClick(page.name_missing_button, Qt.MouseButton.LeftButton)
    assert page.model.query.name_missing
    assert _names(page) == ["reader@example.com"]
    assert page.count_label.text() == "1 customer"
    qtbot.mouseClick(page.name_missing_button, Qt.MouseButton.LeftButton)
    assert len(_names(page)) == 2
    model = CustomerTableModel(sqlite_db.raw())
    model.set_query(ListQuery(name_missing=True))
    qtmodeltester.check(model, force_py=True)


def test_the_editor_says_which_phone_an_import_left_out_and_checked_removes_the_note(
        qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    _import(sqlite_db, tmp_path, [["first_name", "last_name", "phone"], ["Ann", "Lee", "12"]])
    [row] = fetch_customers(sqlite_db.raw(), ListQuery())
    editor = _editor(qtbot, sqlite_db, row.id)
    details = editor.details_tab
    assert details.needs_checking_frame.isVisible()
    assert details.needs_checking_label.text() == (
        "Needs checking: phone '12' was not a phone number")
    qtbot.mouseClick(details.checked_button, Qt.MouseButton.LeftButton)
    assert not details.needs_checking_frame.isVisible()
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        assert get_customer(session, row.id).draft.needs_checking == ()


def test_saving_other_changes_keeps_the_needs_checking_note(
        qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    _import(sqlite_db, tmp_path, [["first_name", "email"], ["Ann", "ann@@example"]])
    [row] = fetch_customers(sqlite_db.raw(), ListQuery())
    editor = _editor(qtbot, sqlite_db, row.id)
    qtbot.keyClicks(editor.details_tab.city_edit, "Leeds")
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        draft = get_customer(session, row.id).draft
    assert (draft.city, draft.needs_checking) == (
        "Leeds", (Problem("email", "dropped_value", "ann@@example"),))


def test_a_customer_known_only_by_email_opens_titled_by_it_and_saves_without_a_name(
        qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    _import(sqlite_db, tmp_path, [["Email Address"], ["reader@example.com"]])
    [row] = fetch_customers(sqlite_db.raw(), ListQuery())
    editor = _editor(qtbot, sqlite_db, row.id)
    assert editor.name_label.text() == "reader@example.com"
    assert not editor.details_tab.needs_checking_frame.isVisible()
    qtbot.keyClicks(editor.details_tab.city_edit, "York")
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert fetch_customers(sqlite_db.raw(), ListQuery())[0].city == "York"
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Rita")
    assert editor.name_label.text() == "Rita"
