"""One section of the Listening page: a heading, an optional line under it, and its body."""
from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.kernel.changes import Changes

from gui.shell.context import AppContext


class ListeningSection(QWidget):
    """Subclasses fill `body` (a QVBoxLayout), read their rows in `load()` and say in
    `wants(changes)` which changes make them read again."""

    open_customer_requested = Signal(int)

    def __init__(self, context: AppContext, locale: QLocale, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.shop_locale = locale
        self.title_label = QLabel(title)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.note_label = QLabel()
        self.note_label.setStyleSheet("color: palette(mid);")
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        outer.addWidget(self.title_label)
        outer.addWidget(self.note_label)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.body)

    def set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def load(self) -> None:
        raise NotImplementedError

    def wants(self, changes: Changes) -> bool:
        raise NotImplementedError
