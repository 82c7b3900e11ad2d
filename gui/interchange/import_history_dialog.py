"""The import history: what each import did, the problems it found, and undoing one."""
from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.interchange.errors import ImportAlreadyUndone
from core.interchange.history import (
    ImportRunRow,
    get_import,
    list_imports,
    undo_import,
)
from core.interchange.outcomes import KEPT_APART
from core.kernel.errors import NotFound
from core.settings.queries import read_shop_formats

from gui.interchange.row_table import fill_rows, rows_model, rows_view
from gui.interchange.texts import encoding_label, format_label, policy_label, separator_label
from gui.shell.context import AppContext
from gui.widgets.fields import moment_text
from gui.widgets.sizing import size_to_screen
from gui.widgets.text_table import RowLook, TextTableModel, read_only_view

log = logging.getLogger(__name__)

(COL_WHEN, COL_FILE, COL_FORMAT, COL_CREATED, COL_UPDATED, COL_SKIPPED, COL_REJECTED,
 COL_UNDONE) = range(8)
_COUNT_COLUMNS = (COL_CREATED, COL_UPDATED, COL_SKIPPED, COL_REJECTED)


def shop_locale(context: AppContext) -> QLocale:
    """The business's locale (its dates and digits), else the app's default."""
    name = read_shop_formats(context.database.raw()).locale
    return QLocale(name) if name else QLocale()


def _read_only_table(model: TextTableModel) -> QTableView:
    table = read_only_view(model)
    # Room either side of the text, also in the columns sized to their contents.
    table.setStyleSheet("QTableView::item { padding: 0 8px; }"
                        "QHeaderView::section { padding: 2px 8px; }")
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


