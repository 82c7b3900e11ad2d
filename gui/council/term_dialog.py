"""New Term… and Edit Term…: its name, dates, seats and charter (with the default charter
to start from)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.council.services import create_term, next_term_draft, update_term
from core.council.types import DEFAULT_CHARTER, DEFAULT_SEATS, TermDraft, TermRow

from gui.council.texts import Editor, Opened, stored_or_shown
from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import FieldMessage, add_form_row, date_edit, line_edit
from gui.widgets.sizing import size_to_screen


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class TermDialog(QDialog):
    """Create a term (`term` None) or edit one; `saved` is the term once saved."""

    def __init__(self, parent: QWidget, context: AppContext, term: TermRow | None, *,
                 today: dt.date, after: TermRow | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QLocale

        self._context = context
        self._opened = Opened(term.id, term.draft, term.version) if term is not None else None
        self.saved: TermRow | None = None
        self.messages: dict[str, FieldMessage] = {}
        self.setWindowTitle(self.tr("New Council Term") if term is None
                            else self.tr("Edit Council Term"))
        locale = QLocale()
        self.name_edit = line_edit(200, 280, self.tr("For example: 2027 council"))
        self.starts_edit = date_edit(locale)
        self.ends_edit = date_edit(locale)
        self.seats_spin = QSpinBox()
        self.seats_spin.setRange(1, 99)
        self.seats_spin.setToolTip(self.tr(
            "8 to 12 people suit a small business; with more than 16, many never speak."))
        self.charter_edit = QPlainTextEdit()
        self.charter_edit.setTabChangesFocus(True)
        self.default_button = QPushButton(self.tr("Use the Standard Charter"))
        self.default_button.setToolTip(self.tr(
            "Put back the standard wording: purpose, meetings, what is asked of members, "
            "confidentiality"))
        self.default_button.clicked.connect(
            lambda: self.charter_edit.setPlainText(DEFAULT_CHARTER))
        if term is None and after is not None:  # the next term: the day after, as long
            following = next_term_draft(after)
            self.name_edit.setText(following.name)
            self.starts_edit.setDate(_qdate(following.starts_on))
            self.ends_edit.setDate(_qdate(following.ends_on))
            self.seats_spin.setValue(following.seats)
            self.charter_edit.setPlainText(following.charter or DEFAULT_CHARTER)
        elif term is None:  # the first: from the first of next month, for a year
            start = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
            self.name_edit.setText(self.tr("%1 council").replace("%1", str(start.year)))
            self.starts_edit.setDate(_qdate(start))
            self.ends_edit.setDate(_qdate(start).addMonths(12).addDays(-1))
            self.seats_spin.setValue(DEFAULT_SEATS)
            self.charter_edit.setPlainText(DEFAULT_CHARTER)
        else:
            self.show_draft(term.draft)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        add_form_row(form, self.tr("Name:"), self.name_edit, self.messages, "name")
        add_form_row(form, self.tr("Starts:"), self.starts_edit, self.messages, "starts_on")
        add_form_row(form, self.tr("Ends:"), self.ends_edit, self.messages, "ends_on")
        seats_row = QWidget()
        seats_line = QHBoxLayout(seats_row)
        seats_line.setContentsMargins(0, 0, 0, 0)
        seats_line.addWidget(self.seats_spin)
        seats_line.addWidget(QLabel(self.tr("(8 to 12 suit most shops)")))
        seats_line.addStretch(1)
        add_form_row(form, self.tr("Seats:"), seats_row, self.messages, "seats")
        charter_head = QHBoxLayout()
        charter_head.addWidget(QLabel(self.tr(
            "Charter: what members agree to (it prints on one page for them to sign)")), 1)
        charter_head.addWidget(self.default_button)
        self.charter_message = FieldMessage(self.charter_edit)
        self.messages["charter"] = self.charter_message

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not context.read_only)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(charter_head)
        layout.addWidget(self.charter_edit, 1)
        layout.addWidget(self.charter_message)
        layout.addWidget(self.buttons)
        self._stored = self.draft()
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: self.draft() != self._stored, save=self.save,
            can_save=lambda: not context.read_only)
        size_to_screen(self, (560, 520), (760, 720))

    def draft(self) -> TermDraft:
        return TermDraft(self.name_edit.text(), _pydate(self.starts_edit.date()),
                         _pydate(self.ends_edit.date()), self.seats_spin.value(),
                         self.charter_edit.toPlainText())

    def show_draft(self, draft: TermDraft) -> None:
        self.name_edit.setText(draft.name)
        self.starts_edit.setDate(_qdate(draft.starts_on))
        self.ends_edit.setDate(_qdate(draft.ends_on))
        self.seats_spin.setValue(draft.seats)
        self.charter_edit.setPlainText(draft.charter or DEFAULT_CHARTER)

    def save(self) -> None:
        what = fill(self.tr("the council term “%1”"),
                    self._opened.draft.name if self._opened else "")
        labels = {"name": self.tr("Name"), "starts_on": self.tr("Starts"),
                  "ends_on": self.tr("Ends"), "seats": self.tr("Seats"),
                  "charter": self.tr("Charter")}
        saved = stored_or_shown(self._context, self.messages, create_term, update_term,
                                self._opened, Editor(self, self.draft, self.show_draft, what,
                                                     labels))
        if saved is None:
            return
        self.saved, self._stored = saved, self.draft()
        self.accept()

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()
