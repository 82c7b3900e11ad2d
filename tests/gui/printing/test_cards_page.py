"""Cards & letters page, driven as a person would: edit, preview, print a batch, reprint."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from core.customers.models import Customer
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.kernel.changes import Changes
from core.printing.batches import get_batch, list_batches
from core.printing.kept import kept_folder
from core.printing.templates import get_template
from core.store.db import Database

from gui.printing.page import WHO_EVERYONE, WHO_TAG, CardsPage
from gui.printing.print_history import COL_SENT, COL_SPOILED, COL_STATUS
from gui.shell.context import AppContext


def _page(qtbot, db: Database,  # type: ignore[no-untyped-def]
          undo_stack: QUndoStack | None = None) -> CardsPage:
    with db.unit_of_work() as session:
        for first, street in [("Zoë", "1 High St"), ("Ann", ""), ("Ελένη", "2 Low St")]:
            add_customer(session, CustomerDraft(first_name=first, last_name="Test",
                                                street=street, city="Leeds", tags=("vip",)))
    page = CardsPage(AppContext(db), undo_stack)
    qtbot.addWidget(page)
    assert page.template_list.count() == 0, "nothing is read until the page is shown"
    page.show()
    return page


def test_typing_an_unknown_field_says_so_and_saving_then_restoring_works(
    qtbot, sqlite_db: Database  # type: ignore[no-untyped-def]
) -> None:
    page = _page(qtbot, sqlite_db)
    assert page.template_preview.page_count() == 1, "the default template is previewed"
    page.body_edit.setPlainText("Dear {frist_name},")
    page.refresh_preview()
    assert "{frist_name} is not a merge field" in page.problems_label.text()
    page.title_edit.clear()
    qtbot.keyClicks(page.title_edit, "Cheers {first_name}")
    page.body_edit.setPlainText("Hello {first_name}")
    page.refresh_preview()
    assert page.problems_label.text() == ""
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        assert get_template(session, "thank-you").title == "Cheers {first_name}"
    assert page.restore_button.isEnabled()
    assert page.template_list.item(0).text() == "Cheers {first_name} (edited)"
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        assert get_template(session, "thank-you").title == "Thank you"
    assert page.title_edit.text() == "Thank you"


def test_printing_a_batch_by_tag_lists_who_was_left_out_and_keeps_history(
    qtbot, sqlite_db: Database, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    page = _page(qtbot, sqlite_db)
    page.who_combo.setCurrentIndex(WHO_TAG)
    page.tag_combo.setCurrentIndex(page.tag_combo.findData("vip"))
    page.batch_format_combo.setCurrentIndex(page.batch_format_combo.findData("a6-card"))
    page.labels_check.setChecked(True)
    batch_id = page.create_batch(tmp_path / "cards.pdf")
    assert batch_id is not None
    assert (tmp_path / "cards.pdf").exists() and (tmp_path / "cards-labels.pdf").exists()
    assert [page.skipped_list.item(i).text() for i in range(page.skipped_list.count())] == [
        "Ann Test: no postal address"]
    assert page.batch_preview.page_count() == 2
    history = page.history
    assert history.batches_model.rowCount() == 1
    history.batches_table.selectRow(0)
    assert history.items_model.rowCount() == 3
    history.items_table.selectRow(0)
    chosen = history.selected_item_ids()
    qtbot.mouseClick(history.spoiled_button, Qt.MouseButton.LeftButton)
    assert history.items_model.text(0, COL_STATUS) == "Spoiled"
    assert history.batches_model.text(0, COL_SPOILED) == "1"
    assert history.selected_item_ids() == chosen  # still chosen after the history reloads
    reprint_id = history.reprint(batch_id, tmp_path / "reprint.pdf")
    assert reprint_id is not None and (tmp_path / "reprint.pdf").exists()
    with sqlite_db.unit_of_work() as session:
        assert get_batch(session, reprint_id).summary.item_count == 1
        assert get_batch(session, batch_id).summary.count("reprinted") == 1
    assert history.batches_model.rowCount() == 2
    assert history.current_batch_id() == batch_id  # the batch being looked at stays chosen


@pytest.fixture
def two_batches(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                tmp_path: Path) -> Iterator[tuple[CardsPage, int, int]]:
    """A batch of three cards and the reprint of one of them; a fixture, so that the page
    outlives qtmodeltester's own teardown (requested after this one)."""
    page = _page(qtbot, sqlite_db)
    page.who_combo.setCurrentIndex(WHO_TAG)
    page.tag_combo.setCurrentIndex(page.tag_combo.findData("vip"))
    first = page.create_batch(tmp_path / "cards.pdf")
    assert first is not None
    history = page.history
    history.batches_table.selectRow(0)
    history.items_table.selectRow(1)
    qtbot.mouseClick(history.spoiled_button, Qt.MouseButton.LeftButton)
    second = history.reprint(first, tmp_path / "reprint.pdf")
    assert second is not None
    yield page, first, second


