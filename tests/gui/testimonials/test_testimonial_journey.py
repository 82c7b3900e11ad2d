"""A testimonial's whole life on the Testimonials page, as the owner clicks through it:
capture → print the release form → signed with a scope and the scan → used on the
website → exported → withdrawn → taken down and ticked off."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from core.store.db import Database
from core.testimonials.types import REQUESTED, REVOKED, SIGNED

from gui.shell.context import AppContext
from gui.testimonials.capture_dialog import CaptureDialog
from gui.testimonials.export_dialog import ExportDialog
from gui.testimonials.model import COL_RELEASE, COL_USED
from gui.testimonials.page import TAKE_DOWN, TestimonialsPage
from gui.testimonials.release_dialogs import LogUseDialog, RevokeDialog, SignDialog
from gui.testimonials.release_printing import ReleaseFormsDialog
from gui.testimonials.takedown_dialog import TakedownDialog

from tests.core.printing.helpers import page_texts
from tests.gui.testimonials.conftest import TODAY, when_modal

WORDS = 'Hannah\'s <b>roses</b> lasted "two weeks" & more!\nI tell everyone.'
EDITED = "Hannah's roses lasted two weeks & more!"


def _page(qtbot: QtBot, context: AppContext) -> TestimonialsPage:
    page = TestimonialsPage(context, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    with qtbot.waitSignal(page.rows_shown):
        page.load()
    return page


def _type_capture(qtbot: QtBot, scan_photo: Path) -> None:
    def answer(dialog: CaptureDialog) -> None:
        qtbot.keyClicks(dialog.customer_picker, "Ann")
        qtbot.waitUntil(lambda: dialog.customer_picker.completer_popup.completionCount() > 0)
        popup = dialog.customer_picker.completer_popup.popup()
        assert popup is not None
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert dialog.customer_picker.customer_id is not None
        dialog.words_edit.setPlainText(WORDS)
        dialog.edited_edit.setPlainText(EDITED)
        dialog.rating_combo.setCurrentIndex(dialog.rating_combo.findData(5))
        dialog.how_combo.setCurrentIndex(dialog.how_combo.findData("written_card"))
        qtbot.keyClicks(dialog.incentive_edit, "10% off the next bouquet")
        dialog.add_file("photo", scan_photo)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(CaptureDialog, answer)


def test_capture_print_sign_use_export_withdraw_and_take_down(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int], contexts: list[AppContext],
        tmp_path: Path) -> None:
    context = AppContext(sqlite_db)
    contexts.append(context)
    page = _page(qtbot, context)
    assert "No testimonials yet" in page.empty_label.text()
    photo = tmp_path / "ann-with-roses.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo")

    # Capture: Ann's words exactly as said, a shorter version beside them, a photo.
    _type_capture(qtbot, photo)
    testimonial_id = page.capture()
    assert testimonial_id is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.text(0, COL_RELEASE) == "No release yet"
    panel = page.panel
    qtbot.waitUntil(lambda: panel.row is not None and panel.row.id == testimonial_id)
    assert panel.said_view.toPlainText() == WORDS  # not a character changed
    assert panel.edited_view.toPlainText() == EDITED
    assert "10% off the next bouquet" in panel.facts_label.text()
    assert panel.files_tab.model.text(0, 1) == "ann-with-roses.jpg"

    # Print the release form: previewed, saved, and the release now waits for signing.
    forms = page.print_forms([testimonial_id])
    assert isinstance(forms, ReleaseFormsDialog)
    assert forms.preview.page_count() == 1
    pdf = tmp_path / "release-form.pdf"
    assert forms.save_to(pdf) is not None
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "Ann Lee" in text and "Bloom & Co. Florist" in text
    assert "two weeks" in text and "<b>roses</b>" in text  # printed literally
    forms.close()
    qtbot.waitUntil(lambda: panel.row is not None and panel.row.release_state == REQUESTED)
    qtbot.waitUntil(lambda: page.model.text(0, COL_RELEASE) == "Waiting for signature")

    # Signed: what Ann ticked (website and social media, full name, photo), with the scan.
    scan = tmp_path / "signed-release.pdf"
    scan.write_bytes(pdf.read_bytes())

    def sign(dialog: SignDialog) -> None:
        dialog.channel_checks["website"].setChecked(True)
        dialog.channel_checks["social"].setChecked(True)
        dialog.naming_buttons["full_name"].setChecked(True)
        dialog.photo_check.setChecked(True)
        dialog.scan_edit.setText(str(scan))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(SignDialog, sign)
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.row is not None and panel.row.release_state == SIGNED)
    assert "Website, Social media" in panel.release_label.text()
    assert "Name shown as full name · photo allowed" in panel.release_label.text()
    assert "Signed release form" in panel.files_tab.model.column_texts(0)
    events = panel.history_tab.model.column_texts(2)
    assert events[:2] == ["Captured", "File attached"]
    assert "Release form printed" in events and "Release signed" in events

    # Used on the shop's website, and in a post.
    def log(where: str, kind: str) -> Callable[[LogUseDialog], None]:
        def answer(dialog: LogUseDialog) -> None:
            assert dialog.channel_combo.count() == 2  # only where the release allows
            dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
            qtbot.keyClicks(dialog.where_edit, where)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return answer

    for number, (where, kind) in enumerate((("https://bloom.example/kind-words", "web_page"),
                                            ("Instagram, 3 December", "social_post")), 1):
        when_modal(LogUseDialog, log(where, kind))
        qtbot.mouseClick(panel.uses_tab.log_use_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda n=number: panel.uses_tab.model.rowCount() == n)
    assert panel.uses_tab.model.column_texts(2) == ["Website", "Social media"]
    assert panel.uses_tab.model.column_texts(4) == ["In use", "In use"]

    # Exported for the website: the edited words, escaped, with the full name and the
    # disclosure; for printed material it is left out, and the dialog says why.
    export = ExportDialog(context, page, today=TODAY)
    qtbot.addWidget(export)
    export.channel_combo.setCurrentIndex(export.channel_combo.findData("print"))
    assert export.left_out_list.item(0).text() == "Ann Lee: released for other places only"
    assert not export.export_button.isEnabled()
    export.channel_combo.setCurrentIndex(export.channel_combo.findData("website"))
    assert export.summary_label.text() == "1 testimonial may be used there."
    out = tmp_path / "kind-words.html"
    assert export.export_to(out) == 1
    snippet = out.read_text(encoding="utf-8")
    assert "Hannah&#x27;s roses lasted two weeks &amp; more!" in snippet
    assert "Ann Lee" in snippet and "10% off the next bouquet" in snippet
    assert "<b>" not in snippet

    # Withdrawn: the page lists the website as a place to take it down from.
    def revoke(dialog: RevokeDialog) -> None:
        qtbot.keyClicks(dialog.reason_edit, "Asked by phone")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(RevokeDialog, revoke)
    # Then, once the dialog has closed, the page's "Take it down from: …" message (shown at
    # the same level as the dialog was, so it is watched for from here).
    when_modal(QMessageBox, lambda box: box.accept())
    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.row is not None and panel.row.release_state == REVOKED)
    assert [item.where for item in panel.last_takedowns] == [
        "https://bloom.example/kind-words", "Instagram, 3 December"]
    qtbot.waitUntil(lambda: page.takedown_banner.isVisible())
    qtbot.waitUntil(lambda: page.model.text(0, COL_RELEASE) == "Withdrawn")
    assert page.model.text(0, COL_USED) == "Take down: 2 places"
    assert panel.uses_tab.model.column_texts(4) == ["Take down", "Take down"]
    assert "Asked by phone" in panel.release_label.text()

    # The web page is taken down and ticked off where the testimonial is shown ...
    page.set_filter(TAKE_DOWN)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    panel.uses_tab.table.selectRow(0)
    qtbot.mouseClick(panel.uses_tab.taken_down_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.uses_tab.model.text(0, 4).startswith("Taken down"))
    qtbot.waitUntil(lambda: page.model.text(0, COL_USED) == "Take down: 1 place")
    assert panel.history_tab.model.column_texts(2)[-1] == "Taken down"

    # ... and the post on the checklist of every place: then nothing is left to do.
    page.show_takedowns_button.click()
    checklist = page.takedown_dialog
    assert isinstance(checklist, TakedownDialog)
    assert checklist.model.column_texts(1) == ["Instagram, 3 December"]
    checklist.table.selectRow(0)
    qtbot.mouseClick(checklist.taken_down_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: checklist.model.rowCount() == 0)
    assert checklist.summary_label.text().startswith("Nothing to take down")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.takedown_banner.isVisible())
    assert "Nothing to take down" in page.empty_label.text()
    assert panel.history_tab.model.column_texts(2)[-2:] == ["Taken down", "Taken down"]
    checklist.close()
