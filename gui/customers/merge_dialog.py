"""Choosing which of two records of the same person to keep when merging them."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.customers.queries import ListRow


class MergeDialog(QDialog):
    def __init__(self, first: ListRow, second: ListRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge Customers"))
        self._rows = (first, second)
        explanation = QLabel(self.tr(
            "Both records become one. Every visit, purchase, note and moment is kept, and empty "
            "fields are filled from the other record; Edit > Undo (Ctrl+Z) separates them again. "
            "Which record should stay?"))
        explanation.setWordWrap(True)
        self.keep_group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        for number, row in enumerate(self._rows):
            details = ", ".join(part for part in (row.email, row.phone, row.city) if part)
            radio = QRadioButton(f"{row.display_name}  —  {details}" if details else row.display_name)
            self.keep_group.addButton(radio, number)
            layout.addWidget(radio)
        self.keep_group.button(0).setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def keep_and_other(self) -> tuple[int, int]:
        keep = self.keep_group.checkedId()
        return self._rows[keep].id, self._rows[1 - keep].id
