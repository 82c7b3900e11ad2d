"""The "Reminders" tab of the customer record: every gesture the program asked for them,
and what became of it (done by whom and when, skipped and why, missed, still to do)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from core.program.types import DONE, DUE, MISSED, OVERDUE, SKIPPED, SNOOZED, UPCOMING, ActionRow

from gui.program.texts import gesture_text
from gui.widgets.text_table import TextTableModel, read_only_view

COL_WHAT, COL_WHY, COL_STATUS = range(3)


class RemindersTab(QWidget):
    def __init__(self, format_day: Callable[[dt.date], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format_day = format_day
        self.model = TextTableModel([self.tr("What"), self.tr("Why"), self.tr("What became of it")],
                                    self)
        self.table = read_only_view(self.model)
        self.empty_label = QLabel(self.tr(
            "No reminders for this customer yet. Today lists the thank-yous, birthdays and "
            "calls the program finds for them, and they are kept here once done."))
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        self.empty_label.setVisible(not rows)
        self.model.set_rows([(gesture_text(row), row.why, self.status_text(row)) for row in rows])
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_WHY,
                                                           QHeaderView.ResizeMode.Stretch)

    def status_text(self, row: ActionRow) -> str:
        when = self._format_day(row.completed_at.date()) if row.completed_at else ""
        by = f" ({row.completed_by})" if row.completed_by else ""
        note = f": {row.note}" if row.note else ""
        if row.state == DONE:
            return self.tr("Done %1").replace("%1", when) + by + note
        if row.state == SKIPPED:
            return self.tr("Skipped %1").replace("%1", when) + by + note
        if row.state == MISSED:
            return self.tr("Missed")
        if row.state == SNOOZED and row.snoozed_until is not None:
            return self.tr("Snoozed until %1").replace("%1", self._format_day(row.snoozed_until))
        return {OVERDUE: self.tr("Overdue"), DUE: self.tr("Due today"),
                UPCOMING: self.tr("Coming up")}.get(row.state, row.state)
