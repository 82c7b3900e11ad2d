"""The Listening page's satisfaction sections: NPS and CSAT over the last 90 days (each
with its formula in a tooltip), and the most recent answers."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QLocale, QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.program.clock import shop_today
from core.scores.services import figures, recent_scores
from core.scores.types import Figures, ScoreRow

from gui.listening.section import ListeningSection
from gui.program.dates import short_date_formatter
from gui.scores import texts
from gui.shell.context import AppContext
from gui.shell.wording import with_count
from gui.widgets.text_table import RowLook, TextTableModel, read_only_view

RECENT_SHOWN = 50
COL_DATE, COL_CUSTOMER, COL_ANSWER, COL_MEANS, COL_CHANNEL, COL_COMMENT = range(6)


class _FigureCard(QFrame):
    """One figure: its name, the big number, and what it is made of."""

    def __init__(self, name: str, short_formula: str, formula: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure_card")
        self.setStyleSheet("#figure_card { background: palette(base); border: 1px solid "
                           "palette(midlight); border-radius: 8px; }")
        self.setToolTip(formula)
        self.name_label = QLabel(name)
        self.name_label.setStyleSheet("color: palette(mid); font-weight: 600;")
        self.value_label = QLabel("–")
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.value_label.setFont(font)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.how_label = QLabel(short_formula)
        self.how_label.setStyleSheet("color: palette(mid);")
        self.how_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.name_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.how_label)
        for child in (self.name_label, self.value_label, self.detail_label, self.how_label):
            child.setToolTip(formula)


class FiguresSection(ListeningSection):
    """Would-recommend (NPS) and satisfaction (CSAT) over the last 90 days."""

    def __init__(self, context: AppContext, locale: QLocale, *,
                 today: Callable[[], dt.date] = shop_today) -> None:
        super().__init__(context, locale, self.tr("Satisfaction, last 90 days"))
        self._today = today
        self.nps_card = _FigureCard(self.tr("Would recommend us (NPS)"),
                                    self.tr("NPS = % promoters − % detractors"),
                                    texts.nps_formula())
        self.csat_card = _FigureCard(self.tr("Satisfied customers (CSAT)"),
                                     self.tr("CSAT = % of answers that are 4 or 5"),
                                     texts.csat_formula())
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.nps_card, 1)
        row.addWidget(self.csat_card, 1)
        self.body.addLayout(row)
        self.figures: Figures | None = None

    def load(self) -> None:
        self.figures = self.context.read(figures, self._today())
        self.show_figures(self.figures)

    def wants(self, changes: Changes) -> bool:
        return changes.scores or changes.customers

    def show_figures(self, result: Figures) -> None:
        written = short_date_formatter(self.shop_locale)
        self.set_note(self.tr("%1 to %2. Hover over a figure to see how it is worked out.")
                      .replace("%1", written(result.first)).replace("%2", written(result.last)))
        nps, csat = result.nps, result.csat
        if nps.score is None:
            self.nps_card.value_label.setText("–")
            self.nps_card.detail_label.setText(self.tr("No answers to the recommend question "
                                                       "in these 90 days."))
        else:
            sign = "+" if nps.score > 0 else ""
            self.nps_card.value_label.setText(f"{sign}{self.shop_locale.toString(nps.score)}")
            self.nps_card.detail_label.setText(
                self.tr("Promoters (9–10): %1 · Passives (7–8): %2 · Detractors (0–6): %3")
                .replace("%1", self.shop_locale.toString(nps.promoters))
                .replace("%2", self.shop_locale.toString(nps.passives))
                .replace("%3", self.shop_locale.toString(nps.detractors))
                + "\n" + with_count(self.tr("Out of %1 answer(s)", "", nps.answers),
                                     nps.answers, self.shop_locale))
        if csat.score is None:
            self.csat_card.value_label.setText("–")
            self.csat_card.detail_label.setText(self.tr("No answers to the satisfaction "
                                                        "question in these 90 days."))
        else:
            self.csat_card.value_label.setText(f"{self.shop_locale.toString(csat.score)} %")
            self.csat_card.detail_label.setText(
                self.tr("Satisfied (4–5): %1 · Neutral (3): %2 · Unhappy (1–2): %3")
                .replace("%1", self.shop_locale.toString(csat.satisfied))
                .replace("%2", self.shop_locale.toString(csat.answers - csat.satisfied
                                                    - csat.unhappy))
                .replace("%3", self.shop_locale.toString(csat.unhappy))
                + "\n" + with_count(self.tr("Out of %1 answer(s)", "", csat.answers),
                                     csat.answers, self.shop_locale))


class RecentScoresSection(ListeningSection):
    """The newest answers; double-click (or Enter) opens the customer."""

    def __init__(self, context: AppContext, locale: QLocale) -> None:
        super().__init__(context, locale, self.tr("Recent answers"))
        self.model = TextTableModel([
            self.tr("Date"), self.tr("Customer"), self.tr("Answer"), self.tr("Means"),
            self.tr("How"), self.tr("Comment")], self)
        self.table = read_only_view(self.model)
        self.table.setMinimumHeight(320)
        self.table.doubleClicked.connect(self._on_row_opened)
        self.table.activated.connect(self._on_row_opened)
        self.enter_button = QPushButton(self.tr("Type In Survey Cards…"))
        self.enter_button.setToolTip(self.tr("Type the answers of returned paper survey "
                                             "cards: code, score, comment, Enter"))
        self.enter_button.clicked.connect(self._on_enter_clicked)
        self.enter_button.setEnabled(not context.read_only)
        self.print_button = QPushButton(self.tr("Print Survey Cards…"))
        self.print_button.setToolTip(self.tr("One page per customer, with a short code to "
                                             "type the answer back in"))
        self.print_button.clicked.connect(self._on_print_clicked)
        self.print_button.setEnabled(not context.read_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enter_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addWidget(self.table)
        self.rows: list[ScoreRow] = []

    def load(self) -> None:
        self.rows = self.context.read(recent_scores, limit=RECENT_SHOWN)
        written = short_date_formatter(self.shop_locale)
        self.model.set_rows([
            (written(row.answered_on), row.customer_name or self.tr("(no name)"),
             texts.answer_text(row.scale, row.score), texts.mood_text(row.scale, row.score),
             texts.channel_name(row.channel), row.comment.replace("\n", " "))
            for row in self.rows],
            looks=[RowLook(tooltip=row.question,
                           foreground=QColor(texts.mood_color(row.scale, row.score))
                           if texts.mood_color(row.scale, row.score) == "#c62828" else None)
                   for row in self.rows])
        self.set_note("" if self.rows else self.tr(
            "No answers yet. Record one on a customer's Satisfaction tab, or print survey "
            "cards and type the answers in when they come back."))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_COMMENT, QHeaderView.ResizeMode.Stretch)

    def wants(self, changes: Changes) -> bool:
        return changes.scores or changes.customers

    def _on_row_opened(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.rows):
            self.open_customer_requested.emit(self.rows[index.row()].customer_id)

    def _on_enter_clicked(self) -> None:
        from gui.scores.survey_entry import SurveyEntryDialog

        SurveyEntryDialog(self.context, parent=self).exec()

    def _on_print_clicked(self) -> None:
        from gui.scores.survey_print import SurveyPrintDialog

        SurveyPrintDialog(self.context, parent=self).exec()

