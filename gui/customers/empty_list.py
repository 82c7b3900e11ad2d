"""What the customer list shows in its place when nobody is in it: why, and a way out."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyListPanel(QFrame):
    """A sentence ("No customers match ‘mueller’") and, for a search or filter, a button
    that clears them."""

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Drawn like the list it stands in for: framed, on the list's background.
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.message_label = QLabel()
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        font = self.message_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.message_label.setFont(font)
        self.clear_button = QPushButton(self.tr("Clear Search and Filters"))
        self.clear_button.clicked.connect(self.clear_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message_label)
        layout.addSpacing(12)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_message(self, text: str, *, can_clear: bool) -> None:
        self.message_label.setText(text)
        self.clear_button.setVisible(can_clear)
