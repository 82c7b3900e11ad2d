"""Meeting notes: when, who was there, the points discussed, what was agreed, and who does
what by when. Esc with anything typed asks first."""
from __future__ import annotations

import datetime as dt

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

from core.meetings.types import MeetingDraft, MeetingTaskDraft

from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import ERROR_STYLE

TASK_ROWS = 4


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class MeetingDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, customer_id: int, customer_name: str,
                 locale: QLocale, today: dt.date, meeting: MeetingDraft | None = None) -> None:
        super().__init__(parent)
        self._customer_id = customer_id
        self._locale = locale
        self.setWindowTitle(self.tr("Meeting Notes") if meeting else self.tr("New Meeting Notes"))
        draft = meeting or MeetingDraft(customer_id, today)
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
        for task in draft.tasks:
            self._add_task_row(task.who, task.what, task.due_on)
        while self.tasks_model.rowCount() < TASK_ROWS:
            self._add_task_row()
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
        self.message_label.setText(problem)
        self.message_label.setVisible(bool(problem))
        if not problem:
            self.accept()

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()
