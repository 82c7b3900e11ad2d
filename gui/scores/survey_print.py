"""Print Survey Cards: a one-page paper survey card for each customer with a tag or in a
stage, each with the customer's name and a short code to type the answer back in.

Printing goes through the printing engine (template "survey-card", in the print history
like any batch) on a worker thread with Cancel; a cancelled print leaves no card waiting
for an answer."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.jobs import Cancelled
from core.printing.errors import IncompleteBusinessProfile, NoRecipients
from core.printing.types import RecipientSelection
from core.program.clock import shop_today
from core.scores.types import CSAT, DEFAULT_QUESTIONS, NPS

from gui.customers.texts import stage_labels
from gui.printing.texts import print_error_text, skip_reason_text
from gui.scores import texts
from gui.shell.context import AppContext
from gui.shell.wording import with_count
from gui.widgets.fields import ERROR_STYLE

WHO_TAG, WHO_STAGE = range(2)


class SurveyPrintDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.printed_path: Path | None = None
        self.setWindowTitle(self.tr("Print Survey Cards"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("One page per customer: your letterhead, one question with "
                               "boxes to tick, room for a comment, their name and a short "
                               "code. When cards come back, type them in with Type In "
                               "Survey Cards."))
        intro.setWordWrap(True)
        self.who_combo = QComboBox()
        self.who_combo.addItem(self.tr("Customers with the tag"))
        self.who_combo.addItem(self.tr("Customers at the stage"))
        self.tag_combo = QComboBox()
        from core.customers.services import list_tags

        for _tag_id, name in context.read(list_tags):
            self.tag_combo.addItem(name, name)
        self.stage_combo = QComboBox()
        for stage, label in stage_labels():
            self.stage_combo.addItem(label, stage)
        who = QHBoxLayout()
        who.addWidget(self.who_combo)
        who.addWidget(self.tag_combo, 1)
        who.addWidget(self.stage_combo, 1)
        self.nps_radio = QRadioButton(texts.scale_name(NPS))
        self.csat_radio = QRadioButton(texts.scale_name(CSAT))
        self.nps_radio.setChecked(True)
        self.nps_radio.setToolTip(DEFAULT_QUESTIONS[NPS])
        self.csat_radio.setToolTip(DEFAULT_QUESTIONS[CSAT])
        scales = QVBoxLayout()
        scales.addWidget(self.nps_radio)
        scales.addWidget(self.csat_radio)
        form = QFormLayout()
        form.addRow(self.tr("For:"), who)
        form.addRow(self.tr("Question:"), scales)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(self.tr("Save as PDF…"))
        self.print_button.setDefault(True)
        self.print_button.setEnabled(not context.read_only)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self._on_print_clicked)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.who_combo.currentIndexChanged.connect(self._show_who)
        if self.tag_combo.count() == 0:
            self.who_combo.setCurrentIndex(WHO_STAGE)
        self._show_who()

    def _show_who(self) -> None:
        by_tag = self.who_combo.currentIndex() == WHO_TAG
        self.tag_combo.setVisible(by_tag)
        self.stage_combo.setVisible(not by_tag)

    def selection(self) -> RecipientSelection:
        if self.who_combo.currentIndex() == WHO_TAG:
            return RecipientSelection(tag=str(self.tag_combo.currentData() or ""))
        return RecipientSelection(stage=str(self.stage_combo.currentData() or ""))

    def scale(self) -> str:
        return NPS if self.nps_radio.isChecked() else CSAT

    def _on_print_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the survey cards as"),
            f"survey-cards-{shop_today().isoformat()}.pdf", self.tr("PDF (*.pdf)"))
        if path:
            self.print_to(Path(path))

    def print_to(self, out_path: Path) -> int:
        """Plan and print the cards (with Cancel); returns how many were printed."""
        from core.scores.services import plan_survey_cards, print_survey_cards

        from gui.settings.profile_needed import ask_to_complete_profile

        today = shop_today()
        try:
            plan = self._context.read(plan_survey_cards, self.selection(), scale=self.scale(),
                                      today=today)
        except NoRecipients as nobody:
            self._say(self.tr("Nobody to print for.") + " " + self._skipped_text(nobody.skipped),
                      error=True)
            return 0
        except IncompleteBusinessProfile as exc:
            ask_to_complete_profile(self, self._context, exc.fields)
            return 0
        except Exception as exc:  # the printing errors a person can fix, worded
            text = print_error_text(exc)
            if text is None:
                raise
            self._say(text, error=True)
            return 0
        database = self._context.database
        count = len(plan.recipients)
        try:
            summary, _rendered = self._context.operations.run_job(
                self, with_count(self.tr("Printing %1 survey card(s)…", "", count), count),
                lambda progress, cancelled: print_survey_cards(
                    database, plan, out_path, today=today, progress=progress,
                    is_cancelled=cancelled))
        except Cancelled:
            self._say(self.tr("Cancelled: nothing was printed."))
            return 0
        except IncompleteBusinessProfile as exc:
            ask_to_complete_profile(self, self._context, exc.fields)
            return 0
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot print the survey cards"),
                                print_error_text(exc) or str(exc))
            return 0
        self.printed_path = out_path
        text = with_count(self.tr("%1 survey card(s) saved to ", "", summary.item_count),
                          summary.item_count) + str(out_path) + "."
        if plan.skipped:
            text += " " + self._skipped_text(plan.skipped)
        self._say(text)
        self._context.post_status(text)
        return summary.item_count

    def _skipped_text(self, skipped: tuple[object, ...]) -> str:
        reasons: dict[str, int] = {}
        for skip in skipped:
            reason = skip_reason_text(getattr(skip, "reason", ""))
            reasons[reason] = reasons.get(reason, 0) + 1
        parts = [f"{QLocale().toString(n)} {reason}" for reason, n in reasons.items()]
        return self.tr("Left out: %1.").replace("%1", ", ".join(parts)) if parts else ""

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE if error else "")
        self.message_label.setText(text)
        self.message_label.setVisible(True)
