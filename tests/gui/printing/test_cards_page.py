"""Cards & letters page, driven as a person would: edit, preview, print a batch, reprint."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.batches import get_batch
from core.printing.templates import get_template
from core.store.db import Database

from gui.printing.page import WHO_TAG, CardsPage
from gui.shell.context import AppContext


def _page(qtbot, db: Database) -> CardsPage:  # type: ignore[no-untyped-def]
    with db.unit_of_work() as session:
        for first, street in [("Zoë", "1 High St"), ("Ann", ""), ("Ελένη", "2 Low St")]:
            add_customer(session, CustomerDraft(first_name=first, last_name="Test",
                                                street=street, city="Leeds", tags=("vip",)))
    page = CardsPage(AppContext(db))
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
    assert history.batches_table.rowCount() == 1
    history.batches_table.selectRow(0)
    assert history.items_table.rowCount() == 3
    history.items_table.selectRow(0)
    qtbot.mouseClick(history.spoiled_button, Qt.MouseButton.LeftButton)
    reprint_id = history.reprint(batch_id, tmp_path / "reprint.pdf")
    assert reprint_id is not None and (tmp_path / "reprint.pdf").exists()
    with sqlite_db.unit_of_work() as session:
        assert get_batch(session, reprint_id).summary.item_count == 1
        assert get_batch(session, batch_id).summary.count("reprinted") == 1
    assert history.batches_table.rowCount() == 2


def test_paper_and_label_choices_read_as_a_shop_names_them(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, sqlite_db)
    papers = [page.batch_format_combo.itemText(i) for i in range(page.batch_format_combo.count())]
    sheets = [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())]
    assert "A6 card" in papers and "A4 folded in four" in papers and "Envelope DL" in papers
    assert "Avery L7160 (21 labels, A4)" in sheets
    assert not [text for text in papers + sheets if "-" in text]  # no codes such as a6-card
    assert page.format_combo.itemText(0).startswith("Usual paper (")
    assert "-" not in page.format_combo.itemText(0)
