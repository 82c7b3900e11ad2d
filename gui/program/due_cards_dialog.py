"""Today's "Print Due Cards…": what will print and who is left out (before), and the
printed PDF with Print… and Mark Sent (after)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.printing.formats import LABEL_SHEETS
from core.printing.services import BatchSummary
from core.printing.types import ALREADY_PRINTED
from core.program.due_cards import DueCards

from gui.printing.texts import fill, paper_name, skip_reason_text
from gui.printing.undo_commands import MarkSentCommand
from gui.program.texts import rule_gesture_text
from gui.shell.context import AppContext
from gui.widgets.pdf_preview import PdfPreview, print_pdf


class DueCardsCounts(QObject):
    """Counted sentences (lupdate marks plurals only in a class's tr() calls)."""

    def ready(self, cards: int, letters: int) -> str:
        if not letters:
            return self.tr("%Ln card(s) will print, each with its own design.", "", cards)
        if not cards:
            return self.tr("%Ln letter(s) will print, each with its own design.", "", letters)
        return fill(self.tr("%1 and %2 will print, each with its own design."),
                    self.tr("%Ln card(s)", "", cards), self.tr("%Ln letter(s)", "", letters))

    def left_out(self, count: int) -> str:
        return self.tr("%Ln left out:", "", count)

    def marked(self, count: int) -> str:
        return self.tr("%Ln gesture(s) marked done. Ctrl+Z undoes.", "", count)

    def will_complete(self, count: int) -> str:
        return self.tr("Once they are in the post, press Mark Sent: that marks these %Ln "
                       "gesture(s) done on Today.", "", count)


class DueCardsDialog(QDialog):
    """Before printing: how many cards and letters, who is left out and why, and the
    choices (the coming week too; labels on which sheet)."""

    def __init__(self, parent: QWidget, plan: Callable[[bool], DueCards]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print Due Cards"))
        self._plan = plan
        self.due: DueCards | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt;")
        self.left_out_label = QLabel()
        self.left_out = QListWidget()
        self.left_out.setMaximumHeight(160)
        self.upcoming_check = QCheckBox(self.tr("Also those coming up in the next week"))
        self.labels_check = QCheckBox(self.tr("Also print address labels (same order)"))
        self.sheet_combo = QComboBox()
        for name in LABEL_SHEETS:
            self.sheet_combo.addItem(paper_name(name), name)
        self.sheet_combo.setEnabled(False)
        self.labels_check.toggled.connect(self.sheet_combo.setEnabled)
        self.upcoming_check.toggled.connect(lambda _on: self.refresh())
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.labels_check)
        sheet_row.addWidget(self.sheet_combo, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.print_button = self.buttons.addButton(self.tr("Print…"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.left_out_label)
        layout.addWidget(self.left_out)
        layout.addWidget(self.upcoming_check)
        layout.addLayout(sheet_row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.refresh()

    def include_upcoming(self) -> bool:
        return self.upcoming_check.isChecked()

    def label_sheet(self) -> str:
        return str(self.sheet_combo.currentData()) if self.labels_check.isChecked() else ""

    def refresh(self) -> None:
        due = self.due = self._plan(self.include_upcoming())
        counts = DueCardsCounts()
        if due.plan is None and due.left_out and all(
                left.reason == ALREADY_PRINTED for left in due.left_out):
            self.summary.setText(self.tr(
                "The cards and letters due are printed already. Once they are in the post, "
                "mark that batch sent (Cards & letters, History)."))
        elif due.plan is None:
            self.summary.setText(self.tr("No card or letter can be printed now."))
        else:
            self.summary.setText(counts.ready(due.cards, due.letters))
        self.print_button.setEnabled(due.plan is not None)
        self.left_out.clear()
        for left in due.left_out:
            self.left_out.addItem(left_out_line(left.name, left.rule, left.gesture,
                                                left.reason))
        self.left_out_label.setText(counts.left_out(len(due.left_out)))
        self.left_out_label.setVisible(bool(due.left_out))
        self.left_out.setVisible(bool(due.left_out))


def left_out_line(name: str, rule: str, gesture: str, reason: str) -> str:
    """"Cal Test, birthday card: no postal address"."""
    return fill("%1, %2: %3", name, rule_gesture_text(rule, gesture).lower(),
                skip_reason_text(reason))


class PrintedDueCardsDialog(QDialog):
    """After printing: the cards as saved, Print… to send them to a printer, and Mark Sent
    (undoable with Ctrl+Z), which marks their gestures done."""

    def __init__(self, parent: QWidget, context: AppContext, summary: BatchSummary,
                 out_path: Path, labels_path: Path | None,
                 undo_stack: QUndoStack | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Due Cards Printed"))
        self._context = context
        self._summary = summary
        self._out_path = out_path
        self._undo_stack = undo_stack
        where = fill(self.tr("Saved to %1."), str(out_path))
        if labels_path is not None:
            where += " " + fill(self.tr("Labels in %1."), str(labels_path))
        text = QLabel(where + "\n" + DueCardsCounts().will_complete(summary.item_count))
        text.setWordWrap(True)
        self.preview = PdfPreview()
        self.preview.show_pdf(out_path, scale=0.8)
        self.print_button = QPushButton(self.tr("Print…"))
        self.sent_button = QPushButton(self.tr("Mark Sent"))
        self.sent_button.setEnabled(not context.read_only)
        close = QPushButton(self.tr("Close"))
        self.print_button.clicked.connect(lambda: print_pdf(self, self._out_path))
        self.sent_button.clicked.connect(self.mark_sent)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.sent_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.resize(760, 640)

    def mark_sent(self) -> None:
        command = MarkSentCommand(self._context, self._summary.id,
                                  self.tr("Mark the due cards sent"))
        if self._undo_stack is not None:
            self._undo_stack.push(command)  # runs it
        else:
            command.redo()
        self.sent_button.setEnabled(False)
        self._context.post_status(DueCardsCounts().marked(self._summary.item_count))