def test_clicking_back_and_forth_between_batches_shows_each_ones_items(
    qtbot, two_batches: tuple[CardsPage, int, int], qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    """Issue 17, point 14: this crashed the app ('none_dealloc') while the history was built
    from QTableWidget items on PySide6 6.12.0. The history's tables are models now. (None's
    refcount is not asserted here: other objects dying in the same process move it; the
    binding itself is guarded, with gc off, in tests/gui/shell/test_qt_bindings.py.)"""
    page, first, second = two_batches
    history = page.history
    batches = history.batches_model
    table = history.batches_table
    page.tabs.setCurrentWidget(history)
    assert batches.rowCount() == 2
    table.selectRow(0)
    assert history.current_batch_id() == second  # newest first
    rows = {second: 0, first: 1}
    for _ in range(40):
        for batch_id, item_count in ((first, 3), (second, 1)):
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                             pos=table.visualRect(batches.index(rows[batch_id], 0)).center())
            assert history.current_batch_id() == batch_id
            assert history.items_model.rowCount() == item_count
    assert history.items_model.column_texts(COL_STATUS) == ["Printed"]
    assert batches.headerData(1, Qt.Orientation.Vertical) == "2"  # rows numbered, as before
    qtmodeltester.check(batches, force_py=True)
    qtmodeltester.check(history.items_model, force_py=True)


def test_paper_and_label_choices_read_as_a_shop_names_them(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_db)
    papers = [page.batch_format_combo.itemText(i) for i in range(page.batch_format_combo.count())]
    sheets = [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())]
    assert "A6 card" in papers and "A4 folded in four" in papers and "Envelope DL" in papers
    assert "Avery L7160 (21 labels, A4)" in sheets
    assert not [text for text in papers + sheets if "-" in text]  # no codes such as a6-card
    assert page.format_combo.itemText(0).startswith("Usual paper (")
    assert "-" not in page.format_combo.itemText(0)


