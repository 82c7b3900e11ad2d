"""The council's ideas: who raised each and when, where it stands, and the answer given;
"You said, we did" letters tell each member what became of them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.council.services import set_idea_status
from core.council.types import IDEA_STATUSES, OPEN_IDEAS, IdeaDraft, IdeaRow
from core.kernel.errors import Invalid

from gui.council.tables import council_table
from gui.council.texts import CouncilCounts, Opened, idea_status_text, problem_text
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import saved_despite_other_desks, shown_value
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.text_table import TextTableModel

if TYPE_CHECKING:
    from gui.council.page import CouncilPage

COL_IDEA, COL_BY, COL_ON, COL_STATUS, COL_RESPONSE = range(5)


class IdeasTab(QWidget):
    def __init__(self, page: CouncilPage) -> None:
        super().__init__()
        self._page = page
        self.ideas: tuple[IdeaRow, ...] = ()
        self.shown: tuple[IdeaRow, ...] = ()
        self.count_label = QLabel()
        self.all_check = QCheckBox(self.tr("Also show ideas done or declined"))
        self.all_check.toggled.connect(lambda _on: self.show_ideas(self.ideas))
        self.model = TextTableModel([self.tr("Idea"), self.tr("Raised by"),
                                     self.tr("Raised on"), self.tr("Where it stands"),
                                     self.tr("Our answer")], parent=self)
        self.table = council_table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_IDEA, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_RESPONSE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.update_chosen())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.update_button = QPushButton(self.tr("Answer…"))
        self.update_button.setToolTip(self.tr("Move the idea along and write what you did "
                                              "with it, or why not"))
        self.update_button.clicked.connect(self.update_chosen)
        self.letters_button = QPushButton(self.tr("Print “You Said, We Did” Letters…"))
        self.letters_button.setToolTip(self.tr(
            "A letter to each member of the term listing the ideas acted on since their "
            "last such letter"))
        self.letters_button.clicked.connect(self.print_letters)
        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.all_check)
        buttons = QHBoxLayout()
        buttons.addWidget(self.update_button)
        buttons.addStretch(1)
        buttons.addWidget(self.letters_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def show_ideas(self, ideas: Sequence[IdeaRow]) -> None:
        self.ideas = tuple(ideas)
        open_ideas = [i for i in self.ideas if i.status in OPEN_IDEAS]
        self.shown = self.ideas if self.all_check.isChecked() else tuple(open_ideas)
        self.count_label.setText(CouncilCounts().open_ideas(len(open_ideas)))
        self.model.set_rows([[i.text, i.raised_by or self.tr("Not recorded"),
                              self._page.date(i.raised_on), idea_status_text(i.status),
                              i.response] for i in self.shown])
        self.table.resizeRowsToContents()
        self._update_buttons()

    def chosen(self) -> IdeaRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.update_button.setEnabled(self._page.writable and self.chosen() is not None)
        self.letters_button.setEnabled(self._page.writable and self._page.term() is not None)

    def update_chosen(self) -> None:
        idea = self.chosen()
        if idea is None or not self._page.writable:
            return
        IdeaDialog(self, self._page.context, idea, today=self._page.today()).exec()

    def print_letters(self) -> None:
        from gui.council.letters import print_you_said_we_did

        term = self._page.term()
        if term is not None:
            print_you_said_we_did(self._page, term)


class IdeaDialog(QDialog):
    """Where an idea stands now, and the answer the members will read; Save stores it (with
    what another desk answered meanwhile: merged, or the person chooses)."""

    def __init__(self, parent: QWidget, context: AppContext, idea: IdeaRow, *,
                 today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer an Idea"))
        self._context, self._today = context, today
        self._idea = idea
        self._opened = Opened(idea.id, idea.draft, idea.version)
        self.saved: IdeaRow | None = None
        text = QLabel(idea.text)
        text.setWordWrap(True)
        text.setStyleSheet("font-size: 11pt;")
        self.status_combo = QComboBox()
        for status in IDEA_STATUSES:
            self.status_combo.addItem(idea_status_text(status), status)
        self.status_combo.setCurrentIndex(self.status_combo.findData(idea.status))
        self.response_edit = QPlainTextEdit(idea.response)
        self.response_edit.setTabChangesFocus(True)
        self.response_edit.setPlaceholderText(self.tr(
            "What you did with it, or why not: the members read this in their letters"))
        form = QFormLayout()
        form.addRow(self.tr("Where it stands:"), self.status_combo)
        form.addRow(self.tr("Our answer:"), self.response_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: (self.status(), self.response())
            != (self._opened.draft.status, self._opened.draft.response), save=self.save)
        self.resize(520, 320)

    def status(self) -> str:
        return str(self.status_combo.currentData())

    def response(self) -> str:
        return self.response_edit.toPlainText()

    def draft(self) -> IdeaDraft:
        return IdeaDraft(self._opened.draft.text, self.status(), self.response())

    def show_draft(self, draft: IdeaDraft) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(draft.status))
        self.response_edit.setPlainText(draft.response)

    def save(self) -> None:
        opened = self._opened

        def take(chosen: IdeaDraft, theirs: IdeaDraft, version: int) -> None:
            self.show_draft(chosen)
            opened.draft, opened.version = theirs, version

        labels = {"text": self.tr("The idea"), "status": self.tr("Where it stands"),
                  "response": self.tr("Our answer")}
        try:
            saved = saved_despite_other_desks(
                self, lambda: self._context.run(
                    set_idea_status, opened.id, self.status(), on=self._today,
                    response=self.response(), base=opened.draft,
                    base_version=opened.version),
                self.tr("the answer to this idea"), lambda name: labels.get(name, name), take,
                lambda name, value: idea_status_text(value) if name == "status"
                else shown_value(value))
        except Invalid as exc:  # an answer too long for the letters
            QMessageBox.warning(self, self.windowTitle(), problem_text(exc.problems[0]))
            return
        if saved is not None:
            self.saved = saved
            opened.draft = saved.draft
            self.accept()

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()
