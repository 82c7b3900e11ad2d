"""Long jobs (import, export, printing) on a worker thread, with progress and Cancel.

The job is a plain core function `job(progress, is_cancelled) -> result`; it must open
its own database session (SQLite connections are per thread) and leave the data as it
was when it sees `is_cancelled()` turn true.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Progress = Callable[[int, int], None]
Job = Callable[[Progress, Callable[[], bool]], T]


class _ProgressRelay(QObject):
    """Lives in the GUI thread, so progress from the worker arrives as queued calls."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self._dialog = dialog

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, total))


class _Worker(QObject, Generic[T]):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, job: Job[T]) -> None:
        super().__init__()
        self._job = job
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._job(self.progressed.emit, self.cancel_event.is_set)
        except BaseException as exc:  # handed back to the GUI thread
            self.error = exc
        self.finished.emit()


def run_long_job(parent: QWidget | None, label: str, job: Job[T]) -> T:
    """Run `job` off the GUI thread behind a modal progress dialog; returns its result.

    Raises whatever the job raised: core.kernel.jobs.Cancelled when the person pressed Cancel.
    """
    dialog = QProgressDialog(label, QProgressDialog.tr("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    thread = QThread()
    worker: _Worker[T] = _Worker(job)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    relay = _ProgressRelay(dialog)
    worker.progressed.connect(relay.show_progress)
    # Direct: QThread.quit is thread-safe, and a queued call would wait for the GUI thread,
    # which may itself be waiting for this thread after Cancel.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(dialog.accept)
    dialog.canceled.connect(worker.cancel_event.set)
    thread.start()
    if thread.isRunning():
        dialog.exec()
    # After Cancel the dialog is gone while the job rolls back: keep the window painting.
    while not thread.wait(20):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 20)
    dialog.close()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[no-any-return]
