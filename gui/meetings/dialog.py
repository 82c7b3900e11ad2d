"""Meeting notes: when, who was there, the points discussed, what was agreed, and who does
what by when. Esc with anything typed asks first. Save stores them: when another desk saved
the same notes meanwhile, their changes merge in, or the person chooses part by part, and
the dialog stays open with everything typed when they cancel the choice."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from core.kernel.errors import Invalid
from core.meetings.services import record_meeting, update_meeting
from core.meetings.types import MeetingDraft, MeetingRow, MeetingTaskDraft

from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import saved_despite_other_desks, shown_value
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import ERROR_STYLE

TASK_ROWS = 4


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class MeetingDialog(QDialog):
    """New notes (`meeting` None), or a meeting's notes as the tab showed them, to change."""

    def __init__(self, parent: QWidget | None, *, context: AppContext, customer_id: int,
                 customer_name: str, locale: QLocale, today: dt.date,
                 meeting: MeetingRow | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._customer_id = customer_id
        self._locale = locale
        self.setWindowTitle(self.tr("Meeting Notes") if meeting else self.tr("New Meeting Notes"))
        draft = meeting.draft() if meeting else MeetingDraft(customer_id, today)
        self._meeting_id = meeting.id if meeting else None
        # What this edit started from: a save merges another desk's changes against it.
        self._opened, self._opened_version = draft, (meeting.version if meeting else 0)
        form = QFormLayout(self)
        about = QLabel(self.tr("Notes of a meeting with <b>%1</b>, to print as a letter and "
                               "send the same day.").replace(
            "%1", customer_name.replace("<", "&lt;")))
        about.setWordWrap(True)
        form.addRow(about)
        self.date_edit = QDateEdit(QDate(draft.met_on.year, draft.met_on.month, draft.met_on.day))
        self.date_edit.setCalendarPopup(True)
        self.subject_edit = QLineEdit(draft.subject)
        self.subject_edit.setPlaceholderText(self.tr("For example: wedding cake consultation"))
        self.attendees_edit = self._text("\n".join(draft.attendees), self.tr("One per line"), 60)
        self.points_edit = self._text("\n".join(draft.points), self.tr("One point per line"), 90)
        self.agreed_edit = self._text("\n".join(draft.agreed), self.tr("One per line"), 70)
        self.tasks_model = QStandardItemModel(0, 3, self)
        self.tasks_model.setHorizontalHeaderLabels(
            [self.tr("Who"), self.tr("Does what"), self.tr("By (optional)")])
        self._show_tasks(draft.tasks)
        self.tasks_table = QTableView()
        self.tasks_table.setModel(self.tasks_model)
        self.tasks_table.verticalHeader().setVisible(False)
        self.tasks_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.tasks_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tasks_table.setColumnWidth(0, 140)
        self.tasks_table.setColumnWidth(2, 120)
        self.tasks_table.setFixedHeight(150)
        self.add_task_button = QPushButton(self.tr("Add a Row"))
        self.add_task_button.clicked.connect(lambda: self._add_task_row())
        form.addRow(self.tr("Date:"), self.date_edit)
        form.addRow(self.tr("Subject:"), self.subject_edit)
        form.addRow(self.tr("Present:"), self.attendees_edit)
        form.addRow(self.tr("Discussed:"), self.points_edit)
        form.addRow(self.tr("Agreed:"), self.agreed_edit)
        form.addRow(self.tr("Who does what:"), self.tasks_table)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_task_button)
        add_row.addStretch(1)
        form.addRow("", add_row)
        self.message_label = QLabel()
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        form.addRow(self.message_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(640)
        self._baseline = self._snapshot()
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: self._snapshot() != self._baseline, save=self._on_save_clicked)
        self.subject_edit.setFocus()

    def _text(self, text: str, placeholder: str, height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(text)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(height)
        return edit

    def _show_tasks(self, tasks: tuple[MeetingTaskDraft, ...]) -> None:
        self.tasks_model.removeRows(0, self.tasks_model.rowCount())
        for task in tasks:
            self._add_task_row(task.who, task.what, task.due_on)
        while self.tasks_model.rowCount() < TASK_ROWS:
            self._add_task_row()

    def show_notes(self, draft: MeetingDraft) -> None:
        """Put these notes in the fields (as chosen after another desk's save)."""
        self.date_edit.setDate(QDate(draft.met_on.year, draft.met_on.month, draft.met_on.day))
        self.subject_edit.setText(draft.subject)
        self.attendees_edit.setPlainText("\n".join(draft.attendees))
        self.points_edit.setPlainText("\n".join(draft.points))
        self.agreed_edit.setPlainText("\n".join(draft.agreed))
        self._show_tasks(draft.tasks)

    def _add_task_row(self, who: str = "", what: str = "", due_on: dt.date | None = None) -> None:
        due = (self._locale.toString(QDate(due_on.year, due_on.month, due_on.day),
                                     QLocale.FormatType.ShortFormat) if due_on else "")
        self.tasks_model.appendRow([QStandardItem(who), QStandardItem(what), QStandardItem(due)])

    def _cell(self, row: int, column: int) -> str:
        item = self.tasks_model.item(row, column)
        return item.text().strip() if item is not None else ""

    def _snapshot(self) -> tuple[object, ...]:
        return (self.date_edit.date(), self.subject_edit.text(), self.attendees_edit.toPlainText(),
                self.points_edit.toPlainText(), self.agreed_edit.toPlainText(),
                tuple(self._cell(r, c) for r in range(self.tasks_model.rowCount())
                      for c in range(3)))

    def _day(self, text: str) -> dt.date | None:
        """A day typed in the shop's short format, or as YYYY-MM-DD."""
        for fmt in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat):
            parsed = self._locale.toDate(text, fmt)
            if parsed.isValid():
                if parsed.year() < 100:
                    parsed = parsed.addYears(2000)
                day: dt.date = parsed.toPython()  # type: ignore[assignment]
                return day
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None

    def problem(self) -> str:
        if not (_lines(self.points_edit) or _lines(self.agreed_edit)):
            return self.tr("Write at least one point discussed or agreed.")
        for row in range(self.tasks_model.rowCount()):
            who, what, by = (self._cell(row, c) for c in range(3))
            if not (who or what or by):
                continue
            if not who or not what:
                return self.tr("Row %1 of who does what needs both who and what.").replace(
                    "%1", str(row + 1))
            if by and self._day(by) is None:
                return self.tr("Row %1: “%2” is not a day; write it like %3.").replace(
                    "%1", str(row + 1)).replace("%2", by).replace(
                    "%3", self._locale.toString(QDate.currentDate(),
                                                QLocale.FormatType.ShortFormat))
        return ""

    def draft(self) -> MeetingDraft:
        tasks = []
        for row in range(self.tasks_model.rowCount()):
            who, what, by = (self._cell(row, c) for c in range(3))
            if who and what:
                tasks.append(MeetingTaskDraft(who, what, self._day(by) if by else None))
        met_on: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        return MeetingDraft(self._customer_id, met_on, self.subject_edit.text().strip(),
                            _lines(self.attendees_edit), _lines(self.points_edit),
                            _lines(self.agreed_edit), tuple(tasks))

    def _on_save_clicked(self) -> None:
        problem = self.problem()
        if not problem:
            try:
                saved = self._save()
            except Invalid:  # merged with another desk's change, nothing is left to keep
                problem = self.tr("Write at least one point discussed or agreed.")
            else:
                if saved is None:  # the person cancelled the choice: keep typing
                    return
        self.message_label.setText(problem)
        self.message_label.setVisible(bool(problem))
        if not problem:
            self.accept()

    def _save(self) -> object | None:
        if self._meeting_id is None:
            return self._context.run(record_meeting, self.draft())
        meeting_id = self._meeting_id
        return saved_despite_other_desks(
            self, lambda: self._context.run(update_meeting, meeting_id, self.draft(),
                                            base=self._opened,
                                            base_version=self._opened_version),
            self._what(), self.part_label, self._take, self.part_text)

    def _what(self) -> str:
        """Which notes, as the conflict dialog names them (the “Fitting” meeting of 2 Nov)."""
        day = self._day_text(self._opened.met_on)
        if not self._opened.subject:
            return self.tr("the meeting of %1").replace("%1", day)
        return self.tr("the “%2” meeting of %1").replace("%1", day).replace(
            "%2", self._opened.subject)

    def _take(self, chosen: MeetingDraft, theirs: MeetingDraft, version: int) -> None:
        self.show_notes(chosen)
        self._opened, self._opened_version = theirs, version

    def part_label(self, name: str) -> str:
        """A part of the notes as the form names it."""
        return {"met_on": self.tr("Date of the meeting"), "subject": self.tr("Subject"),
                "attendees": self.tr("Present"), "points": self.tr("Discussed"),
                "agreed": self.tr("Agreed"), "tasks": self.tr("Who does what")}.get(name, name)

    def part_text(self, name: str, value: Any) -> str:
        """A part's value as the conflict dialog shows it: one line per line typed."""
        if isinstance(value, dt.date):
            return self._day_text(value)
        if name == "tasks" and value:
            return "\n".join(
                f"{task.who}: {task.what}" + (self.tr(" (by %1)").replace(
                    "%1", self._day_text(task.due_on)) if task.due_on else "")
                for task in value)
        if isinstance(value, tuple) and value:
            return "\n".join(value)
        return shown_value(value)

    def _day_text(self, day: dt.date) -> str:
        return self._locale.toString(QDate(day.year, day.month, day.day),
                                     QLocale.FormatType.ShortFormat)

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()
