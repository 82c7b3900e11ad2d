"""Opening or changing a complaint, resolving or closing it, and recording a promise: small
forms that never lose what was typed (Esc asks first; a save that waits on a choice, when
another desk changed the same complaint, leaves the form open as it was)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from core.complaints.types import (
    NORMAL,
    SEVERITIES,
    ComplaintDraft,
    ComplaintRow,
    ComplaintSettings,
    ComplaintValues,
)

from gui.complaints.texts import severity_text
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import ERROR_STYLE


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _Form(QDialog):
    """A titled form about one customer, with OK (named) and Cancel."""

    def __init__(self, parent: QWidget | None, title: str, about: str, ok_text: str,
                 save: Callable[[], bool] | None = None) -> None:
        """`save()`: stores what the form says before it closes (False: not saved, the
        form stays open); None: the caller stores it after OK."""
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.about_label = QLabel(about)
        self.about_label.setWordWrap(True)
        self.form.addRow(self.about_label)
        self.message_label = QLabel()
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(520)

    def finish(self) -> None:
        self.form.addRow(self.message_label)
        self.form.addRow(self.buttons)
        self.discard_prompt = DiscardPrompt(self, is_dirty=self.has_changes,
                                            save=self._on_ok_clicked)

    def typed(self) -> str:
        return ""

    def has_changes(self) -> bool:
        return bool(self.typed())

    def problem(self) -> str:
        """Why OK cannot be taken yet ("" when it can)."""
        return ""

    def _on_ok_clicked(self) -> None:
        problem = self.problem()
        self.message_label.setText(problem)
        self.message_label.setVisible(bool(problem))
        if not problem and (self._save is None or self._save()):
            self.accept()

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()


class OpenComplaintDialog(_Form):
    """What happened, how bad, who owns it; the due day follows from the severity. With
    `complaint`, the same for one already open, to change (`values()`)."""

    def __init__(self, parent: QWidget | None, *, customer_id: int, customer_name: str,
                 owner: str, settings: ComplaintSettings,
                 format_day: Callable[[dt.date], str], now: dt.datetime | None = None,
                 complaint: ComplaintRow | None = None,
                 save: Callable[[], bool] | None = None) -> None:
        name = customer_name.replace("<", "&lt;")
        if complaint is None:
            super().__init__(parent, self.tr("New Complaint"),
                             self.tr("A complaint from <b>%1</b>. Put it right quickly: until "
                                     "it is resolved, they get no cards, letters or "
                                     "invitations.").replace("%1", name),
                             self.tr("Open Complaint"), save)
        else:
            super().__init__(parent, self.tr("Complaint"),
                             self.tr("A complaint from <b>%1</b>.").replace("%1", name),
                             self.tr("Save"), save)
        self._customer_id = customer_id
        self._settings = settings
        self._format_day = format_day
        self._complaint = complaint
        now = (now or dt.datetime.now()).replace(second=0, microsecond=0)
        if complaint is not None:
            now = complaint.opened_at.replace(second=0, microsecond=0)
        self.summary_edit = QPlainTextEdit(complaint.summary if complaint else "")
        self.summary_edit.setPlaceholderText(self.tr("What happened, in their words"))
        self.summary_edit.setFixedHeight(90)
        self.severity_combo = QComboBox()
        for severity in SEVERITIES:
            self.severity_combo.addItem(severity_text(severity), severity)
        self.severity_combo.setCurrentIndex(SEVERITIES.index(
            complaint.severity if complaint and complaint.severity in SEVERITIES else NORMAL))
        self.due_label = QLabel()
        self.owner_edit = QLineEdit(complaint.owner if complaint else owner)
        self.owner_edit.setPlaceholderText(self.tr("Who puts it right"))
        self.opened_edit = QDateTimeEdit(QDateTime(_qdate(now.date()),
                                                   QTime(now.hour, now.minute)))
        self.opened_edit.setCalendarPopup(True)
        self.opened_edit.setMaximumDateTime(QDateTime(_qdate(now.date()), QTime(23, 59)))
        self.opened_edit.setEnabled(complaint is None)  # when it was opened stays
        self.form.addRow(self.tr("What happened:"), self.summary_edit)
        self.form.addRow(self.tr("Severity:"), self.severity_combo)
        self.form.addRow(self.tr("Put right by:"), self.due_label)
        self.form.addRow(self.tr("Owner:"), self.owner_edit)
        self.form.addRow(self.tr("Opened:"), self.opened_edit)
        self.severity_combo.currentIndexChanged.connect(self._show_due)
        self.opened_edit.dateTimeChanged.connect(self._show_due)
        self._show_due()
        self.finish()
        self.summary_edit.setFocus()

    def opened_at(self) -> dt.datetime:
        value: dt.datetime = self.opened_edit.dateTime().toPython()  # type: ignore[assignment]
        return value.replace(second=0, microsecond=0)

    def _show_due(self) -> None:
        severity = str(self.severity_combo.currentData())
        due = self.opened_at().date() + dt.timedelta(days=self._settings.due_days(severity))
        self.due_label.setText(self._format_day(due))

    def typed(self) -> str:
        return self.summary_edit.toPlainText().strip()

    def problem(self) -> str:
        return "" if self.typed() else self.tr("Say what happened.")

    def has_changes(self) -> bool:
        if self._complaint is None:
            return bool(self.typed())
        return self.values() != self._complaint.values()

    def draft(self) -> ComplaintDraft:
        return ComplaintDraft(self._customer_id, self.typed(),
                              str(self.severity_combo.currentData()),
                              self.owner_edit.text().strip(), self.opened_at())

    def values(self) -> ComplaintValues:
        """The complaint being changed, with what this form says (its status as shown)."""
        assert self._complaint is not None
        return dataclasses.replace(self._complaint.values(), summary=self.typed(),
                                   severity=str(self.severity_combo.currentData()),
                                   owner=self.owner_edit.text().strip())


class ResolveComplaintDialog(_Form):
    """Resolve (what was done, and whether they said they were satisfied), or close
    without resolution (`closing`: a reason, optional)."""

    SATISFIED, NOT_SATISFIED, NOT_ASKED = range(3)

    def __init__(self, parent: QWidget | None, *, about: str, closing: bool = False,
                 save: Callable[[], bool] | None = None) -> None:
        super().__init__(parent,
                         self.tr("Close Without Resolution") if closing
                         else self.tr("Resolve Complaint"), about,
                         self.tr("Close Complaint") if closing else self.tr("Resolve"), save)
        self._closing = closing
        self.resolution_edit = QPlainTextEdit()
        self.resolution_edit.setFixedHeight(90)
        self.resolution_edit.setPlaceholderText(
            self.tr("Why it is closed (optional)") if closing
            else self.tr("What was done to put it right"))
        self.form.addRow(self.tr("Reason:") if closing else self.tr("What was done:"),
                         self.resolution_edit)
        self.satisfied_combo = QComboBox()
        self.satisfied_combo.addItems([self.tr("Yes, they said they are satisfied"),
                                       self.tr("No, they are not satisfied"),
                                       self.tr("Not asked")])
        if not closing:
            self.form.addRow(self.tr("Satisfied?"), self.satisfied_combo)
            note = QLabel(self.tr("A follow-up call is queued on Today a week later: are they "
                                  "happy now?"))
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(mid);")
            self.form.addRow(note)
        self.finish()
        self.resolution_edit.setFocus()

    def typed(self) -> str:
        return self.resolution_edit.toPlainText().strip()

    def problem(self) -> str:
        if self._closing or self.typed():
            return ""
        return self.tr("Say what was done to put it right.")

    def satisfied(self) -> bool | None:
        return {self.SATISFIED: True, self.NOT_SATISFIED: False}.get(
            self.satisfied_combo.currentIndex())


class PromiseDialog(_Form):
    """What was promised, and by when ("frame ready Friday")."""

    def __init__(self, parent: QWidget | None, *, customer_name: str, owner: str,
                 today: dt.date) -> None:
        super().__init__(parent, self.tr("New Promise"),
                         self.tr("Something promised to <b>%1</b>. Under-promise and "
                                 "over-deliver: give a day you can beat.")
                         .replace("%1", customer_name.replace("<", "&lt;")),
                         self.tr("Record Promise"))
        self.what_edit = QLineEdit()
        self.what_edit.setPlaceholderText(self.tr("For example: frame ready, call back with a "
                                                  "quote"))
        self.due_edit = QDateEdit(_qdate(today + dt.timedelta(days=1)))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setMinimumDate(_qdate(today))
        self.owner_edit = QLineEdit(owner)
        self.form.addRow(self.tr("Promised:"), self.what_edit)
        self.form.addRow(self.tr("By:"), self.due_edit)
        self.form.addRow(self.tr("Who keeps it:"), self.owner_edit)
        self.finish()
        self.what_edit.setFocus()

    def typed(self) -> str:
        return self.what_edit.text().strip()

    def problem(self) -> str:
        return "" if self.typed() else self.tr("Say what was promised.")

    def due_on(self) -> dt.date:
        day: dt.date = self.due_edit.date().toPython()  # type: ignore[assignment]
        return day
