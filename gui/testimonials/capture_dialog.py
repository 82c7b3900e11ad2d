"""Capture a testimonial: the words exactly as said, an edited version beside them, the
rating, the day, how it was given, who captured it, any incentive, and files (a photo, a
recording) copied into the data folder. Also changes one already captured.

Closing with anything typed asks first (Save, Discard, Keep editing)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.desk import who_is_at_the_desk
from core.kernel.errors import Invalid, NotFound
from core.store.errors import DatabaseBusy
from core.testimonials.errors import SourceUnreadable, WordingReleased
from core.testimonials.services import add_attachment, capture_testimonial, edit_testimonial
from core.testimonials.types import (
    HOW_GIVEN,
    PHOTO,
    RECORDING,
    TestimonialDraft,
    TestimonialRow,
)

from gui.desks.staff_names import offer_staff_names
from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.testimonials.customer_picker import CustomerPicker
from gui.testimonials.problems import clear_problems, error_label, show_message, show_problems
from gui.testimonials.texts import (
    attachment_kind_text,
    day_format,
    field_label,
    field_value_text,
    how_given_text,
    rating_text,
)
from gui.widgets.conflict_dialog import saved_despite_other_desks
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import FieldMessage, date_edit, line_edit, with_message
from gui.widgets.sizing import size_to_screen

PHOTO_FILES = "*.jpg *.jpeg *.png *.heic *.webp *.gif *.bmp *.tif *.tiff"
RECORDING_FILES = "*.mp4 *.mov *.m4v *.avi *.webm *.mp3 *.m4a *.wav *.ogg *.aac"


@dataclass(frozen=True)
class PendingFile:
    kind: str
    path: Path


def capture_with_files(session: Any, draft: TestimonialDraft,
                       files: tuple[PendingFile, ...]) -> int:
    """One unit of work: the testimonial and its files, or nothing (a file that cannot be
    read leaves no testimonial half-recorded)."""
    testimonial_id = capture_testimonial(session, draft)
    for pending in files:
        add_attachment(session, testimonial_id, pending.kind, pending.path,
                       by=draft.captured_by)
    return testimonial_id


def edit_with_files(session: Any, testimonial_id: int, draft: TestimonialDraft,
                    files: tuple[PendingFile, ...], by: str, *,
                    base: TestimonialDraft | None = None, base_version: int | None = None
                    ) -> int:
    """One unit of work: the change (checked against the testimonial as the editor opened
    it, `base` at `base_version`) and the files added, or nothing."""
    edit_testimonial(session, testimonial_id, draft, by=by, base=base,
                     base_version=base_version)
    for pending in files:
        add_attachment(session, testimonial_id, pending.kind, pending.path, by=by)
    return testimonial_id


class CaptureDialog(QDialog):
    """New (testimonial None) or change one. `customer` fixes whose it is (from their
    record), else the person picks the customer. `saved_id` is set once saved.

    A change keeps the testimonial as it was opened and its version: when another desk
    saved it meanwhile, its changes to other values are kept without a question, and
    values both changed differently are shown side by side for the person to choose."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 customer: tuple[int, str] | None = None,
                 testimonial: TestimonialRow | None = None,
                 locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._existing = testimonial
        self._opened = testimonial.draft if testimonial else None
        self._opened_version = testimonial.version if testimonial else None
        self.saved_id: int | None = None
        self.messages: dict[str, FieldMessage] = {}
        locale = locale or QLocale()
        self._format_day = day_format(locale)
        self.setWindowTitle(self.tr("Change Testimonial") if testimonial
                            else self.tr("Capture a Testimonial"))

        self.customer_picker = CustomerPicker(context)
        fixed = customer or ((testimonial.customer_id, testimonial.customer_name)
                             if testimonial else None)
        if fixed is not None:
            self.customer_picker.choose(*fixed)
            self.customer_picker.setReadOnly(True)
            self.customer_picker.setClearButtonEnabled(False)
        self.words_edit = QPlainTextEdit()
        self.words_edit.setPlaceholderText(self.tr(
            "Exactly what the customer said or wrote, word for word"))
        self.words_edit.setTabChangesFocus(True)
        self.edited_edit = QPlainTextEdit()
        self.edited_edit.setPlaceholderText(self.tr(
            "Optional: a shorter version for use. It must not change what they meant; the "
            "release form shows both for the customer to approve."))
        self.edited_edit.setTabChangesFocus(True)
        self.start_from_button = QPushButton(self.tr("Start From the Words as Said"))
        self.start_from_button.setToolTip(self.tr(
            "Copy the words as said here, to shorten them"))
        self.start_from_button.clicked.connect(
            lambda: self.edited_edit.setPlainText(self.words_edit.toPlainText()))
        self.rating_combo = QComboBox()
        self.rating_combo.addItem(self.tr("No rating"), None)
        for stars in range(5, 0, -1):
            self.rating_combo.addItem(f"{rating_text(stars)}  " + self.tr("%n star(s)", "",
                                                                           stars), stars)
        self.given_edit = date_edit(locale)
        self.how_combo = QComboBox()
        for code in HOW_GIVEN:
            self.how_combo.addItem(how_given_text(code), code)
        self.captured_by_edit = line_edit(200, 160, self.tr("Who on the staff heard it"))
        self.captured_by_edit.setText(who_is_at_the_desk())
        offer_staff_names(self.captured_by_edit, context)
        self.incentive_edit = line_edit(300, 240, self.tr(
            "Any gift or discount given for it (it will be disclosed); leave empty if none"))
        self.files_list = QListWidget()
        self.files_list.setMaximumHeight(72)
        self.add_photo_button = QPushButton(self.tr("Add Photo…"))
        self.add_recording_button = QPushButton(self.tr("Add Video or Audio…"))
        self.remove_file_button = QPushButton(self.tr("Remove"))
        self.add_photo_button.clicked.connect(lambda: self._on_add_file_clicked(PHOTO))
        self.add_recording_button.clicked.connect(lambda: self._on_add_file_clicked(RECORDING))
        self.remove_file_button.clicked.connect(self._on_remove_file_clicked)
        self.pending_files: list[PendingFile] = []
        self.form_message_label = error_label()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not context.read_only)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._build_layout()
        if testimonial is not None:
            self._show(testimonial.draft)
        self._baseline = self._typed()
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: self._typed() != self._baseline, save=self.save,
            can_save=self.save_button.isEnabled,
            question=lambda: self.tr("Save this testimonial?"))
        size_to_screen(self, (760, 560), (980, 680))
        (self.words_edit if fixed else self.customer_picker).setFocus()

    def _build_layout(self) -> None:
        form = QFormLayout()
        self._add_row(form, self.tr("&Customer:"), self.customer_picker, "customer_id")
        words = QGridLayout()
        said_label = QLabel(self.tr("<b>Words as said</b> (kept exactly)"))
        edited_label = QLabel(self.tr("<b>Edited version</b> for use (optional)"))
        said_label.setBuddy(self.words_edit)
        edited_label.setBuddy(self.edited_edit)
        edited_head = QHBoxLayout()
        edited_head.addWidget(edited_label, 1)
        edited_head.addWidget(self.start_from_button)
        words.addWidget(said_label, 0, 0)
        words.addLayout(edited_head, 0, 1)
        said_cell, self.messages["words"] = with_message(self.words_edit)
        edited_cell, self.messages["edited_words"] = with_message(self.edited_edit)
        words.addWidget(said_cell, 1, 0)
        words.addWidget(edited_cell, 1, 1)
        words.setColumnStretch(0, 1)
        words.setColumnStretch(1, 1)
        details = QFormLayout()
        self._add_row(details, self.tr("&Rating:"), self.rating_combo, "rating")
        self._add_row(details, self.tr("&Date given:"), self.given_edit, "given_on")
        self._add_row(details, self.tr("&How given:"), self.how_combo, "how_given")
        more = QFormLayout()
        self._add_row(more, self.tr("Ca&ptured by:"), self.captured_by_edit, "captured_by")
        self._add_row(more, self.tr("&Incentive:"), self.incentive_edit, "incentive")
        file_buttons = QVBoxLayout()
        for button in (self.add_photo_button, self.add_recording_button,
                       self.remove_file_button):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.files_list, 1)
        files.addLayout(file_buttons)
        more.addRow(self.tr("Files:"), files)
        columns = QHBoxLayout()
        columns.addLayout(details)
        columns.addSpacing(24)
        columns.addLayout(more, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(words, 1)
        layout.addLayout(columns)
        layout.addWidget(self.form_message_label)
        layout.addWidget(self.buttons)

    def _add_row(self, form: QFormLayout, label: str, field: QWidget, name: str) -> None:
        cell, self.messages[name] = with_message(field)
        form.addRow(label, cell)

    def _show(self, draft: TestimonialDraft) -> None:
        self.words_edit.setPlainText(draft.words)
        self.edited_edit.setPlainText(draft.edited_words)
        self.rating_combo.setCurrentIndex(max(0, self.rating_combo.findData(draft.rating)))
        given = draft.given_on
        self.given_edit.setDate(QDate(given.year, given.month, given.day))
        self.how_combo.setCurrentIndex(max(0, self.how_combo.findData(draft.how_given)))
        self.captured_by_edit.setText(draft.captured_by)
        self.incentive_edit.setText(draft.incentive)

    # -- files ------------------------------------------------------------------------

    def _on_add_file_clicked(self, kind: str) -> None:
        pattern = PHOTO_FILES if kind == PHOTO else RECORDING_FILES
        title = self.tr("Add a photo") if kind == PHOTO else self.tr("Add a video or audio file")
        chosen, _ = QFileDialog.getOpenFileName(
            self, title, "", fill(self.tr("%1 (%2);;All files (*)"),
                                  attachment_kind_text(kind), pattern))
        if chosen:
            self.add_file(kind, Path(chosen))

    def add_file(self, kind: str, path: Path) -> None:
        self.pending_files.append(PendingFile(kind, path))
        self.files_list.addItem(f"{attachment_kind_text(kind)}: {path.name}")

    def _on_remove_file_clicked(self) -> None:
        row = self.files_list.currentRow()
        if 0 <= row < len(self.pending_files):
            del self.pending_files[row]
            self.files_list.takeItem(row)

    # -- saving -----------------------------------------------------------------------

    def _typed(self) -> tuple[object, ...]:
        return (self.customer_picker.text(), self.words_edit.toPlainText(),
                self.edited_edit.toPlainText(), self.rating_combo.currentIndex(),
                self.given_edit.date(), self.how_combo.currentIndex(),
                self.captured_by_edit.text(), self.incentive_edit.text(),
                tuple(self.pending_files))

    def draft(self) -> TestimonialDraft | None:
        customer_id = self.customer_picker.customer_id
        if customer_id is None:
            return None
        given: dt.date = self.given_edit.date().toPython()  # type: ignore[assignment]
        return TestimonialDraft(
            customer_id=customer_id, words=self.words_edit.toPlainText(), given_on=given,
            how_given=str(self.how_combo.currentData()),
            edited_words=self.edited_edit.toPlainText(),
            rating=self.rating_combo.currentData(),
            captured_by=self.captured_by_edit.text(), incentive=self.incentive_edit.text())

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        clear_problems(self.messages, self.form_message_label)
        draft = self.draft()
        if draft is None:
            self.messages["customer_id"].show_message(self.tr(
                "Choose the customer from the list that opens as you type."))
            self.customer_picker.setFocus()
            return
        files = tuple(self.pending_files)
        try:
            if self._existing is None:
                self.saved_id = self._context.run(capture_with_files, draft, files)
            else:
                saved = saved_despite_other_desks(
                    self, self._save_change,
                    fill(self.tr("%1's testimonial"), self._existing.customer_name),
                    field_label, self._take_choices,
                    lambda name, value: field_value_text(name, value, self._format_day))
                if saved is None:  # the choice was cancelled: everything typed stays
                    return
                self.saved_id = saved
        except Invalid as exc:
            show_problems(self.messages, exc, self.form_message_label)
            return
        except NotFound as exc:
            if exc.kind != "testimonial":
                raise
            self._show_form_message(self.tr(
                "Not saved: this testimonial was deleted at another desk meanwhile. Copy "
                "what you typed if you need it, then capture it again."))
            return
        except WordingReleased:
            self._show_form_message(self.tr(
                "The customer signed a release for these words, so they cannot change. "
                "Capture a new testimonial for the new wording and ask for a new release."))
            return
        except SourceUnreadable as exc:
            self._show_form_message(fill(self.tr(
                "The file %1 could not be read (%2): nothing was saved. Remove it from the "
                "list, or choose it again."), exc.path, exc.reason))
            return
        except DatabaseBusy:
            self._show_form_message(self.tr(
                "Not saved yet: another program is still using the database. What you "
                "typed is still here; press Save to try again."))
            return
        self._baseline = self._typed()
        self.accept()

    def _save_change(self) -> int:
        """Save what the fields show now, against the testimonial as last opened."""
        assert self._existing is not None
        draft = self.draft()
        assert draft is not None  # a change's customer is fixed
        return self._context.run(edit_with_files, self._existing.id, draft,
                                 tuple(self.pending_files), who_is_at_the_desk(),
                                 base=self._opened, base_version=self._opened_version)

    def _take_choices(self, chosen: TestimonialDraft, theirs: TestimonialDraft,
                      version: int) -> None:
        """The person chose: show the values to be saved, and save against theirs."""
        self._show(chosen)
        self._opened, self._opened_version = theirs, version

    def _show_form_message(self, text: str) -> None:
        show_message(self.form_message_label, text)

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()


def ask_to_capture(parent: QWidget, context: AppContext, *,
                   customer: tuple[int, str] | None = None,
                   locale: QLocale | None = None) -> int | None:
    """The capture dialog, modal; the new testimonial's id, or None."""
    if context.read_only:
        QMessageBox.information(parent, parent.tr("Read-only"), parent.tr(
            "This database is open read-only: nothing can be captured."))
        return None
    dialog = CaptureDialog(context, parent, customer=customer, locale=locale)
    dialog.exec()
    dialog.deleteLater()  # see release_dialogs.run_dialog
    return dialog.saved_id

