"""Council: the term in hand (its seats, members, meetings and the council's open ideas),
candidates to invite, past terms, and the appreciation evenings.

Everything shown is read as one background query (`read_council`), and read again when an
operation anywhere changes the council or the customers.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.council.services import current_term, list_ideas, list_meetings, list_members, list_terms
from core.council.types import IdeaRow, MeetingRow, MemberRow, TermRow
from core.kernel.changes import Changes
from core.program.clock import shop_today

from gui.council.candidates_tab import CandidatesTab
from gui.council.evenings_tab import EveningsTab
from gui.council.ideas_tab import IdeasTab
from gui.council.meetings_tab import MeetingsTab
from gui.council.members_tab import MembersTab
from gui.council.terms_tab import TermsTab
from gui.council.texts import CouncilCounts, date_text
from gui.printing.texts import fill
from gui.shell.context import AppContext

WARNING_STYLE = "color: #b00020; font-weight: 600;"


@dataclass(frozen=True)
class CouncilView:
    """What the page shows, read in one go."""

    terms: tuple[TermRow, ...]
    term: TermRow | None  # the term chosen (the current one, unless another was chosen)
    members: tuple[MemberRow, ...]
    meetings: tuple[MeetingRow, ...]
    ideas: tuple[IdeaRow, ...]  # every idea; the Ideas tab filters the open ones
    served: dict[int, int]  # term id: members who held a seat in it (whatever they are now)
    meetings_held: dict[int, int]  # term id: its meetings


def read_council(session: Any, term_id: int | None, today: dt.date) -> CouncilView:
    """The page's one read: the terms, the chosen term (or the current one, or the latest)
    with its members and meetings, and the council's ideas."""
    terms = tuple(list_terms(session))
    term = next((t for t in terms if t.id == term_id), None)
    if term is None:
        term = current_term(session, today)
    if term is None and terms:
        term = max(terms, key=lambda t: t.starts_on)
    members = tuple(list_members(session, term.id)) if term else ()
    meetings = tuple(list_meetings(session, term.id)) if term else ()
    served = {t.id: sum(1 for m in list_members(session, t.id) if m.joined_on is not None)
              for t in terms}
    held = {t.id: len(list_meetings(session, t.id)) for t in terms}
    return CouncilView(terms, term, members, meetings, tuple(list_ideas(session)), served,
                       held)


