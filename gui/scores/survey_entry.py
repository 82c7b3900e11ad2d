"""Type In Survey Cards: the answers of returned paper survey cards, one after the other,
on one screen: the card's code, Enter, the score, Enter, the comment (if any), Enter; the
answer is saved and the cursor is back in Code for the next card.

The code names the card, so its customer and question: the line under the fields says
whose card it is before the score is typed. Each answer is one operation
(core.scores.services.answer_survey_card); the program then queues a call back for an
unhappy answer.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.errors import Invalid, NotFound
from core.program.clock import shop_today
from core.scores.errors import SurveyAlreadyAnswered, UnknownSurveyCode
from core.scores.types import SCALE_RANGE, SurveyCardRow
from core.store.errors import DatabaseBusy

from gui.scores import texts
from gui.shell.context import AppContext
from gui.shell.wording import with_count
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import ERROR_STYLE
from gui.widgets.text_table import TextTableModel, read_only_view


class SurveyEntryDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.card: SurveyCardRow | None = None
        self.saved: list[int] = []
        self.setWindowTitle(self.tr("Type In Survey Cards"))
        self.resize(760, 480)
        intro = QLabel(self.tr("For each card that came back: type its code, press Enter, "
                               "type the score, press Enter, then the comment (or nothing) "
                               "and Enter again. The answer is saved and you are ready for "
                               "the next card."))
        intro.setWordWrap(True)
        big = QFont()
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("e.g. K7Q-3MX"))
        self.code_edit.setMaxLength(12)
        self.code_edit.setFixedWidth(140)
        self.score_edit = QLineEdit()
        self.score_edit.setPlaceholderText(self.tr("0–10"))
        self.score_edit.setMaxLength(2)
        self.score_edit.setFixedWidth(70)
        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText(self.tr("What they wrote (optional)"))
        for edit in (self.code_edit, self.score_edit, self.comment_edit):
            edit.setFont(big)
        self.save_button = QPushButton(self.tr("Save Answer"))
        self.save_button.setEnabled(False)
        # Enter belongs to the fields (code, then score, then comment), never to a button.
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self._save)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Code")), 0, 0)
        grid.addWidget(QLabel(self.tr("Score")), 0, 1)
        grid.addWidget(QLabel(self.tr("Comment")), 0, 2)
        grid.addWidget(self.code_edit, 1, 0)
        grid.addWidget(self.score_edit, 1, 1)
        grid.addWidget(self.comment_edit, 1, 2)
        grid.addWidget(self.save_button, 1, 3)
        grid.setColumnStretch(2, 1)
        self.card_label = QLabel(" ")
        self.card_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(mid);")
        self.model = TextTableModel([self.tr("Code"), self.tr("Customer"), self.tr("Answer"),
                                     self.tr("Comment")], self)
        self.table = read_only_view(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.card_label)
        layout.addWidget(self.message_label)
        layout.addSpacing(6)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._rows: list[tuple[str, str, str, str]] = []
        self._show_count()
        self.code_edit.returnPressed.connect(self._on_code_entered)
        self.score_edit.returnPressed.connect(self._on_score_entered)
        self.comment_edit.returnPressed.connect(self._save)
        self.code_edit.textEdited.connect(self._on_code_edited)
        self.code_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=self._typed_unsaved, save=self._save,
            can_save=lambda: self.card is not None and not context.read_only,
            question=lambda: self.tr("The answer of card %1 is typed but not saved.")
            .replace("%1", self.code_edit.text().strip()))
        if context.read_only:
            for edit in (self.code_edit, self.score_edit, self.comment_edit):
                edit.setEnabled(False)

    def _typed_unsaved(self) -> bool:
        return bool(self.score_edit.text().strip() or self.comment_edit.text().strip())

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()

    # -- the three steps --------------------------------------------------------------

    def _on_code_edited(self) -> None:
        self.card = None
        self.card_label.setText(" ")
        self.save_button.setEnabled(False)

    def _on_code_entered(self) -> None:
        from core.scores.services import find_survey_card

        code = self.code_edit.text().strip()
        if not code:
            return
        self._clear_message()
        try:
            card = self._context.read(find_survey_card, code)
        except UnknownSurveyCode:
            self._show_message(self.tr("No survey card has the code %1. Check the letters "
                                       "on the card (there is no O, I, L, S or B in a code).")
                               .replace("%1", code.upper()))
            self.code_edit.selectAll()
            return
        if card.score_id is not None:
            self._show_message(self.tr("Card %1 (%2) was typed in already.")
                               .replace("%1", card.code).replace("%2", card.customer_name))
            self.code_edit.selectAll()
            return
        self.card = card
        lowest, highest = SCALE_RANGE[card.scale]
        self.score_edit.setPlaceholderText(f"{lowest}–{highest}")
        self.card_label.setText(self.tr("Card %1: <b>%2</b> – “%3” (%4 to %5)")
                                .replace("%1", card.code).replace("%2", _escape(card.customer_name))
                                .replace("%3", _escape(card.question))
                                .replace("%4", str(lowest)).replace("%5", str(highest)))
        self.code_edit.setText(card.code)
        self.save_button.setEnabled(not self._context.read_only)
        self.score_edit.setFocus()
        self.score_edit.selectAll()

    def _on_score_entered(self) -> None:
        if self.card is None:
            self.code_edit.setFocus()
            return
        if self._score() is None:
            return
        self.comment_edit.setFocus()

    def _score(self) -> int | None:
        """The typed score, or None with a message when it is not one of the card's."""
        assert self.card is not None
        lowest, highest = SCALE_RANGE[self.card.scale]
        text = self.score_edit.text().strip()
        if text.isdigit() and lowest <= int(text) <= highest:
            self._clear_message()
            return int(text)
        self._show_message(self.tr("Type the score the customer ticked: a number from %1 to "
                                   "%2.").replace("%1", str(lowest)).replace("%2", str(highest)))
        self.score_edit.setFocus()
        self.score_edit.selectAll()
        return None

    def _save(self) -> None:
        if self.card is None:
            self._on_code_entered()
            return
        score = self._score()
        if score is None:
            return
        from core.scores.services import answer_survey_card

        card, comment = self.card, self.comment_edit.text()
        today = shop_today()
        try:
            score_id = self._context.run(answer_survey_card, card.code, score, comment,
                                         answered_on=today, today=today)
        except SurveyAlreadyAnswered:
            self._show_message(self.tr("Card %1 was typed in already (perhaps at another "
                                       "desk).").replace("%1", card.code))
            return
        except (UnknownSurveyCode, NotFound):
            self._show_message(self.tr("%1 is no longer in the customer list; this answer "
                                       "was not saved.").replace("%1", card.customer_name))
            return
        except Invalid as exc:
            self._show_message("\n".join(texts.problem_text(p) for p in exc.problems))
            return
        except DatabaseBusy:
            self._show_message(self.tr("Not saved yet: another program is still using the "
                                       "customer database. Press Enter to try again."))
            return
        self.saved.append(score_id)
        self._rows.insert(0, (card.code, card.customer_name,
                              texts.answer_text(card.scale, score) + " – "
                              + texts.mood_text(card.scale, score), comment.strip()))
        self.model.set_rows(self._rows)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._show_count()
        self.card = None
        for edit in (self.code_edit, self.score_edit, self.comment_edit):
            edit.clear()
        self.card_label.setText(" ")
        self.save_button.setEnabled(False)
        self.code_edit.setFocus()

    def _show_count(self) -> None:
        n = len(self.saved)
        self.count_label.setText(
            with_count(self.tr("%1 answer(s) typed in so far", "", n), n) if n
            else self.tr("Answers typed in appear here, the newest first."))

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(True)

    def _clear_message(self) -> None:
        self.message_label.setVisible(False)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
