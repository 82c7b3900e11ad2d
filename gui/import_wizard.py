"""The import wizard: file -> how it was written -> columns -> preview -> duplicates -> import.

Everything it shows comes from core.interchange (preview_file, run_import with dry_run);
the import itself runs on a worker thread behind a progress dialog with Cancel, and a
cancel leaves the database as it was.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core.interchange.formats import FIELDS, FORMATS, IGNORE
from core.interchange.history import (
    MappingProfile,
    list_import_profiles,
    mapping_for_header,
    save_import_profile,
)
from core.interchange.importing import ImportOptions, ImportSummary, run_import
from core.interchange.preview import PREVIEW_FIELDS, FilePreview, preview_file
from core.interchange.problems import ImportRefused
from core.jobs import Cancelled
from gui.context import AppContext
from gui.import_texts import field_label, problem_text, refusal_text
from gui.long_job import run_long_job

log = logging.getLogger(__name__)

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "cp1250",
             "mac_roman")
DELIMITERS = (("auto", "auto"), (",", ","), (";", ";"), ("tab", "\t"), ("pipe", "|"))
POLICIES = ("skip", "fill", "overwrite")
INVALID_BRUSH = QBrush(QColor(255, 205, 205))


class _Page(QWizardPage):
    """A wizard page with a line for the reason a file was refused."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.completeChanged.emit()


class FilePage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr("A CSV export from your shop system, spreadsheet or mailing "
                                 "tool, or a vCard file (.vcf) from your phone."))
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def _on_browse_clicked(self) -> None:
        settings = QSettings()
        folder = str(settings.value("import/last_folder", ""))
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import customers"), folder,
            self.tr("Customer files (*.csv *.txt *.tsv *.vcf);;All files (*)"))
        if name:
            settings.setValue("import/last_folder", str(Path(name).parent))
            self.path_edit.setText(name)

    def isComplete(self) -> bool:
        return Path(self.path_edit.text().strip()).is_file()

    def validatePage(self) -> bool:
        self._wizard.path = Path(self.path_edit.text().strip())
        return self._wizard.refresh_preview()


