"""Every term, the newest first: when it ran, its seats and how many served. Showing one puts
it at the top of the page (its members, meetings and attendance as they were)."""
from __future__ import annotations

from collections.abc import Sequence
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

from gui.widgets.text_table import TextTableModel, read_only_view

if TYPE_CHECKING:
    from gui.council.page import CouncilPage


class TermsTab(QWidget):
    def __init__(self, page: CouncilPage) -> None:
        super().__init__()
        self._page = page
        self.terms: tuple[TermRow, ...] = ()
        self.model = TextTableModel([self.tr("Term"), self.tr("From"), self.tr("To"),
                                     self.tr("Seats"), self.tr("Served"),
                                     self.tr("Everyone asked")], parent=self)
        self.table = read_only_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.show_chosen())
        self.show_button = QPushButton(self.tr("Show This Term"))
        self.show_button.clicked.connect(self.show_chosen)
        note = QLabel(self.tr("A member's terms served are counted across all terms "
                              "(Members tab)."))
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addLayout(buttons)

    def show_terms(self, terms: Sequence[TermRow]) -> None:
        locale = self._page.shop_locale
        self.terms = tuple(sorted(terms, key=lambda t: t.starts_on, reverse=True))
        self.model.set_rows([[t.name, self._page.date(t.starts_on), self._page.date(t.ends_on),
                              locale.toString(t.seats), locale.toString(t.seated),
                              locale.toString(t.members)] for t in self.terms],
                            right_aligned=(3, 4, 5))
        self.show_button.setEnabled(bool(self.terms))

    def show_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._page.choose_term(self.terms[rows[0].row()].id)
            self._page.tabs.setCurrentWidget(self._page.members_tab)
