"""Today: the gestures due, overdue and coming up, worked through with the keyboard.

Space marks the chosen action done, S skips it, Z snoozes it, Enter opens the customer.
The list is read as a background query, and read again when an operation anywhere changes
actions or customers (a visit that makes a milestone due shows at once).
"""
from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.kernel.desk import who_is_at_the_desk
from core.program.clock import shop_today
from core.program.queries import read_today
from core.program.types import DONE, MISSED, SKIPPED, ActionRow, TodayView

from gui.program.action_dialogs import CallQuestion, NoteQuestion, SnoozeQuestion
from gui.program.dates import short_date_formatter
from gui.program.texts import counters_text, quiet_day_text
from gui.program.today_model import COL_LATE, COL_WHY, OPEN_SECTIONS, TodayModel
from gui.shell.context import AppContext

# Each section lists its first (oldest) rows only: nobody works through thousands in a day,
# and reading them all would cost Today its quick first paint.
PER_SECTION = 200


def _program() -> ModuleType:
    """The program's services, imported when first used (off the first paint's path)."""
    import core.program.services

    return core.program.services


class TodayPage(QWidget):
    open_customer_requested = Signal(int)
    first_rows_painted = Signal()  # the first list read has been painted (start-up time)

    def __init__(self, context: AppContext, *, locale: QLocale | None = None,
                 today: Any = shop_today, undo_stack: QUndoStack | None = None) -> None:
        super().__init__()
        self._context = context
        self._undo_stack = undo_stack  # the window's: Mark Sent of printed cards undoes
        self.printed_dialog: QDialog | None = None
        self._locale = locale or QLocale()
        self._today = today  # a function: the tests move the clock
        self._format_date = short_date_formatter(self._locale)
        self.view_shown: TodayView | None = None

        self.counters = QLabel()
        self.counters.setObjectName("today_counters")
        self.counters.setStyleSheet("font-size: 11pt; padding: 4px 0;")
        self.quiet = QLabel()
        self.quiet.setWordWrap(True)
        self.quiet.setStyleSheet("font-size: 12pt; padding: 12px 0;")
        self.quiet.hide()

        self.model = TodayModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHY, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.tree.installEventFilter(self)
        self.tree.viewport().installEventFilter(self)
        self._painted = False
        self.tree.doubleClicked.connect(lambda _index: self.open_chosen())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        self.done_button = QPushButton(self.tr("Done…"))
        self.done_button.setToolTip(self.tr("Mark it done, with a note (Space: done at once)"))
        self.skip_button = QPushButton(self.tr("Skip…"))
        self.skip_button.setToolTip(self.tr("Skip it for good, with a reason (S)"))
        self.snooze_button = QPushButton(self.tr("Snooze…"))
        self.snooze_button.setToolTip(self.tr("Show it again on a later day (Z)"))
        self.open_button = QPushButton(self.tr("Open Customer"))
        self.open_button.setToolTip(self.tr("Open the customer's record (Enter)"))
        self.done_button.clicked.connect(lambda: self.mark_done(ask=True))
        self.skip_button.clicked.connect(self.skip_chosen)
        self.snooze_button.clicked.connect(self.snooze_chosen)
        self.open_button.clicked.connect(self.open_chosen)
        self.print_due_button = QPushButton(self.tr("Print Due Cards…"))
        self.print_due_button.setToolTip(self.tr(
            "Print every card and letter due (and overdue) in one go, with their labels"))
        self.print_due_button.clicked.connect(self.print_due_cards)
        self.print_due_action = QAction(self.tr("Print Due Cards…"), self)
        self.print_due_action.triggered.connect(self.print_due_cards)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        buttons = QHBoxLayout()
        for button in (self.done_button, self.skip_button, self.snooze_button,
                       self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_due_button)

        from gui.complaints.today_panel import ComplaintsTodayPanel

        # Complaints still open and promises due: above the gestures, since they come first.
        self.complaints_panel = ComplaintsTodayPanel(
            context, locale=self._locale, format_day=self._format_date, today=self._today)
        self.complaints_panel.open_customer_requested.connect(self.open_customer_requested)

        title = QLabel(self.tr("Today"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.counters)
        layout.addWidget(self.complaints_panel)
        layout.addWidget(self.quiet)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        context.changes_applied.connect(self.on_changes)

    # -- reading ---------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.actions or changes.customers or changes.batches:  # printed cards say so
            self.load()

    def load(self) -> None:
        if self.view_shown is None:
            # The first read is over the plain connection, on this thread: Today paints
            # before SQLAlchemy's ORM is even imported (the window opens on this page).
            self.show_view(read_today(self._context.database.raw(), self._today(),
                                      self._format_date, per_section=PER_SECTION))
            return
        self.complaints_panel.load()
        self._context.operations.query(_program().today_view, self._today(), self._format_date,
                                       per_section=PER_SECTION,
                                       on_done=self.show_view)

    def show_view(self, view: TodayView) -> None:
        if self.view_shown is None:  # after the first gestures, off the first paint's path
            QTimer.singleShot(0, self, self.complaints_panel.load)
        chosen = self.chosen()
        self.view_shown = view
        counts = view.counts
        self.counters.setText(counters_text(counts.due, counts.overdue, counts.done_this_week,
                                            counts.on_time_share, self._locale))
        self.model.set_actions(view.actions, view.totals)
        for number, state in enumerate(self.model.section_states()):
            self.tree.setExpanded(self.model.index(number, 0), state in OPEN_SECTIONS)
            self.tree.setFirstColumnSpanned(number, self.tree.rootIndex(), True)
        nothing_due = counts.due == 0 and counts.overdue == 0
        self.quiet.setVisible(nothing_due)
        self.quiet.setText(quiet_day_text(counts.upcoming, self._locale) if nothing_due else "")
        index = self.model.index_of_action(chosen.id) if chosen else self.model.index(0, 0)
        if chosen is None and self.model.rowCount(index) > 0:
            index = self.model.index(0, 0, index)  # the first action of the first section
        self.tree.setCurrentIndex(index)
        self.tree.resizeColumnToContents(COL_LATE)
        self._update_buttons()

    def chosen(self) -> ActionRow | None:
        return self.model.action_at(self.tree.currentIndex())

    def _open_chosen_action(self) -> ActionRow | None:
        row = self.chosen()
        return row if row is not None and row.state not in (DONE, SKIPPED, MISSED) else None

    def _update_buttons(self) -> None:
        workable = self._open_chosen_action() is not None and not self._context.read_only
        for button in (self.done_button, self.skip_button, self.snooze_button):
            button.setEnabled(workable)
        self.open_button.setEnabled(self.chosen() is not None)
        self.print_due_button.setEnabled(not self._context.read_only)
        self.print_due_action.setEnabled(not self._context.read_only)

    def _show_menu(self, position: Any) -> None:
        menu = QMenu(self)
        for button in (self.done_button, self.skip_button, self.snooze_button,
                       self.open_button):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        menu.addSeparator()
        menu.addAction(self.print_due_action)
        menu.popup(self.tree.viewport().mapToGlobal(position))

    # -- printing the due cards ------------------------------------------------------------

    def print_due_cards(self) -> None:
        """Say what will print and who is left out, ask where to save, then print."""
        from gui.program.due_cards_dialog import DueCardsDialog

        if self._context.read_only:
            return
        from core.printing.errors import IncompleteBusinessProfile

        from gui.settings.profile_needed import ask_to_complete_profile

        today = self._today()
        try:
            dialog = DueCardsDialog(self, lambda upcoming: self._context.read(
                _program().plan_due_cards, today, include_upcoming=upcoming))
        except IncompleteBusinessProfile as exc:
            ask_to_complete_profile(self, self._context, exc.fields)
            return
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the due cards as"), f"due-cards-{today.isoformat()}.pdf",
            self.tr("PDF (*.pdf)"))
        if path:
            self.print_due_cards_to(Path(path), include_upcoming=dialog.include_upcoming(),
                                    label_sheet=dialog.label_sheet())

    def print_due_cards_to(self, out_path: Path, *, include_upcoming: bool = False,
                           label_sheet: str = "") -> int | None:
        """Print the due cards (with Cancel: nothing recorded then) and show them; the
        batch's id, or None."""
        from core.printing.errors import IncompleteBusinessProfile

        from gui.printing.print_history import print_plan
        from gui.printing.texts import print_error_text
        from gui.program.due_cards_dialog import PrintedDueCardsDialog
        from gui.settings.profile_needed import ask_to_complete_profile

        try:
            due = self._context.read(_program().plan_due_cards, self._today(),
                                     include_upcoming=include_upcoming,
                                     label_sheet=label_sheet)
        except IncompleteBusinessProfile as exc:
            ask_to_complete_profile(self, self._context, exc.fields)
            return None
        if due.plan is None:
            QMessageBox.information(self, self.tr("Print Due Cards"),
                                    self.tr("No card or letter can be printed now."))
            return None
        labels = (out_path.with_name(out_path.stem + "-labels.pdf")
                  if due.plan.label_sheet else None)
        try:
            summary = print_plan(self, self._context, due.plan, out_path, labels)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot print the due cards"),
                                print_error_text(exc) or str(exc))
            return None
        if summary is None:
            self._context.post_status(self.tr("Printing cancelled; nothing was recorded."))
            return None
        self.printed_dialog = PrintedDueCardsDialog(self, self._context, summary, out_path,
                                                    labels, self._undo_stack)
        self.printed_dialog.show()
        return summary.id

    # -- working through -------------------------------------------------------------------

    def mark_done(self, *, ask: bool) -> None:
        row = self._open_chosen_action()
        if row is None or self._context.read_only:
            return
        if row.rule == "complaint_resolved":  # are they happy now? (a score, if they say)
            self._record_follow_up_call(row)
            return
        if row.gesture == "call":  # a call is kept on the customer's history
            question = CallQuestion(self, row)
            if question.exec() == QDialog.DialogCode.Accepted:
                self._context.operations.run(_program().complete_call, row.id,
                                             question.text.toPlainText(), self._today(),
                                             by=who_is_at_the_desk())
            return
        note = ""
        if ask:
            done = NoteQuestion(self, row, skipping=False)
            if done.exec() != QDialog.DialogCode.Accepted:
                return
            note = done.text.text()
        self._context.operations.run(_program().complete_action, row.id, note=note,
                                     by=who_is_at_the_desk())

    def _record_follow_up_call(self, row: ActionRow) -> None:
        from core.complaints.services import record_follow_up_call

        from gui.complaints.follow_up import FollowUpCallQuestion

        question = FollowUpCallQuestion(self, row)
        if question.exec() == QDialog.DialogCode.Accepted:
            self._context.operations.run(
                record_follow_up_call, row.id, row.customer_id, question.text.toPlainText(),
                self._today(), satisfaction=question.satisfaction(), by=who_is_at_the_desk())

    def skip_chosen(self) -> None:
        row = self._open_chosen_action()
        if row is None or self._context.read_only:
            return
        question = NoteQuestion(self, row, skipping=True)
        if question.exec() == QDialog.DialogCode.Accepted:
            self._context.operations.run(_program().skip_action, row.id,
                                         reason=question.text.text(), by=who_is_at_the_desk())

    def snooze_chosen(self) -> None:
        row = self._open_chosen_action()
        if row is None or self._context.read_only:
            return
        question = SnoozeQuestion(self, row, self._today())
        if question.exec() == QDialog.DialogCode.Accepted:
            self._context.operations.run(_program().snooze_action, row.id, question.chosen(),
                                         self._today())

    def open_chosen(self) -> None:
        row = self.chosen()
        if row is not None:
            self.open_customer_requested.emit(row.customer_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self._painted and self.view_shown is not None
                and watched is self.tree.viewport() and event.type() == QEvent.Type.Paint):
            self._painted = True
            QTimer.singleShot(0, self, self.first_rows_painted.emit)  # not after deletion
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Space:
                self.mark_done(ask=False)
                return True
            if key == Qt.Key.Key_S:
                self.skip_chosen()
                return True
            if key == Qt.Key.Key_Z and not event.modifiers():
                self.snooze_chosen()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.chosen() is not None:
                self.open_chosen()
                return True
        return super().eventFilter(watched, event)
