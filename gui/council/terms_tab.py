"""Every term, the newest first: when it ran, its seats and how many served. Showing one puts
it at the top of the page (its members, meetings and attendance as they were)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.council.types import TermRow

from gui.council.tables import council_table
from gui.widgets.text_table import TextTableModel

if TYPE_CHECKING:
    from gui.council.page import CouncilPage


class TermsTab(QWidget):
    def __init__(self, page: CouncilPage) -> None:
        super().__init__()
        self._page = page
        self.terms: tuple[TermRow, ...] = ()
        self.model = TextTableModel([self.tr("Term"), self.tr("From"), self.tr("To"),
                                     self.tr("Seats"), self.tr("Served"),
                                     self.tr("Asked"), self.tr("Meetings")], parent=self)
        self.table = council_table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.show_chosen())
        self.show_button = QPushButton(self.tr("Show This Term"))
        self.show_button.clicked.connect(self.show_chosen)
        note = QLabel(self.tr("Served: those who held a seat. Asked: everyone suggested "
                              "or invited. Show This Term for its members, meetings and "
                              "attendance as they were."))
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addLayout(buttons)

    def show_terms(self, terms: Sequence[TermRow], served: Mapping[int, int],
                   meetings: Mapping[int, int]) -> None:
        locale = self._page.shop_locale
        self.terms = tuple(sorted(terms, key=lambda t: t.starts_on, reverse=True))
        self.model.set_rows([[t.name, self._page.date(t.starts_on), self._page.date(t.ends_on),
                              locale.toString(t.seats), locale.toString(served.get(t.id, 0)),
                              locale.toString(t.members), locale.toString(meetings.get(t.id, 0))]
                             for t in self.terms], right_aligned=(3, 4, 5, 6))
        self.show_button.setEnabled(bool(self.terms))

    def show_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._page.choose_term(self.terms[rows[0].row()].id)
            self._page.tabs.setCurrentWidget(self._page.members_tab)
