"""The "Changes" tab of the customer record: who changed what, at which desk, and when
("Phone, Notes changed by Sam at Front desk, 2 Dec 2026 10:42")."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from core.desks.types import ChangeRow

from gui.customers.texts import record_field_label
from gui.widgets.text_table import TextTableModel, read_only_view

COL_WHEN, COL_WHO, COL_WHAT = range(3)


class ChangesTab(QWidget):
    def __init__(self, locale: QLocale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self.model = TextTableModel([self.tr("When"), self.tr("Who, where"),
                                     self.tr("What changed")], self)
        self.table = read_only_view(self.model)
        self.empty_label = QLabel(self.tr(
            "Nobody has changed this record since it was added. Each save is listed here "
            "with who made it and at which desk."))
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: Sequence[ChangeRow]) -> None:
        self.empty_label.setVisible(not rows)
        self.model.set_rows([(self.when_text(row.at), self.who_text(row), self.what_text(row))
                             for row in rows])
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_WHAT,
                                                           QHeaderView.ResizeMode.Stretch)

    def when_text(self, at: dt.datetime) -> str:
        moment = QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute))
        return self._locale.toString(moment, QLocale.FormatType.ShortFormat)

    def who_text(self, row: ChangeRow) -> str:
        if row.person and row.desk:
            return self.tr("%1 at %2").replace("%1", row.person).replace("%2", row.desk)
        return row.person or row.desk

    def what_text(self, row: ChangeRow) -> str:
        if row.fields == ("deleted",):
            return self.tr("A visit or purchase removed") if row.kind == "interactions" \
                else self.tr("Removed")
        names = ", ".join(record_field_label(name) for name in _shown_fields(row.fields))
        if row.kind == "interactions":
            return self.tr("A visit or purchase: %1").replace("%1", names)
        return names


def _shown_fields(fields: Sequence[str]) -> list[str]:
    """The birthday's three columns read as one "Birthday"."""
    shown: list[str] = []
    for name in fields:
        name = "birthday" if name.startswith("birthday_") else name
        if name not in shown:
            shown.append(name)
    return shown
