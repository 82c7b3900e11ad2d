"""The release form's wording, edited by the owner beside a live preview of a form.

The parts (title, introduction, the note under the quote, how to withdraw, the agreement)
take fields in braces ({first_name}); a field the form does not know is named under its
part. Restore Default puts back the sensible default; closing with changes asks first."""
from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.kernel.errors import Invalid
from core.settings.services import settings_version
from core.testimonials.release_form import MERGE_FIELDS
from core.testimonials.services import (
    ReleaseFormWording,
    get_release_form_wording,
    preview_release_form,
    save_release_form_wording,
)

from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.testimonials.release_printing import fit_width
from gui.widgets.conflict_dialog import saved_despite_other_desks
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import FieldMessage, with_message
from gui.widgets.pdf_preview import PdfPreview
from gui.widgets.sizing import size_to_screen

PREVIEW_DELAY_MS = 400


def _wording_and_version(session: Any) -> tuple[ReleaseFormWording, int]:
    return get_release_form_wording(session), settings_version(session, ReleaseFormWording)


def _preview(session: Any, testimonial_id: int, today: dt.date,
             wording: ReleaseFormWording) -> bytes:
    return preview_release_form(session, testimonial_id, today=today, wording=wording)


class ReleaseWordingDialog(QDialog):
    """`sample_id`: the testimonial whose form the preview shows (None: no preview)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 sample_id: int | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Release Form Wording"))
        self._context = context
        self._sample_id = sample_id
        self._today = today
        self.messages: dict[str, FieldMessage] = {}
        self.saved = False
        self.labels = labels = {
            "title": self.tr("Title:"), "introduction": self.tr("Introduction:"),
            "words_note": self.tr("Under the words:"),
            "revocation": self.tr("Changing your mind:"),
            "agreement": self.tr("Above the signatures:"),
        }
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for part in fields(ReleaseFormWording):
            edit: QLineEdit | QPlainTextEdit
            if part.name == "title":
                edit = QLineEdit()
                edit.textChanged.connect(self._on_edited)
            else:
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setMinimumHeight(64)
                edit.textChanged.connect(self._on_edited)
            self.edits[part.name] = edit
            cell, self.messages[part.name] = with_message(edit)
            form.addRow(labels.get(part.name, part.name), cell)
        names = ", ".join("{" + name + "}" for name in MERGE_FIELDS)
        help_label = QLabel(fill(self.tr(
            "Fields filled in on each form: %1. The quote, the tick boxes, the duration and "
            "the signature lines are always printed."), names))
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: palette(mid);")
        self.preview = PdfPreview()
        fit_width(self.preview)
        self.preview_hint = QLabel(self.tr(
            "Capture a testimonial to see a form here as you type."))
        self.preview_hint.setWordWrap(True)
        self.preview_hint.setVisible(sample_id is None)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.show_preview)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not context.read_only)
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setText(self.tr("Restore Default"))
        self.restore_button.clicked.connect(lambda: self.show_wording(ReleaseFormWording()))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addLayout(form, 1)
        left.addWidget(help_label)
        right = QVBoxLayout()
        right.addWidget(self.preview_hint)
        right.addWidget(self.preview, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self._baseline, self._version = context.read(_wording_and_version)
        self.show_wording(self._baseline)
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: self.wording() != self._baseline, save=self.save,
            can_save=self.save_button.isEnabled)
        size_to_screen(self, (900, 600), (1400, 940))
        self.show_preview()

    def show_wording(self, wording: ReleaseFormWording) -> None:
        for name, edit in self.edits.items():
            text = getattr(wording, name)
            if isinstance(edit, QLineEdit):
                edit.setText(text)
            else:
                edit.setPlainText(text)

    def _take_choice(self, chosen: ReleaseFormWording, theirs: ReleaseFormWording,
                     version: int) -> None:
        """Another desk saved the wording meanwhile and the person chose: the choice goes
        in the fields, and the next save goes against theirs."""
        self.show_wording(chosen)
        self._baseline, self._version = theirs, version

    def wording(self) -> ReleaseFormWording:
        values = {name: edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
                  for name, edit in self.edits.items()}
        return replace(ReleaseFormWording(), **values)

    def _on_edited(self) -> None:
        self._preview_timer.start()

    def show_preview(self) -> None:
        if self._sample_id is None:
            self.preview.hide()
            return
        self.preview.show_pdf(self._context.read(_preview, self._sample_id, self._today,
                                                 self.wording()), scale=0.9)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        for message in self.messages.values():
            message.clear_message()
        try:
            saved = saved_despite_other_desks(
                self, lambda: self._context.run(save_release_form_wording, self.wording(),
                                                base=self._baseline,
                                                base_version=self._version),
                self.tr("the release form's wording"),
                lambda name: self.labels.get(name, name).rstrip(":"), self._take_choice)
        except Invalid as exc:
            for problem in exc.problems:
                field_message = self.messages.get(problem.field)
                text = fill(self.tr("{%1} is not a field the form knows. Use one of those "
                                    "listed below, or write {{ and }} for a brace."),
                            problem.detail)
                if field_message is not None:
                    field_message.show_message(text)
                else:
                    QMessageBox.warning(self, self.windowTitle(), text)
            return
        if saved is None:  # the person cancelled the choice: everything typed stays
            return
        self._baseline = saved
        self.saved = True
        self._context.post_status(self.tr("The release form's wording is saved."))
        self.accept()

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()

    def done(self, result: int) -> None:
        self._preview_timer.stop()  # no preview of a dialog that has closed
        super().done(result)
