"""The call a week after a complaint was resolved: what they said, and (if they answer)
how satisfied they are now, recorded as a satisfaction score (CSAT, by phone)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from core.program.types import ActionRow

from gui.program.action_dialogs import CallQuestion


class FollowUpCallQuestion(CallQuestion):
    def __init__(self, parent: QWidget | None, row: ActionRow) -> None:
        super().__init__(parent, row)
        self.satisfaction_combo = QComboBox()
        self.satisfaction_combo.addItem(self.tr("Not asked"), None)
        for score, words in ((5, self.tr("5 – very satisfied")), (4, self.tr("4 – satisfied")),
                             (3, self.tr("3 – neither")), (2, self.tr("2 – dissatisfied")),
                             (1, self.tr("1 – very dissatisfied"))):
            self.satisfaction_combo.addItem(words, score)
        self.satisfaction_combo.setToolTip(self.tr(
            "Kept as a satisfaction score (1 to 5) on their record, answered by phone"))
        # Above the buttons, below the outcome.
        self.form.insertRow(self.form.rowCount() - 1, self.tr("Satisfied now?"),
                            self.satisfaction_combo)

    def satisfaction(self) -> int | None:
        value = self.satisfaction_combo.currentData()
        return None if value is None else int(value)
