"""The term's members: role, status, when they joined, the charter signed, attendance, and
a flag on those who missed two meetings running."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.council.services import remove_member, update_member
from core.council.types import (
    CHAIR,
    MEMBER,
    MEMBER_STATUSES,
    SEATED,
    SUGGESTED,
    MemberDraft,
    MemberRow,
)

from gui.council.tables import council_table
from gui.council.texts import (
    CouncilCounts,
    Opened,
    attendance_rate_text,
    reason_text,
    role_text,
    status_text,
    value_text,
)
from gui.printing.texts import fill
from gui.widgets.conflict_dialog import saved_despite_other_desks
from gui.widgets.text_table import RowLook, TextTableModel

if TYPE_CHECKING:
    from gui.council.page import CouncilPage

COL_NAME, COL_ROLE, COL_STATUS, COL_JOINED, COL_CHARTER, COL_ATTENDANCE, COL_TERMS, \
    COL_NOTE = range(8)
FLAG = QBrush(QColor("#fde2e1"))


class MembersTab(QWidget):
    def __init__(self, page: CouncilPage) -> None:
        super().__init__()
        self._page = page
        self.members: tuple[MemberRow, ...] = ()
        self.model = TextTableModel([
            self.tr("Name"), self.tr("Role"), self.tr("Status"), self.tr("Joined"),
            self.tr("Charter signed"), self.tr("Meetings attended"), self.tr("Terms served"),
            self.tr("Note")], parent=self)
        self.table = council_table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.open_customer())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.status_button = QPushButton(self.tr("Change Status"))
        status_menu = QMenu(self.status_button)
        for status in MEMBER_STATUSES:
            status_menu.addAction(status_text(status), partial(self.set_status, status))
        self.status_button.setMenu(status_menu)
        self.role_button = QPushButton(self.tr("Make Chair"))
        self.role_button.clicked.connect(self.toggle_role)
        self.charter_button = QPushButton(self.tr("Charter Signed"))
        self.charter_button.setToolTip(self.tr("Record that this member signed the charter "
                                               "today (press again to take it back)"))
        self.charter_button.clicked.connect(self.toggle_charter)
        self.remove_button = QPushButton(self.tr("Remove From Term"))
        self.remove_button.setToolTip(self.tr("Only for someone suggested by mistake: "
                                              "members who served stay in the history"))
        self.remove_button.clicked.connect(self.remove)
        self.open_button = QPushButton(self.tr("Open Customer"))
        self.open_button.clicked.connect(self.open_customer)
        buttons = QHBoxLayout()
        for button in (self.status_button, self.role_button, self.charter_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def show_members(self, members: Sequence[MemberRow]) -> None:
        chosen = self.chosen()
        self.members = tuple(members)
        page, counts = self._page, CouncilCounts()
        rows, looks = [], []
        for m in self.members:
            note = counts.missed(m.missed_running) if m.flagged else reason_text(m.reason)
            seated = m.status in SEATED or m.meetings_held > 0
            rows.append([m.name, role_text(m.role), status_text(m.status),
                         page.date(m.joined_on), page.date(m.charter_accepted_on),
                         attendance_rate_text(m, page.shop_locale) if seated else "",
                         counts.terms_served(m.terms_served) if m.terms_served else "",
                         note])
            looks.append(RowLook(tooltip=reason_text(m.reason)) if m.reason else None)
        self.model.set_rows(rows, looks=looks)
        for number, m in enumerate(self.members):
            if m.flagged:
                self.model.mark_cell(number, COL_NOTE, self.tr(
                    "Worth a call: ask whether the meetings still suit them."), FLAG)
                self.model.mark_cell(number, COL_ATTENDANCE, counts.missed(m.missed_running),
                                     FLAG)
        if chosen is not None:
            self.choose(chosen.id)
        self._update_buttons()

    def choose(self, member_id: int) -> None:
        for number, m in enumerate(self.members):
            if m.id == member_id:
                self.table.selectRow(number)

    def chosen(self) -> MemberRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.members[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        member = self.chosen()
        writable = self._page.writable and member is not None
        for button in (self.status_button, self.role_button, self.charter_button):
            button.setEnabled(writable)
        self.remove_button.setEnabled(writable and member is not None
                                      and member.status == SUGGESTED)
        self.open_button.setEnabled(member is not None)
        self.role_button.setText(self.tr("Make Ordinary Member")
                                 if member is not None and member.role == CHAIR
                                 else self.tr("Make Chair"))

    def set_status(self, status: str) -> None:
        member = self.chosen()
        if member is not None:
            self._change(member, replace(member.draft, status=status))

    def toggle_role(self) -> None:
        member = self.chosen()
        if member is not None:
            self._change(member, replace(member.draft,
                                         role=MEMBER if member.role == CHAIR else CHAIR))

    def toggle_charter(self) -> None:
        member = self.chosen()
        if member is not None:
            signed = None if member.charter_accepted_on else self._page.today()
            self._change(member, replace(member.draft, charter_accepted_on=signed))

    def _change(self, member: MemberRow, draft: MemberDraft) -> None:
        """Store `draft` against the member as shown; when another desk changed the same
        value meanwhile, the person chooses (Cancel changes nothing)."""
        opened, mine = Opened(member.id, member.draft, member.version), [draft]

        def take(chosen: MemberDraft, theirs: MemberDraft, version: int) -> None:
            mine[0], opened.draft, opened.version = chosen, theirs, version

        labels = {"status": self.tr("Status"), "role": self.tr("Role"),
                  "charter_accepted_on": self.tr("Charter signed")}
        words = {"status": status_text, "role": role_text}
        saved_despite_other_desks(
            self, lambda: self._page.context.run(
                update_member, member.id, mine[0], on=self._page.today(), base=opened.draft,
                base_version=opened.version),
            fill(self.tr("the membership of %1"), member.name),
            lambda name: labels.get(name, name), take,
            lambda name, value: words[name](value) if name in words
            else value_text(self._page.shop_locale, name, value))

    def remove(self) -> None:
        member = self.chosen()
        if member is None or member.status != SUGGESTED:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove From Term"),
            fill(self.tr("Take %1 off this term's list?"), member.name))
        if answer == QMessageBox.StandardButton.Yes:
            self._page.context.operations.run(remove_member, member.id)

    def open_customer(self) -> None:
        member = self.chosen()
        if member is not None:
            self._page.open_customer_requested.emit(member.customer_id)
