"""The customer record's "Complaints & Promises" tab, and the banner an open complaint
puts at the top of the record.

Each button writes at once, as its own operation (a complaint is not part of the record's
Save): the rest of the window hears of it through `changes_applied`. A change is made from
the complaint as this tab shows it: when another desk moved it on meanwhile, the person sees
both and chooses (gui.widgets.conflict_dialog), and a promise another desk already marked
kept stays as it is.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.complaints.errors import PromiseKept
from core.complaints.queries import customer_complaints, customer_promises
from core.complaints.services import (
    add_promise,
    keep_promise,
    open_complaint,
    save_complaint,
)
from core.complaints.types import (
    CLOSED,
    IN_PROGRESS,
    RESOLVED,
    WAITING,
    ComplaintRow,
    ComplaintSettings,
    ComplaintValues,
    PromiseRow,
)
from core.kernel.changes import Changes
from core.kernel.desk import who_is_at_the_desk
from core.kernel.edits import SavedMeanwhile
from core.settings.services import get_settings

from gui.complaints.alive import listening_changed_for, while_alive
from gui.complaints.dialogs import OpenComplaintDialog, PromiseDialog, ResolveComplaintDialog
from gui.complaints.texts import (
    complaint_value_label,
    complaint_value_text,
    duration_text,
    promise_state_text,
    severity_text,
    status_text,
)
from gui.desks.staff_names import offer_staff_names
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import saved_despite_other_desks
from gui.widgets.text_table import RowLook, TextTableModel, read_only_view

_DIM = QColor("#6b7280")  # a complaint ended, a promise kept: history, not work
BANNER_STYLE = ("#complaint_banner { background: #fee2e2; border: 1px solid #ef4444;"
                " border-radius: 6px; } #complaint_banner QLabel { color: #7f1d1d; }")


class ComplaintBanner(QFrame):
    """"Open complaint for 3 days: “Cake was dry”. Put right by 5 Dec." on top of the
    record, hidden when nothing is open."""

    show_requested = Signal()

    def __init__(self, format_day: Callable[[dt.date], str], locale: QLocale,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format_day = format_day
        self._locale = locale
        self.setObjectName("complaint_banner")
        self.setStyleSheet(BANNER_STYLE)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.show_button = QPushButton(self.tr("Show Complaint"))
        self.show_button.clicked.connect(self.show_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.show_button)
        self.setVisible(False)

    def set_complaints(self, unresolved: Sequence[ComplaintRow], now: dt.datetime) -> None:
        self.setVisible(bool(unresolved))
        if not unresolved:
            self.text_label.setText("")
            return
        oldest = unresolved[0]
        summary = oldest.summary.splitlines()[0] if oldest.summary else ""
        if len(summary) > 80:
            summary = summary[:79] + "…"
        text = self.tr("<b>Open complaint for %1:</b> “%2”. %3, put right by %4. No cards, "
                       "letters or invitations go to them until it is resolved.")
        if len(unresolved) > 1:
            text = self.tr("<b>%5 open complaints; the oldest for %1:</b> “%2”. %3, put right "
                           "by %4. No cards, letters or invitations go to them until they "
                           "are resolved.").replace("%5", self._locale.toString(len(unresolved)))
        overdue = oldest.due_on < now.date()
        due = self._format_day(oldest.due_on)
        if overdue:
            due = f"<span style='font-weight:600'>{due} ({self.tr('overdue')})</span>"
        self.text_label.setText(
            text.replace("%1", duration_text(oldest.open_for(now), self._locale))
            .replace("%2", _escaped(summary)).replace("%3", status_text(oldest.status))
            .replace("%4", due))


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def read_customer_listening(session: Any, customer_id: int
                            ) -> tuple[tuple[ComplaintRow, ...], tuple[PromiseRow, ...]]:
    return customer_complaints(session, customer_id), customer_promises(session, customer_id)


class ComplaintsTab(QWidget):
    """The customer's complaints (newest first) and promises (still to keep first)."""

    complaints_read = Signal(object)  # the unresolved ComplaintRows, oldest first

    def __init__(self, context: AppContext, customer_id: int, *,
                 customer_name: Callable[[], str], format_day: Callable[[dt.date], str],
                 locale: QLocale, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._customer_id = customer_id
        self._customer_name = customer_name
        self._format_day = format_day
        self._locale = locale
        self._today = today
        self.complaints: tuple[ComplaintRow, ...] = ()
        self.promises: tuple[PromiseRow, ...] = ()
        self.loaded = False
        self._select_first = False  # after opening a complaint: choose it

        self.complaints_model = TextTableModel(
            [self.tr("Opened"), self.tr("What happened"), self.tr("Severity"),
             self.tr("Status"), self.tr("Put right by"), self.tr("Owner")], self)
        self.complaints_table = read_only_view(self.complaints_model)
        self.complaints_table.selectionModel().currentChanged.connect(
            lambda *_: self._update_buttons())
        self.new_complaint_button = QPushButton(self.tr("New Complaint…"))
        self.edit_complaint_button = QPushButton(self.tr("Edit…"))
        self.edit_complaint_button.setToolTip(self.tr("Change what happened, its severity or "
                                                      "who puts it right"))
        self.in_progress_button = QPushButton(self.tr("In Progress"))
        self.in_progress_button.setToolTip(self.tr("Someone is working on it (the first "
                                                   "response, if it is the first move)"))
        self.waiting_button = QPushButton(self.tr("Waiting on Customer"))
        self.waiting_button.setToolTip(self.tr("Waiting for them to answer: this time is not "
                                               "counted in the time to resolve"))
        self.resolve_button = QPushButton(self.tr("Resolve…"))
        self.close_button = QPushButton(self.tr("Close Without Resolution…"))
        self.new_complaint_button.clicked.connect(self._on_new_complaint_clicked)
        self.edit_complaint_button.clicked.connect(self._on_edit_complaint_clicked)
        self.in_progress_button.clicked.connect(lambda: self._move(IN_PROGRESS))
        self.waiting_button.clicked.connect(lambda: self._move(WAITING))
        self.resolve_button.clicked.connect(lambda: self._on_end_clicked(closing=False))
        self.close_button.clicked.connect(lambda: self._on_end_clicked(closing=True))

        self.promises_model = TextTableModel(
            [self.tr("Promised"), self.tr("By"), self.tr("Who keeps it"), self.tr("Kept?")],
            self)
        self.promises_table = read_only_view(self.promises_model)
        self.promises_table.selectionModel().currentChanged.connect(
            lambda *_: self._update_buttons())
        self.new_promise_button = QPushButton(self.tr("New Promise…"))
        self.kept_button = QPushButton(self.tr("Kept Today"))
        self.kept_button.setToolTip(self.tr("It was delivered today: early, on time or late is "
                                            "kept"))
        self.new_promise_button.clicked.connect(self._on_new_promise_clicked)
        self.kept_button.clicked.connect(self._on_kept_clicked)

        self.no_complaints_label = _note(self.tr(
            "No complaints from this customer. When something goes wrong, open one here: "
            "it is shown on Today until it is put right."))
        self.no_promises_label = _note(self.tr(
            "No promises to this customer yet. Record what you said you would do, and by "
            "when (“frame ready Friday”): Today reminds you on the day."))
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("Complaints")))
        layout.addWidget(self.no_complaints_label)
        layout.addWidget(self.complaints_table, 3)
        layout.addLayout(_row(self.new_complaint_button, self.edit_complaint_button,
                              self.in_progress_button,
                              self.waiting_button, self.resolve_button, self.close_button))
        layout.addWidget(_heading(self.tr("Promises")))
        layout.addWidget(self.no_promises_label)
        layout.addWidget(self.promises_table, 2)
        layout.addLayout(_row(self.new_promise_button, self.kept_button))
        layout.addStretch(0)
        context.changes_applied.connect(self._on_changes)

    # -- reading ---------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if listening_changed_for(changes, self._customer_id):
            self.load()

    def load(self) -> None:
        """Read the customer's complaints and promises in the background, then show them."""
        self._context.operations.query(read_customer_listening, self._customer_id,
                                       on_done=while_alive(self, self.show_rows))

    def show_rows(self, rows: tuple[tuple[ComplaintRow, ...], tuple[PromiseRow, ...]]) -> None:
        self.complaints, self.promises = rows
        now = dt.datetime.now()
        today = self._today()
        self.complaints_model.set_rows([
            (self._when(row.opened_at), row.summary, severity_text(row.severity),
             status_text(row.status), self._due_text(row, now), row.owner)
            for row in self.complaints],
            looks=[RowLook(tooltip=self._history_text(row),
                           foreground=None if row.unresolved else _DIM)
                   for row in self.complaints])
        self.promises_model.set_rows([
            (row.what, self._format_day(row.due_on), row.owner,
             promise_state_text(row, today, self._format_day, self._locale))
            for row in self.promises],
            looks=[None if row.kept_on is None else RowLook(foreground=_DIM)
                   for row in self.promises])
        for table, stretch in ((self.complaints_table, 1), (self.promises_table, 0)):
            table.resizeColumnsToContents()
            table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.loaded = True
        if self._select_first and self.complaints:
            self._select_first = False
            self.complaints_table.selectRow(0)
        self.no_complaints_label.setVisible(not self.complaints)
        self.complaints_table.setVisible(bool(self.complaints))
        self.no_promises_label.setVisible(not self.promises)
        self.promises_table.setVisible(bool(self.promises))
        self._update_buttons()
        self.complaints_read.emit(tuple(sorted((r for r in self.complaints if r.unresolved),
                                               key=lambda r: r.opened_at)))

    def _when(self, at: dt.datetime) -> str:
        return f"{self._format_day(at.date())} {at:%H:%M}"

    def _due_text(self, row: ComplaintRow, now: dt.datetime) -> str:
        if row.ended_at is not None:
            return self.tr("Ended %1").replace("%1", self._format_day(row.ended_at.date()))
        due = self._format_day(row.due_on)
        return due + (f" ({self.tr('overdue')})" if row.due_on < now.date() else "")

    def _history_text(self, row: ComplaintRow) -> str:
        lines = [f"{self._when(change.changed_at)}  {status_text(change.status)}"
                 + (f" ({change.changed_by})" if change.changed_by else "")
                 for change in row.history]
        if row.resolution:
            lines.append(self.tr("What was done: %1").replace("%1", row.resolution))
        if row.satisfied is not None:
            lines.append(self.tr("Satisfied: yes") if row.satisfied else self.tr("Satisfied: no"))
        return "\n".join(lines)

    def chosen_complaint(self) -> ComplaintRow | None:
        index = self.complaints_table.currentIndex()
        return self.complaints[index.row()] if index.isValid() else None

    def chosen_promise(self) -> PromiseRow | None:
        index = self.promises_table.currentIndex()
        return self.promises[index.row()] if index.isValid() else None

    def _update_buttons(self) -> None:
        writable = not self._context.read_only
        complaint = self.chosen_complaint()
        open_ = writable and complaint is not None and complaint.unresolved
        self.new_complaint_button.setEnabled(writable)
        self.edit_complaint_button.setEnabled(writable and complaint is not None)
        self.in_progress_button.setEnabled(open_ and complaint is not None
                                           and complaint.status != IN_PROGRESS)
        self.waiting_button.setEnabled(open_ and complaint is not None
                                       and complaint.status != WAITING)
        self.resolve_button.setEnabled(open_)
        self.close_button.setEnabled(open_)
        promise = self.chosen_promise()
        self.new_promise_button.setEnabled(writable)
        self.kept_button.setEnabled(writable and promise is not None and promise.kept_on is None)

    def select_oldest_open(self) -> None:
        for number, row in enumerate(self.complaints):
            if row.unresolved:
                self.complaints_table.selectRow(number)
        self._update_buttons()

    # -- writing ---------------------------------------------------------------------------

    def _on_new_complaint_clicked(self) -> None:
        dialog = OpenComplaintDialog(
            self, customer_id=self._customer_id, customer_name=self._customer_name(),
            owner=who_is_at_the_desk(), settings=self._context.read(get_settings,
                                                                    ComplaintSettings),
            format_day=self._format_day)
        offer_staff_names(dialog.owner_edit, self._context)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._select_first = True
            self._context.operations.run(open_complaint, dialog.draft())

    def _on_edit_complaint_clicked(self) -> None:
        complaint = self.chosen_complaint()
        if complaint is None or self._context.read_only:
            return
        dialog: OpenComplaintDialog | None = None

        def save() -> bool:
            assert dialog is not None
            return self.save_complaint(complaint, dialog.values())

        dialog = OpenComplaintDialog(
            self, customer_id=self._customer_id, customer_name=self._customer_name(),
            owner=complaint.owner, settings=self._context.read(get_settings, ComplaintSettings),
            format_day=self._format_day, complaint=complaint, save=save)
        offer_staff_names(dialog.owner_edit, self._context)
        dialog.exec()

    def _move(self, status: str) -> None:
        complaint = self.chosen_complaint()
        if complaint is not None:
            self.save_complaint(complaint, dataclasses.replace(complaint.values(), status=status))

    def _on_end_clicked(self, *, closing: bool) -> None:
        complaint = self.chosen_complaint()
        if complaint is None:
            return
        about = self.tr("<b>%1</b>: “%2”, severity %3.").replace(
            "%1", _escaped(complaint.customer_name)).replace(
            "%2", _escaped(complaint.summary)).replace("%3", severity_text(complaint.severity).lower())
        dialog: ResolveComplaintDialog | None = None

        def save() -> bool:
            assert dialog is not None
            ended = (dataclasses.replace(complaint.values(), status=CLOSED,
                                         resolution=dialog.typed()) if closing
                     else dataclasses.replace(complaint.values(), status=RESOLVED,
                                              resolution=dialog.typed(),
                                              satisfied=dialog.satisfied()))
            return self.save_complaint(complaint, ended)

        dialog = ResolveComplaintDialog(self, about=about, closing=closing, save=save)
        dialog.exec()

    def save_complaint(self, complaint: ComplaintRow, changed: ComplaintValues) -> bool:
        """Save `changed`, made from `complaint` as shown; when another desk changed the same
        values meanwhile, the person chooses. False: they cancelled the choice, and nothing
        was written."""
        mine, base, version = changed, complaint.values(), complaint.version

        def take(chosen: ComplaintValues, theirs: ComplaintValues, stored: int) -> None:
            nonlocal mine, base, version
            mine, base, version = chosen, theirs, stored

        summary = complaint.summary.splitlines()[0] if complaint.summary else ""
        what = self.tr("the complaint “%1”").replace(
            "%1", summary if len(summary) <= 60 else summary[:59] + "…")
        saved = saved_despite_other_desks(
            self, lambda: self._context.run(save_complaint, complaint.id, mine, base=base,
                                            base_version=version, by=who_is_at_the_desk()),
            what, complaint_value_label, take, complaint_value_text)
        if version != complaint.version:
            # Another desk's save was met: show it (keeping theirs writes nothing here, and
            # a SQLite file sends no word of the other desk's save).
            self.load()
        return saved is not None

    def _on_new_promise_clicked(self) -> None:
        today = self._today()
        dialog = PromiseDialog(self, customer_name=self._customer_name(),
                               owner=who_is_at_the_desk(), today=today)
        offer_staff_names(dialog.owner_edit, self._context)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._context.operations.run(add_promise, customer_id=self._customer_id,
                                         what=dialog.typed(), due_on=dialog.due_on(),
                                         made_on=today, owner=dialog.owner_edit.text())

    def _on_kept_clicked(self) -> None:
        promise = self.chosen_promise()
        if promise is None or promise.kept_on is not None:
            return
        while True:
            try:
                self._context.run(keep_promise, promise.id, kept_on=self._today())
            except SavedMeanwhile:
                continue  # another desk's save came first by a moment: look again
            except PromiseKept as kept:
                # Kept once, on the day the other desk said: nothing to choose, nothing lost.
                day = self._format_day(dt.date.fromisoformat(kept.kept_on))
                self._context.post_status(self.tr(
                    "“%1” was already marked kept at another desk, on %2.").replace(
                    "%1", promise.what).replace("%2", day))
                self.load()
            return


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; font-size: 11pt; padding-top: 6px;")
    return label


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(mid);")
    return label


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
