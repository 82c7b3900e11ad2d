"""The import wizard: file -> how it was written -> columns -> preview -> possible
duplicates (when there are any) -> customers already known -> import.

Everything it shows comes from core.interchange (preview_file, run_import with dry_run);
the import itself runs on a worker thread behind a progress dialog with Cancel, and a
cancel leaves the database as it was.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from core.customers.validation import format_phone
from core.interchange.errors import ImportRefused
from core.interchange.importing import ImportOptions, ImportSummary, run_import
from core.interchange.outcomes import PossibleDuplicate
from core.interchange.preview import FilePreview, preview_file
from core.kernel.jobs import Cancelled
from core.settings.queries import read_shop_formats

from gui.interchange.duplicates_page import DuplicatesPage
from gui.interchange.import_pages import (
    DetectPage,
    FilePage,
    MappingPage,
    WizardPage,
    fill_model,
    fit_columns,
    fit_to_width,
    show_unmapped,
    unmapped_line,
)
from gui.interchange.row_table import fill_rows, rows_model, rows_view
from gui.interchange.texts import (
    field_label,
    problem_reason_line,
    problem_text,
    refusal_text,
    unmapped_text,
)
from gui.shell.context import AppContext
from gui.widgets.fields import short_date_format
from gui.widgets.sizing import size_to_screen
from gui.widgets.text_table import TextTableModel, read_only_view

log = logging.getLogger(__name__)

POLICIES = ("skip", "fill", "overwrite")
INVALID_BRUSH = QBrush(QColor(255, 205, 205))


# The preview's columns: a heading, and the fields shown in it (one line each).
PREVIEW_COLUMNS = (("name", ("first_name", "last_name")), ("organisation", ("organisation",)),
                   ("email", ("email",)), ("phone", ("phone",)),
                   ("address", ("street", "postal_code", "city", "country")),
                   ("birthday", ("birthday",)), ("tags", ("tags",)))
COLUMN_OF_FIELD = {field: n + 1 for n, (_, fields) in enumerate(PREVIEW_COLUMNS)
                   for field in fields}


def birthday_text(iso: str, locale: QLocale | None = None) -> str:
    """A stored birthday ("1994-04-27", or "--08-10" without the year) as the locale writes
    dates, with the year in full ("4/27/1994"; "Aug 10" or "10 Aug"); anything else as it is."""
    locale = locale or QLocale()
    parts = iso.lstrip("-").split("-")
    if not all(part.isdigit() for part in parts) or len(parts) not in (2, 3):
        return iso
    numbers = [int(part) for part in parts]
    if len(numbers) == 3:
        date = QDate(*numbers)
        return locale.toString(date, short_date_format(locale)) if date.isValid() else iso
    date = QDate(2000, *numbers)  # a leap year: 29 February is a birthday too
    if not date.isValid():
        return iso
    day_first = locale.dateFormat(QLocale.FormatType.ShortFormat).lstrip("d.' ") != \
        locale.dateFormat(QLocale.FormatType.ShortFormat)
    return locale.toString(date, "d MMM" if day_first else "MMM d")


class PreviewPage(WizardPage):
    """The first rows as they will be stored; invalid cells in red, every problem in a
    column of its own."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first rows as they will be stored. Cells in red have a "
                                 "problem, and the last column says what it is."))
        self.preview_model = TextTableModel(parent=self)
        self.preview_table = read_only_view(self.preview_model)
        fit_to_width(self.preview_table)
        self.unmapped_label = unmapped_line()
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.unmapped_label)
        layout.addWidget(self.error_label)
        self._flagged = 0

    def initializePage(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        headings = {"name": self.tr("Name"), "address": self.tr("Address")}
        labels = ([self.tr("Line")]
                  + [headings.get(name) or field_label(name) for name, _ in PREVIEW_COLUMNS]
                  + [self.tr("Problems")])
        # Numbers as the customer list shows them ("(503) 339-7967"), not as stored.
        region = read_shop_formats(self._wizard.context.database.raw()).region
        rows = []
        for shown in preview.rows:
            values = shown.values
            place = " ".join(v for v in (values.get("postal_code", ""), values.get("city", ""))
                             if v)
            phone = values.get("phone", "")
            cells = {"birthday": birthday_text(values.get("birthday", "")),
                     "phone": format_phone(phone, region) if phone.startswith("+") else phone,
                     "name": " ".join(v for v in (values.get("first_name", ""),
                                                  values.get("last_name", "")) if v),
                     "address": ", ".join(v for v in (values.get("street", ""), place,
                                                      values.get("country", "")) if v)}
            rows.append([QLocale().toString(shown.line)]
                        + [cells.get(name, values.get(name, "")) for name, _ in PREVIEW_COLUMNS]
                        + ["; ".join(problem_reason_line(p) for p in shown.problems)])
        fill_model(self.preview_model, labels, rows)
        self._flagged = 0
        problems_column = len(labels) - 1
        for row, preview_row in enumerate(preview.rows):
            for problem in preview_row.problems:
                if (column := COLUMN_OF_FIELD.get(problem.field)) is not None:
                    self.preview_model.mark_cell(row, column, problem_text(problem),
                                                 INVALID_BRUSH)
                    self._flagged += 1
            if preview_row.problems:
                self.preview_model.mark_cell(row, problems_column, "\n".join(
                    problem_text(p) for p in preview_row.problems))
        fit_columns(self.preview_table)
        show_unmapped(self.unmapped_label, preview.info.unmapped_columns)

    def flagged_cells(self) -> int:
        """Cells shown in red."""
        return self._flagged

    def validatePage(self) -> bool:
        # Which rows match someone, and which only look like someone, takes the whole file.
        return self._wizard.count() is not None

    def nextId(self) -> int:
        if self._wizard.possible_duplicates:
            return self._wizard.duplicates_page_id
        return self._wizard.policy_page_id


class PolicyPage(WizardPage):
    """How duplicates are treated, with what that means for this file in numbers, and
    every row that will not simply become a new customer."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Customers you already have"))
        self.setSubTitle(self.tr("A row is the same customer when the email, the phone number, "
                                 "or the name and postcode match (and the names agree)."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.policy_group = QButtonGroup(self)
        texts = {"skip": self.tr("Leave them as they are"),
                 "fill": self.tr("Fill in only their empty fields"),
                 "overwrite": self.tr("Overwrite their fields with the file's")}
        layout = QVBoxLayout(self)
        self.policy_buttons: dict[str, QRadioButton] = {}
        for n, policy in enumerate(POLICIES):
            button = QRadioButton(texts[policy])
            self.policy_group.addButton(button, n)
            self.policy_buttons[policy] = button
            layout.addWidget(button)
        self.policy_buttons["skip"].setChecked(True)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.count_button = QPushButton(self.tr("Count again"))
        self.count_button.clicked.connect(lambda: self.recount(again=True))
        self.rows_label = QLabel(self.tr("Rows that will not come in as new customers:"))
        self.rows_model = rows_model(self)
        self.rows_table = rows_view(self.rows_model)
        counts = QHBoxLayout()
        counts.addWidget(self.counts_label, 1)
        counts.addWidget(self.count_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(counts)
        layout.addWidget(self.error_label)
        layout.addWidget(self.rows_label)
        layout.addWidget(self.rows_table, 1)
        self.policy_group.idToggled.connect(self._on_policy_toggled)

    def policy(self) -> str:
        return POLICIES[max(0, self.policy_group.checkedId())]

    def initializePage(self) -> None:
        self.recount()

    def _on_policy_toggled(self, _button_id: int, checked: bool) -> None:
        if checked:
            self.recount()

    def recount(self, *, again: bool = False) -> None:
        summary = self._wizard.count(again=again)
        if summary is None:
            return
        self.counts_label.setText(counts_text(self, summary, dry_run=True))
        shown = fill_rows(self.rows_model, summary.outcomes, summary.problems)
        self.rows_label.setVisible(bool(shown))
        self.rows_table.setVisible(bool(shown))


class SummaryPage(WizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Import finished"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)  # the file's text, not markup
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows_model = rows_model(self)
        self.rows_table = rows_view(self.rows_model)
        self.rows_table.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.rows_table, 1)
        layout.addStretch(0)

    def initializePage(self) -> None:
        summary = self._wizard.run(dry_run=False)
        if summary is None:
            self.setTitle(self.tr("Nothing was imported"))
            self.summary_label.setText(self._wizard.last_error)
            return
        lines = [counts_text(self, summary, dry_run=False),
                 self.tr("New customers are tagged “{0}”. You can undo this import from the "
                         "import history.").format(summary.tag_name)]
        unmapped = summary.source.unmapped_columns  # all of them: this is the record
        if unmapped:
            lines.append(unmapped_text(unmapped, most=len(unmapped)))
        if summary.problem_total > len(summary.problems):
            lines.append(self.tr("… and %Ln more problem(s)", "",
                                 summary.problem_total - len(summary.problems)))
        self.summary_label.setText("\n".join(lines))
        shown = fill_rows(self.rows_model, summary.outcomes, summary.problems)
        self.rows_table.setVisible(bool(shown))


def counts_text(widget: QWidget, summary: ImportSummary, *, dry_run: bool) -> str:
    """The four counts without a noun to agree with ("1 rows"), in the shop's digits."""
    text = (widget.tr("If you import this file: {0} new, {1} updated, {2} skipped, "
                      "{3} rejected.")
            if dry_run else
            widget.tr("Imported: {0} new, {1} updated, {2} skipped, {3} rejected."))
    locale = QLocale()
    counts = text.format(*(locale.toString(n) for n in (
        summary.created, summary.updated, summary.skipped, summary.rejected)))
    if summary.warnings:  # apart from rejections: those customers come in all the same
        counts += " " + widget.tr("Values left out of their field and kept under Needs "
                                  "checking: {0}.").format(locale.toString(summary.warnings))
    return counts


class ImportWizard(QWizard):
    """Import customers from a file; emits `customers_imported(run_id)` when done."""

    customers_imported = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Import customers"))
        self.path: Path | None = None
        self.format, self.encoding, self.delimiter = "auto", "auto", "auto"
        self.mapping: tuple[str, ...] | None = None
        self.preview: FilePreview | None = None
        self.summary: ImportSummary | None = None
        # Lines the owner said are the same person as the customer they look like.
        self.same_person: set[int] = set()
        self._same_person_path: Path | None = None  # the file those lines are of
        self.possible_duplicates: tuple[PossibleDuplicate, ...] = ()
        # Counting is a whole dry run (seconds for a large file): once per file and choice.
        self._counted: dict[tuple[Path | None, ImportOptions], ImportSummary] = {}
        self.last_error = ""
        self.file_page = FilePage(self)
        self.detect_page = DetectPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.duplicates_page = DuplicatesPage(self)
        self.policy_page = PolicyPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.detect_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.duplicates_page_id = self.addPage(self.duplicates_page)
        self.policy_page_id = self.addPage(self.policy_page)
        self.addPage(self.summary_page)
        # Once imported, nothing is left to cancel: the last page offers only Finish.
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        size_to_screen(self, (960, 640), (1280, 760))

    def import_options(self) -> ImportOptions:
        return ImportOptions(format=self.format, encoding=self.encoding,
                             delimiter=self.delimiter, on_duplicate=self.policy_page.policy(),
                             mapping=self.mapping, same_person=frozenset(self.same_person))

    def options_changed(self, *, format: str, encoding: str, delimiter: str) -> None:
        self.format, self.encoding, self.delimiter = format, encoding, delimiter
        self.mapping = None  # a new reading of the file brings its own columns
        if self.refresh_preview():
            self.detect_page.show_preview()

    def refresh_preview(self) -> bool:
        """Read the file's first rows again with the current choices; False if refused."""
        assert self.path is not None
        if self.path != self._same_person_path:
            self.same_person.clear()  # choices about another file's rows
            self._same_person_path = self.path
        try:
            self.preview = self.context.run(preview_file, self.path, options=self.import_options())
        except ImportRefused as refused:
            self._show_refusal(refused)
            return False
        page = self.currentPage()
        if isinstance(page, WizardPage):
            page.show_error("")
        return True

    def count(self, *, again: bool = False) -> ImportSummary | None:
        """The dry run for the current choices (counted once, unless `again`); it names
        the possible duplicates. None when refused or cancelled."""
        key = (self.path, self.import_options())
        summary = None if again else self._counted.get(key)
        if summary is None:
            summary = self.run(dry_run=True)
            if summary is None:
                return None
            self._counted[key] = summary
            page = self.currentPage()
            if isinstance(page, WizardPage):
                page.show_error("")
        self.possible_duplicates = summary.possible_duplicates  # with the owner's choices
        return summary

    def run(self, *, dry_run: bool) -> ImportSummary | None:
        """The import (or its dry run) on a worker thread; None when refused or cancelled."""
        assert self.path is not None
        path, options, database = self.path, self.import_options(), self.context.database
        label = self.tr("Checking {0}…") if dry_run else self.tr("Importing {0}…")
        try:
            # A job: the import opens its own unit of work; what it commits is announced.
            summary = self.context.operations.run_job(
                self, label.format(path.name), lambda progress, cancelled: run_import(
                    database, path, options=options, dry_run=dry_run, progress=progress,
                    is_cancelled=cancelled))
        except Cancelled:
            if dry_run:  # the owner is still on a page: say so there
                self._show_error(self.tr("Checking the file was cancelled. Press Next (or "
                                         "Count again) to check it."))
            else:
                self.last_error = self.tr("The import was cancelled; nothing was changed.")
            return None
        except ImportRefused as refused:
            self._show_refusal(refused)
            return None
        if not dry_run:
            self.summary = summary
            if summary.run_id is not None:
                self.customers_imported.emit(summary.run_id)
            self.context.post_status(counts_text(self, summary, dry_run=False))
        return summary

    def _show_refusal(self, refused: ImportRefused) -> None:
        log.info("import refused: %s", refused)
        self._show_error(refusal_text(refused))

    def _show_error(self, text: str) -> None:
        self.last_error = text
        page = self.currentPage()
        if isinstance(page, WizardPage):
            page.show_error(text)
