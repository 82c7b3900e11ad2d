"""Candidates for the council, best first, each with why it was suggested; pick some and
print their invitation letters (with labels), which records them as invited."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.council.errors import AlreadyMember
from core.council.services import add_member, print_council_invitations, suggest_candidates
from core.council.types import SUGGESTED, Candidate, LettersPrinted

from gui.council.letters import ask_and_print
from gui.council.tables import council_table, select_rows
from gui.council.texts import CouncilCounts
from gui.printing.texts import fill
from gui.widgets.text_table import RowLook, TextTableModel

if TYPE_CHECKING:
    from gui.council.page import CouncilPage

COL_NAME, COL_WHY, COL_VISITS, COL_SINCE = range(4)


def add_suggested(session: Any, term_id: int, candidates: Sequence[Candidate]) -> int:
    """Put the candidates on the term as suggested (one unit of work); those already on it
    stay as they are. How many were added."""
    added = 0
    for candidate in candidates:
        try:
            add_member(session, term_id, candidate.customer_id, status=SUGGESTED,
                       reason=candidate.reason)
        except AlreadyMember:
            continue
        added += 1
    return added


class CandidatesTab(QWidget):
    def __init__(self, page: CouncilPage) -> None:
        super().__init__()
        self._page = page
        self.candidates: tuple[Candidate, ...] = ()
        self.limit_spin = QSpinBox()
        self.limit_spin.setRange(1, 200)
        self.limit_spin.setValue(20)
        self.mix_check = QCheckBox(self.tr("Make room for newer customers:"))
        self.mix_check.setToolTip(self.tr(
            "A council of only the most loyal hears the same voices; a few customers who "
            "came in the last year bring fresh eyes"))
        self.newer_spin = QSpinBox()
        self.newer_spin.setRange(1, 100)
        self.newer_spin.setValue(3)
        self.newer_spin.setEnabled(False)
        self.mix_check.toggled.connect(self.newer_spin.setEnabled)
        self.refresh_button = QPushButton(self.tr("Suggest"))
        self.refresh_button.clicked.connect(self.load)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Suggest the best")))
        controls.addWidget(self.limit_spin)
        controls.addSpacing(16)
        controls.addWidget(self.mix_check)
        controls.addWidget(self.newer_spin)
        controls.addWidget(self.refresh_button)
        controls.addStretch(1)
        self.note = QLabel(self.tr(
            "Ranked by what they spent, how often they come, how long they have been "
            "customers, their latest satisfaction score, and testimonials and referrals. "
            "Customers with an open complaint, who asked for no contact, or already on "
            "this term are left out."))
        self.note.setWordWrap(True)
        self.model = TextTableModel([self.tr("Name"), self.tr("Why suggested"),
                                     self.tr("Visits"), self.tr("Customer since")],
                                    parent=self)
        self.table = council_table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHY, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.open_customer())
        self.add_button = QPushButton(self.tr("Add to Term"))
        self.add_button.setToolTip(self.tr("Put them on the term's list as suggested, to "
                                           "invite later"))
        self.add_button.clicked.connect(self.add_chosen)
        self.invite_button = QPushButton(self.tr("Invite…"))
        self.invite_button.setToolTip(self.tr(
            "Print an invitation letter to each one chosen, with address labels; they are "
            "then recorded as invited"))
        self.invite_button.clicked.connect(self.invite_chosen)
        self.open_button = QPushButton(self.tr("Open Customer"))
        self.open_button.clicked.connect(self.open_customer)
        self.chosen_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.chosen_label)
        buttons.addStretch(1)
        for button in (self.open_button, self.add_button, self.invite_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._loaded = False
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.load()

    def load(self) -> None:
        self._loaded = True
        term = self._page.term()
        self._page.context.operations.query(
            suggest_candidates, self._page.today(), limit=self.limit_spin.value(),
            newer=self.newer_spin.value() if self.mix_check.isChecked() else 0,
            term_id=term.id if term else None, on_done=self.show_candidates)

    def show_candidates(self, candidates: Sequence[Candidate]) -> None:
        self.candidates = tuple(candidates)
        locale, page = self._page.shop_locale, self._page
        self.model.set_rows(
            [[c.name, c.reason, locale.toString(c.visit_count), page.date(c.customer_since)]
             for c in self.candidates], right_aligned=(COL_VISITS,),
            looks=[RowLook(tooltip=self.tr("A newer customer")) if c.newer else None
                   for c in self.candidates])
        self._update_buttons()

    def chosen(self) -> list[Candidate]:
        return [self.candidates[index.row()]
                for index in sorted(self.table.selectionModel().selectedRows())]

    def choose(self, customer_ids: Sequence[int]) -> None:
        select_rows(self.table, [number for number, candidate in enumerate(self.candidates)
                                 if candidate.customer_id in customer_ids])

    def _update_buttons(self) -> None:
        chosen = self.chosen()
        can = self._page.writable and bool(chosen) and self._page.term() is not None
        self.add_button.setEnabled(can)
        self.invite_button.setEnabled(can)
        self.open_button.setEnabled(len(chosen) == 1)
        self.chosen_label.setText(fill(self.tr("%1 chosen (Ctrl+click to choose more)"),
                                       self._page.shop_locale.toString(len(chosen)))
                                  if chosen else self.tr("Choose whom to invite."))

    def open_customer(self) -> None:
        chosen = self.chosen()
        if len(chosen) == 1:
            self._page.open_customer_requested.emit(chosen[0].customer_id)

    def add_chosen(self) -> None:
        term = self._page.term()
        chosen = self.chosen()
        if term is not None and chosen:
            self._page.context.run(add_suggested, term.id, chosen)
            self._page.tabs.setCurrentWidget(self._page.members_tab)

    def invite_chosen(self) -> None:
        term = self._page.term()
        chosen = self.chosen()
        if term is None or not chosen:
            return

        def said(done: LettersPrinted) -> str:
            return CouncilCounts().invited(done.letters)

        ask_and_print(self._page, print_council_invitations, term.id,
                      title=self.tr("Invite to the Council"),
                      what=fill(self.tr("An invitation letter to join “%1” for each of the "
                                        "%2 chosen."), term.name,
                                self._page.shop_locale.toString(len(chosen))),
                      file_name=f"council-invitations-{self._page.today().isoformat()}.pdf",
                      customer_ids=[c.customer_id for c in chosen], said=said,
                      before=lambda: self._page.context.run(add_suggested, term.id, chosen))
        self.load()
