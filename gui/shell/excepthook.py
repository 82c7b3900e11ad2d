"""The last line of defence: an exception nobody caught goes to the log, never to a person.

`sys.excepthook` (the GUI thread, including Qt slots) and `threading.excepthook` (worker
threads) both write the traceback to the log and show one calm dialog with the log's
location and a "Copy Details" button; a fault a person can act on (a full disk, a read-only
file, a locked database, text that cannot be read: core.store.faults) shows instead one
plain sentence naming the file and what to do, and its traceback still goes to the log.
Nothing is rolled back here: every write runs in its
own unit of work, which has already rolled back when the exception left it, so the data
stays as it was. A burst of errors (a table model failing on every row) shows one dialog,
not hundreds.
"""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core.kernel.paths import log_file
from core.store.faults import describe_fault

from gui.shell.texts import FaultMessage, fault_message

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class ErrorReporter(QObject):
    """Receives uncaught exceptions from any thread and reports them on the GUI thread."""

    error_reported = Signal(str)  # the formatted traceback, queued to the GUI thread
    fault_reported = Signal(object)  # a gui.shell.texts.FaultMessage, queued likewise
    answer_reported = Signal(object, object)  # (handler, error) of an error with an answer

    def __init__(self, parent_window: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self._parent_window = parent_window
        self.dialog: QMessageBox | None = None
        self.unshown_count = 0  # errors that arrived while the dialog was already open
        self._previous_hook: ExceptHook | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        # The open database's name, for faults that do not name a file of their own.
        self.database_name: str | None = None
        self.error_reported.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)
        self.fault_reported.connect(self._show_fault, Qt.ConnectionType.QueuedConnection)
        self.answer_reported.connect(self._answer, Qt.ConnectionType.QueuedConnection)
        # Errors that have a better answer than a dialog (the business profile a print
        # needs: open it), whoever let them through.
        self._answers: list[tuple[type[BaseException], Callable[[BaseException], object]]] = []

    def add_answer(self, kind: type[BaseException],
                   answer: Callable[[BaseException], object]) -> None:
        """Run `answer(error)` on the GUI thread for an uncaught error of `kind`."""
        self._answers.append((kind, answer))

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook

    def handle(self, kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        for answered, answer in self._answers:
            if isinstance(error, answered):
                log.info("%s answered: %s", kind.__name__, error)
                self.answer_reported.emit(answer, error)
                return
        fault = describe_fault(error, self.database_name)
        message = fault_message(fault) if fault is not None else None
        if message is not None:
            log.error("%s: %s\n%s", fault.kind if fault else "", message.text, details)
            self.fault_reported.emit(message)
            return
        log.critical("uncaught exception\n%s", details)
        self.error_reported.emit(details)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _dialog_is_open(self) -> bool:
        if self.dialog is not None and self.dialog.isVisible():
            self.unshown_count += 1
            return True
        self.unshown_count = 0
        return False

    @Slot(object, object)
    def _answer(self, answer: Callable[[BaseException], object], error: BaseException) -> None:
        answer(error)

    @Slot(object)
    def _show_fault(self, message: FaultMessage) -> None:
        if self._dialog_is_open():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, message.title, message.text,
                          QMessageBox.StandardButton.Ok, self._parent_window())
        box.setObjectName("fault_dialog")
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
        box.setInformativeText(message.advice)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog = box
        box.open()

    @Slot(str)
    def _show_dialog(self, details: str) -> None:
        if self._dialog_is_open():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Something went wrong"),
                          self.tr("Regulars ran into a problem it did not expect. What you "
                                  "saved before is safe; the last action may not have "
                                  "finished."), QMessageBox.StandardButton.Ok,
                          self._parent_window())
        box.setInformativeText(self.tr("The details are in the log file:\n%s\nIf it happens "
                                       "again, send them to whoever looks after your "
                                       "computer.") % log_file())
        box.setDetailedText(details)
        copy_button = box.addButton(self.tr("Copy Details"), QMessageBox.ButtonRole.ActionRole)
        # An action button would close the box; copying should leave it open.
        copy_button.clicked.disconnect()
        copy_button.clicked.connect(lambda: QApplication.clipboard().setText(details))
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog = box
        box.open()
