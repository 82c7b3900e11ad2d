"""Nothing typed in the customer record is thrown away without asking, and a customer in
the trash is shown, not edited, until restored."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer, delete_customers, get_customer
from core.customers.types import CustomerDetail, CustomerDraft
from core.customers.validation import PartialDate
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.shell.context import AppContext


def _add(db: Database, **fields: object) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(**fields)).id  # type: ignore[arg-type]


def _detail(db: Database, customer_id: int) -> CustomerDetail:
    with db.unit_of_work() as session:
        return get_customer(session, customer_id)


def _editor(qtbot: QtBot, db: Database, customer_id: int | None = None,
            undo_stack: QUndoStack | None = None) -> CustomerEditor:
    editor = CustomerEditor(AppContext(db), customer_id, undo_stack=undo_stack)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _press_escape(qtbot: QtBot, editor: CustomerEditor) -> None:
    qtbot.keyClick(editor.details_tab.first_name_edit, Qt.Key.Key_Escape)


def test_escape_with_a_typed_note_asks_and_keep_editing_keeps_the_text(
        qtbot: QtBot, sqlite_db: Database) -> None:
    ann = _add(sqlite_db, first_name="Ann")
    editor = _editor(qtbot, sqlite_db, ann)
    editor.details_tab.notes_edit.insertPlainText("Prefers Tuesday mornings")
    _press_escape(qtbot, editor)
    prompt = editor.discard_prompt
    assert prompt.box is not None and prompt.box.isVisible()
    assert prompt.box.text() == "Save the changes to Ann?"
    assert [b.text() for b in (prompt.save_button, prompt.discard_button,
                               prompt.keep_editing_button)] == ["Save", "Discard", "Keep Editing"]
    qtbot.mouseClick(prompt.keep_editing_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and not prompt.box.isVisible()
    assert editor.details_tab.notes_edit.toPlainText() == "Prefers Tuesday mornings"
    assert _detail(sqlite_db, ann).draft.notes == ""


def test_cancel_with_a_typed_note_then_save_stores_it(qtbot: QtBot, sqlite_db: Database) -> None:
    ann = _add(sqlite_db, first_name="Ann")
    editor = _editor(qtbot, sqlite_db, ann)
    editor.details_tab.notes_edit.insertPlainText("Prefers Tuesday mornings")
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    prompt = editor.discard_prompt
    assert prompt.box is not None and prompt.box.isVisible()
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(prompt.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert _detail(sqlite_db, ann).draft.notes == "Prefers Tuesday mornings"


def test_closing_the_window_after_adding_a_moment_asks_and_discard_drops_it(
        qtbot: QtBot, sqlite_db: Database) -> None:
    ann = _add(sqlite_db, first_name="Ann")
    editor = _editor(qtbot, sqlite_db, ann)
    moments = editor.moments_tab
    moments.date_edit.month_combo.setCurrentIndex(moments.date_edit.month_combo.findData(6))
    moments.date_edit.day_spin.setValue(14)
    qtbot.mouseClick(moments.add_button, Qt.MouseButton.LeftButton)
    assert moments.model.rowCount() == 1
    editor.close()  # the window's close button
    prompt = editor.discard_prompt
    assert editor.isVisible() and prompt.box is not None and prompt.box.isVisible()
    qtbot.mouseClick(prompt.discard_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and editor.result() == editor.DialogCode.Rejected
    assert _detail(sqlite_db, ann).moments == ()


def test_a_moment_added_then_saved_from_the_question_is_stored(
        qtbot: QtBot, sqlite_db: Database) -> None:
    ann = _add(sqlite_db, first_name="Ann")
    editor = _editor(qtbot, sqlite_db, ann)
    moments = editor.moments_tab
    moments.kind_combo.setCurrentIndex(moments.kind_combo.findData("life_event:wedding"))
    moments.date_edit.month_combo.setCurrentIndex(moments.date_edit.month_combo.findData(6))
    moments.date_edit.day_spin.setValue(14)
    moments.date_edit.year_check.setChecked(False)
    qtbot.mouseClick(moments.add_button, Qt.MouseButton.LeftButton)
    _press_escape(qtbot, editor)
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.discard_prompt.save_button, Qt.MouseButton.LeftButton)
    assert [(m.life_event, m.date) for m in _detail(sqlite_db, ann).moments] == [
        ("wedding", PartialDate(6, 14))]


def test_an_unchanged_record_closes_on_escape_without_asking(
        qtbot: QtBot, sqlite_db: Database) -> None:
    ann = _add(sqlite_db, first_name="Ann", phone="(555) 123-4567", tags=("vip",),
               notes="Regular")
    editor = _editor(qtbot, sqlite_db, ann)
    _press_escape(qtbot, editor)
    assert not editor.isVisible() and editor.discard_prompt.box is None


def test_a_new_customer_typed_then_discarded_is_not_stored(
        qtbot: QtBot, sqlite_db: Database) -> None:
    editor = _editor(qtbot, sqlite_db)
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Bob")
    _press_escape(qtbot, editor)
    prompt = editor.discard_prompt
    assert prompt.box is not None and prompt.box.text() == "Save this new customer?"
    # Esc on the question itself keeps editing: it never throws anything away.
    qtbot.keyClick(prompt.box, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.details_tab.first_name_edit.text() == "Bob"
    _press_escape(qtbot, editor)
    qtbot.mouseClick(prompt.discard_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 0


def test_a_customer_in_the_trash_opens_read_only_with_a_banner_and_restore(
        qtbot: QtBot, sqlite_db: Database) -> None:
    ann = _add(sqlite_db, first_name="Ann", notes="Regular")
    with sqlite_db.unit_of_work() as session:
        delete_customers(session, [ann])
    undo_stack = QUndoStack()
    editor = _editor(qtbot, sqlite_db, ann, undo_stack)
    today = dt.date.today()
    assert editor.trash_banner.isVisible()
    assert editor.trash_label.text().startswith("This customer is in the trash, moved there on ")
    assert str(today.year) in editor.trash_label.text()
    details = editor.details_tab
    assert details.notes_edit.isReadOnly() and details.first_name_edit.isReadOnly()
    assert not details.no_mail_check.isEnabled()
    assert not editor.history_tab.add_button.isEnabled()
    assert not editor.save_button.isVisible() and editor.cancel_button.text() == "Close"
    qtbot.keyClicks(details.first_name_edit, "x")
    assert details.first_name_edit.text() == "Ann"
    assert details.referred_by_edit.placeholderText() == ""  # no "Type a customer's name"
    assert not details.referred_by_edit.isClearButtonEnabled()  # nothing to clear

    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert not _detail(sqlite_db, ann).deleted
    assert not editor.trash_banner.isVisible() and editor.save_button.isVisible()
    assert not details.first_name_edit.isReadOnly() and details.no_mail_check.isEnabled()
    assert details.referred_by_edit.placeholderText() == "Type a customer's name"
    assert details.referred_by_edit.isClearButtonEnabled()  # restored: editable again
    assert undo_stack.undoText() == "Restore Ann"
    details.notes_edit.setPlainText("Regular, back again")
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert _detail(sqlite_db, ann).draft.notes == "Regular, back again"


def test_merge_into_existing_from_the_record_can_be_undone(
        qtbot: QtBot, sqlite_db: Database) -> None:
    existing = _add(sqlite_db, first_name="Maria", phone="5559876543")
    undo_stack = QUndoStack()
    editor = _editor(qtbot, sqlite_db, undo_stack=undo_stack)
    editor.details_tab.first_name_edit.insert("María")
    qtbot.keyClicks(editor.details_tab.phone_edit, "555 987 6543")
    qtbot.keyClicks(editor.details_tab.city_edit, "Lisboa")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(editor.customer_saved) as saved:
        editor.duplicate_merge_button.click()  # type: ignore[union-attr]
    assert saved.args == [existing] and not editor.isVisible()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 1
    assert undo_stack.undoText() == "Merge María Into an Existing Record"
    undo_stack.undo()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 2
    assert _detail(sqlite_db, existing).draft.city == ""
