"""File > Import Visits and Purchases: file -> how it was read -> check -> import.

Everything it shows comes from core.visits.services (preview_till_file, and
run_visit_import as a dry run); the import itself runs on a worker thread behind a
progress dialog with Cancel, and a cancel leaves the database as it was.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from core.interchange.errors import ImportRefused
from core.kernel.jobs import Cancelled
from core.visits.services import (
    TillPreview,
    VisitImportOptions,
    VisitImportSummary,
    preview_till_file,
    run_visit_import,
)

from gui.interchange.import_pages import WizardPage
from gui.shell.context import AppContext
from gui.visits.import_visits_pages import CheckPage, DonePage, ReadingPage, TillFilePage
from gui.visits.till_texts import refusal_text
from gui.widgets.sizing import size_to_screen

log = logging.getLogger(__name__)


class ImportVisitsWizard(QWizard):
    """Import a till export; emits `visits_imported(run_id)` when done."""

    visits_imported = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Import visits and purchases"))
        self.path: Path | None = None
        self.format, self.encoding, self.delimiter = "auto", "auto", "auto"
        self.preview: TillPreview | None = None
        self.summary: VisitImportSummary | None = None
        self.last_error = ""
        self.file_page = TillFilePage(self)
        self.reading_page = ReadingPage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.reading_page, self.check_page, self.done_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        size_to_screen(self, (860, 620), (1200, 760))

    def import_options(self, *, dry_run: bool = False) -> VisitImportOptions:
        # The check counts the customers that creating them would make; the import does
        # what the person chose.
        unmatched = "create" if dry_run else self.check_page.unmatched_choice()
        return VisitImportOptions(format=self.format, encoding=self.encoding,
                                  delimiter=self.delimiter, unmatched=unmatched)

    def options_changed(self, *, format: str, encoding: str, delimiter: str) -> None:
        self.format, self.encoding, self.delimiter = format, encoding, delimiter
        if self.refresh_preview():
            self.reading_page.show_preview()

    def refresh_preview(self) -> bool:
        """Read the file's first rows again with the current choices; False if refused."""
        assert self.path is not None
        try:
            self.preview = preview_till_file(self.path, self.import_options(dry_run=True))
        except ImportRefused as refused:
            self._show_error(refused)
            return False
        except OSError as exc:
            self._show_text(self.tr("%1 cannot be read: %2").replace(
                "%1", self.path.name).replace("%2", exc.strerror or type(exc).__name__))
            return False
        page = self.currentPage()
        if isinstance(page, WizardPage):
            page.show_error("")
        return True

    def run(self, *, dry_run: bool) -> VisitImportSummary | None:
        """The import (or its dry run) on a worker thread; None when refused or cancelled."""
        assert self.path is not None
        path, options = self.path, self.import_options(dry_run=dry_run)
        database = self.context.database
        label = (self.tr("Reading %1…") if dry_run else self.tr("Importing %1…")).replace(
            "%1", path.name)
        try:
            summary = self.context.operations.run_job(
                self, label, lambda progress, cancelled: run_visit_import(
                    database, path, options=options, dry_run=dry_run, progress=progress,
                    is_cancelled=cancelled))
        except Cancelled:
            self.last_error = self.tr("The import was cancelled; nothing was changed.")
            return None
        except ImportRefused as refused:
            self._show_error(refused)
            return None
        if not dry_run:
            self.summary = summary
            if summary.run_id is not None:
                self.visits_imported.emit(summary.run_id)
            self.context.post_status(self.tr("Imported visits and purchases from %1.")
                                     .replace("%1", path.name))
        return summary

    def _show_error(self, refused: ImportRefused) -> None:
        log.info("visit import refused: %s", refused)
        self._show_text(refusal_text(refused))

    def _show_text(self, text: str) -> None:
        self.last_error = text
        page = self.currentPage()
        if isinstance(page, WizardPage):
            page.show_error(text)
