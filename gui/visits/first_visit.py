"""New customer at the counter: the record's first visit or purchase, saved with the new
customer in the same Save (the editor shows this line only for a customer not saved yet)."""
from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from core.customers.types import InteractionDraft

from gui.customers.editor_history import PendingHistory
from gui.visits.texts import kind_label
from gui.widgets.fields import ShopMoney, date_edit, with_message


class FirstVisitBox(QWidget):
    """[x] Record the first visit: [Purchase] on [date] amount [12.50]."""

    def __init__(self, money: ShopMoney, locale: QLocale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._money = money
        self.record_check = QCheckBox(self.tr("Record the &first visit:"))
        self.record_check.setToolTip(self.tr(
            "The customer is here now: save their first visit or purchase with them"))
        self.kind_combo = QComboBox()
        for kind in ("visit", "purchase"):
            self.kind_combo.addItem(kind_label(kind), kind)
        self.date_edit = date_edit(locale)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(self.tr("optional, like %s") % money.format(1250))
        self.amount_edit.setMinimumWidth(280)
        amount_cell, self.amount_message = with_message(self.amount_edit)
        amount_label = QLabel(self.tr("&Amount:"))
        amount_label.setBuddy(self.amount_edit)
        # Top-aligned (the amount's message may open under it), each at the fields' height.
        for widget in (self.record_check, amount_label):
            widget.setMinimumHeight(self.amount_edit.sizeHint().height())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.record_check, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.kind_combo, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.date_edit, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(amount_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(amount_cell, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        # Saying what it was is saying that it happened.
        self.amount_edit.textEdited.connect(self._on_detail_given)
        self.kind_combo.activated.connect(self._on_detail_given)
        self.date_edit.dateChanged.connect(self._on_detail_given)

    def _on_detail_given(self, value: object) -> None:
        if value != "":
            self.record_check.setChecked(True)

    def is_checked(self) -> bool:
        return self.record_check.isChecked()

    def draft(self) -> InteractionDraft | None:
        """The first visit to save, or None when not asked for. Raises ValueError (and says
        so under the amount) when the amount cannot be read."""
        self.amount_message.clear_message()
        if not self.record_check.isChecked():
            return None
        try:
            minor = self._money.parse(self.amount_edit.text())
        except ValueError:
            self.amount_message.show_message(self.tr("Enter an amount like %s, or leave it "
                                                     "empty.") % self._money.format(1250))
            self.amount_edit.setFocus()
            raise
        occurred: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        return InteractionDraft(str(self.kind_combo.currentData()), occurred, minor)


def with_first_visit(pending: PendingHistory, box: FirstVisitBox | None) -> PendingHistory:
    """The history to save: `pending`, and the box's first visit when it is ticked. Raises
    ValueError when its amount cannot be read (the box says why)."""
    first = box.draft() if box is not None else None
    if first is None:
        return pending
    return dataclasses.replace(pending, interactions=[*pending.interactions, first])
