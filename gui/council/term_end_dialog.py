"""Term End…: a month before a term ends, whom to ask to stay on and whom to thank for their
service, their letters, candidates for the seats left open, and the next term started with
them."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from core.council.services import (
    end_term,
    print_renewal_letters,
    print_thank_you_letters,
    start_next_term,
    suggest_term_end,
)
from core.council.types import Candidate, MemberRow, TermEndSuggestion, TermRow

from gui.council.letters import ask_and_print
from gui.council.texts import CouncilCounts, attendance_rate_text
from gui.printing.texts import fill

if TYPE_CHECKING:
    from gui.council.page import CouncilPage


def _checklist(rows: Sequence[tuple[int, str, str]]) -> QListWidget:
    """Names with a tick each (all ticked), the reason in a second line of text."""
    widget = QListWidget()
    for customer_id, name, why in rows:
        item = QListWidgetItem(f"{name} — {why}" if why else name)
        item.setData(Qt.ItemDataRole.UserRole, customer_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    return widget


def ticked(widget: QListWidget) -> list[int]:
    return [int(widget.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked]


class TermEndDialog(QDialog):
    def __init__(self, page: CouncilPage, term: TermRow) -> None:
        super().__init__(page)
        self._page = page
        self._term = term
        self.setWindowTitle(fill(self.tr("End of the %1"), term.name))
        suggestion: TermEndSuggestion = page.context.read(suggest_term_end, term.id,
                                                          page.today())
        self.suggestion = suggestion
        locale = page.shop_locale
        intro = QLabel(fill(self.tr(
            "“%1” ends on %2. Ask those who came to at least half the meetings to stay "
            "on, thank the others for their service, and fill the seats left open."),
            term.name, page.date(term.ends_on)))
        intro.setWordWrap(True)
        intro.setStyleSheet("font-size: 11pt;")
        def came(member: MemberRow) -> str:
            return fill(self.tr("came to %1"), attendance_rate_text(member, locale))

        self.renew_list = _checklist([(m.customer_id, m.name, came(m))
                                      for m in suggestion.renew])
        self.thank_list = _checklist([(m.customer_id, m.name, came(m))
                                      for m in suggestion.thank])
        self.fill_list = _checklist([(c.customer_id, c.name, c.reason)
                                     for c in suggestion.fill])
        self.renewal_button = QPushButton(self.tr("Print Renewal Letters…"))
        self.renewal_button.clicked.connect(self.print_renewals)
        self.thanks_button = QPushButton(self.tr("Print Thank-You Letters…"))
        self.thanks_button.clicked.connect(self.print_thanks)
        following = suggestion.next_term
        self.next_button = QPushButton(fill(self.tr("Start “%1”…"), following.name))
        self.next_button.setToolTip(fill(self.tr(
            "%1 to %2: those ticked to stay on join it, the candidates ticked are put on "
            "it to invite"), page.date(following.starts_on), page.date(following.ends_on)))
        self.next_button.clicked.connect(self.start_next)
        self.end_button = QPushButton(self.tr("End This Term"))
        self.end_button.setToolTip(self.tr("The memberships of this term end on its last "
                                           "day; its history stays"))
        self.end_button.clicked.connect(self.end_now)
        for button in (self.renewal_button, self.thanks_button, self.next_button,
                       self.end_button):
            button.setEnabled(page.writable)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>Ask to stay on</b>")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Thank for their service</b>")), 0, 1)
        grid.addWidget(self.renew_list, 1, 0)
        grid.addWidget(self.thank_list, 1, 1)
        grid.addWidget(self.renewal_button, 2, 0)
        grid.addWidget(self.thanks_button, 2, 1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        seats = CouncilCounts().open_seats(max(0, term.seats - len(suggestion.renew)))
        layout.addWidget(QLabel(f"<b>{seats}</b>"))
        layout.addWidget(self.fill_list)
        layout.addLayout(buttons)
        self.resize(900, 620)

    def print_renewals(self) -> None:
        ids = ticked(self.renew_list)
        if ids:
            ask_and_print(self._page, print_renewal_letters, self._term.id,
                          title=self.tr("Renewal Letters"),
                          what=self.tr("A letter to each member ticked, asking them to stay "
                                       "on for the next term."),
                          file_name=f"council-renewals-{self._page.today().isoformat()}.pdf",
                          customer_ids=ids)

    def print_thanks(self) -> None:
        ids = ticked(self.thank_list)
        if ids:
            ask_and_print(self._page, print_thank_you_letters, self._term.id,
                          title=self.tr("Thank-You Letters"),
                          what=self.tr("A letter to each member ticked, thanking them for "
                                       "their time on the council."),
                          file_name=f"council-thanks-{self._page.today().isoformat()}.pdf",
                          customer_ids=ids)

    def start_next(self) -> None:
        following = self.suggestion.next_term
        renew = ticked(self.renew_list)
        chosen = set(ticked(self.fill_list))
        candidates: list[Candidate] = [c for c in self.suggestion.fill
                                       if c.customer_id in chosen]
        answer = QMessageBox.question(self, self.windowTitle(), fill(self.tr(
            "Start “%1” (%2 to %3) with %4 staying on and %5 candidates to invite?"),
            following.name, self._page.date(following.starts_on),
            self._page.date(following.ends_on), self._page.shop_locale.toString(len(renew)),
            self._page.shop_locale.toString(len(candidates))))
        if answer != QMessageBox.StandardButton.Yes:
            return
        term = self._page.context.run(
            start_next_term, self._term.id, following, renew=renew,
            candidates=[c.customer_id for c in candidates],
            reasons={c.customer_id: c.reason for c in candidates})
        self._page.choose_term(term.id)
        self.accept()

    def end_now(self) -> None:
        answer = QMessageBox.question(self, self.windowTitle(), fill(self.tr(
            "End “%1” now? Its members' memberships end on %2; who served stays in the "
            "history."), self._term.name, self._page.date(self._term.ends_on)))
        if answer == QMessageBox.StandardButton.Yes:
            self._page.context.run(end_term, self._term.id)
            self.accept()

