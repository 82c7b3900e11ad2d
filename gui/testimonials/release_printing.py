"""Print release forms, one or a batch: a preview of every page first, then the PDF saved
(with progress and Cancel) and sent to a printer; the releases printed become "waiting
for signature" with today's date. A cancelled or failed print records nothing."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.desk import who_is_at_the_desk
from core.kernel.jobs import Cancelled

# Several forms previewed as one PDF: the services preview one testimonial's form only.
from core.printing.services import render_forms_bytes
from core.testimonials.release_form import release_forms_job
from core.testimonials.services import ReleaseFormsPrinted, print_release_forms

from gui.printing.texts import fill, paper_name, print_error_text
from gui.shell.context import AppContext
from gui.testimonials.texts import TestimonialCounts
from gui.widgets.pdf_preview import PdfPreview, print_pdf
from gui.widgets.sizing import size_to_screen

log = logging.getLogger(__name__)
PAPERS = ("letter-a4", "letter-us")


def preview_forms(session: Any, ids: Sequence[int], today: dt.date, paper: str) -> bytes:
    """The forms as they will print (a read: nothing is recorded)."""
    return render_forms_bytes(release_forms_job(session, list(ids), today=today,
                                                format_name=paper))


class ReleaseFormsDialog(QDialog):
    """The forms for `ids`, previewed; Save and Print… writes the PDF and records them
    as requested, then Send to Printer… prints it."""

    def __init__(self, context: AppContext, ids: Sequence[int], parent: QWidget | None = None,
                 *, today: dt.date, default_paper: str = "") -> None:
        super().__init__(parent)
        self._context = context
        self._ids = list(ids)
        self._today = today
        self.printed: ReleaseFormsPrinted | None = None
        self.out_path: Path | None = None
        counts = TestimonialCounts()
        self.setWindowTitle(counts.printing_forms(len(self._ids)))
        self.summary_label = QLabel(self.tr(
            "One page for each, ready to sign: the words to be used, the places they may "
            "appear, how the customer is named, and how to withdraw. Once saved, these "
            "releases count as waiting for the signed form."))
        self.summary_label.setWordWrap(True)
        self.paper_combo = QComboBox()
        for code in PAPERS:
            self.paper_combo.addItem(paper_name(code), code)
        if default_paper in PAPERS:
            self.paper_combo.setCurrentIndex(PAPERS.index(default_paper))
        self.preview = PdfPreview()
        fit_width(self.preview)
        self.save_button = QPushButton(self.tr("Save and Print…"))
        self.save_button.setDefault(True)
        self.save_button.setEnabled(not context.read_only)
        self.printer_button = QPushButton(self.tr("Send to Printer…"))
        self.printer_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.printer_button.clicked.connect(self._on_printer_clicked)
        self.close_button.clicked.connect(self.reject)
        self.paper_combo.currentIndexChanged.connect(lambda _i: self.show_preview())
        paper_row = QHBoxLayout()
        paper_row.addWidget(QLabel(self.tr("Paper:")))
        paper_row.addWidget(self.paper_combo)
        paper_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.printer_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(paper_row)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        size_to_screen(self, (640, 560), (820, 1000))
        self.show_preview()

    def paper(self) -> str:
        return str(self.paper_combo.currentData())

    def show_preview(self) -> None:
        pdf = self._context.read(preview_forms, self._ids, self._today, self.paper())
        self.preview.show_pdf(pdf, scale=1.0)

    def _on_save_clicked(self) -> None:
        name = (f"release-form-{self._ids[0]}.pdf" if len(self._ids) == 1
                else f"release-forms-{self._today.isoformat()}.pdf")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the release forms as"),
                                                name, self.tr("PDF (*.pdf)"))
        if chosen:
            path = Path(chosen)
            self.save_to(path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))

    def save_to(self, path: Path) -> ReleaseFormsPrinted | None:
        """Write the PDF and record the releases as requested; None if cancelled."""
        database, ids, today, paper = self._context.database, self._ids, self._today, self.paper()
        by = who_is_at_the_desk()
        try:
            printed = self._context.operations.run_job(
                self, TestimonialCounts().printing_forms(len(ids)) + "…",
                lambda progress, cancelled: print_release_forms(
                    database, ids, path, today=today, by=by, format_name=paper,
                    progress=progress, is_cancelled=cancelled))
        except Cancelled:
            self._context.post_status(self.tr("Printing cancelled; nothing was recorded."))
            return None
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot print the release forms"),
                                print_error_text(exc) or str(exc))
            return None
        self.printed, self.out_path = printed, path
        self.preview.show_pdf(path, scale=1.0)
        self.save_button.setEnabled(False)
        self.paper_combo.setEnabled(False)
        self.printer_button.setEnabled(True)
        self.printer_button.setDefault(True)
        self.close_button.setText(self.tr("Close"))
        summary = fill(self.tr("%1 Saved to %2. Print it, have it signed, then press "
                               "Signed… to record what was ticked."),
                       TestimonialCounts().forms(len(ids)), path)
        if printed.changed_meanwhile:
            summary += "\n\n" + TestimonialCounts().changed_while_printing(
                len(printed.changed_meanwhile))
        self.summary_label.setText(summary)
        self._context.post_status(TestimonialCounts().forms(len(ids)))
        return printed

    def _on_printer_clicked(self) -> None:
        if self.out_path is not None:
            print_pdf(self, self.out_path)


def fit_width(preview: PdfPreview) -> None:
    """A form's whole width in the pane, whatever the pane's size: a form is read across."""
    preview.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)


def default_paper(locale: QLocale) -> str:
    """US Letter where the shop's locale prints on it, else A4."""
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
              QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia}
    return "letter-us" if locale.territory() in letter else "letter-a4"
