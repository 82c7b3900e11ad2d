"""Listening (sidebar): what customers told us, as a vertical list of sections.

Each section is a widget class named in SECTIONS (module path and class), built with the
app context and the shop's locale; it reads its rows itself (`load()`) and says which
changes make it read them again (`wants(changes)`). An area adds its section with one line
in SECTIONS; the page is built when first opened, and imports each section then.
"""
from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from core.kernel.changes import Changes

from gui.listening.section import ListeningSection
from gui.shell.context import AppContext

log = logging.getLogger(__name__)

# (module, class) of each section, top to bottom.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("gui.scores.listening_sections", "FiguresSection"),
    ("gui.scores.listening_sections", "RecentScoresSection"),
    ("gui.complaints.listening_section", "ComplaintsListeningSection"),
)


class ListeningPage(QWidget):
    open_customer_requested = Signal(int)

    def __init__(self, context: AppContext, *, locale: QLocale | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._locale = locale or QLocale()
        title = QLabel(self.tr("Listening"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr("What your customers told you, and how it changes."))
        intro.setStyleSheet("color: palette(mid);")
        body = QWidget()
        self._column = QVBoxLayout(body)
        self._column.setContentsMargins(0, 0, 12, 12)
        self._column.setSpacing(18)
        self.sections: list[ListeningSection] = []
        for module_name, class_name in SECTIONS:
            section_class = getattr(importlib.import_module(module_name), class_name)
            section: ListeningSection = section_class(context, self._locale)
            section.open_customer_requested.connect(self.open_customer_requested)
            self.sections.append(section)
            self._column.addWidget(section)
        self._column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 0)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(scroll, 1)
        context.changes_applied.connect(self.on_changes)

    def load(self) -> None:
        for section in self.sections:
            section.load()

    def on_changes(self, changes: Changes) -> None:
        for section in self.sections:
            if section.wants(changes):
                section.load()
