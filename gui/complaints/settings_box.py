"""The days each severity gives to put a complaint right, in File > Appreciation Program."""
from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from core.complaints.types import HIGH, LOW, NORMAL, ComplaintSettings

from gui.complaints.texts import severity_text


class ComplaintDaysBox(QGroupBox):
    def __init__(self, stored: ComplaintSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Complaints: days to put one right"), parent)
        self.stored = stored
        self.days: dict[str, QSpinBox] = {}
        line = QHBoxLayout(self)
        for severity in (HIGH, NORMAL, LOW):
            box = QSpinBox()
            box.setRange(0, 90)
            box.setSuffix(self.tr(" days"))
            box.setValue(stored.due_days(severity))
            self.days[severity] = box
            line.addWidget(QLabel(severity_text(severity) + ":"))
            line.addWidget(box)
            line.addSpacing(12)
        line.addStretch(1)

    def chosen(self) -> ComplaintSettings:
        return ComplaintSettings(high_due_days=self.days[HIGH].value(),
                                 normal_due_days=self.days[NORMAL].value(),
                                 low_due_days=self.days[LOW].value())
