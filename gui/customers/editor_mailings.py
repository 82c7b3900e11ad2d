"""The "Cards sent" tab of the customer record: what was printed for them, and when."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from core.printing.batches import MailingRow

from gui.widgets.text_table import TextTableModel, read_only_view

COL_TEMPLATE, COL_PRINTED, COL_STATUS, COL_BATCH = range(4)


class MailingsTab(QWidget):
    def __init__(self, format_day: Callable[[dt.date], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format_day = format_day
        self.mailings_model = TextTableModel(
            [self.tr("Card or letter"), self.tr("Printed"), self.tr("Status"), self.tr("Batch")],
            self)
        self.mailings_table = read_only_view(self.mailings_model)
        self.mailings_table.horizontalHeader().setSectionResizeMode(
            COL_TEMPLATE, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.tr(
            "Nothing printed for this customer yet. Cards and letters appear here once a "
            "batch is printed in Cards & letters."))
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.mailings_table, 1)
        self._statuses = {
            "printed": self.tr("Printed, not marked sent"), "sent": self.tr("Sent"),
            "spoiled": self.tr("Spoiled"), "reprinted": self.tr("Reprinted"),
        }

    def set_rows(self, rows: Sequence[MailingRow]) -> None:
        self.empty_label.setVisible(not rows)
        cells = []
        for row in rows:
            status = self._statuses.get(row.status, row.status)
            if row.sent_at is not None:
                status = self.tr("Sent %s") % self._format_day(row.sent_at.date())
            cells.append((row.title or row.template_name,
                          self._format_day(row.printed_at.date()), status, f"#{row.batch_id}"))
        self.mailings_model.set_rows(cells)
        self.mailings_table.resizeColumnsToContents()
        self.mailings_table.horizontalHeader().setSectionResizeMode(
            COL_TEMPLATE, QHeaderView.ResizeMode.Stretch)
