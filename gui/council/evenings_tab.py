"""Appreciation evenings: an evening for the best customers (a customer night, a workshop, a
preview), its guest list built from a segment or the council, the invitations printed with
labels, the answers (yes, no, maybe, with a plus-one) against the places, and who came
(coming is kept on each customer's history)."""
from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.council.errors import EventFull
from core.council.services import (
    add_guests,
    delete_event,
    list_events,
    list_guests,
    print_event_invitations,
    record_event_attendance,
    record_rsvp,
    remove_guest,
)
from core.council.types import ABSENT, MAYBE, NO, PRESENT, RSVPS, YES, EventRow, GuestRow
from core.customers.services import list_tags
from core.kernel.errors import Invalid

from gui.council.letters import ask_and_print
from gui.council.tables import council_table, select_rows
from gui.council.texts import CouncilCounts, rsvp_text, time_text
from gui.printing.texts import fill
from gui.widgets.text_table import TextTableModel

if TYPE_CHECKING:
    from gui.council.page import CouncilPage


class EveningsTab(QWidget):
    def __init__(self, page: CouncilPage) -> None:
        super().__init__()
        self._page = page
        self.events: tuple[EventRow, ...] = ()
        self.guests: tuple[GuestRow, ...] = ()
        self._shown_event_id: int | None = None
        self.events_model = TextTableModel([
            self.tr("Evening"), self.tr("Date"), self.tr("Time"), self.tr("Place"),
            self.tr("Invited"), self.tr("Coming"), self.tr("Came")], parent=self)
        self.events_table = council_table(self.events_model)
        self.events_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.events_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.events_table.selectionModel().selectionChanged.connect(
            lambda *_: self._on_event_chosen())
        self.events_table.doubleClicked.connect(lambda _i: self.edit_event())
        self.new_button = QPushButton(self.tr("New Evening…"))
        self.new_button.clicked.connect(self.new_event)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_event)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_event)
        event_buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            event_buttons.addWidget(button)
        event_buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.events_table, 1)
        top_layout.addLayout(event_buttons)

        self.places_label = QLabel()
        self.places_label.setStyleSheet("font-size: 11pt; font-weight: 600;")
        self.guests_model = TextTableModel([
            self.tr("Guest"), self.tr("Invitation printed"), self.tr("Answer"),
            self.tr("Bringing someone"), self.tr("Came")], parent=self)
        self.guests_table = council_table(self.guests_model)
        self.guests_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.guests_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.guests_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons())
        self.add_guests_button = QPushButton(self.tr("Add Guests…"))
        self.add_guests_button.clicked.connect(self.add_guests)
        self.invite_button = QPushButton(self.tr("Print Invitations…"))
        self.invite_button.setToolTip(self.tr(
            "An invitation to every guest not invited yet, with address labels"))
        self.invite_button.clicked.connect(self.print_invitations)
        self.answer_button = QPushButton(self.tr("Answer"))
        answers = QMenu(self.answer_button)
        for rsvp in (*RSVPS, ""):
            answers.addAction(rsvp_text(rsvp), partial(self.record_answer, rsvp, False))
        answers.addSeparator()
        answers.addAction(self.tr("Yes, bringing someone"), partial(self.record_answer, YES,
                                                                    True))
        answers.addAction(self.tr("Maybe, bringing someone"),
                          partial(self.record_answer, MAYBE, True))
        self.answer_button.setMenu(answers)
        self.came_button = QPushButton(self.tr("Came"))
        self.came_button.clicked.connect(lambda: self.record_came(True))
        self.missed_button = QPushButton(self.tr("Did Not Come"))
        self.missed_button.clicked.connect(lambda: self.record_came(False))
        self.remove_button = QPushButton(self.tr("Remove From List"))
        self.remove_button.clicked.connect(self.remove_guests)
        guest_buttons = QHBoxLayout()
        for button in (self.add_guests_button, self.remove_button):
            guest_buttons.addWidget(button)
        guest_buttons.addStretch(1)
        for button in (self.answer_button, self.came_button, self.missed_button,
                       self.invite_button):
            guest_buttons.addWidget(button)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.places_label)
        bottom_layout.addWidget(self.guests_table, 1)
        bottom_layout.addLayout(guest_buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([200, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._loaded = False
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.load()

    # -- reading -------------------------------------------------------------------------

    def load(self) -> None:
        if not self._loaded and not self.isVisible():
            return  # read when first shown
        self._loaded = True
        self._page.context.operations.query(list_events, on_done=self.show_events)

    def show_events(self, events: Sequence[EventRow]) -> None:
        chosen = self.chosen_event()
        self.events = tuple(events)
        locale, page = self._page.shop_locale, self._page
        self.events_model.set_rows(
            [[e.title, page.date(e.held_on), time_text(locale, e.starts_at), e.place,
              locale.toString(e.invited), self._coming_text(e),
              locale.toString(e.attended) if e.attended else ""] for e in self.events],
            right_aligned=(4, 6))
        wanted = chosen.id if chosen else (self.events[0].id if self.events else None)
        for number, event in enumerate(self.events):
            if event.id == wanted:
                self.events_table.selectRow(number)
        if wanted is None:
            self._show_guests(None, ())
        self._on_event_chosen(force=True)

    def _coming_text(self, event: EventRow) -> str:
        counts = CouncilCounts()
        if event.capacity:
            return counts.places(event.guests, event.capacity)
        return counts.guests(event.guests) if event.guests else ""

    def chosen_event(self) -> EventRow | None:
        rows = self.events_table.selectionModel().selectedRows()
        return self.events[rows[0].row()] if rows and rows[0].row() < len(self.events) \
            else None

    def _on_event_chosen(self, *, force: bool = False) -> None:
        event = self.chosen_event()
        if event is None:
            self._show_guests(None, ())
            return
        if force or event.id != self._shown_event_id:
            self._page.context.operations.query(
                list_guests, event.id, on_done=partial(self._show_guests, event))

    def _show_guests(self, event: EventRow | None, guests: Sequence[GuestRow]) -> None:
        chosen = {g.customer_id for g in self.chosen_guests()}
        self._shown_event_id = event.id if event else None
        self.guests = tuple(guests)
        page = self._page
        self.guests_model.set_rows([
            [g.name, page.date(g.invited_on), rsvp_text(g.rsvp),
             self.tr("Yes") if g.plus_one else "",
             {PRESENT: self.tr("Yes"), ABSENT: self.tr("No")}.get(g.attendance, "")]
            for g in self.guests])
        for number, guest in enumerate(self.guests):
            if guest.customer_id in chosen:
                self.guests_table.selectRow(number)
        if event is None:
            self.places_label.setText(self.tr("No evening yet: start with New Evening…")
                                      if not self.events else "")
        else:
            answered = sum(1 for g in self.guests if g.rsvp in (YES, NO, MAYBE))
            self.places_label.setText(fill(
                self.tr("%1 — %2; %3 invited, %4 answered"), event.title,
                self._coming_text(event) or CouncilCounts().guests(0),
                page.shop_locale.toString(len(self.guests)), page.shop_locale.toString(answered)))
        self._update_buttons()

    def chosen_guests(self) -> list[GuestRow]:
        return [self.guests[index.row()]
                for index in sorted(self.guests_table.selectionModel().selectedRows())
                if index.row() < len(self.guests)]

    def choose_guests(self, customer_ids: Sequence[int]) -> None:
        select_rows(self.guests_table, [number for number, guest in enumerate(self.guests)
                                         if guest.customer_id in customer_ids])

    def _update_buttons(self) -> None:
        writable = self._page.writable
        event = self.chosen_event()
        guests = bool(self.chosen_guests())
        self.new_button.setEnabled(writable)
        for button in (self.edit_button, self.delete_button, self.add_guests_button,
                       self.invite_button):
            button.setEnabled(writable and event is not None)
        for button in (self.answer_button, self.came_button, self.missed_button,
                       self.remove_button):
            button.setEnabled(writable and guests)

    # -- evenings ------------------------------------------------------------------------

    def new_event(self) -> None:
        from gui.council.evening_dialogs import EveningDialog

        dialog = EveningDialog(self, self._page.context, None, today=self._page.today())
        dialog.exec()

    def edit_event(self) -> None:
        from gui.council.evening_dialogs import EveningDialog

        event = self.chosen_event()
        if event is not None and self._page.writable:
            EveningDialog(self, self._page.context, event, today=self._page.today()).exec()

    def delete_event(self) -> None:
        event = self.chosen_event()
        if event is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete Evening"), fill(self.tr(
            "Delete “%1” and its guest list? Visits already recorded for those who came "
            "stay on their history."), event.title))
        if answer == QMessageBox.StandardButton.Yes:
            self._page.context.operations.run(delete_event, event.id)

    # -- guests --------------------------------------------------------------------------

    def add_guests(self) -> None:
        from gui.council.evening_dialogs import AddGuestsDialog

        event = self.chosen_event()
        if event is None:
            return
        context = self._page.context
        dialog = AddGuestsDialog(self, context.read(list_tags),
                                 list(self._page.view_shown.terms
                                      if self._page.view_shown else ()))
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                added = context.run(add_guests, event.id, dialog.selection(),
                                    today=self._page.today())
            except Invalid as exc:
                dialog.show_problem(exc)
                continue
            context.post_status(CouncilCounts().added(added))
            return

    def remove_guests(self) -> None:
        event = self.chosen_event()
        guests = self.chosen_guests()
        if event is None or not guests:
            return
        answer = QMessageBox.question(self, self.tr("Remove From List"), fill(self.tr(
            "Take %1 off the guest list of “%2”? A visit recorded for coming is removed "
            "too."), guests[0].name if len(guests) == 1 else CouncilCounts().people(
                len(guests)), event.title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        for guest in guests:
            self._page.context.operations.run(remove_guest, event.id, guest.customer_id)

    def record_answer(self, rsvp: str, plus_one: bool) -> None:
        event = self.chosen_event()
        if event is None:
            return
        for guest in self.chosen_guests():
            try:
                self._page.context.run(record_rsvp, event.id, guest.customer_id, rsvp,
                                       plus_one=plus_one)
            except EventFull as full:
                QMessageBox.warning(self, self.tr("The Evening Is Full"), fill(self.tr(
                    "%1 of %2 places are taken: there is no room for %3 (and the person "
                    "they bring). Raise the number of places with Edit…, or note a maybe."),
                    full.taken, full.capacity, guest.name) if full.asked > 1 else fill(
                    self.tr("%1 of %2 places are taken: there is no room for %3. Raise "
                            "the number of places with Edit…, or note a maybe."),
                    full.taken, full.capacity, guest.name))
                return

    def record_came(self, came: bool) -> None:
        event = self.chosen_event()
        if event is None:
            return
        for guest in self.chosen_guests():
            self._page.context.operations.run(record_event_attendance, event.id,
                                              guest.customer_id, came,
                                              today=self._page.today())

    def print_invitations(self) -> None:
        event = self.chosen_event()
        if event is None:
            return
        ask_and_print(self._page, print_event_invitations, event.id,
                      title=self.tr("Print Evening Invitations"),
                      what=fill(self.tr("An invitation to “%1” for every guest not invited "
                                        "yet, each recorded as invited."), event.title),
                      file_name=f"evening-invitations-{event.held_on.isoformat()}.pdf")
