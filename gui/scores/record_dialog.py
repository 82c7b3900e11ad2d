"""Record a Score: how one customer answered, on either scale, in a few clicks.

Choose the question (would they recommend us, 0–10; how satisfied were they, 1–5), click
the answer, say how it was asked and add what they said. Typing a digit picks the answer
too ("1" then "0" for 10). Saving is one operation (core.scores.services.record_score);
the program then queues a call back for an unhappy answer.
"""
from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.errors import Invalid, NotFound
from core.program.clock import shop_today
from core.scores.types import CHANNELS, CSAT, DEFAULT_QUESTIONS, NPS, SCALE_RANGE, ScoreDraft
from core.store.errors import DatabaseBusy

from gui.scores import texts
from gui.shell.context import AppContext
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import ERROR_STYLE


class RecordScoreDialog(QDialog):
    def __init__(self, context: AppContext, customer_id: int, name: str, *,
                 scale: str = NPS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._customer_id = customer_id
        self._name = name
        self.recorded_id: int | None = None
        self.setWindowTitle(self.tr("Record a Score – %1").replace("%1", name))
        self.setMinimumWidth(560)

        self.name_label = QLabel(name)
        bold = QFont(self.name_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.name_label.setFont(bold)

        self.nps_radio = QRadioButton(texts.scale_name(NPS))
        self.csat_radio = QRadioButton(texts.scale_name(CSAT))
        (self.nps_radio if scale == NPS else self.csat_radio).setChecked(True)
        scales = QHBoxLayout()
        scales.addWidget(self.nps_radio)
        scales.addWidget(self.csat_radio)
        scales.addStretch(1)
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        italic = QFont(self.question_label.font())
        italic.setItalic(True)
        self.question_label.setFont(italic)

        self.score_buttons: list[QPushButton] = []
        self.score_group = QButtonGroup(self)
        self.score_group.setExclusive(True)
        self.score_row = QHBoxLayout()
        self.score_row.setSpacing(4)
        self.score_row.addStretch(1)  # the boxes sit together on the left
        self.ends_label = QLabel()
        self.ends_label.setStyleSheet("color: palette(mid);")
        self.meaning_label = QLabel()

        self.channel_combo = QComboBox()
        for channel in CHANNELS:
            self.channel_combo.addItem(texts.channel_name(channel), channel)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        today = shop_today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(self.tr("What did they say? Their words help "
                                                     "you put things right."))
        self.comment_edit.setFixedHeight(90)
        self.comment_edit.setTabChangesFocus(True)
        self.message_label = QLabel()
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("Question:"), scales)
        form.addRow("", self.question_label)
        score_box = QVBoxLayout()
        score_box.addLayout(self.score_row)
        score_box.addWidget(self.ends_label)
        score_box.addWidget(self.meaning_label)
        form.addRow(self.tr("Answer:"), score_box)
        form.addRow(self.tr("How:"), self.channel_combo)
        form.addRow(self.tr("Date:"), self.date_edit)
        form.addRow(self.tr("Comment:"), self.comment_edit)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)  # until an answer is chosen
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.nps_radio.toggled.connect(self._show_scale)
        self.score_group.idClicked.connect(self._on_score_chosen)
        self._typed = ""
        self._typed_at = 0.0
        self._show_scale()
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: self.score() is not None
            or bool(self.comment_edit.toPlainText().strip()),
            save=self._on_save_clicked, can_save=lambda: not context.read_only)

    # -- what was chosen ------------------------------------------------------------------

    def scale(self) -> str:
        return NPS if self.nps_radio.isChecked() else CSAT

    def score(self) -> int | None:
        chosen = self.score_group.checkedId()
        return None if chosen < 0 else chosen

    def choose_score(self, score: int) -> None:
        button = self.score_group.button(score)
        if button is not None:
            button.setChecked(True)
            self._on_score_chosen(score)

    def draft(self) -> ScoreDraft | None:
        score = self.score()
        if score is None:
            return None
        day = self.date_edit.date()
        return ScoreDraft(self.scale(), score, dt.date(day.year(), day.month(), day.day()),
                          str(self.channel_combo.currentData()),
                          self.comment_edit.toPlainText())

    # -- showing ------------------------------------------------------------------------

    def _show_scale(self) -> None:
        scale = self.scale()
        self.question_label.setText(f"“{DEFAULT_QUESTIONS[scale]}”")
        for button in self.score_buttons:
            self.score_group.removeButton(button)
            button.deleteLater()
        self.score_buttons = []
        lowest, highest = SCALE_RANGE[scale]
        for value in range(lowest, highest + 1):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setFixedSize(40, 36)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(texts.mood_text(scale, value))
            button.setStyleSheet("QPushButton:checked { background: #2f5d57; color: white; "
                                 "font-weight: 600; border-radius: 4px; }")
            self.score_group.addButton(button, value)
            self.score_row.insertWidget(self.score_row.count() - 1, button)
            self.score_buttons.append(button)
        ends = ((self.tr("0 = not at all likely"), self.tr("10 = extremely likely"))
                if scale == NPS else (self.tr("1 = very unhappy"), self.tr("5 = very satisfied")))
        self.ends_label.setText("     ".join(ends))
        self.meaning_label.setText("")
        self.save_button.setEnabled(False)

    def _on_score_chosen(self, score: int) -> None:
        scale = self.scale()
        self.meaning_label.setText(texts.mood_text(scale, score))
        self.meaning_label.setStyleSheet(f"color: {texts.mood_color(scale, score)}; "
                                         "font-weight: 600;")
        self.save_button.setEnabled(not self._context.read_only)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and not self.comment_edit.hasFocus():
            # "1" then "0" within a moment is 10; a digit typed later starts again.
            now = time.monotonic()
            self._typed = (self._typed + text)[-2:] if now - self._typed_at < 0.8 else text
            self._typed_at = now
            value = int(self._typed)
            if self.score_group.button(value) is None:
                value = int(text)
                self._typed = text
            self.choose_score(value)
            return
        super().keyPressEvent(event)

    # -- saving -------------------------------------------------------------------------

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()

    def _on_save_clicked(self) -> None:
        draft = self.draft()
        if draft is None or self._context.read_only:
            return
        from core.scores.services import record_score

        self.message_label.setVisible(False)
        try:
            self.recorded_id = self._context.run(record_score, self._customer_id, draft,
                                                 today=shop_today())
        except Invalid as exc:
            self._show_message("\n".join(texts.problem_text(p) for p in exc.problems))
            return
        except NotFound:
            self._show_message(self.tr("%1 is no longer in the customer list (moved to the "
                                       "trash, perhaps at another desk). Nothing was "
                                       "recorded.").replace("%1", self._name))
            return
        except DatabaseBusy:
            self._show_message(self.tr("Not saved yet: another program is still using the "
                                       "customer database. Press Save to try again."))
            return
        self._context.post_status(
            self.tr("Recorded %1 for %2.").replace("%1", texts.answer_text(draft.scale,
                                                                             draft.score))
            .replace("%2", self._name))
        self.accept()

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(True)
