"""Printing the council's letters from the window: choose labels (and, for some letters, one
person or everyone), choose where to save, print behind a progress dialog with Cancel, then
show the letters with Print… and who was left out and why.

Each letter is a core.council.services print job: it takes the Database, renders through the
printing engine (the batch shows in Cards & letters' history) and records what it did
(members invited, notes sent) only once the PDFs are in place.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.council.errors import NO_GUESTS, NO_MEMBERS, NothingToPrint
from core.council.services import default_label_sheet, print_charters
from core.council.services import print_you_said_we_did as you_said_we_did_letters
from core.council.types import NOTHING_TO_REPORT, LeftOutLetter, LettersPrinted, TermRow
from core.kernel.jobs import Cancelled
from core.printing.errors import IncompleteBusinessProfile
from core.printing.formats import LABEL_SHEETS
from core.settings.profile import get_business_profile

from gui.council.texts import CouncilCounts
from gui.printing.texts import fill, paper_name, print_error_text, printing_label, skip_reason_text
from gui.shell.context import AppContext
from gui.widgets.pdf_preview import PdfPreview, print_pdf
from gui.widgets.sizing import size_to_screen

if TYPE_CHECKING:
    from gui.council.page import CouncilPage

# A print job as core.council.services has them, less what the window fills in.
Letters = Callable[..., LettersPrinted]


def left_out_text(left: LeftOutLetter) -> str:
    """"Ana Diaz: no postal address"."""
    return fill("%1: %2", left.name, reason_text(left.reason))


def reason_text(reason: str) -> str:
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("CouncilLetters", text)

    return {NOTHING_TO_REPORT: tr("no idea acted on since their last letter"),
            NO_MEMBERS: tr("nobody to write to"),
            NO_GUESTS: tr("every guest has an invitation already")}.get(
                reason, skip_reason_text(reason))


class LettersDialog(QDialog):
    """Before printing: what will print, everyone or one person, and labels or not."""

    def __init__(self, parent: QWidget, title: str, what: str, *,
                 people: Sequence[tuple[int, str]] = (), labels: bool = True,
                 label_sheet: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(what)
        text.setWordWrap(True)
        text.setStyleSheet("font-size: 11pt;")
        self.who_combo = QComboBox()
        self.who_combo.addItem(self.tr("Everyone, as one batch"), None)
        for customer_id, name in people:
            self.who_combo.addItem(fill(self.tr("Only %1"), name), customer_id)
        self.labels_check = QCheckBox(self.tr("Also print address labels (same order)"))
        self.labels_check.setChecked(labels)
        self.sheet_combo = QComboBox()
        for name in LABEL_SHEETS:
            self.sheet_combo.addItem(paper_name(name), name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(label_sheet)))
        self.labels_check.toggled.connect(self.sheet_combo.setEnabled)
        self.sheet_combo.setEnabled(labels)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.labels_check)
        sheet_row.addWidget(self.sheet_combo, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.print_button = buttons.addButton(self.tr("Print…"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if people:
            who_row = QHBoxLayout()
            who_row.addWidget(QLabel(self.tr("Letters to:")))
            who_row.addWidget(self.who_combo, 1)
            layout.addLayout(who_row)
        layout.addLayout(sheet_row)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def customer_ids(self) -> tuple[int, ...] | None:
        chosen = self.who_combo.currentData()
        return None if chosen is None else (int(chosen),)

    def label_sheet(self) -> str:
        return str(self.sheet_combo.currentData()) if self.labels_check.isChecked() else ""


class PrintedLettersDialog(QDialog):
    """After printing: the letters as saved, Print… to send them to a printer, and who was
    left out and why."""

    def __init__(self, parent: QWidget, done: LettersPrinted, said: str, out_path: Path,
                 labels_path: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Letters Printed"))
        self._out_path = out_path
        where = fill(self.tr("Saved as %1."), str(out_path))
        if labels_path is not None and done.label_pages:
            where += " " + fill(self.tr("Labels in %1."), str(labels_path))
        text = QLabel(said + "\n" + where)
        text.setWordWrap(True)
        text.setStyleSheet("font-size: 11pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if done.left_out:
            layout.addWidget(QLabel(CouncilCounts().left_out(len(done.left_out))))
            self.left_out = QListWidget()
            self.left_out.addItems([left_out_text(left) for left in done.left_out])
            self.left_out.setMaximumHeight(110)
            layout.addWidget(self.left_out)
        self.preview = PdfPreview()
        self.preview.show_pdf(out_path, scale=0.8)
        layout.addWidget(self.preview, 1)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(lambda: print_pdf(self, self._out_path))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        size_to_screen(self, (640, 560), (820, 980))


def business_label_sheet(context: AppContext) -> str:
    return default_label_sheet(context.read(get_business_profile).locale)


def ask_where(parent: QWidget, default_name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("Save the letters as"), default_name, parent.tr("PDF (*.pdf)"))
    return Path(path) if path else None


def print_letters_to(parent: QWidget, context: AppContext, letters: Letters, subject_id: int,
                     out_path: Path, *, today: dt.date, label_sheet: str = "",
                     customer_ids: Sequence[int] | None = None,
                     said: Callable[[LettersPrinted], str] | None = None,
                     show: bool = True) -> LettersPrinted | None:
    """Print `letters` for `subject_id` (a term, a meeting, an evening) to `out_path`, with
    labels next to it when `label_sheet` is given; then show them. None when nothing was
    printed (cancelled, nobody to write to: the person has been told why)."""
    labels_path = out_path.with_name(out_path.stem + "-labels.pdf") if label_sheet else None
    kwargs: dict[str, Any] = {"today": today, "customer_ids": customer_ids}
    if letters is not print_charters:
        kwargs.update(labels_path=labels_path, label_sheet=label_sheet)

    def job(progress: Any, is_cancelled: Any) -> LettersPrinted:
        return letters(context.database, subject_id, out_path, progress=progress,
                       is_cancelled=is_cancelled, **kwargs)

    title = parent.tr("Print Letters")
    try:
        done = context.operations.run_job(parent, printing_label(len(customer_ids or ())
                                                                 or 1), job)
    except Cancelled:
        context.post_status(parent.tr("Printing cancelled; nothing was recorded."))
        return None
    except IncompleteBusinessProfile as incomplete:
        from gui.settings.profile_needed import ask_to_complete_profile

        ask_to_complete_profile(parent, context, incomplete.fields)
        return None
    except NothingToPrint as nothing:
        lines = [reason_text(nothing.reason)]
        lines += [left_out_text(left) for left in nothing.left_out
                  if isinstance(left, LeftOutLetter)][:12]
        QMessageBox.information(parent, title, parent.tr("No letter was printed.") + "\n\n"
                                + "\n".join(dict.fromkeys(lines)))
        return None
    except OSError as exc:
        QMessageBox.warning(parent, title, print_error_text(exc) or str(exc))
        return None
    if show:
        text = said(done) if said is not None else CouncilCounts().letters(done.letters)
        dialog = PrintedLettersDialog(parent, done, text, out_path, labels_path)
        dialog.setObjectName("printed_letters_dialog")
        dialog.open()
    return done


def ask_and_print(page: CouncilPage, letters: Letters, subject_id: int, *, title: str,
                  what: str, file_name: str, people: Sequence[tuple[int, str]] = (),
                  customer_ids: Sequence[int] | None = None, labels: bool = True,
                  said: Callable[[LettersPrinted], str] | None = None,
                  before: Callable[[], object] | None = None) -> None:
    """The whole round: ask (everyone or one person, labels), ask where, print, show.
    `before` runs once the person has said yes to both (for what printing needs first)."""
    context = page.context
    dialog = LettersDialog(page, title, what, people=people, labels=labels,
                           label_sheet=business_label_sheet(context))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    out_path = ask_where(page, file_name)
    if out_path is None:
        return
    if before is not None:
        before()
    print_letters_to(page, context, letters, subject_id, out_path, today=page.today(),
                     label_sheet=dialog.label_sheet(),
                     customer_ids=dialog.customer_ids() or customer_ids, said=said)


def print_charter(page: CouncilPage, term: TermRow) -> None:
    context = page.context
    dialog = LettersDialog(page, page.tr("Print Charter"), page.tr(
        "The charter on one page for each member (and each person invited) to sign and "
        "bring back. Record each signature with Charter Signed on the Members tab."),
        people=[(m.customer_id, m.name) for m in page.members_tab.members], labels=False)
    dialog.labels_check.hide()
    dialog.sheet_combo.hide()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    out_path = ask_where(page, f"charter-{term.name}.pdf")
    if out_path is not None:
        print_letters_to(page, context, print_charters, term.id, out_path,
                         today=page.today(), customer_ids=dialog.customer_ids())


def print_you_said_we_did(page: CouncilPage, term: TermRow) -> None:
    ask_and_print(page, you_said_we_did_letters, term.id,
                  title=page.tr("“You Said, We Did” Letters"),
                  what=page.tr("A letter to each member listing the ideas acted on since "
                               "their last such letter. Members with nothing new are left "
                               "out."),
                  file_name=f"you-said-we-did-{page.today().isoformat()}.pdf",
                  people=[(m.customer_id, m.name) for m in page.members_tab.members])