class CouncilPage(QWidget):
    open_customer_requested = Signal(int)
    view_shown_changed = Signal()  # each time a read has been shown (for the tests)

    def __init__(self, context: AppContext, *, locale: QLocale | None = None,
                 today: Callable[[], dt.date] = shop_today) -> None:
        super().__init__()
        self._context = context
        self._locale = locale or QLocale()
        self.today = today  # a function: the tests move the clock
        self.view_shown: CouncilView | None = None
        self._chosen_term_id: int | None = None

        title = QLabel(self.tr("Customer Council"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.term_combo = QComboBox()
        self.term_combo.setMinimumWidth(320)
        self.term_combo.activated.connect(self._on_term_chosen)
        self.new_term_button = QPushButton(self.tr("New Term…"))
        self.edit_term_button = QPushButton(self.tr("Edit Term…"))
        self.charter_button = QPushButton(self.tr("Print Charter…"))
        self.charter_button.setToolTip(self.tr(
            "The term's charter on one page, for each member to sign"))
        self.new_term_button.clicked.connect(self.new_term)
        self.edit_term_button.clicked.connect(self.edit_term)
        self.charter_button.clicked.connect(self.print_charter)
        self.term_end_button = QPushButton(self.tr("Term End…"))
        self.term_end_button.setToolTip(self.tr(
            "Whom to ask to stay on, whom to thank, and the next term"))
        self.term_end_button.clicked.connect(self.term_end)
        self.seats_label = QLabel()
        self.seats_label.setStyleSheet("font-size: 11pt;")
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.setWordWrap(True)
        self.warning_label.hide()
        self.empty_label = QLabel(self.tr(
            "No council yet. A council is a small group of your best customers (8 to 12 "
            "people) who meet a few times a year and tell you what you do well and what "
            "you could do better. Start with New Term…, then invite people from "
            "Candidates."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("font-size: 12pt; padding: 12px 0;")
        self.empty_label.hide()

        self.term_bar = QWidget()
        term_row = QHBoxLayout(self.term_bar)
        term_row.setContentsMargins(0, 0, 0, 0)
        term_row.addWidget(QLabel(self.tr("Term:")))
        term_row.addWidget(self.term_combo)
        term_row.addWidget(self.seats_label)
        term_row.addStretch(1)
        for button in (self.new_term_button, self.edit_term_button, self.charter_button,
                       self.term_end_button):
            term_row.addWidget(button)

        self.members_tab = MembersTab(self)
        self.meetings_tab = MeetingsTab(self)
        self.ideas_tab = IdeasTab(self)
        self.candidates_tab = CandidatesTab(self)
        self.terms_tab = TermsTab(self)
        self.evenings_tab = EveningsTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members_tab, self.tr("Members"))
        self.tabs.addTab(self.meetings_tab, self.tr("Meetings"))
        self.tabs.addTab(self.ideas_tab, self.tr("Ideas"))
        self.tabs.addTab(self.candidates_tab, self.tr("Candidates"))
        self.tabs.addTab(self.terms_tab, self.tr("All Terms"))
        self.tabs.addTab(self.evenings_tab, self.tr("Appreciation Evenings"))
        self.tabs.currentChanged.connect(lambda _i: self._show_term_bar())

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.term_bar)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tabs, 1)
        context.changes_applied.connect(self.on_changes)
        self._update_buttons()

    # -- what the tabs share -------------------------------------------------------------

    @property
    def context(self) -> AppContext:
        return self._context

    @property
    def shop_locale(self) -> QLocale:
        return self._locale

    @property
    def writable(self) -> bool:
        return not self._context.read_only

    def term(self) -> TermRow | None:
        return self.view_shown.term if self.view_shown else None

    def date(self, day: dt.date | None) -> str:
        return date_text(self._locale, day)

    # -- reading -------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.council or changes.customers:
            self.load()
            self.evenings_tab.load()

    def load(self) -> None:
        self._context.operations.query(read_council, self._chosen_term_id, self.today(),
                                       on_done=self.show_view)

    def load_now(self) -> None:
        """Read and show at once (dialogs that need the page up to date)."""
        self.show_view(self._context.read(read_council, self._chosen_term_id, self.today()))

    def show_view(self, view: CouncilView) -> None:
        self.view_shown = view
        term = view.term
        self.term_combo.clear()
        for row in sorted(view.terms, key=lambda t: t.starts_on, reverse=True):
            self.term_combo.addItem(self.term_title(row), row.id)
        if term is not None:
            self.term_combo.setCurrentIndex(self.term_combo.findData(term.id))
            self.seats_label.setText(CouncilCounts().seats(term.seated, term.seats))
        else:
            self.seats_label.setText("")
        over = term.seated - term.seats if term is not None and term.over_seats else 0
        warnings = [CouncilCounts().over_seats(over)] if over else []
        today = self.today()
        if term is not None and today <= term.ends_on <= today + dt.timedelta(days=31):
            warnings.append(fill(self.tr(
                "This term ends on %1: Term End… suggests whom to ask to stay on and whom "
                "to thank."), self.date(term.ends_on)))
        self.warning_label.setText("\n".join(warnings))
        self._show_term_bar()
        self.members_tab.show_members(view.members)
        self.meetings_tab.show_meetings(view.meetings)
        self.ideas_tab.show_ideas(view.ideas)
        self.terms_tab.show_terms(view.terms, view.served, view.meetings_held)
        self._update_buttons()
        self.view_shown_changed.emit()

    def term_title(self, term: TermRow) -> str:
        """"2027 council (1/1/2027 to 6/30/2028)"."""
        return fill(self.tr("%1 (%2 to %3)"), term.name, self.date(term.starts_on),
                    self.date(term.ends_on))

    def _on_term_chosen(self, index: int) -> None:
        self._chosen_term_id = self.term_combo.itemData(index)
        self.load()

    def choose_term(self, term_id: int) -> None:
        self._chosen_term_id = term_id
        self.load()

    def _show_term_bar(self) -> None:
        """The term's line and warnings are about the council: evenings have their own."""
        on_council = self.tabs.currentWidget() is not self.evenings_tab
        term = self.term()
        self.term_bar.setVisible(on_council)
        self.warning_label.setVisible(on_council and bool(self.warning_label.text()))
        self.empty_label.setVisible(on_council and term is None)

    def _update_buttons(self) -> None:
        has_term = self.term() is not None
        self.new_term_button.setEnabled(self.writable)
        self.edit_term_button.setEnabled(self.writable and has_term)
        self.charter_button.setEnabled(self.writable and has_term)
        self.term_end_button.setEnabled(has_term)
        self.term_combo.setEnabled(self.term_combo.count() > 0)

    # -- terms ---------------------------------------------------------------------------

    def new_term(self) -> None:
        from gui.council.term_dialog import TermDialog

        terms = self.view_shown.terms if self.view_shown else ()
        latest = max(terms, key=lambda t: t.ends_on, default=None)
        dialog = TermDialog(self, self._context, None, today=self.today(), after=latest)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.choose_term(dialog.saved.id)

    def edit_term(self) -> None:
        from gui.council.term_dialog import TermDialog

        term = self.term()
        if term is None:
            return
        TermDialog(self, self._context, term, today=self.today()).exec()

    def term_end(self) -> None:
        from gui.council.term_end_dialog import TermEndDialog

        term = self.term()
        if term is not None:
            TermEndDialog(self, term).exec()

    def print_charter(self) -> None:
        from gui.council.letters import print_charter

        term = self.term()
        if term is not None:
            print_charter(self, term)
