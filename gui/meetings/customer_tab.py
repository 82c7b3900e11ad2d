"""The customer record's "Meeting Notes" tab: each meeting's notes, printed as a tidy letter,
and the day they were sent (the program reminds when that is more than 2 days after)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.meetings.queries import customer_meetings
from core.meetings.services import mark_notes_sent, plan_meeting_notes
from core.meetings.types import MeetingRow
from core.printing.errors import NoRecipients
from core.printing.types import NO_MAIL

from gui.complaints.alive import listening_changed_for, while_alive
from gui.meetings.dialog import MeetingDialog
from gui.shell.context import AppContext
from gui.widgets.text_table import TextTableModel, read_only_view

COL_DATE, COL_SUBJECT, COL_AGREED, COL_SENT = range(4)


class MeetingsTab(QWidget):
    def __init__(self, context: AppContext, customer_id: int, *,
                 customer_name: Callable[[], str], format_day: Callable[[dt.date], str],
                 locale: QLocale, today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._customer_id = customer_id
        self._customer_name = customer_name
        self._format_day = format_day
        self._locale = locale
        self._today = today
        self.meetings: tuple[MeetingRow, ...] = ()
        self.model = TextTableModel([self.tr("Date"), self.tr("Subject"), self.tr("Agreed"),
                                     self.tr("Notes sent")], self)
        self.table = read_only_view(self.model)
        self.table.doubleClicked.connect(lambda _index: self._on_edit_clicked())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = QLabel(self.tr(
            "No meeting notes yet. After a consultation, a fitting or a business customer's "
            "review, write down what was discussed and agreed, and send the notes the same "
            "day: Today reminds you when they are 2 days late."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid);")
        self.new_button = QPushButton(self.tr("New Meeting Notes…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.print_button = QPushButton(self.tr("Print Letter…"))
        self.print_button.setToolTip(self.tr("Print the notes as a letter to them (PDF)"))
        self.sent_button = QPushButton(self.tr("Sent Today"))
        self.sent_button.setToolTip(self.tr("Record that the notes were sent today"))
        self.new_button.clicked.connect(self._on_new_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.sent_button.clicked.connect(self._on_sent_clicked)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.print_button, self.sent_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        context.changes_applied.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if listening_changed_for(changes, self._customer_id):
            self.load()

    def load(self) -> None:
        self._context.operations.query(customer_meetings, self._customer_id,
                                       on_done=while_alive(self, self.show_rows))

    def show_rows(self, meetings: tuple[MeetingRow, ...]) -> None:
        self.meetings = meetings
        today = self._today()
        rows = []
        for meeting in self.meetings:
            if meeting.sent_on is not None:
                sent = self._format_day(meeting.sent_on)
            elif (today - meeting.met_on).days > 2:
                sent = self.tr("Not sent (late)")
            else:
                sent = self.tr("Not sent yet")
            rows.append((self._format_day(meeting.met_on), meeting.subject,
                         "; ".join(meeting.agreed), sent))
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_AGREED,
                                                           QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def chosen(self) -> MeetingRow | None:
        index = self.table.currentIndex()
        return self.meetings[index.row()] if index.isValid() else None

    def _update_buttons(self) -> None:
        writable = not self._context.read_only
        chosen = self.chosen()
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and chosen is not None)
        self.print_button.setEnabled(writable and chosen is not None)
        self.sent_button.setEnabled(writable and chosen is not None and chosen.sent_on is None)

    def _on_new_clicked(self) -> None:
        MeetingDialog(self, context=self._context, customer_id=self._customer_id,
                      customer_name=self._customer_name(), locale=self._locale,
                      today=self._today()).exec()  # it saves

    def _on_edit_clicked(self) -> None:
        chosen = self.chosen()
        if chosen is None or self._context.read_only:
            return
        MeetingDialog(self, context=self._context, customer_id=self._customer_id,
                      customer_name=self._customer_name(), locale=self._locale,
                      today=self._today(), meeting=chosen).exec()  # it saves
        self.load()  # another desk's save it met may have written nothing here: show it

    def _on_sent_clicked(self) -> None:
        chosen = self.chosen()
        if chosen is not None and chosen.sent_on is None:
            self._context.operations.run(mark_notes_sent, chosen.id,
                                         sent_on=max(self._today(), chosen.met_on))

    def _on_print_clicked(self) -> None:
        from core.printing.errors import IncompleteBusinessProfile

        from gui.printing.print_history import print_plan
        from gui.settings.profile_needed import ask_to_complete_profile

        chosen = self.chosen()
        if chosen is None:
            return
        try:
            plan = self._context.read(plan_meeting_notes, chosen.id)
        except IncompleteBusinessProfile as exc:
            ask_to_complete_profile(self, self._context, exc.fields)
            return
        except NoRecipients as nobody:
            reason = nobody.skipped[0].reason if nobody.skipped else ""
            QMessageBox.information(self, self.tr("Print Letter"), self.tr(
                "The notes cannot be printed as a letter: this customer asked for no mail."
                if reason == NO_MAIL else
                "The notes cannot be printed as a letter: this customer has no postal "
                "address. Add one on the Details tab and save, then print again."))
            return
        name = f"meeting-notes-{chosen.met_on.isoformat()}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the meeting notes as"), name,
                                              self.tr("PDF (*.pdf)"))
        if not path:
            return
        summary = print_plan(self, self._context, plan, Path(path), None)
        if summary is None:
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        if chosen.sent_on is None:
            self._context.post_status(self.tr("Printed. Click Sent Today once the notes are "
                                              "on their way."))
