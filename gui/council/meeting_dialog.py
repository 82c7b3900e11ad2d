"""A council meeting: when and where, the agenda (items carried in from the last meeting
marked so) with minutes and decisions under each item, who came, the actions agreed (and
those still open from earlier meetings), and the ideas raised.

Nothing is stored until Save (all of it in one go); closing with changes asks first.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from core.council.services import create_meeting, get_meeting
from core.council.types import ATTENDANCE, PRESENT, SERVING, MeetingDetail, MeetingDraft
from core.kernel.edits import EditConflict
from core.kernel.errors import Invalid

from gui.council.meeting_edits import ItemEdit, MeetingEdits, edits_of, save_meeting
from gui.council.meeting_parts import ActionsPart, AgendaPart, IdeasPart
from gui.council.texts import (
    attendance_text,
    clear_problems,
    long_date_text,
    show_problems,
    value_text,
)
from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import saved_despite_other_desks
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import FieldMessage, add_form_row, date_edit, line_edit
from gui.widgets.sizing import size_to_screen

if TYPE_CHECKING:
    from gui.council.page import CouncilPage

NO_TIME = QTime(0, 0)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def time_edit() -> QTimeEdit:
    """A time of day; its lowest value reads "No time set" and stands for none."""
    from PySide6.QtCore import QLocale

    edit = QTimeEdit()
    edit.setDisplayFormat(QLocale().timeFormat(QLocale.FormatType.ShortFormat))
    edit.setMinimumTime(NO_TIME)
    edit.setSpecialValueText(edit.tr("No time set"))
    return edit


def set_time(edit: QTimeEdit, starts_at: str) -> None:
    if starts_at:
        hours, minutes = (int(part) for part in starts_at.split(":"))
        edit.setTime(QTime(hours, minutes))
    else:
        edit.setTime(NO_TIME)


def time_of(edit: QTimeEdit) -> str:
    time = edit.time()
    return "" if time == NO_TIME else time.toString("HH:mm")


class NewMeetingDialog(QDialog):
    """Date, time and place of a new meeting; `created` once it is stored (the open items
    and actions of the last meeting are carried into its agenda)."""

    def __init__(self, parent: QWidget, context: AppContext, term_id: int, *,
                 today: dt.date) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QLocale

        self.setWindowTitle(self.tr("New Meeting"))
        self._context = context
        self._term_id = term_id
        self.created: MeetingDetail | None = None
        self.messages: dict[str, FieldMessage] = {}
        self.date_edit = date_edit(QLocale())
        self.date_edit.setDate(_qdate(today + dt.timedelta(days=14)))
        self.time_edit = time_edit()
        self.time_edit.setTime(QTime(18, 30))
        self.place_edit = line_edit(300, 280, self.tr("For example: the shop, after closing"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        add_form_row(form, self.tr("Date:"), self.date_edit, self.messages, "held_on")
        add_form_row(form, self.tr("Time:"), self.time_edit, self.messages, "starts_at")
        add_form_row(form, self.tr("Place:"), self.place_edit, self.messages, "place")
        note = QLabel(self.tr("Items left open at the last meeting, and actions not done "
                              "yet, are carried into the new agenda."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(self.tr("Create"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.create_meeting)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def draft(self) -> MeetingDraft:
        return MeetingDraft(_pydate(self.date_edit.date()), time_of(self.time_edit),
                            self.place_edit.text())

    def create_meeting(self) -> None:
        clear_problems(self.messages)
        try:
            self.created = self._context.run(create_meeting, self._term_id, self.draft())
        except Invalid as exc:
            show_problems(self.messages, exc)
            return
        self.accept()


class MeetingDialog(QDialog):
    def __init__(self, page: CouncilPage, meeting_id: int) -> None:
        super().__init__(page)
        self._page = page
        self._context = page.context
        self.meeting_id = meeting_id
        self.messages: dict[str, FieldMessage] = {}
        detail = self._context.read(get_meeting, meeting_id)
        self.detail = detail
        self._stored = edits_of(detail)
        self._clash: EditConflict[Any] | None = None
        edits = self._stored.copy()
        names = {a.customer_id: a.name for a in detail.attendance}
        names.update({m.customer_id: m.name for m in page.members_tab.members
                      if m.status in SERVING and m.customer_id not in names})
        self.setWindowTitle(fill(self.tr("Council Meeting, %1"),
                                 long_date_text(page.shop_locale, detail.meeting.held_on)))

        self.date_edit = date_edit(page.shop_locale)
        self.date_edit.setDate(_qdate(edits.draft.held_on))
        self.time_edit = time_edit()
        set_time(self.time_edit, edits.draft.starts_at)
        self.place_edit = line_edit(300, 260)
        self.place_edit.setText(edits.draft.place)
        self.title_edit = line_edit(200, 200, self.tr("Optional, for example: Spring meeting"))
        self.title_edit.setText(edits.draft.title)
        top = QFormLayout()
        when = QWidget()
        when_line = QHBoxLayout(when)
        when_line.setContentsMargins(0, 0, 0, 0)
        when_line.addWidget(self.date_edit)
        when_line.addWidget(QLabel(self.tr("at")))
        when_line.addWidget(self.time_edit)
        when_line.addStretch(1)
        add_form_row(top, self.tr("When:"), when, self.messages, "held_on")
        self.messages["starts_at"] = self.messages["held_on"]
        add_form_row(top, self.tr("Place:"), self.place_edit, self.messages, "place")
        add_form_row(top, self.tr("Title:"), self.title_edit, self.messages, "title")

        self.agenda = AgendaPart(edits.items, edits.other_decisions)
        self.attendance_combos: dict[int, QComboBox] = {}
        self.actions_part = ActionsPart(edits.actions, page.shop_locale)
        people = sorted(names.items(), key=lambda pair: pair[1].casefold())
        self.ideas_part = IdeasPart(edits.ideas, people)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.agenda, self.tr("Agenda and Minutes"))
        self.tabs.addTab(self._attendance_tab(edits, people), self.tr("Attendance"))
        self.tabs.addTab(self.actions_part, self.tr("Actions"))
        self.tabs.addTab(self.ideas_part, self.tr("Ideas Raised"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(page.writable)
        self.notes_button = buttons.addButton(self.tr("Save and Print Notes…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.notes_button.setEnabled(page.writable)
        self.notes_button.clicked.connect(self.save_and_print_notes)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: self.edits() != self._stored, save=self._save_from_prompt,
            can_save=lambda: page.writable)
        size_to_screen(self, (860, 600), (1100, 820))

    def _attendance_tab(self, edits: MeetingEdits,
                        people: list[tuple[int, str]]) -> QWidget:
        tab = QWidget()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for customer_id, name in people:
            combo = QComboBox()
            for mark in ("", *ATTENDANCE):
                combo.addItem(attendance_text(mark), mark)
            combo.setCurrentIndex(combo.findData(edits.attendance.get(customer_id, "")))
            self.attendance_combos[customer_id] = combo
            form.addRow(name, combo)
        everyone = QPushButton(self.tr("Everyone Present"))
        everyone.setToolTip(self.tr("Mark everyone not recorded yet as present"))
        everyone.clicked.connect(self._everyone_present)
        layout = QVBoxLayout(tab)
        if not people:
            layout.addWidget(QLabel(self.tr("No members serve on this term yet.")))
        layout.addLayout(form)
        line = QHBoxLayout()
        line.addWidget(everyone)
        line.addStretch(1)
        layout.addLayout(line)
        layout.addStretch(1)
        return tab

    def _everyone_present(self) -> None:
        for combo in self.attendance_combos.values():
            if not combo.currentData():
                combo.setCurrentIndex(combo.findData(PRESENT))

    def set_attendance(self, customer_id: int, mark: str) -> None:
        combo = self.attendance_combos[customer_id]
        combo.setCurrentIndex(combo.findData(mark))

    def edits(self) -> MeetingEdits:
        draft = MeetingDraft(_pydate(self.date_edit.date()), time_of(self.time_edit),
                             self.place_edit.text(), self.title_edit.text())
        attendance = dict(self._stored.attendance)
        attendance.update({customer_id: str(combo.currentData())
                           for customer_id, combo in self.attendance_combos.items()})
        return MeetingEdits(draft, self.agenda.edited_items(), attendance,
                            self.actions_part.edited_actions(), self.ideas_part.edited_ideas(),
                            self.agenda.other_decisions(), self._stored.version)

    def show_draft(self, draft: MeetingDraft) -> None:
        self.date_edit.setDate(_qdate(draft.held_on))
        set_time(self.time_edit, draft.starts_at)
        self.place_edit.setText(draft.place)
        self.title_edit.setText(draft.title)

    def save(self) -> bool:
        """Store everything (merged with what another desk saved meanwhile; where both
        changed the same value, the person chooses, one agenda item at a time). False: not
        saved, and everything typed is still here."""
        clear_problems(self.messages)
        try:
            detail = saved_despite_other_desks(
                self, self._save_once, fill(self.tr("the meeting of %1"), long_date_text(
                    self._page.shop_locale, self._stored.draft.held_on)),
                self._clash_label, self._take_choices,
                lambda name, value: value_text(self._page.shop_locale, name, value))
        except Invalid as exc:
            self._show_problems(exc)
            return False
        if detail is None:
            return False
        self.detail, self._stored = detail, self.edits()
        self.accept()
        return True

    def _save_once(self) -> MeetingDetail:
        try:
            detail: MeetingDetail = self._context.run(save_meeting, self.meeting_id,
                                                      self._stored, self.edits())
        except EditConflict as clash:
            self._clash = clash  # which record: the meeting, or one of its agenda items
            raise
        return detail

    def _clashing_item(self) -> tuple[int, ItemEdit] | None:
        """The agenda item (its number, its values as opened) the last clash was about."""
        if self._clash is None or self._clash.kind != "agenda item":
            return None
        for number, item in enumerate(self._stored.items, 1):
            if item.id == self._clash.record_id:
                return number, item
        return None

    def _clash_label(self, name: str) -> str:
        labels = {"held_on": self.tr("Date"), "starts_at": self.tr("Time"),
                  "place": self.tr("Place"), "title": self.tr("Title")}
        clashing = self._clashing_item()
        if clashing is None:
            return labels.get(name, name)
        number, item = clashing
        what = {"title": self.tr("Title of item %1"),
                "minutes": self.tr("Minutes of item %1, “%2”"),
                "left_open": self.tr("Carry item %1, “%2”, into the next meeting")}
        return fill(what.get(name, name), number, item.title)

    def _take_choices(self, chosen: Any, theirs: Any, version: int) -> None:
        """Show what the person chose in the fields, and save next against theirs."""
        clashing = self._clashing_item()
        if clashing is None:
            self.show_draft(chosen)
            self._stored.draft, self._stored.version = theirs, version
            return
        number, item = clashing
        item.show(theirs)
        item.version = version
        self.agenda.show_item_values(number - 1, item.id, chosen)
        self.tabs.setCurrentWidget(self.agenda)

    def _save_from_prompt(self) -> None:
        self.save()

    def _show_problems(self, exc: Invalid) -> None:
        shown = show_problems(self.messages, exc)
        if shown:
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "Nothing was saved: an agenda item, a decision, an action or an idea is "
                "empty or too long.") + "\n\n" + "\n".join(dict.fromkeys(shown)))

    def save_and_print_notes(self) -> None:
        from gui.council.meetings_tab import print_notes

        if self.edits() != self._stored and not self.save():
            return
        if self.result() != QDialog.DialogCode.Accepted:
            self.accept()
        people = [(customer_id, name) for customer_id, name in self.ideas_part.people]
        print_notes(self._page, self.detail.meeting, people)

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()

