"""Today's "Complaints and promises" section: every complaint still open, oldest first,
with how long it has been open, and the promises overdue, due today or due this week.
Hidden on a day with neither. Enter or a double-click opens the customer."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from core.complaints.types import ComplaintRow, PromiseRow
from core.kernel.changes import Changes

from gui.complaints.alive import while_alive
from gui.complaints.texts import COUNTS, duration_text, promise_state_text, status_text
from gui.shell.context import AppContext
from gui.widgets.text_table import RowLook, TextTableModel, read_only_view

COL_KIND, COL_CUSTOMER, COL_WHAT, COL_WHEN = range(4)
_LATE = QColor("#b91c1c")
MAX_ROWS = 12  # rows in view before the list scrolls


@dataclass(frozen=True)
class DeskItems:
    complaints: tuple[ComplaintRow, ...]
    promises: tuple[PromiseRow, ...]


def read_desk_items(session: Any, today: dt.date) -> DeskItems:
    # Imported here: Today paints its first rows before the ORM is loaded.
    from core.complaints.queries import promises_due, unresolved_complaints

    return DeskItems(unresolved_complaints(session), promises_due(session, today))


class ComplaintsTodayPanel(QWidget):
    open_customer_requested = Signal(int)

    def __init__(self, context: AppContext, *, locale: QLocale,
                 format_day: Callable[[dt.date], str], today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._locale = locale
        self._format_day = format_day
        self._today = today
        self.items = DeskItems((), ())
        self._customers: list[int] = []
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 12pt; font-weight: 600; padding-top: 4px;")
        self.model = TextTableModel([self.tr("Kind"), self.tr("Customer"), self.tr("What"),
                                     self.tr("How long")], self)
        self.table = read_only_view(self.model)
        self.table.setAlternatingRowColors(True)
        # As compact as Today's list below it.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setVerticalScrollMode(self.table.ScrollMode.ScrollPerPixel)
        self.table.doubleClicked.connect(lambda _index: self.open_chosen())
        self.table.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.table)
        self.setVisible(False)
        context.changes_applied.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.listening:
            self.load()

    def load(self) -> None:
        self._context.operations.query(read_desk_items, self._today(),
                                       on_done=while_alive(self, self.show_items))

    def show_items(self, items: DeskItems) -> None:
        self.items = items
        now = dt.datetime.now()
        today = self._today()
        rows: list[tuple[str, ...]] = []
        looks: list[RowLook | None] = []
        self._customers = []
        for complaint in items.complaints:
            overdue = complaint.due_on < today
            when = self.tr("Open %1").replace("%1", duration_text(complaint.open_for(now),
                                                                  self._locale))
            when += (" · " + self.tr("was due %1").replace("%1", self._format_day(complaint.due_on))
                     if overdue else " · " + self.tr("put right by %1").replace(
                         "%1", self._format_day(complaint.due_on)))
            rows.append((self.tr("Complaint"), complaint.customer_name,
                         complaint.summary.splitlines()[0] if complaint.summary else "", when))
            looks.append(RowLook(tooltip=status_text(complaint.status),
                                 foreground=_LATE if overdue else None))
            self._customers.append(complaint.customer_id)
        for promise in items.promises:
            rows.append((self.tr("Promise"), promise.customer_name, promise.what,
                         promise_state_text(promise, today, self._format_day, self._locale)))
            looks.append(RowLook(foreground=_LATE) if promise.due_on < today else None)
            self._customers.append(promise.customer_id)
        self.model.set_rows(rows, looks=looks)
        self.setVisible(bool(rows))
        parts = []
        if items.complaints:
            parts.append(COUNTS.open_complaints(len(items.complaints), self._locale))
        if items.promises:
            parts.append(COUNTS.promises_due(len(items.promises), self._locale))
        self.title_label.setText(self.tr("Complaints and promises") + " — " + ", ".join(parts)
                                 if parts else self.tr("Complaints and promises"))
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        shown = min(len(rows), MAX_ROWS)
        self.table.setFixedHeight(header.sizeHint().height() + shown * self.table.verticalHeader()
                                  .defaultSectionSize() + 2 * self.table.frameWidth() + 2)

    def open_chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and index.row() < len(self._customers):
            self.open_customer_requested.emit(self._customers[index.row()])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_chosen()
                return True
        return super().eventFilter(watched, event)
