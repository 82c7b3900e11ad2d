"""A customer's Testimonials tab, the capture dialog's care with what was typed, and the
words the window uses for what core records."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from core.store.db import Database
from core.testimonials.services import capture_testimonial, list_testimonials
from core.testimonials.types import ReleaseScope, TestimonialDraft

from gui.customers.editor import CustomerEditor
from gui.shell.context import AppContext
from gui.testimonials.capture_dialog import CaptureDialog
from gui.testimonials.customer_tab import TestimonialDialog
from gui.testimonials.model import COL_QUOTE, COL_RELEASE, COL_UNTIL, TestimonialsModel
from gui.testimonials.texts import history_detail_text, scope_lines

from tests.gui.testimonials.conftest import TODAY, when_modal


def test_a_testimonial_captured_from_the_customers_record_is_theirs_and_listed_there(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int],
        contexts: list[AppContext]) -> None:
    context = AppContext(sqlite_db)
    contexts.append(context)
    editor = CustomerEditor(context, shop["bo"], None)
    qtbot.addWidget(editor)
    tab = editor.testimonials_tab
    assert tab.model.rowCount() == 0
    assert "No testimonial from this customer yet" in tab.empty_label.text()

    def answer(dialog: CaptureDialog) -> None:
        assert dialog.customer_picker.isReadOnly()  # whose it is: this record's
        assert dialog.customer_picker.text() == "Bo Chan"
        qtbot.keyClicks(dialog.words_edit, "Fixed my bike in an hour.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(CaptureDialog, answer)
    testimonial_id = tab.capture()
    assert testimonial_id is not None
    assert tab.model.rowCount() == 1
    assert tab.model.text(0, COL_QUOTE) == "“Fixed my bike in an hour.”"
    assert tab.model.text(0, COL_RELEASE) == "No release yet"
    with sqlite_db.unit_of_work() as session:
        (row,) = list_testimonials(session, today=TODAY, customer_id=shop["bo"])
    assert row.words == "Fixed my bike in an hour." and row.customer_name == "Bo Chan"

    tab.table.selectRow(0)
    dialog = tab.open_chosen()
    assert isinstance(dialog, TestimonialDialog)
    assert dialog.panel.name_label.text() == "Bo Chan"
    assert dialog.panel.print_button.isEnabled()
    assert not dialog.panel.revoke_button.isEnabled()  # nothing signed to withdraw

    # Captured by mistake: deleted for good, after saying what goes with it.
    def delete(box: QMessageBox) -> None:
        assert "record of the customer's consent" in box.informativeText()
        next(b for b in box.buttons() if b.text() == "Delete for Good").click()

    when_modal(QMessageBox, delete)
    assert dialog.panel.delete()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    assert dialog.panel.row is None
    dialog.close()


def test_closing_the_capture_dialog_with_words_typed_asks_first(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int],
        contexts: list[AppContext]) -> None:
    context = AppContext(sqlite_db)
    contexts.append(context)
    dialog = CaptureDialog(context, None, customer=(shop["ann"], "Ann Lee"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.words_edit, "Lovely people.")
    dialog.reject()
    box = dialog.discard_prompt.box
    assert box is not None and box.isVisible()
    assert dialog.isVisible()  # nothing thrown away yet
    assert dialog.discard_prompt.keep_editing_button is not None
    dialog.discard_prompt.keep_editing_button.click()
    assert dialog.words_edit.toPlainText() == "Lovely people."


def test_capture_without_words_or_customer_names_the_field(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int],
        contexts: list[AppContext]) -> None:
    context = AppContext(sqlite_db)
    contexts.append(context)
    dialog = CaptureDialog(context, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.customer_picker, "Ann")  # typed, never picked from the list
    dialog.save()
    assert dialog.messages["customer_id"].text().startswith("Choose the customer")
    dialog.customer_picker.choose(shop["ann"], "Ann Lee")
    dialog.save()  # no words
    assert dialog.messages["words"].text() == "Type what the customer said."
    assert dialog.saved_id is None and dialog.isVisible()


def test_the_list_model_says_states_in_words_and_passes_qt_checks(
        qtbot: QtBot, qtmodeltester: object, sqlite_db: Database,
        shop: dict[str, int]) -> None:
    with sqlite_db.unit_of_work() as session:
        capture_testimonial(session, TestimonialDraft(
            customer_id=shop["ann"], words="Wonderful.", given_on=TODAY, rating=4))
        rows = list_testimonials(session, today=TODAY)
    model = TestimonialsModel(lambda day: day.isoformat())
    model.set_rows(rows)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.text(0, COL_QUOTE) == "★★★★☆  “Wonderful.”"
    assert model.text(0, COL_UNTIL) == ""


def test_history_details_are_in_words_and_keep_what_was_typed() -> None:
    def day(value: dt.date) -> str:
        return value.strftime("%d %b %Y")

    signed = history_detail_text(
        "signed", "signed 2026-12-02; channels: website, social; naming: first_initial; "
        "photo: yes; light editing: no; until: until revoked", day)
    assert signed.splitlines() == [
        "Signed 02 Dec 2026", "Places: Website, Social media",
        "Name shown as: First name and last initial", "Photo: yes", "Light editing: no",
        "Until withdrawn"]
    # The customer's words and a typed reason are never reworded.
    assert history_detail_text("captured", "words: I love the social, naming it", day) == (
        "Words as said: “I love the social, naming it”")
    assert history_detail_text("revoked", "revoked 2026-12-03: website is wrong", day) == (
        "Revoked 03 Dec 2026: website is wrong")
    places, terms = scope_lines(ReleaseScope(("print",), "anonymous", photo=True,
                                             until=dt.date(2028, 12, 2)), day)
    assert places == "Printed material"
    assert terms == "Name shown as anonymous · photo allowed · no editing · until 02 Dec 2028"


def test_a_missing_scan_is_named_under_its_field(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int],
        contexts: list[AppContext], tmp_path: Path) -> None:
    from gui.testimonials.release_dialogs import SignDialog

    context = AppContext(sqlite_db)
    contexts.append(context)
    with sqlite_db.unit_of_work() as session:
        capture_testimonial(session, TestimonialDraft(
            customer_id=shop["ann"], words="Wonderful.", given_on=TODAY))
        (row,) = list_testimonials(session, today=TODAY)
    dialog = SignDialog(context, row, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.save()  # nothing ticked
    assert dialog.messages["channels"].text() == "Tick at least one place the customer allowed."
    dialog.channel_checks["website"].setChecked(True)
    dialog.scan_edit.setText(str(tmp_path / "not-there.pdf"))
    dialog.save()
    assert dialog.messages["scan"].text().startswith("There is no file here")
    assert dialog.result() != dialog.DialogCode.Accepted


def test_the_release_form_wording_is_edited_beside_a_preview_and_an_unknown_field_is_named(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int],
        contexts: list[AppContext]) -> None:
    from core.testimonials.release_form import get_release_form_wording

    from gui.testimonials.wording_dialog import ReleaseWordingDialog

    from tests.core.printing.helpers import page_texts

    context = AppContext(sqlite_db)
    contexts.append(context)
    with sqlite_db.unit_of_work() as session:
        sample = capture_testimonial(session, TestimonialDraft(
            customer_id=shop["ann"], words="Wonderful.", given_on=TODAY))
    dialog = ReleaseWordingDialog(context, None, sample_id=sample, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.preview.page_count() == 1
    title = dialog.edits["title"]
    title.clear()  # type: ignore[union-attr]
    qtbot.keyClicks(title, "May we quote you, {nickname}?")
    dialog.save()
    assert "{nickname} is not a field" in dialog.messages["title"].text()
    title.clear()  # type: ignore[union-attr]
    qtbot.keyClicks(title, "May we quote you, {first_name}?")
    dialog.show_preview()
    assert dialog.preview.pdfs_shown >= 2
    dialog.save()
    assert dialog.saved
    with sqlite_db.unit_of_work() as session:
        assert get_release_form_wording(session).title == "May we quote you, {first_name}?"
        from core.testimonials.release_form import preview_release_form

        text = " ".join(page_texts(preview_release_form(session, sample, today=TODAY)))
    assert "May we quote you, Ann?" in text


def test_emptying_the_trash_names_the_places_still_showing_a_forgotten_customers_words(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int],
        contexts: list[AppContext]) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QWidget

    from core.customers.services import delete_customers
    from core.testimonials.services import log_use, sign_release
    from core.testimonials.types import UseDraft

    from gui.customers.trash import TrashEmptier, _testimonial_leftovers

    with sqlite_db.unit_of_work() as session:
        said = capture_testimonial(session, TestimonialDraft(
            customer_id=shop["ann"], words="Wonderful.", given_on=TODAY))
        sign_release(session, said, ReleaseScope(("website",)), signed_on=TODAY)
        log_use(session, said, UseDraft("web_page", "bloom.example/kind-words", "website",
                                        TODAY))
        delete_customers(session, [shop["ann"]])  # to the trash
    context = AppContext(sqlite_db)
    contexts.append(context)
    parent = QWidget()
    qtbot.addWidget(parent)
    emptier = TrashEmptier(parent, context, QLocale("en_GB"))
    box = emptier.question(1, context.read(_testimonial_leftovers, [shop["ann"]]))
    assert "1 place still shows their words" in box.informativeText()
    assert box.detailedText() == "Ann Lee: bloom.example/kind-words"


def test_capture_from_the_customers_menu_is_for_the_customer_chosen_in_the_list(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int], active_window: Any) -> None:
    window = active_window
    page = window.customers_page
    page.load()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    row = next(r for r in range(2) if page.model.row_of(r).id == shop["bo"])
    page.table_view.selectRow(row)

    def answer(dialog: CaptureDialog) -> None:
        assert dialog.customer_picker.text() == "Bo Chan"
        qtbot.keyClicks(dialog.words_edit, "They fixed it while I waited.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(CaptureDialog, answer)
    window.capture_testimonial_action.trigger()
    with sqlite_db.unit_of_work() as session:
        (said,) = list_testimonials(session, today=TODAY)
    assert (said.customer_id, said.words) == (shop["bo"], "They fixed it while I waited.")
