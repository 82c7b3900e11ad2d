"""The fields of one interaction (kind, date, amount, note), shared by the Log visit dialog
and the customer record's Change dialog."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLineEdit

from core.visits.errors import MAX_NOTE_LENGTH

from gui.visits.texts import kind_label
from gui.widgets.fields import FieldMessage, ShopMoney, date_edit, with_message


def _tr(text: str) -> str:
    return QCoreApplication.translate("InteractionFields", text)


class InteractionFields:
    """Kind, date (none after today), an optional amount in the shop's money, a note."""

    def __init__(self, form: QFormLayout, money: ShopMoney, locale: QLocale,
                 kinds: Sequence[str]) -> None:
        self._money = money
        self.kind_combo = QComboBox()
        for kind in kinds:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.date_edit: QDateEdit = date_edit(locale)
        self.date_edit.setMaximumDate(QDate.currentDate())  # what has happened
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(_tr("optional, like %1").replace(
            "%1", money.format(1250)))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_NOTE_LENGTH)
        self.note_edit.setPlaceholderText(_tr("optional"))
        self.note_edit.setMinimumWidth(320)
        amount_cell, self.amount_message = with_message(self.amount_edit)
        note_cell, self.note_message = with_message(self.note_edit)
        form.addRow(_tr("&Kind:"), self.kind_combo)
        form.addRow(_tr("&Date:"), self.date_edit)
        form.addRow(_tr("&Amount:"), amount_cell)
        form.addRow(_tr("&Note:"), note_cell)

    def set_values(self, kind: str, day: dt.date, amount_minor: int | None, note: str) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self.date_edit.setMaximumDate(max(QDate.currentDate(),
                                          QDate(day.year, day.month, day.day)))
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.amount_edit.setText("" if amount_minor is None
                                 else self._money.format(amount_minor))
        self.note_edit.setText(note)

    def clear_messages(self) -> None:
        for message in (self.amount_message, self.note_message):
            message.clear_message()

    def values(self) -> tuple[str, dt.date, int | None, str] | None:
        """(kind, date, amount in minor units or None, note), or None, with a message under
        the amount, when it cannot be read."""
        try:
            minor = self._money.parse(self.amount_edit.text())
        except ValueError:
            self.amount_message.show_message(_tr("Enter an amount like %1, or leave it "
                                                 "empty.").replace("%1", self._money.format(1250)))
            self.amount_edit.setFocus()
            return None
        occurred: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        return str(self.kind_combo.currentData()), occurred, minor, self.note_edit.text().strip()

    def messages(self) -> dict[str, FieldMessage]:
        return {"amount": self.amount_message, "note": self.note_message}
