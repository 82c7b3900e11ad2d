"""The term's meetings: when and where, who came, and whether the invitations and the notes
went out; a meeting opens for its agenda, attendance, minutes, actions and ideas."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.council.services import (
    delete_meeting,
    print_meeting_invitations,
    print_meeting_notes,
    record_notes_sent,
)
from core.council.types import LettersPrinted, MeetingRow

from gui.council.letters import ask_and_print
from gui.council.tables import council_table
from gui.council.texts import CouncilCounts, time_text
from gui.printing.texts import fill
from gui.widgets.text_table import TextTableModel

if TYPE_CHECKING:
    from gui.council.page import CouncilPage

COL_DATE, COL_TIME, COL_PLACE, COL_PRESENT, COL_INVITED, COL_NOTES = range(6)


class MeetingsTab(QWidget):
    def __init__(self, page: CouncilPage) -> None:
        super().__init__()
        self._page = page
        self.meetings: tuple[MeetingRow, ...] = ()
        self.model = TextTableModel([self.tr("Date"), self.tr("Time"), self.tr("Place"),
                                     self.tr("Came"), self.tr("Invitations sent"),
                                     self.tr("Notes sent")], parent=self)
        self.table = council_table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PLACE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_chosen())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.new_button = QPushButton(self.tr("New Meeting…"))
        self.new_button.clicked.connect(self.new_meeting)
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.setToolTip(self.tr("Agenda, attendance, minutes, decisions, actions "
                                            "and ideas"))
        self.open_button.clicked.connect(self.open_chosen)
        self.invitations_button = QPushButton(self.tr("Print Invitations…"))
        self.invitations_button.setToolTip(self.tr(
            "A letter to each member asking them to the meeting, with its agenda"))
        self.invitations_button.clicked.connect(self.print_invitations)
        self.notes_button = QPushButton(self.tr("Print Notes…"))
        self.notes_button.setToolTip(self.tr(
            "The minutes as a typed letter to each member (or to one), with labels"))
        self.notes_button.clicked.connect(self.print_notes)
        self.sent_button = QPushButton(self.tr("Notes Sent Another Way"))
        self.sent_button.setToolTip(self.tr(
            "Record that the notes went out today (by email or by hand)"))
        self.sent_button.clicked.connect(self.mark_notes_sent)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_chosen)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.invitations_button, self.notes_button, self.sent_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def show_meetings(self, meetings: Sequence[MeetingRow]) -> None:
        chosen = self.chosen()
        page, locale = self._page, self._page.shop_locale
        self.meetings = tuple(sorted(meetings, key=lambda m: m.held_on, reverse=True))
        today = page.today()
        rows = []
        for m in self.meetings:
            came = (fill(self.tr("%1 of %2"), locale.toString(m.present),
                         locale.toString(m.invited)) if m.held_on <= today and m.present
                    else "")
            rows.append([page.date(m.held_on), time_text(locale, m.starts_at), m.place, came,
                         page.date(m.invitations_sent_on), self._notes_text(m)])
        self.model.set_rows(rows)
        if chosen is not None:
            for number, m in enumerate(self.meetings):
                if m.id == chosen.id:
                    self.table.selectRow(number)
        self._update_buttons()

    def _notes_text(self, meeting: MeetingRow) -> str:
        if meeting.notes_sent_on is not None:
            return self._page.date(meeting.notes_sent_on)
        if meeting.held_on > self._page.today():
            return ""
        return self.tr("Not yet")

    def chosen(self) -> MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.meetings[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        meeting = self.chosen()
        writable = self._page.writable
        self.new_button.setEnabled(writable and self._page.term() is not None)
        for button in (self.open_button, self.invitations_button, self.notes_button):
            button.setEnabled(meeting is not None)
        self.delete_button.setEnabled(writable and meeting is not None)
        self.sent_button.setEnabled(writable and meeting is not None
                                    and meeting.notes_sent_on is None)
        self.invitations_button.setEnabled(writable and meeting is not None)
        self.notes_button.setEnabled(writable and meeting is not None)

    def new_meeting(self) -> None:
        from gui.council.meeting_dialog import MeetingDialog, NewMeetingDialog

        term = self._page.term()
        if term is None:
            return
        ask = NewMeetingDialog(self, self._page.context, term.id, today=self._page.today())
        if ask.exec() == QDialog.DialogCode.Accepted and ask.created is not None:
            MeetingDialog(self._page, ask.created.meeting.id).exec()

    def open_chosen(self) -> None:
        from gui.council.meeting_dialog import MeetingDialog

        meeting = self.chosen()
        if meeting is not None:
            MeetingDialog(self._page, meeting.id).exec()

    def delete_chosen(self) -> None:
        meeting = self.chosen()
        if meeting is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete Meeting"),
            fill(self.tr("Delete the meeting of %1, with its agenda, attendance, minutes "
                         "and actions?"), self._page.date(meeting.held_on)))
        if answer == QMessageBox.StandardButton.Yes:
            self._page.context.operations.run(delete_meeting, meeting.id)

    def print_invitations(self) -> None:
        meeting = self.chosen()
        if meeting is not None:
            ask_and_print(
                self._page, print_meeting_invitations, meeting.id,
                title=self.tr("Print Meeting Invitations"),
                what=fill(self.tr("A letter to each member asking them to the meeting of "
                                  "%1, with its agenda."), self._page.date(meeting.held_on)),
                file_name=f"council-meeting-{meeting.held_on.isoformat()}-invitations.pdf",
                people=self._people())

    def print_notes(self) -> None:
        meeting = self.chosen()
        if meeting is not None:
            print_notes(self._page, meeting, self._people())

    def _people(self) -> list[tuple[int, str]]:
        from core.council.types import SERVING

        return [(m.customer_id, m.name) for m in self._page.members_tab.members
                if m.status in SERVING]

    def mark_notes_sent(self) -> None:
        meeting = self.chosen()
        if meeting is not None:
            self._page.context.operations.run(record_notes_sent, meeting.id,
                                              self._page.today())


def print_notes(page: CouncilPage, meeting: MeetingRow,
                people: Sequence[tuple[int, str]]) -> None:
    """Print the meeting's notes letter (everyone, or one member), recorded as sent."""

    def said(done: LettersPrinted) -> str:
        return CouncilCounts().notes_printed(done.letters)

    ask_and_print(
        page, print_meeting_notes, meeting.id, title=page.tr("Print Meeting Notes"),
        what=fill(page.tr("The notes of the meeting of %1 as a typed letter: who came, "
                          "each agenda item, the decisions, the actions and the next "
                          "meeting's date."), page.date(meeting.held_on)),
        file_name=f"council-meeting-{meeting.held_on.isoformat()}-notes.pdf",
        people=people, said=said)
