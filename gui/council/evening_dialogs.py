"""An appreciation evening's details (title, date, time, place, capacity), and whom to put on
its guest list: a tag, a stage, the best customers by value, or the council."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.council.services import create_event, update_event
from core.council.types import EventDraft, EventRow, GuestSelection, TermRow
from core.kernel.errors import Invalid

from gui.council.meeting_dialog import set_time, time_edit, time_of
from gui.council.texts import Editor, Opened, problem_text, stored_or_shown
from gui.customers.texts import stage_labels
from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import FieldMessage, add_form_row, date_edit, line_edit


class EveningDialog(QDialog):
    """New or edit (`event` given); `saved` once stored."""

    def __init__(self, parent: QWidget, context: AppContext, event: EventRow | None, *,
                 today: dt.date) -> None:
        super().__init__(parent)
        self._context = context
        self._opened = Opened(event.id, event.draft, event.version) if event is not None else None
        self.saved: EventRow | None = None
        self.messages: dict[str, FieldMessage] = {}
        self.setWindowTitle(self.tr("New Appreciation Evening") if event is None
                            else self.tr("Edit Appreciation Evening"))
        self.title_edit = line_edit(200, 300, self.tr(
            "For example: Customer night, Spring preview, Repair workshop"))
        self.date_edit = date_edit(QLocale())
        self.time_edit = time_edit()
        self.place_edit = line_edit(300, 300, self.tr("For example: the shop"))
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(0, 10_000)
        self.capacity_spin.setSpecialValueText(self.tr("No limit"))
        self.capacity_spin.setSuffix(self.tr(" people"))
        self.capacity_spin.setToolTip(self.tr("Guests and the people they bring"))
        if event is None:
            start = today + dt.timedelta(days=28)
            self.date_edit.setDate(QDate(start.year, start.month, start.day))
            self.time_edit.setTime(QTime(18, 30))
            self.capacity_spin.setValue(30)
        else:
            self.show_draft(event.draft)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        add_form_row(form, self.tr("What:"), self.title_edit, self.messages, "title")
        add_form_row(form, self.tr("Date:"), self.date_edit, self.messages, "held_on")
        add_form_row(form, self.tr("Time:"), self.time_edit, self.messages, "starts_at")
        add_form_row(form, self.tr("Place:"), self.place_edit, self.messages, "place")
        add_form_row(form, self.tr("Room for:"), self.capacity_spin, self.messages, "capacity")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not context.read_only)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._stored = self.draft() if event is not None else None
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=self._dirty, save=self.save, can_save=lambda: not context.read_only)
        self.setMinimumWidth(520)

    def _dirty(self) -> bool:
        if self._stored is None:
            return bool(self.title_edit.text().strip() or self.place_edit.text().strip())
        return self.draft() != self._stored

    def draft(self) -> EventDraft:
        day = self.date_edit.date()
        return EventDraft(self.title_edit.text(), dt.date(day.year(), day.month(), day.day()),
                          time_of(self.time_edit), self.place_edit.text(),
                          self.capacity_spin.value() or None)

    def show_draft(self, draft: EventDraft) -> None:
        self.title_edit.setText(draft.title)
        self.date_edit.setDate(QDate(draft.held_on.year, draft.held_on.month,
                                     draft.held_on.day))
        set_time(self.time_edit, draft.starts_at)
        self.place_edit.setText(draft.place)
        self.capacity_spin.setValue(draft.capacity or 0)

    def save(self) -> None:
        what = fill(self.tr("the evening “%1”"), self._opened.draft.title if self._opened else "")
        labels = {"title": self.tr("What"), "held_on": self.tr("Date"),
                  "starts_at": self.tr("Time"), "place": self.tr("Place"),
                  "capacity": self.tr("Room for")}
        saved = stored_or_shown(self._context, self.messages, create_event, update_event,
                                self._opened, Editor(self, self.draft, self.show_draft, what,
                                                     labels))
        if saved is None:
            return
        self.saved, self._stored = saved, self.draft()
        self.accept()

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()


class AddGuestsDialog(QDialog):
    """Whom to put on the guest list, from one source."""

    def __init__(self, parent: QWidget, tags: list[tuple[int, str]],
                 terms: list[TermRow]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add Guests"))
        self.group = QButtonGroup(self)
        self.top_radio = QRadioButton(self.tr("The best customers by what they spent:"))
        self.top_spin = QSpinBox()
        self.top_spin.setRange(1, 10_000)
        self.top_spin.setValue(30)
        self.council_radio = QRadioButton(self.tr("The members of the council:"))
        self.term_combo = QComboBox()
        for term in terms:
            self.term_combo.addItem(term.name, term.id)
        self.tag_radio = QRadioButton(self.tr("Customers with the tag:"))
        self.tag_combo = QComboBox()
        for _id, name in tags:
            self.tag_combo.addItem(name, name)
        self.stage_radio = QRadioButton(self.tr("Customers at the stage:"))
        self.stage_combo = QComboBox()
        for code, name in stage_labels():
            self.stage_combo.addItem(name, code)
        grid = QGridLayout()
        rows = ((self.top_radio, self.top_spin), (self.council_radio, self.term_combo),
                (self.tag_radio, self.tag_combo), (self.stage_radio, self.stage_combo))
        for number, (radio, field) in enumerate(rows):
            self.group.addButton(radio, number)
            grid.addWidget(radio, number, 0)
            grid.addWidget(field, number, 1)
            radio.toggled.connect(field.setEnabled)
            field.setEnabled(False)
        self.council_radio.setEnabled(bool(terms))
        self.tag_radio.setEnabled(bool(tags))
        self.top_radio.setChecked(True)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        note = QLabel(self.tr("Customers already on the list, in the trash, or who asked "
                              "for no campaigns are not added."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def selection(self) -> GuestSelection:
        if self.council_radio.isChecked():
            return GuestSelection(term_id=int(self.term_combo.currentData()))
        if self.tag_radio.isChecked():
            return GuestSelection(tag=str(self.tag_combo.currentData()))
        if self.stage_radio.isChecked():
            return GuestSelection(stage=str(self.stage_combo.currentData()))
        return GuestSelection(top_by_value=self.top_spin.value())

    def show_problem(self, exc: Invalid) -> None:
        self.message.setText(problem_text(exc.problems[0]))
        self.message.show()
