"""Print history: past batches, their items, mark sent, spoiled, reprint, open again."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QLocale, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.kernel.jobs import Cancelled
from core.printing.batches import (
    BATCH_INTERRUPTED,
    BATCH_PRINTED,
    BATCH_PRINTING,
    BatchPlan,
    BatchSummary,
    finish_batch,
    get_batch,
    list_batches,
    mark_items_spoiled,
    plan_reopen,
    plan_reprint,
    render_batch,
)
from core.printing.errors import NothingToReprint
from core.printing.kept import find_kept_pdf, keep_quietly, kept_folder
from core.printing.runs import (
    PrintJob,
    abandon_batch,
    begin_batch,
    restart_batch,
    tidy_interrupted,
    write_batch,
)

from gui.printing.texts import (
    batch_name,
    fill,
    print_error_text,
    printing_label,
    skip_reason_text,
)
from gui.printing.undo_commands import MarkSentCommand
from gui.shell.context import AppContext
from gui.shell.operations import run_long_job
from gui.widgets.fields import moment_text
from gui.widgets.pdf_preview import PdfPreview, print_pdf
from gui.widgets.text_table import TextTableModel, read_only_view

COL_PRINTED, COL_TEMPLATE, COL_ITEMS, COL_SENT, COL_SPOILED, COL_LEFT_OUT, COL_STATE = range(7)
COL_RECIPIENT, COL_STATUS, COL_NOTE = range(3)


def run_render(parent: QWidget, plan: BatchPlan, out_path: Path,
               labels_path: Path | None) -> bool:
    """Render on a worker thread behind a progress dialog; False if cancelled."""
    label = printing_label(len(plan.recipients))
    try:
        run_long_job(parent, label, lambda progress, cancelled: render_batch(
            plan, out_path, labels_path=labels_path, progress=progress,
            is_cancelled=cancelled))
    except Cancelled:
        return False
    return True


def print_plan(parent: QWidget, context: AppContext, plan: BatchPlan, out_path: Path,
               labels_path: Path | None) -> BatchSummary | None:
    """Record the batch as being printed, write both PDFs, then mark it printed; None if
    cancelled (the batch is then forgotten and the files are as they were)."""
    job = context.run(begin_batch, plan, out_path=out_path, labels_path=labels_path)
    return run_print_job(parent, context, job)


def run_print_job(parent: QWidget, context: AppContext, job: PrintJob) -> BatchSummary | None:
    """Write a recorded batch's PDFs on a worker thread behind a progress dialog, then mark
    it printed. Cancelled or failed: the record is put back (see runs.abandon_batch)."""
    label = printing_label(len(job.plan.recipients))
    try:
        run_long_job(parent, label, lambda progress, cancelled: write_batch(
            job, progress=progress, is_cancelled=cancelled))
    except Cancelled:
        context.run(abandon_batch, job)
        return None
    except Exception:
        context.run(abandon_batch, job)
        raise
    summary = context.run(finish_batch, job.batch_id)
    # Kept, so that opening it from the history shows it without rendering it again.
    keep_quietly(kept_folder(context.database.display_name), summary.id, summary.created_at,
                 job.out_path)
    return summary


class PrintHistoryWidget(QWidget):
    batch_recorded = Signal(int)

    def __init__(self, context: AppContext, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._undo_stack = undo_stack  # the window's; None runs actions without undo
        self._batches: list[BatchSummary] = []
        self._item_ids: list[int] = []
        self._items_batch_id: int | None = None  # whose items the items table shows
        self.batches_model = TextTableModel([
            self.tr("Printed"), self.tr("Template"), self.tr("Items"), self.tr("Sent"),
            self.tr("Spoiled"), self.tr("Left out"), self.tr("State")], parent=self)
        self.batches_table = read_only_view(self.batches_model)
        self.items_model = TextTableModel([self.tr("Recipient"), self.tr("Status"),
                                           self.tr("Note")], parent=self)
        self.items_table = read_only_view(self.items_model)
        for table in (self.batches_table, self.items_table):
            table.verticalHeader().setVisible(True)  # row numbers, as before: "item 212"
            table.horizontalHeader().setStretchLastSection(True)
        self.batches_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A recipient's whole name on one line; the note takes what is left.
        self.items_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.items_table.setWordWrap(False)
        self.open_button = QPushButton(self.tr("Open"))
        self.sent_button = QPushButton(self.tr("Mark batch sent"))
        self.spoiled_button = QPushButton(self.tr("Mark selected spoiled"))
        self.reprint_button = QPushButton(self.tr("Reprint spoiled…"))
        self.print_button = QPushButton(self.tr("Print…"))
        # Shown for a batch whose printing was interrupted (the app was killed, the PC
        # went off): prints it again to the files it was going to.
        self.print_again_button = QPushButton(self.tr("Print again"))
        self.preview = PdfPreview()
        self._open_path: Path | None = None
        self.rendered_on_open = False  # the last batch opened was rendered, not kept

        buttons = QHBoxLayout()
        for button in (self.print_again_button, self.open_button, self.sent_button,
                       self.spoiled_button, self.reprint_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.batches_table, 2)
        column.addWidget(self.items_table, 3)
        column.addLayout(buttons)
        right = QWidget()
        pane = QVBoxLayout(right)
        pane.setContentsMargins(0, 0, 0, 0)
        # An empty grey pane says nothing: say how to fill it.
        self.preview_hint = QLabel(self.tr("Choose a batch and press Open to see its cards "
                                           "here."))
        self.preview_hint.setWordWrap(True)
        pane.addWidget(self.preview_hint)
        pane.addWidget(self.preview, 1)
        # The cards get a real pane: never narrower than a card at its preview size, and
        # two parts of every three of the width the tables do not need.
        right.setMinimumWidth(340)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.batches_table.selectionModel().selectionChanged.connect(self._on_batch_chosen)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.sent_button.clicked.connect(self._on_sent_clicked)
        self.spoiled_button.clicked.connect(self._on_spoiled_clicked)
        self.reprint_button.clicked.connect(self._on_reprint_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.print_again_button.clicked.connect(self._on_print_again_clicked)
        self._update_buttons()
        self._loaded = False
        context.changes_applied.connect(self.on_changes)
        if not context.read_only:
            # At start: a batch a killed run left being printed becomes interrupted, and
            # its temporary files go (on the writer thread, off the startup path).
            context.operations.run(tidy_interrupted)

    def on_changes(self, changes: Changes) -> None:
        """Batches printed, sent or spoiled, here or anywhere: read the history again."""
        if changes.batches and self._loaded:
            self.load()

    def load(self) -> None:
        self._loaded = True
        chosen = self.current_batch_id()
        self._batches = self._context.run(list_batches)
        locale = QLocale()
        selection = self.batches_table.selectionModel()
        selection.blockSignals(True)  # the chosen batch's items are read once, below
        self.batches_model.set_rows([
            [moment_text(locale, batch.created_at), batch_name(batch),
             str(batch.item_count), str(batch.count("sent")), str(batch.count("spoiled")),
             str(batch.skipped_count), self._state_text(batch.state)]
            for batch in self._batches], right_aligned=(COL_ITEMS, COL_SENT, COL_SPOILED,
                                                         COL_LEFT_OUT))
        self.batches_table.resizeColumnsToContents()  # the date and time on one line
        ids = [batch.id for batch in self._batches]
        if chosen in ids:
            self.batches_table.selectRow(ids.index(chosen))
        selection.blockSignals(False)
        self._on_batch_chosen()

    def current_batch_id(self) -> int | None:
        rows = self.batches_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._batches):
            return None
        return self._batches[rows[0].row()].id

    def _state_text(self, state: str) -> str:
        return {BATCH_PRINTING: self.tr("Being printed"),
                BATCH_INTERRUPTED: self.tr("Interrupted")}.get(state, self.tr("Printed"))

    def current_batch(self) -> BatchSummary | None:
        batch_id = self.current_batch_id()
        return next((b for b in self._batches if b.id == batch_id), None)

    def _status_text(self, status: str) -> str:
        return {"printing": self.tr("Being printed"), "printed": self.tr("Printed"),
                "sent": self.tr("Sent"), "spoiled": self.tr("Spoiled"),
                "reprinted": self.tr("Reprinted"),
                "skipped": self.tr("Left out")}.get(status, status.capitalize())

    def _on_batch_chosen(self) -> None:
        batch_id = self.current_batch_id()
        items = self._context.run(get_batch, batch_id).items if batch_id else ()
        # The same batch read again (marked spoiled, sent): its chosen items stay chosen.
        kept = set(self.selected_item_ids()) if batch_id == self._items_batch_id else set()
        self._items_batch_id = batch_id
        self._item_ids = [item.id for item in items]
        self.items_model.set_rows([
            [item.recipient_name, self._status_text(item.status),
             skip_reason_text(item.skip_reason) if item.skip_reason else ""]
            for item in items])
        if kept:
            last = self.items_model.columnCount() - 1
            chosen = QItemSelection()
            for row, item_id in enumerate(self._item_ids):
                if item_id in kept:
                    chosen.select(self.items_model.index(row, 0),
                                  self.items_model.index(row, last))
            self.items_table.selectionModel().select(
                chosen, QItemSelectionModel.SelectionFlag.Select)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_batch_id() is not None
        for button in (self.open_button, self.sent_button, self.spoiled_button,
                       self.reprint_button):
            button.setEnabled(chosen)
        self.print_button.setEnabled(self._open_path is not None)
        batch = self.current_batch()
        self.print_again_button.setVisible(batch is not None and batch.interrupted)

    def _on_open_clicked(self) -> None:
        batch = self.current_batch()
        if batch is not None:
            self.open_batch(batch)
        self._update_buttons()

    def open_batch(self, batch: BatchSummary) -> bool:
        """Show a batch's cards: the PDF kept when it was printed, or (missing or changed)
        rendered again from its record, and kept for next time. False if cancelled."""
        folder = kept_folder(self._context.database.display_name)
        path = find_kept_pdf(folder, batch.id, batch.created_at)
        if path is None:
            plan = self._context.run(plan_reopen, batch.id)
            path = Path(tempfile.gettempdir()) / f"regulars-batch-{batch.id}.pdf"
            if not run_render(self, plan, path, None):
                return False
            self.rendered_on_open = True
            kept = (keep_quietly(folder, batch.id, batch.created_at, path)
                    if batch.state == BATCH_PRINTED else None)
            if kept is not None:  # shown from the kept copy; no second copy left in temp
                path.unlink(missing_ok=True)
                path = kept
        else:
            self.rendered_on_open = False
        self._open_path = path
        self.preview.show_pdf(path, scale=0.8)
        self.preview_hint.hide()
        return True

    def _on_sent_clicked(self) -> None:
        batch = self.current_batch()
        if batch is None:
            return
        printed = batch.count("printed")
        if not printed:
            self._context.post_status(self.tr("Nothing in this batch is waiting to be sent."))
            return
        answer = QMessageBox.question(
            self, self.tr("Mark batch sent"),
            fill(self.tr("Mark the batch “%1” as sent?\n\nPrinted items that will count as "
                         "sent: %2.\n\nEdit > Undo (Ctrl+Z) puts them back as printed."),
                 batch_name(batch), QLocale().toString(printed)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        command = MarkSentCommand(self._context, batch.id, fill(
            self.tr("Mark batch “%1” sent"), batch_name(batch)))
        if self._undo_stack is not None:
            self._undo_stack.push(command)  # runs it
        else:
            command.redo()
        self._context.post_status(self.tr("Batch marked sent. Ctrl+Z undoes."))

    def selected_item_ids(self) -> list[int]:
        rows = {index.row() for index in self.items_table.selectionModel().selectedRows()}
        return [self._item_ids[row] for row in sorted(rows) if row < len(self._item_ids)]

    def _on_spoiled_clicked(self) -> None:
        batch_id = self.current_batch_id()
        if batch_id is not None and self.selected_item_ids():
            self._context.run(mark_items_spoiled, batch_id, self.selected_item_ids())

    def _on_reprint_clicked(self) -> None:
        batch_id = self.current_batch_id()
        if batch_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the reprint as"),
                                              f"reprint-{batch_id}.pdf", self.tr("PDF (*.pdf)"))
        if path:
            self.reprint(batch_id, Path(path))

    def reprint(self, batch_id: int, out_path: Path) -> int | None:
        """Print the spoiled items again as a new batch; returns its id."""
        try:
            plan = self._context.run(plan_reprint, batch_id)
        except NothingToReprint:
            QMessageBox.information(self, self.tr("Nothing to reprint"),
                                    self.tr("Mark the items that came out wrong as spoiled."))
            return None
        summary = print_plan(self, self._context, plan, out_path, None)
        if summary is None:
            return None
        self._open_path = out_path
        self.preview.show_pdf(out_path, scale=0.8)
        self.batch_recorded.emit(summary.id)
        return summary.id

    def _on_print_again_clicked(self) -> None:
        batch = self.current_batch()
        if batch is not None:
            self.print_again(batch.id)

    def print_again(self, batch_id: int) -> int | None:
        """Print an interrupted batch again, to the files it was going to; its id."""
        job = self._context.run(restart_batch, batch_id)
        try:
            summary = run_print_job(self, self._context, job)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot print this batch"),
                                print_error_text(exc) or str(exc))
            return None
        if summary is None:
            return None
        self._open_path = job.out_path
        self.preview.show_pdf(job.out_path, scale=0.8)
        self._context.post_status(self.tr("Batch printed again"))
        self.batch_recorded.emit(summary.id)
        return summary.id

    def _on_print_clicked(self) -> None:
        if self._open_path is not None:
            print_pdf(self, self._open_path)
