"""Log visit (Ctrl+L): a visit, purchase, call or meeting of the selected customer, at the
counter, in two keystrokes: Ctrl+L opens it on today's visit, Enter saves.

The save is one operation (core.visits.services.log_interaction); what it changed reaches
the customer list through `changes_applied`, with the customer's id, so only that row is
read again. The dialog then puts an undo step on the window's stack.
"""
from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.kernel.errors import Invalid, NotFound
from core.kernel.money import Money
from core.settings.profile import get_business_profile
from core.store.errors import DatabaseBusy
from core.visits.types import COUNTER_KINDS, InteractionDraft

from gui.shell.context import AppContext
from gui.visits.fields import InteractionFields
from gui.visits.texts import logged_text, problem_text, undo_text
from gui.visits.undo_commands import LogInteractionCommand
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import ERROR_STYLE, FieldMessage, ShopMoney


class LogVisitDialog(QDialog):
    """Log one interaction for `customer_id` (shown as `name`, with `summary` under it)."""

    def __init__(self, context: AppContext, customer_id: int, name: str, *,
                 undo_stack: QUndoStack | None = None, summary: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._customer_id = customer_id
        self._name = name
        self._undo_stack = undo_stack
        self.logged_id: int | None = None
        profile = context.read(get_business_profile)
        self._money = ShopMoney(profile.locale, profile.currency)
        locale = QLocale(profile.locale)
        self.setWindowTitle(self.tr("Log Visit – %s") % name)

        self.name_label = QLabel(name)
        bold = QFont(self.name_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.name_label.setFont(bold)
        self.summary_label = QLabel(summary)
        self.summary_label.setStyleSheet("color: palette(mid);")
        self.summary_label.setVisible(bool(summary))
        form = QFormLayout()
        self.fields = InteractionFields(form, self._money, locale, COUNTER_KINDS)
        # The fields by name, for the dialog's callers and tests.
        self.kind_combo, self.date_edit = self.fields.kind_combo, self.fields.date_edit
        self.amount_edit, self.note_edit = self.fields.amount_edit, self.fields.note_edit
        self.amount_message = self.fields.amount_message
        self.note_message = self.fields.note_message
        self.form_message_label = QLabel()
        self.form_message_label.setStyleSheet(ERROR_STYLE)
        self.form_message_label.setWordWrap(True)
        self.form_message_label.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (Enter)"))
        self.save_button.setEnabled(not context.read_only)
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.summary_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.form_message_label)
        layout.addWidget(buttons)
        self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        # An amount or note typed is not thrown away by Esc or Cancel without asking.
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: bool(self.amount_edit.text().strip()
                                        or self.note_edit.text().strip()),
            save=self._on_save_clicked, can_save=lambda: not context.read_only)

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()

    def draft(self) -> InteractionDraft | None:
        """What the person typed, or None (and a message under the amount) when the amount
        cannot be read."""
        values = self.fields.values()
        if values is None:
            return None
        kind, occurred, minor, note = values
        return InteractionDraft(kind, occurred,
                                None if minor is None else Money(minor, self._money.currency),
                                note)

    def _on_save_clicked(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.fields.clear_messages()
        self.form_message_label.setVisible(False)
        draft = self.draft()
        if draft is None:
            return
        from core.visits.services import log_interaction

        try:
            self.logged_id = self._context.run(log_interaction, self._customer_id, draft)
        except Invalid as exc:
            self._show_problems(exc)
            return
        except NotFound:
            self._show_form_message(self.tr(
                "%s is no longer in the customer list (moved to the trash, perhaps at another "
                "desk). Nothing was logged.") % self._name)
            return
        except DatabaseBusy:
            self._show_form_message(self.tr(
                "Not saved yet: another program is still using the customer database. "
                "What you typed is still here; press Save to try again."))
            return
        if self._undo_stack is not None:
            self._undo_stack.push(LogInteractionCommand(
                self._context, self.logged_id, undo_text(draft.kind, self._name)))
        self._context.post_status(logged_text(draft.kind, self._name))
        self.accept()

    def _show_problems(self, error: Invalid) -> None:
        example = self._money.format(1250)
        fields: dict[str, tuple[FieldMessage, QWidget]] = {
            "amount": (self.amount_message, self.amount_edit),
            "note": (self.note_message, self.note_edit),
        }
        others = []
        for problem in error.problems:
            if problem.field in fields:
                message, widget = fields[problem.field]
                message.show_message(problem_text(problem, example))
                widget.setFocus()
            else:
                others.append(problem_text(problem, example))
        if others:
            self._show_form_message("\n".join(others))

    def _show_form_message(self, text: str) -> None:
        self.form_message_label.setText(text)
        self.form_message_label.setVisible(True)
