"""The days each severity gives to put a complaint right, in File > Appreciation Program."""
from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from core.complaints.types import HIGH, LOW, NORMAL, ComplaintSettings

from gui.complaints.texts import severity_text


class ComplaintDaysBox(QGroupBox):
    def __init__(self, stored: ComplaintSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Complaints"), parent)
        self.stored = stored
        self.days: dict[str, QSpinBox] = {}
        line = QHBoxLayout(self)
        line.addWidget(QLabel(self.tr("Days to put one right:")))
        for severity in (HIGH, NORMAL, LOW):
            box = QSpinBox()
            box.setRange(0, 90)
            self.days[severity] = box
            line.addSpacing(8)
            line.addWidget(QLabel(severity_text(severity).lower()))
            line.addWidget(box)
        line.addSpacing(8)
        line.addWidget(QLabel(self.tr("(counted from the day it is opened)")))
        line.addStretch(1)
        self.show_days(stored)

    def show_days(self, values: ComplaintSettings) -> None:
        for severity, box in self.days.items():
            box.setValue(values.due_days(severity))

    def chosen(self) -> ComplaintSettings:
        return ComplaintSettings(high_due_days=self.days[HIGH].value(),
                                 normal_due_days=self.days[NORMAL].value(),
                                 low_due_days=self.days[LOW].value())