class DetectPage(_Page):
    """What was detected, each choice changeable (the preview follows)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("How the file was written"))
        self.setSubTitle(self.tr("Regulars guessed these. Change one if the names below look "
                                 "wrong."))
        self.format_combo = QComboBox()
        for name in ("auto", *FORMATS):
            self.format_combo.addItem(name if name != "auto" else self.tr("detect"), name)
        self.encoding_combo = QComboBox()
        self.encoding_combo.setEditable(True)
        self.encoding_combo.addItems(ENCODINGS)
        self.delimiter_combo = QComboBox()
        for label, value in DELIMITERS:
            self.delimiter_combo.addItem(self.tr("detect") if value == "auto" else
                                         self.tr("tab") if value == "\t" else label, value)
        self.detected_label = QLabel()
        self.detected_label.setWordWrap(True)
        self.sample_table = QTableWidget()
        form = QFormLayout()
        form.addRow(self.tr("Exported by"), self.format_combo)
        form.addRow(self.tr("Encoding"), self.encoding_combo)
        form.addRow(self.tr("Separator"), self.delimiter_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.detected_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.sample_table, 1)
        self.format_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.encoding_combo.currentTextChanged.connect(self._on_choice_changed)
        self.delimiter_combo.currentIndexChanged.connect(self._on_choice_changed)

    def initializePage(self) -> None:
        self.show_preview()

    def isComplete(self) -> bool:
        return not self.error_label.text()

    def _on_choice_changed(self) -> None:
        self._wizard.options_changed(
            format=str(self.format_combo.currentData()),
            encoding=self.encoding_combo.currentText().strip() or "auto",
            delimiter=str(self.delimiter_combo.currentData()))

    def show_preview(self) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        info = preview.info
        separator = {"\t": self.tr("tab"), "": "-"}.get(info.delimiter, info.delimiter)
        self.detected_label.setText(self.tr("Detected: {format}, {encoding}, separator {sep}")
                                    .format(format=info.format, encoding=info.encoding,
                                            sep=separator))
        fill_table(self.sample_table, list(info.header), [list(s) for s in preview.samples])


class MappingPage(_Page):
    """One row per column of the file: its name, a sample, and the field it goes to."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Choose where each column goes. Save the choice as a profile "
                                 "to use it again next time."))
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Example"), self.tr("Goes to")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.profile_combo = QComboBox()
        self.profile_combo.activated.connect(self._on_profile_chosen)
        self.profile_name_edit = QLineEdit()
        self.profile_name_edit.setPlaceholderText(self.tr("Profile name"))
        self.save_profile_button = QPushButton(self.tr("Save profile"))
        self.save_profile_button.clicked.connect(self._on_save_profile_clicked)
        profiles = QHBoxLayout()
        profiles.addWidget(QLabel(self.tr("Profile")))
        profiles.addWidget(self.profile_combo, 1)
        profiles.addWidget(self.profile_name_edit, 1)
        profiles.addWidget(self.save_profile_button)
        layout = QVBoxLayout(self)
        layout.addLayout(profiles)
        layout.addWidget(self.error_label)
        layout.addWidget(self.mapping_table, 1)
        self._combos: list[QComboBox] = []

    def initializePage(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        self._profiles = self._wizard.context.run(list_import_profiles)
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("(as detected)"), None)
        for profile in self._profiles:
            self.profile_combo.addItem(profile.name, profile.name)
        self._show(preview)

    def _show(self, preview: FilePreview) -> None:
        header = preview.info.header
        self.mapping_table.setRowCount(len(header))
        self._combos = []
        for row, name in enumerate(header):
            sample = next((s[row] for s in preview.samples if row < len(s) and s[row]), "")
            self.mapping_table.setItem(row, 0, QTableWidgetItem(name))
            self.mapping_table.setItem(row, 1, QTableWidgetItem(sample[:80]))
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), IGNORE)
            for field in FIELDS:
                combo.addItem(field_label(field), field)
            combo.setCurrentIndex(max(0, combo.findData(preview.info.mapping[row])))
            self.mapping_table.setCellWidget(row, 2, combo)
            self._combos.append(combo)

    def mapping(self) -> tuple[str, ...]:
        return tuple(str(combo.currentData()) for combo in self._combos)

    def set_field(self, column: int, field: str) -> None:
        self._combos[column].setCurrentIndex(self._combos[column].findData(field))

    def _on_profile_chosen(self) -> None:
        name = self.profile_combo.currentData()
        profile = next((p for p in self._profiles if p.name == name), None)
        if profile is None or self._wizard.preview is None:
            return
        mapping = mapping_for_header(profile, list(self._wizard.preview.info.header))
        for column, field in enumerate(mapping):
            self.set_field(column, field)

    def _on_save_profile_clicked(self) -> None:
        name = self.profile_name_edit.text().strip()
        preview = self._wizard.preview
        if not name or preview is None:
            self.profile_name_edit.setFocus()
            return
        mapping = dict(zip(preview.info.header, self.mapping()))
        self._wizard.context.run(save_import_profile,
                                 MappingProfile(name, preview.info.format, mapping))
        self._wizard.context.post_status(self.tr("Saved import profile “{0}”").format(name))
        self.initializePage()
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(name))

    def validatePage(self) -> bool:
        self._wizard.mapping = self.mapping() if self._combos else None
        return self._wizard.refresh_preview()


class PreviewPage(_Page):
    """The first rows as they will be stored; invalid cells in red with the reason."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first rows as they will be stored. Red cells have a "
                                 "problem; point at one to see why."))
        self.preview_table = QTableWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview_table, 1)

    def initializePage(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        labels = [self.tr("Line")] + [field_label(f) for f in PREVIEW_FIELDS]
        rows = [[str(r.line)] + [r.values.get(f, "") for f in PREVIEW_FIELDS]
                for r in preview.rows]
        fill_table(self.preview_table, labels, rows)
        for row, preview_row in enumerate(preview.rows):
            for problem in preview_row.problems:
                column = (PREVIEW_FIELDS.index(problem.field) + 1
                          if problem.field in PREVIEW_FIELDS else 0)
                item = self.preview_table.item(row, column)
                if item is not None:
                    item.setBackground(INVALID_BRUSH)
                    item.setToolTip(problem_text(problem))

    def flagged_cells(self) -> int:
        table = self.preview_table
        return sum(1 for r in range(table.rowCount()) for c in range(table.columnCount())
                   if table.item(r, c) is not None and table.item(r, c).toolTip())


class PolicyPage(_Page):
    """How duplicates are treated, with what that means for this file in numbers."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Customers you already have"))
        self.setSubTitle(self.tr("A row is the same customer when the email, the phone number, "
                                 "or the name and postcode match."))
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
        self.count_button = QPushButton(self.tr("Count again"))
        self.count_button.clicked.connect(self.recount)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.count_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.policy_group.idToggled.connect(lambda _id, on: on and self.recount())

    def policy(self) -> str:
        return POLICIES[max(0, self.policy_group.checkedId())]

    def initializePage(self) -> None:
        self.recount()

    def recount(self) -> None:
        summary = self._wizard.run(dry_run=True)
        if summary is not None:
            self.counts_label.setText(counts_text(self, summary, dry_run=True))


class SummaryPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Import finished"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        summary = self._wizard.run(dry_run=False)
        if summary is None:
            self.setTitle(self.tr("Nothing was imported"))
            self.summary_label.setText(self._wizard.last_error)
            return
        lines = [counts_text(self, summary, dry_run=False),
                 self.tr("New customers are tagged “{0}”. You can undo this import from the "
                         "import history.").format(summary.tag_name)]
        lines += [problem_text(p) for p in summary.problems[:20]]
        if summary.problem_total > 20:
            lines.append(self.tr("… and {0} more problems").format(summary.problem_total - 20))
        self.summary_label.setText("\n".join(lines))


def counts_text(widget: QWidget, summary: ImportSummary, *, dry_run: bool) -> str:
    text = (widget.tr("This file would create {0}, update {1}, skip {2} and reject {3} rows.")
            if dry_run else
            widget.tr("Created {0}, updated {1}, skipped {2}, rejected {3}."))
    return text.format(summary.created, summary.updated, summary.skipped, summary.rejected)


def fill_table(table: QTableWidget, header: list[str], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(header))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(header)
    for r, values in enumerate(rows):
        for c, value in enumerate(values[: len(header)]):
            item = QTableWidgetItem(value.replace("\n", " ⏎ ")[:200])
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


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
        self.last_error = ""
        self.file_page = FilePage(self)
        self.detect_page = DetectPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.policy_page = PolicyPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.detect_page, self.mapping_page, self.preview_page,
                     self.policy_page, self.summary_page):
            self.addPage(page)
        self.resize(820, 560)

    def options(self) -> ImportOptions:
        return ImportOptions(format=self.format, encoding=self.encoding,
                             delimiter=self.delimiter, on_duplicate=self.policy_page.policy(),
                             mapping=self.mapping)

    def options_changed(self, *, format: str, encoding: str, delimiter: str) -> None:
        self.format, self.encoding, self.delimiter = format, encoding, delimiter
        self.mapping = None  # a new reading of the file brings its own columns
        if self.refresh_preview():
            self.detect_page.show_preview()

    def refresh_preview(self) -> bool:
        """Read the file's first rows again with the current choices; False if refused."""
        assert self.path is not None
        try:
            self.preview = self.context.run(preview_file, self.path, options=self.options())
        except ImportRefused as refused:
            self._show_refusal(refused)
            return False
        page = self.currentPage()
        if isinstance(page, _Page):
            page.show_error("")
        return True

    def run(self, *, dry_run: bool) -> ImportSummary | None:
        """The import (or its dry run) on a worker thread; None when refused or cancelled."""
        assert self.path is not None
        path, options, database = self.path, self.options(), self.context.database
        label = self.tr("Checking {0}…") if dry_run else self.tr("Importing {0}…")
        try:
            summary = run_long_job(self, label.format(path.name), lambda progress, cancelled:
                                   run_import(database, path, options=options, dry_run=dry_run,
                                              progress=progress, is_cancelled=cancelled))
        except Cancelled:
            self.last_error = self.tr("The import was cancelled; nothing was changed.")
            return None
        except ImportRefused as refused:
            self._show_refusal(refused)
            return None
        if not dry_run:
            self.summary = summary
            self.context.customers_changed.emit()
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
        if isinstance(page, _Page):
            page.show_error(text)