def test_marking_a_batch_sent_asks_first_and_undo_puts_the_cards_back_as_printed(
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    undo_stack = QUndoStack()
    page = _page(qtbot, sqlite_db, undo_stack)
    page.who_combo.setCurrentIndex(WHO_TAG)
    page.tag_combo.setCurrentIndex(page.tag_combo.findData("vip"))
    batch_id = page.create_batch(tmp_path / "cards.pdf")
    asked: list[str] = []

    def answer(reply):  # type: ignore[no-untyped-def]
        return lambda _parent, _title, text: asked.append(text) or reply

    history = page.history
    history.batches_table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    history.sent_button.click()
    assert "Printed items that will count as sent: 2." in asked[0]
    with sqlite_db.unit_of_work() as session:
        assert get_batch(session, batch_id).summary.count("sent") == 0
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    history.sent_button.click()
    with sqlite_db.unit_of_work() as session:
        assert get_batch(session, batch_id).summary.count("sent") == 2
    assert history.batches_model.text(0, COL_SENT) == "2"
    assert undo_stack.undoText() == "Mark batch “Thank you” sent"  # Edit > Undo names it
    undo_stack.undo()
    with sqlite_db.unit_of_work() as session:
        summary = get_batch(session, batch_id).summary
    assert (summary.count("sent"), summary.count("printed"), summary.sent_at) == (0, 2, None)
    assert history.batches_model.text(0, COL_SENT) == "0"  # the history shows it at once
    undo_stack.redo()
    with sqlite_db.unit_of_work() as session:
        assert get_batch(session, batch_id).summary.count("sent") == 2


def _click_in_prompt(asked: list[str], button_text: str) -> None:
    """Answer the next message box by its button's text, noting its question."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        texts = {b.text().replace("&", ""): b for b in box.buttons()}
        assert {"Save", "Discard", "Keep Editing"} <= set(texts)
        texts[button_text].click()
    QTimer.singleShot(0, click)


def test_choosing_another_template_asks_before_an_unsaved_message_is_lost(
        qtbot, sqlite_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_db)
    first, second = page.template_list.item(0).text(), page.template_list.item(1).text()
    page.body_edit.setPlainText("Dear {first_name}, the roses are in!")
    asked: list[str] = []

    _click_in_prompt(asked, "Keep Editing")
    page.template_list.setCurrentRow(1)
    assert asked == [f"Save your changes to “{first}” before showing another template?"]
    assert page.template_list.currentRow() == 0  # still on the edited template
    assert page.body_edit.toPlainText() == "Dear {first_name}, the roses are in!"

    # A setting saved meanwhile (the page reads everything again): the edit stays.
    page._context.announce(Changes(settings=True))
    assert page.body_edit.toPlainText() == "Dear {first_name}, the roses are in!"

    _click_in_prompt(asked, "Discard")
    page.template_list.setCurrentRow(1)
    assert page.template_list.currentRow() == 1 and page.title_edit.text() == second
    with sqlite_db.unit_of_work() as session:
        assert "roses" not in get_template(session, "thank-you").body

    page.template_list.setCurrentRow(0)  # nothing typed: no question
    assert len(asked) == 2
    page.body_edit.setPlainText("Dear {first_name}, the tulips are in!")
    _click_in_prompt(asked, "Save")
    page.template_list.setCurrentRow(1)
    assert len(asked) == 3
    with sqlite_db.unit_of_work() as session:
        assert get_template(session, "thank-you").body == "Dear {first_name}, the tulips are in!"
    assert page.template_list.currentRow() == 1 and page.title_edit.text() == second
    assert page.template_list.item(0).text() == f"{first} (edited)"  # in words, no "*"
    assert not page.is_edit_unsaved()


def test_a_batch_shows_its_recipients_and_who_is_left_out_before_anything_is_created(
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_db)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _p, _t, text: told.append(text) or QMessageBox.StandardButton.Ok)
    assert page.who_combo.currentIndex() != WHO_EVERYONE  # never everyone by default
    assert page.who_combo.currentText() == "Customers selected in the list"
    assert page.preview_batch() is None and "Select customers" in told[-1]

    with sqlite_db.unit_of_work() as session:
        ids = tuple(session.scalars(select(Customer.id).order_by(Customer.id)))
    page.set_selection(ids)
    assert page.who_combo.currentText() == "Customers selected in the list: 3"
    assert page.preview_batch() is not None
    assert page.summary_label.text() == "Recipients: 2\nLeft out: 1 (no postal address: 1)"
    assert [page.skipped_list.item(i).text() for i in range(page.skipped_list.count())] == [
        "Ann Test: no postal address"]
    assert page.batch_preview.page_count() == 2
    assert "Nothing is recorded" in page.batch_preview_label.text()
    with sqlite_db.unit_of_work() as session:
        assert list_batches(session) == []  # a preview records nothing

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text: asked.append(text) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(tmp_path / "cards.pdf"), ""))
    page.create_button.click()
    assert "Recipients: 2" in asked[-1] and "no postal address: 1" in asked[-1]
    with sqlite_db.unit_of_work() as session:
        assert list_batches(session) == []  # answered No: nothing created
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    page.create_button.click()
    with sqlite_db.unit_of_work() as session:
        assert [b.item_count for b in list_batches(session)] == [2]

    # The same customers again: those who got this card this year are left out.
    assert page.preview_batch() is None and "None of these customers" in told[-1]
    assert page.summary_label.text() == (
        "Recipients: 0\nLeft out: 3 (already printed or sent this year: 2; "
        "no postal address: 1)")
    assert page.already_sent_check.text() == (
        "Leave out customers who already got this card this year")
    page.already_sent_check.setChecked(False)
    assert page.preview_batch() is not None
    assert page.summary_label.text().startswith("Recipients: 2\n")


def test_opening_a_printed_batch_shows_the_kept_pdf_without_rendering_it_again(
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_db)
    page.who_combo.setCurrentIndex(WHO_TAG)
    page.tag_combo.setCurrentIndex(page.tag_combo.findData("vip"))
    assert page.create_batch(tmp_path / "cards.pdf") is not None
    history = page.history
    history.batches_table.selectRow(0)
    batch = history.current_batch()
    assert batch is not None
    assert history.open_batch(batch)
    assert not history.rendered_on_open and history.preview.page_count() == 2
    kept = kept_folder(sqlite_db.display_name) / f"batch-{batch.id}.pdf"
    kept.unlink()  # lost (a cleaned-up disk): rendered from the record, and kept again
    assert history.open_batch(batch)
    assert history.rendered_on_open and history.preview.page_count() == 2
    assert kept.exists() and history._open_path == kept  # shown, and printed, from the copy
    assert history.open_batch(batch) and not history.rendered_on_open


def test_a_letter_template_is_previewed_as_a_whole_page(
        qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_db)
    page.resize(1280, 800)
    letter = next(row for row, t in enumerate(page._templates) if t.kind == "letter")
    page.template_list.setCurrentRow(letter)
    view = page.template_preview.view
    points = view.document().pagePointSize(0)
    to_pixels = page.logicalDpiX() / 72 * view.zoomFactor()
    room = view.viewport().size()
    assert points.height() * to_pixels <= room.height()  # the foot of the page shows too
    assert points.width() * to_pixels <= room.width()
    assert points.height() * to_pixels >= 0.8 * room.height() or \
        points.width() * to_pixels >= 0.8 * room.width()  # and it is not a thumbnail
    assert "US Letter paper" in page.format_combo.itemText(0) or \
        "A4 paper" in page.format_combo.itemText(0)


def test_closing_the_window_asks_before_an_unsaved_message_is_lost(
        qtbot, active_window) -> None:  # type: ignore[no-untyped-def]
    window = active_window
    areas = [window.sidebar_list.item(row).text() for row in range(window.sidebar_list.count())]
    window.sidebar_list.setCurrentRow(areas.index("Cards & letters"))
    page = window.cards_page
    page.body_edit.setPlainText("Dear {first_name}, see you soon!")
    window.sidebar_list.setCurrentRow(areas.index("Customers"))  # off elsewhere meanwhile
    asked: list[str] = []
    _click_in_prompt(asked, "Keep Editing")
    assert not window.close()
    assert window.isVisible() and asked == [
        "Save your changes to “Thank you” before closing?"]
    assert window.pages_stack.currentWidget() is page  # shown where the edit is
    assert page.body_edit.toPlainText() == "Dear {first_name}, see you soon!"
    _click_in_prompt(asked, "Discard")
    assert window.close()


def test_a_chosen_customer_who_is_gone_is_named_by_number_not_a_code(
        qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_db)
    with sqlite_db.unit_of_work() as session:
        first = session.scalars(select(Customer.id).order_by(Customer.id)).first()
    page.set_selection((first, 99999))  # type: ignore[arg-type]
    assert page.preview_batch() is not None
    assert page.summary_label.text() == (
        "Recipients: 1\nLeft out: 1 (no longer in the list: 1)")
    assert page.skipped_list.item(0).text() == "Customer no. 99999: no longer in the list"
