"""The small questions Today asks: a note when done, a reason to skip, a day to snooze to,
and what came of a call."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from core.program.types import ActionRow

from gui.program.texts import gesture_text
from gui.widgets.discard_prompt import DiscardPrompt


class _Question(QDialog):
    def __init__(self, parent: QWidget | None, title: str, row: ActionRow, ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        about = QLabel(f"<b>{row.customer_name}</b> — {gesture_text(row)}<br>{row.why}")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)

    def finish(self) -> None:
        self.form.addRow(self.buttons)
        # A note, reason or outcome typed is not thrown away by Esc without asking.
        self.discard_prompt = DiscardPrompt(self, is_dirty=lambda: bool(self.typed()),
                                            save=self.accept)

    def typed(self) -> str:
        return ""

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()


class NoteQuestion(_Question):
    """Done (with an optional note) or Skip (with a reason)."""

    def __init__(self, parent: QWidget | None, row: ActionRow, *, skipping: bool) -> None:
        super().__init__(parent, self.tr("Skip") if skipping else self.tr("Mark Done"), row,
                         self.tr("Skip") if skipping else self.tr("Mark Done"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(
            self.tr("For example: moved away") if skipping
            else self.tr("Optional, for example: signed by Sam"))
        self.form.addRow(self.tr("Reason:") if skipping else self.tr("Note:"), self.text)
        self.finish()

    def typed(self) -> str:
        return self.text.text().strip()


class CallQuestion(_Question):
    """A call made: what came of it, kept on the customer's history as a call."""

    def __init__(self, parent: QWidget | None, row: ActionRow) -> None:
        super().__init__(parent, self.tr("Call Made"), row, self.tr("Save Call"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("What did they say? (kept on their history)"))
        self.text.setFixedHeight(90)
        self.form.addRow(self.tr("Outcome:"), self.text)
        self.finish()

    def typed(self) -> str:
        return self.text.toPlainText().strip()


class SnoozeQuestion(_Question):
    def __init__(self, parent: QWidget | None, row: ActionRow, today: dt.date) -> None:
        super().__init__(parent, self.tr("Snooze"), row, self.tr("Snooze"))
        tomorrow = today + dt.timedelta(days=1)
        first = QDate(tomorrow.year, tomorrow.month, tomorrow.day)
        self.until = QDateEdit(first)
        self.until.setCalendarPopup(True)
        self.until.setMinimumDate(first)
        self.form.addRow(self.tr("Show it again on:"), self.until)
        self.finish()

    def chosen(self) -> dt.date:
        day: dt.date = self.until.date().toPython()  # type: ignore[assignment]
        return day