class ImportHistoryDialog(QDialog):
    """Past imports, newest first; the chosen one's problems; "Undo this import"."""

    import_undone = Signal(int)  # the import's id

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._runs: list[ImportRunRow] = []
        self._locale = shop_locale(context)
        self.setWindowTitle(self.tr("Import history"))

        self.imports_model = TextTableModel([
            self.tr("Imported"), self.tr("File"), self.tr("From"), self.tr("Created"),
            self.tr("Updated"), self.tr("Skipped"), self.tr("Rejected"), self.tr("Undone")],
            parent=self)
        self.imports_table = _read_only_table(self.imports_model)
        self.imports_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.imports_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)

        self.empty_label = QLabel(self.tr(
            "No imports yet. Customers you bring in with File > Import Customers are listed "
            "here, and each import can be undone."))
        self.empty_label.setWordWrap(True)
        self.file_value_label = QLabel()
        self.reading_value_label = QLabel()
        self.duplicates_value_label = QLabel()
        self.tag_value_label = QLabel()
        self.undone_value_label = QLabel()
        self.problems_value_label = QLabel()
        self.detail_form = QFormLayout()
        self.detail_form.setContentsMargins(2, 4, 2, 4)
        self.detail_form.setHorizontalSpacing(16)
        self.detail_form.setVerticalSpacing(4)
        for label, value in ((self.tr("File:"), self.file_value_label),
                             (self.tr("Read as:"), self.reading_value_label),
                             (self.tr("Duplicates:"), self.duplicates_value_label),
                             (self.tr("New customers tagged:"), self.tag_value_label),
                             (self.tr("Undone:"), self.undone_value_label),
                             (self.tr("Rows to look at:"), self.problems_value_label)):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.detail_form.addRow(label, value)
        # Every row the import skipped, filled in, overwrote, kept apart or left out.
        self.rows_model = rows_model(self)
        self.rows_table = rows_view(self.rows_model)
        self.rows_table.setAlternatingRowColors(True)

        self.undo_button = QPushButton(self.tr("Undo this import…"))
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 8, 0, 0)
        details_layout.setSpacing(6)
        details_layout.addWidget(self.empty_label)
        details_layout.addLayout(self.detail_form)
        details_layout.addWidget(self.rows_table, 1)
        details_layout.addStretch(0)  # takes the room when there are no problems
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.imports_table)
        splitter.addWidget(details)
        splitter.setSizes([220, 300])
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.imports_table.selectionModel().selectionChanged.connect(self._on_import_chosen)
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.close_buttons.rejected.connect(self.reject)
        size_to_screen(self, (940, 600), (1280, 760))
        self.load()

    # -- public ------------------------------------------------------------------------

    def load(self) -> None:
        """Read the history again, keeping the chosen import (or choosing the newest)."""
        chosen = self.current_import_id()
        self._runs = self._context.run(list_imports)
        selection = self.imports_table.selectionModel()
        selection.blockSignals(True)  # the import's details are read once, below
        self._fill_imports()
        ids = [run.id for run in self._runs]
        if ids:
            self.imports_table.selectRow(ids.index(chosen) if chosen in ids else 0)
        selection.blockSignals(False)
        self._on_import_chosen()

    def current_import_id(self) -> int | None:
        run = self._current_run()
        return run.id if run is not None else None

    def select_import(self, run_id: int) -> None:
        for row, run in enumerate(self._runs):
            if run.id == run_id:
                self.imports_table.selectRow(row)

    # -- slots -------------------------------------------------------------------------

    def _on_import_chosen(self) -> None:
        run = self._current_run()
        self.empty_label.setVisible(not self._runs)
        for row in range(self.detail_form.rowCount()):
            self.detail_form.setRowVisible(row, run is not None)
        self.rows_table.setVisible(bool(self._runs))
        if run is None:
            self.rows_model.set_rows([])
            self._update_buttons()
            return
        detail = self._context.run(get_import, run.id)
        shown = fill_rows(self.rows_model, detail.outcomes, detail.problems)
        self._show_details(detail, shown)
        self._update_buttons()

    def _on_undo_clicked(self) -> None:
        run = self._current_run()
        if run is None or run.undone_at is not None or self._context.read_only:
            return
        question = self.tr("Undo the import of “{0}” from {1}?").format(
            run.file_name, self._when(run)) + "\n\n" + (
            self.tr("The %Ln customer(s) it created will move to the trash.", "", run.created)
            if run.created else self.tr("It created no customers."))
        if run.updated:
            question += " " + self.tr("The fields it changed on %Ln customer(s) are put back, "
                                      "unless someone has edited them since.", "", run.updated)
        answer = QMessageBox.question(
            self, self.tr("Undo import"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = self._context.run(undo_import, run.id)
        except ImportAlreadyUndone:
            QMessageBox.information(self, self.tr("Undo import"),
                                    self.tr("This import was already undone."))
            self.load()
            return
        except NotFound:
            log.warning("import %s vanished before it could be undone", run.id)
            self.load()
            return
        log.info("undid import %s: %d removed, %d reverted", run.id, len(result.removed),
                 result.reverted)
        self.import_undone.emit(run.id)
        self.load()
        status = self.tr("Undid the import of “{0}”.").format(run.file_name)
        status += " " + self.tr("%Ln customer(s) moved to the trash.", "", len(result.removed))
        if result.reverted:
            status += " " + self.tr("%Ln customer(s) put back as they were.", "",
                                    result.reverted)
        self._context.post_status(status)

    # -- helpers -----------------------------------------------------------------------

    def _current_run(self) -> ImportRunRow | None:
        rows = self.imports_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._runs):
            return None
        return self._runs[rows[0].row()]

    def _when(self, run: ImportRunRow) -> str:
        return self._date_text(run.started_at)

    def _date_text(self, when: dt.datetime) -> str:
        return moment_text(self._locale, when)

    def _fill_imports(self) -> None:
        """One row an import; an undone one dimmed; the file's whole name on its tooltip."""
        dimmed = RowLook(foreground=self.palette().color(QPalette.ColorGroup.Disabled,
                                                         QPalette.ColorRole.Text))
        rows: list[list[str]] = []
        for run in self._runs:
            undone = self._date_text(run.undone_at) if run.undone_at is not None else ""
            cells = {COL_WHEN: self._when(run), COL_FILE: run.file_name,
                     COL_FORMAT: format_label(run.format),
                     COL_CREATED: self._locale.toString(run.created),
                     COL_UPDATED: self._locale.toString(run.updated),
                     COL_SKIPPED: self._locale.toString(run.skipped),
                     COL_REJECTED: self._locale.toString(run.rejected), COL_UNDONE: undone}
            rows.append([cells[column] for column in sorted(cells)])
        self.imports_model.set_rows(
            rows, right_aligned=_COUNT_COLUMNS,
            looks=[dimmed if run.undone_at is not None else None for run in self._runs])
        for row, run in enumerate(self._runs):
            self.imports_model.mark_cell(row, COL_FILE, run.file_name)

    def _show_details(self, run: ImportRunRow, shown: int) -> None:
        self.file_value_label.setText(run.file_name)
        reading = [format_label(run.format), encoding_label(run.encoding)]
        if run.delimiter:
            reading.append(self.tr("columns separated by {0}").format(
                separator_label(run.delimiter).lower()))
        self.reading_value_label.setText(", ".join(reading))
        # A till import (visits and purchases) keeps no per-row list of the customers it
        # matched: nothing is missing from it, and it made no row "a new customer". Its
        # choice was about sales that named no customer of the list, not about duplicates.
        visits_import = run.on_duplicate.endswith("-unmatched")
        heading = self.detail_form.labelForField(self.duplicates_value_label)
        if isinstance(heading, QLabel):
            heading.setText(self.tr("Unmatched sales:") if visits_import
                            else self.tr("Duplicates:"))
        self.duplicates_value_label.setText(policy_label(run.on_duplicate))
        self.tag_value_label.setText(f"“{run.tag_name}”" if run.tag_name else self.tr("None"))
        self.detail_form.setRowVisible(self.undone_value_label, run.undone_at is not None)
        if run.undone_at is not None:
            self.undone_value_label.setText(self._date_text(run.undone_at))
        locale = self._locale
        if not shown and visits_import:
            rows = self.tr("None: no row had a problem")
        elif not shown:
            rows = self.tr("None: every row came in as a new customer")
        elif run.problem_total > len(run.problems):
            rows = self.tr("{0} problems in all; the first {1} are listed").format(
                locale.toString(run.problem_total), locale.toString(len(run.problems)))
        else:
            rows = locale.toString(shown)
        matched = sum(1 for outcome in run.outcomes if outcome.outcome != KEPT_APART)
        if run.skipped + run.updated > matched and not visits_import:
            rows += " " + (self.tr("(the first {0} rows that matched a customer are listed)")
                           .format(locale.toString(matched)) if matched else
                           self.tr("(rows that matched a customer were not recorded by "
                                   "this older import)"))
        self.problems_value_label.setText(rows)
        self.rows_table.setVisible(bool(shown))

    def _update_buttons(self) -> None:
        run = self._current_run()
        can_undo = run is not None and run.undone_at is None and not self._context.read_only
        self.undo_button.setEnabled(can_undo)
        if run is not None and run.undone_at is not None:
            self.undo_button.setToolTip(self.tr("This import was already undone."))
        elif self._context.read_only:
            self.undo_button.setToolTip(self.tr("The database is open read-only."))
        else:
            self.undo_button.setToolTip(self.tr(
                "Move the customers this import created to the trash and put back the "
                "fields it changed"))
