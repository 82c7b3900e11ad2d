"""The customer record: details, moments and history of one customer, saved in one go.

The dialog keeps ids and core's frozen dataclasses only; every read and the save run
through `AppContext.run`, each in its own transaction.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.customers.errors import DuplicateCustomer
from core.customers.record import (
    CustomerRecord,
    CustomerRecordEdit,
    get_customer_record,
    save_customer_record,
)
from core.customers.types import CustomerDetail, CustomerDraft
from core.desks.services import customer_changes
from core.kernel.changes import Changes
from core.kernel.edits import EditConflict, SavedMeanwhile
from core.kernel.errors import Invalid
from core.program.clock import shop_today
from core.program.services import customer_actions
from core.settings.profile import get_business_profile
from core.store.errors import DatabaseBusy

from gui.complaints.customer_tab import ComplaintBanner, ComplaintsTab
from gui.customers.editor_conflicts import resolve_conflict
from gui.customers.editor_details import DetailsTab
from gui.customers.editor_history import (
    HistoryTab,
    MomentsTab,
    PendingHistory,
    format_day,
)
from gui.customers.editor_mailings import MailingsTab
from gui.customers.texts import problem_text, stage_label
from gui.customers.undo_commands import MergeCommand, TrashCommand
from gui.desks.changes_tab import ChangesTab
from gui.meetings.customer_tab import MeetingsTab
from gui.program.reminders_tab import RemindersTab
from gui.scores.satisfaction_tab import SatisfactionTab
from gui.shell.context import AppContext
from gui.testimonials.customer_tab import TestimonialsTab
from gui.visits.first_visit import FirstVisitBox, with_first_visit
from gui.visits.undo_commands import history_removal_command
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import ERROR_STYLE, ShopMoney

STAGE_COLOURS = {
    "prospect": "#6b7280", "new": "#2563eb", "repeat": "#047857", "advocate": "#7c3aed",
    "lapsed": "#b45309",
}


def record_edit(customer_id: int | None, draft: CustomerDraft, pending: PendingHistory, *,
                allow_duplicate: bool = False, merge_into: int | None = None,
                opened: CustomerDetail | None = None) -> CustomerRecordEdit:
    """What the editor hands core's save_customer_record: the details and pending history,
    and the record as it was opened (so that another desk's changes are merged, not lost)."""
    return CustomerRecordEdit(
        customer_id, draft, added_interactions=tuple(pending.interactions),
        removed_interaction_ids=tuple(pending.removed_interaction_ids),
        changed_interactions=tuple(pending.changed_interactions.items()),
        added_moments=tuple(pending.moments),
        removed_moment_ids=tuple(pending.removed_moment_ids),
        allow_duplicate=allow_duplicate, merge_into=merge_into, base=opened)


class CustomerEditor(QDialog):
    """Add a customer (customer_id None) or edit one; Save writes everything at once.

    Esc, Cancel or closing the window with unsaved changes asks first (Save, Discard, Keep
    editing). A customer in the trash opens read-only, with a Restore button. With the
    window's `undo_stack`, Restore and "Merge Into Existing" can be undone with Ctrl+Z."""

    customer_saved = Signal(int)
    open_customer_requested = Signal(int)

    def __init__(self, context: AppContext, customer_id: int | None,
                 parent: QWidget | None = None, *, undo_stack: QUndoStack | None = None
                 ) -> None:
        super().__init__(parent)
        self._context = context
        self._customer_id = customer_id
        self._undo_stack = undo_stack
        self._trashed = False
        self._baseline = CustomerDraft()
        self._baseline_referrer = ""
        self._detail: CustomerDetail | None = None
        # The record as this editor opened it, its details as the form gave them back then:
        # the base a save is merged against (core.kernel.edits).
        self._opened: CustomerDetail | None = None
        self._pending = PendingHistory()
        profile = context.read(get_business_profile)
        self._money = ShopMoney(profile.locale, profile.currency)
        self._locale = QLocale(profile.locale)
        self.duplicate_box: QMessageBox | None = None
        self.duplicate_open_button: QPushButton | None = None
        self.duplicate_merge_button: QPushButton | None = None
        self.duplicate_save_button: QPushButton | None = None

        self.details_tab = DetailsTab(context, customer_id, self._locale, profile.region)
        self.moments_tab = MomentsTab(self._locale, self._money.locale, self._pending)
        self.history_tab = HistoryTab(self._money, self._locale, self._pending)
        self.tab_widget = QTabWidget()
        self.tab_widget.addTab(self.details_tab, self.tr("&Details"))
        self.tab_widget.addTab(self.moments_tab, self.tr("&Moments"))
        self.tab_widget.addTab(self.history_tab, self.tr("&History"))
        self.mailings_tab = MailingsTab(lambda day: format_day(self._money.locale, day))
        self.tab_widget.addTab(self.mailings_tab, self.tr("&Cards Sent"))
        self.reminders_tab = RemindersTab(lambda day: format_day(self._money.locale, day))
        self.tab_widget.addTab(self.reminders_tab, self.tr("Rem&inders"))
        self.complaint_banner = ComplaintBanner(
            lambda day: format_day(self._money.locale, day), self._locale)
        self.complaints_tab: ComplaintsTab | None = None
        if customer_id is not None:
            self.complaints_tab = ComplaintsTab(
                context, customer_id, customer_name=lambda: self.name_label.text(),
                format_day=lambda day: format_day(self._money.locale, day), locale=self._locale,
                today=shop_today)
            self.tab_widget.addTab(self.complaints_tab, self.tr("Compl&aints && Promises"))
            self.meetings_tab = MeetingsTab(
                context, customer_id, customer_name=lambda: self.name_label.text(),
                format_day=lambda day: format_day(self._money.locale, day), locale=self._locale,
                today=shop_today)
            self.tab_widget.addTab(self.meetings_tab, self.tr("Meeting Notes"))
            self.complaints_tab.complaints_read.connect(
                lambda rows: self.complaint_banner.set_complaints(rows, dt.datetime.now()))
            self.complaint_banner.show_requested.connect(self._show_complaints)
        self.satisfaction_tab = SatisfactionTab(
            context, lambda day: format_day(self._money.locale, day),
            lambda: self.name_label.text())
        self.tab_widget.addTab(self.satisfaction_tab, self.tr("Satisfaction"))
        self.testimonials_tab = TestimonialsTab(context, customer_id, self._money.locale)
        self.tab_widget.addTab(self.testimonials_tab, self.tr("Testimonials"))
        self.changes_tab = ChangesTab(self._locale)
        self.tab_widget.addTab(self.changes_tab, self.tr("Chan&ges"))
        # Another desk saved this customer while it is open here: said at once.
        self.changed_elsewhere_label = QLabel(self.tr(
            "This customer was just changed at another desk. Save keeps their changes "
            "together with yours; if you both changed the same thing, you choose."))
        self.changed_elsewhere_label.setWordWrap(True)
        self.changed_elsewhere_label.setStyleSheet(
            "background: #fef3c7; color: #78350f; padding: 6px; border-radius: 4px;")
        self.changed_elsewhere_label.setVisible(False)
        context.other_desk_changed.connect(self._on_other_desk_changed)
        self.form_message_label = QLabel()
        self.form_message_label.setStyleSheet(ERROR_STYLE)
        self.form_message_label.setWordWrap(True)
        self.form_message_label.setVisible(False)
        # A new customer at the counter: their first visit or purchase, in the same Save.
        self.first_visit_box = (FirstVisitBox(self._money, self._locale)
                                if customer_id is None else None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.setEnabled(not context.read_only)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_save_clicked)
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=self.has_unsaved_changes, save=self._on_save_clicked,
            can_save=self.save_button.isEnabled, question=self._discard_question)

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_trash_banner())
        layout.addWidget(self.complaint_banner)
        layout.addWidget(self._build_header())
        layout.addWidget(self.changed_elsewhere_label)
        layout.addWidget(self.tab_widget, 1)
        if self.first_visit_box is not None:
            layout.addWidget(self.first_visit_box)
        layout.addWidget(self.form_message_label)
        layout.addWidget(buttons)
        self.setMinimumSize(860, 640)
        self.resize(980, 720)

        self.moments_tab.changed.connect(self._show_figures)
        self.history_tab.changed.connect(self._show_figures)
        for edit in (self.details_tab.first_name_edit, self.details_tab.last_name_edit,
                     self.details_tab.organisation_edit, self.details_tab.email_edit):
            edit.textChanged.connect(self._show_name)
        self._load()
        self.details_tab.first_name_edit.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        header = QFrame()
        header.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_label = QLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stage_label = QLabel()
        self.stage_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addWidget(self.stage_label)
        top.addStretch(1)
        figures = QGridLayout()
        figures.setHorizontalSpacing(32)
        self.visits_label, self.value_label, self.since_label = QLabel(), QLabel(), QLabel()
        self.last_visit_label, self.referrals_label = QLabel(), QLabel()
        for column, (caption, label) in enumerate([
            (self.tr("Visits"), self.visits_label),
            (self.tr("Lifetime value"), self.value_label),
            (self.tr("Customer since"), self.since_label),
            (self.tr("Last visit"), self.last_visit_label),
            (self.tr("Referrals"), self.referrals_label),
        ]):
            caption_label = QLabel(caption)
            caption_label.setStyleSheet("color: palette(mid);")
            figures.addWidget(caption_label, 0, column)
            bold = QFont(label.font())
            bold.setBold(True)
            label.setFont(bold)
            figures.addWidget(label, 1, column)
        figures.setColumnStretch(5, 1)
        layout = QVBoxLayout(header)
        layout.addLayout(top)
        layout.addLayout(figures)
        return header

    def _build_trash_banner(self) -> QWidget:
        self.trash_banner = QFrame()
        self.trash_banner.setObjectName("trash_banner")
        self.trash_banner.setStyleSheet(
            "#trash_banner { background: #fef3c7; border: 1px solid #f59e0b;"
            " border-radius: 6px; } #trash_banner QLabel { color: #78350f; }")
        self.trash_label = QLabel()
        self.trash_label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setToolTip(self.tr("Take this customer out of the trash and edit "
                                               "them again"))
        self.restore_button.setEnabled(not self._context.read_only)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        layout = QHBoxLayout(self.trash_banner)
        layout.addWidget(self.trash_label, 1)
        layout.addWidget(self.restore_button)
        self.trash_banner.setVisible(False)
        return self.trash_banner

    # -- loading and showing ----------------------------------------------------------------

    def _load(self) -> None:
        if self._customer_id is None:
            self.details_tab.set_draft(CustomerDraft(), "")
            self.setWindowTitle(self.tr("New Customer"))
        else:
            record: CustomerRecord = self._context.read(get_customer_record, self._customer_id)
            self._detail = record.detail
            self.details_tab.set_draft(self._detail.draft, self._detail.referred_by_name)
            self.moments_tab.set_rows(self._detail.moments)
            self.history_tab.set_rows(self._detail.interactions)
            self.mailings_tab.set_rows(record.mailings)
            self.reminders_tab.set_rows(self._context.read(
                customer_actions, self._customer_id, shop_today(),
                lambda day: format_day(self._money.locale, day)))
            if self.complaints_tab is not None:
                self.complaints_tab.load()
                self.meetings_tab.load()
            self.satisfaction_tab.load(self._customer_id)
            self.changes_tab.set_rows(self._context.read(customer_changes, self._customer_id))
        self.testimonials_tab.load(self._detail.display_name if self._detail else "")
        self._baseline = self.details_tab.draft()
        if self._detail is not None:
            self._opened = dataclasses.replace(self._detail, draft=self._baseline)
        self._baseline_referrer = self.details_tab.referred_by_edit.text()
        self._show_trashed(self._detail.deleted_at if self._detail and self._detail.deleted
                           else None, trashed=bool(self._detail and self._detail.deleted))
        self._show_name()
        self._show_figures()

    def _show_complaints(self) -> None:
        if self.complaints_tab is not None:
            self.tab_widget.setCurrentWidget(self.complaints_tab)
            self.complaints_tab.select_oldest_open()

    def _show_trashed(self, since: dt.datetime | None, *, trashed: bool) -> None:
        """A customer in the trash is shown, not edited: restore them first."""
        self._trashed = trashed
        if since is not None:
            self.trash_label.setText(self.tr("This customer is in the trash, moved there on %s.")
                                     % format_day(self._money.locale, since.date()))
        else:
            self.trash_label.setText(self.tr("This customer is in the trash."))
        self.trash_banner.setVisible(trashed)
        clearable: list[QLineEdit] = []
        for widget in self.tab_widget.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(trashed)
                # "Type a customer's name" would invite typing where nothing can be typed.
                if trashed and widget.property("placeholder") is None:
                    widget.setProperty("placeholder", widget.placeholderText())
                    widget.setPlaceholderText("")
                elif not trashed and widget.property("placeholder") is not None:
                    widget.setPlaceholderText(str(widget.property("placeholder")))
                    widget.setProperty("placeholder", None)
                if isinstance(widget, QLineEdit) and (widget.isClearButtonEnabled()
                                                      or widget.property("clear_button")):
                    clearable.append(widget)
            elif isinstance(widget, QComboBox | QCheckBox | QAbstractSpinBox | QAbstractButton):
                widget.setEnabled(not trashed)
        # Nor should a clear button (ⓧ) offer to empty a field that cannot change (switched
        # after the walk above: switching it off deletes the button, one of those children).
        for edit in clearable:
            edit.setClearButtonEnabled(not trashed)
            edit.setProperty("clear_button", True if trashed else None)
        if not trashed:
            for tab in (self.history_tab, self.moments_tab):
                tab.remove_button.setEnabled(False)  # until a row is chosen
        self.save_button.setVisible(not trashed)
        self.cancel_button.setText(self.tr("Close") if trashed else self.tr("Cancel"))

    def has_unsaved_changes(self) -> bool:
        """Anything typed, added or removed since the record opened (or was last saved)."""
        if self._trashed:
            return False
        details = self.details_tab
        return (details.draft() != self._baseline
                or details.referred_by_edit.text() != self._baseline_referrer
                or self._pending.has_changes() or self.history_tab.has_typed_entry()
                or (self.first_visit_box is not None and self.first_visit_box.is_checked())
                or self.moments_tab.has_typed_entry())

    def _discard_question(self) -> str:
        if self._customer_id is None:
            return self.tr("Save this new customer?")
        return self.tr("Save the changes to %s?") % self.name_label.text()

    def reject(self) -> None:
        """Esc, Cancel and the close button: ask first when something would be lost."""
        if self.discard_prompt.may_close():
            super().reject()

    def _on_restore_clicked(self) -> None:
        if self._customer_id is None or self._context.read_only:
            return
        name = self.name_label.text()
        if self._undo_stack is not None:
            self._undo_stack.push(TrashCommand(self._context, [self._customer_id],
                                               self.tr("Restore %s") % name, to_trash=False))
        else:
            from core.customers.services import restore_customers

            self._context.run(restore_customers, [self._customer_id])
        self._context.post_status(self.tr("Restored %s from the trash.") % name)
        self._load()

    def _show_name(self) -> None:
        draft = self.details_tab
        # Someone known only by email (a subscriber) is shown by it until a name is added.
        name = (f"{draft.first_name_edit.text().strip()} {draft.last_name_edit.text().strip()}"
                .strip() or draft.organisation_edit.text().strip()
                or draft.email_edit.text().strip())
        self.name_label.setText(name or self.tr("New customer"))
        if self._customer_id is None:
            self.setWindowTitle(self.tr("New Customer"))
        else:
            self.setWindowTitle(self.tr("Customer – %s") % (name or self.tr("no name")))

    def _show_figures(self) -> None:
        detail = self._detail
        visits = (detail.visit_count if detail else 0) + self.history_tab.visit_change()
        value = (detail.lifetime_value_minor if detail else 0) + self.history_tab.value_change()
        self.visits_label.setText(self._locale.toString(visits))
        self.value_label.setText(self._money.format(value))
        self.referrals_label.setText(self._locale.toString(detail.referral_count if detail else 0))
        self.since_label.setText(self._format_date(detail.draft.customer_since if detail else None))
        self.last_visit_label.setText(self._format_date(detail.last_interaction_on if detail
                                                        else None))
        stage = detail.stage if detail else "prospect"
        self.stage_label.setText(stage_label(stage) if detail else self.tr("Not saved yet"))
        colour = STAGE_COLOURS.get(stage, "#6b7280") if detail else "#6b7280"
        self.stage_label.setStyleSheet(
            f"background: {colour}; color: white; border-radius: 9px; padding: 2px 10px;")

    def _format_date(self, value: dt.date | None) -> str:
        return "—" if value is None else format_day(self._money.locale, value)

    # -- saving ---------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        if self.save_button.isEnabled():
            self._save()

    def _save(self, *, allow_duplicate: bool = False, merge_into: int | None = None) -> None:
        self._clear_messages()
        if self.details_tab.referrer_unresolved():
            self.details_tab.messages["referred_by_id"].show_message(
                self.tr("Choose a customer from the list, or clear this field."))
            self._reveal(self.details_tab.referred_by_edit)
            return
        removed_history = self.history_tab.removed_rows()  # for Edit > Undo after the save
        try:
            pending = with_first_visit(self._pending, self.first_visit_box)
        except ValueError:
            return  # the first visit's amount: the box says what is wrong
        # With the window's undo stack, a merge is its own undoable step after the save.
        undoable_merge = merge_into if self._undo_stack is not None else None
        try:
            detail = self._context.run(save_customer_record, record_edit(
                self._customer_id, self.details_tab.draft(), pending,
                allow_duplicate=allow_duplicate,
                merge_into=None if undoable_merge is not None else merge_into,
                opened=self._opened)).detail
            if undoable_merge is not None and self._undo_stack is not None:
                self._customer_id = detail.id  # saved: never added twice
                self._pending.clear()
                self._undo_stack.push(MergeCommand.merge(
                    self._context, keep_id=undoable_merge, other_id=detail.id,
                    text=self.tr("Merge %s Into an Existing Record") % detail.display_name))
                detail = self._context.read(get_customer_record, undoable_merge).detail
        except Invalid as exc:
            self._show_problems(exc)
            return
        except DuplicateCustomer as dup:
            self._show_duplicate(dup)
            return
        except SavedMeanwhile:
            # Another desk's save landed between this one's read and write: again, merging.
            self._save(allow_duplicate=allow_duplicate, merge_into=merge_into)
            return
        except EditConflict as conflict:
            self._ask_about_conflict(conflict, allow_duplicate, merge_into)
            return
        except DatabaseBusy:
            # The wait for another program was cancelled: keep everything typed here.
            self.form_message_label.setText(self.tr(
                "Not saved yet: another program is still using the customer database. "
                "Your changes are still here; press Save to try again."))
            self.form_message_label.setVisible(True)
            return
        if self._undo_stack is not None and merge_into is None:
            removal = history_removal_command(self._context, detail.id, removed_history,
                                              self._money.currency, detail.display_name)
            if removal is not None:
                self._undo_stack.push(removal)
        self._customer_id = detail.id
        self.customer_saved.emit(detail.id)
        self._context.post_status(self.tr("Saved %s") % detail.display_name)
        self.accept()

    def _ask_about_conflict(self, conflict: EditConflict[Any], allow_duplicate: bool,
                            merge_into: int | None) -> None:
        assert self._opened is not None  # only an opened record can be changed elsewhere
        resolution = resolve_conflict(self, conflict, self._opened, self._pending, self._money)
        if resolution is None:
            self.form_message_label.setText(self.tr(
                "Not saved yet: this customer was changed at another desk. Your changes are "
                "still here; press Save to choose again."))
            self.form_message_label.setVisible(True)
            return
        self._opened = resolution.opened
        if resolution.draft is not None:
            self.details_tab.set_draft(resolution.draft,
                                       self.details_tab.referred_by_edit.text())
        self._save(allow_duplicate=allow_duplicate, merge_into=merge_into)

    def _on_other_desk_changed(self, changes: Changes) -> None:
        if self._customer_id is not None and self._customer_id in changes.customer_ids:
            self.changed_elsewhere_label.setVisible(True)

    def _clear_messages(self) -> None:
        for message in self.details_tab.messages.values():
            message.clear_message()
        self.form_message_label.setVisible(False)

    def _show_problems(self, error: Invalid) -> None:
        first: QWidget | None = None
        others = []
        for problem in error.problems:
            message = self.details_tab.messages.get(problem.field)
            if message is None:
                others.append(problem_text(problem))
                continue
            message.show_message(problem_text(problem))
            first = first or message.field_widget
        if others:
            self.form_message_label.setText("\n".join(others))
            self.form_message_label.setVisible(True)
        if first is not None:
            self._reveal(first)

    def _reveal(self, field: QWidget) -> None:
        self.tab_widget.setCurrentWidget(self.details_tab)
        field.setFocus()

    def _show_duplicate(self, dup: DuplicateCustomer) -> None:
        existing = self._context.read(get_customer_record, dup.existing_id).detail
        matched = {
            "email": self.tr("the same email address"),
            "phone": self.tr("the same phone number"),
            "name_postcode": self.tr("the same name and postcode"),
        }.get(dup.matched_on, self.tr("the same details"))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Possible Duplicate"),
                          self.tr("%s is already a customer, with %s.")
                          % (existing.display_name, matched), parent=self)
        box.setInformativeText(self.tr(
            "Open the existing record, merge this one into it (keeping all history), or save "
            "this as a separate customer."))
        self.duplicate_open_button = box.addButton(self.tr("Open Existing Record"),
                                                   QMessageBox.ButtonRole.ActionRole)
        self.duplicate_merge_button = box.addButton(self.tr("Merge Into Existing"),
                                                    QMessageBox.ButtonRole.ActionRole)
        self.duplicate_save_button = box.addButton(self.tr("Save Anyway"),
                                                   QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(self.duplicate_open_button)
        box.buttonClicked.connect(lambda button: self._on_duplicate_choice(button, dup.existing_id))
        self.duplicate_box = box
        box.open()

    def _on_duplicate_choice(self, button: QPushButton, existing_id: int) -> None:
        if button is self.duplicate_open_button:
            self.open_customer_requested.emit(existing_id)
            self.done(QDialog.DialogCode.Rejected)  # chosen: the typed duplicate goes
        elif button is self.duplicate_merge_button:
            self._save(allow_duplicate=True, merge_into=existing_id)
        elif button is self.duplicate_save_button:
            self._save(allow_duplicate=True)
