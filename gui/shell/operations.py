"""The operations runner: every write off the GUI thread, then one signal to every page.

An *operation* is a core service `service(session, ...)` run in its own unit of work on a
worker thread (`Database.run`); its result, or the typed error it raised, comes back on
the GUI thread, and what it changed goes to every page in `changes_applied(Changes)`.
A *query* is a read a page needs, run the same way but without the signal. A *long job*
(import, export, printing, backup, batch planning) is a core function
`job(progress, is_cancelled) -> result` that opens its own units of work; it runs behind
a progress dialog with Cancel, and the units it commits are collected into one Changes.

SQLite connections are per thread: each worker thread gets its own from the pool.

Writers take turns: a write that finds the database locked by another program (an import
on the command line, another Regulars) waits for it on the worker thread, in short turns,
behind a "waiting for another program" dialog with Cancel; the window keeps painting, and
Cancel ends the wait with `DatabaseBusy` (nothing written). Reads never wait on a writer.
"""
from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from core.kernel.changes import NOTHING, Changes
from core.kernel.jobs import Cancelled, WaitingFor, waits_shown
from core.store.changes import collecting_changes
from core.store.db import Database, waiting_at_most
from core.store.errors import DatabaseBusy

from gui.shell.texts import waiting_for_desk_text

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int, int], None]
Job = Callable[[Progress, Callable[[], bool]], T]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
# How long one turn at a locked database lasts before the worker looks at Cancel again (and
# the first turn: how soon the waiting dialog appears).
WAIT_TURN_MS = 250


def _receiver_gone(callback: Callable[..., object]) -> bool:
    """A page's method whose page was closed while its work ran: calling it would reach a
    deleted Qt object (a crash, not an exception), so the result is dropped."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


class _Delivery(QObject):
    """Lives in the GUI thread: a worker's result arrives here as a queued call."""

    arrived = Signal(object, object, object)  # result, error, changes

    def __init__(self, on_arrival: Callable[[Any, BaseException | None, Changes], None]) -> None:
        super().__init__()
        self._on_arrival = on_arrival
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _deliver(self, result: Any, error: BaseException | None, changes: Changes) -> None:
        self._on_arrival(result, error, changes)
        self.deleteLater()


class _Turns(QObject):
    """Lives in the GUI thread: one write's wait for the write lock, shown once it waits."""

    waited = Signal()  # emitted by the worker after each turn that found the lock taken
    # Emitted by the worker while its job waits for another desk's (a WaitingFor, or None).
    waited_for_desk = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.cancel_event = threading.Event()
        self.dialog: QProgressDialog | None = None
        self._over = False
        self._desk_text = ""
        self.waited.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.waited_for_desk.connect(self._show_desk, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _show_desk(self, waiting: WaitingFor | None) -> None:
        if waiting is None:
            return
        self._desk_text = waiting_for_desk_text(waiting)
        self._show()
        if self.dialog is not None:
            self.dialog.setLabelText(self._desk_text)

    @Slot()
    def _show(self) -> None:
        if self.dialog is not None or self._over:
            return
        log.info("waiting for another program to release the database")
        dialog = QProgressDialog(
            QCoreApplication.translate(
                "Operations",
                "Waiting for another program to finish with the customer database…"),
            QCoreApplication.translate("Operations", "Cancel"), 0, 0,
            QApplication.activeWindow())
        dialog.setObjectName("waiting_for_database_dialog")
        dialog.setWindowTitle(QCoreApplication.translate("Operations", "Database in Use"))
        # Application-modal: while a write waits, nothing else may start another one.
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel_event.set)
        self.dialog = dialog
        dialog.show()

    def end(self) -> None:
        self._over = True
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel_event.set)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.deleteLater()


def _write_in_turn(database: Database, turns: _Turns, service: Callable[..., Any],
                   args: Any, kwargs: Any) -> tuple[Any, Changes]:
    """On the worker thread: `database.run`, retried while another connection holds the
    write lock, until it gets its turn or the person cancels (then DatabaseBusy). A job
    waiting for another desk's job of its kind (a server) says so in the same dialog."""
    with waiting_at_most(WAIT_TURN_MS), waits_shown(turns.waited_for_desk.emit,
                                                    turns.cancel_event.is_set):
        while True:
            try:
                return database.run(service, *args, **kwargs)
            except DatabaseBusy:
                if turns.cancel_event.is_set():
                    raise
                turns.waited.emit()
            except Cancelled as exc:  # stopped waiting for another desk: nothing written
                raise DatabaseBusy(None) from exc


class Operations(QObject):
    """Runs operations and queries on worker threads; announces what each write changed,
    and on a shop server what the other desks' writes changed (core.store.notify)."""

    changes_applied = Signal(object)  # a core.kernel.changes.Changes, never empty
    # From the listening thread: another desk committed these changes.
    _other_desk_changed = Signal(object)
    # The same, on the GUI thread (after changes_applied): an open editor says so at once.
    other_desk_changed = Signal(object)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        # One writer thread keeps operations in the order the person asked for them;
        # reads get their own so that a long write does not hold up a list.
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="operation")
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="query")
        self._pending: set[_Delivery] = set()
        self.closed = False  # shut down: the window moved to another database
        self.waiting: _Turns | None = None  # the write now waiting for its turn, if any
        self._listening = threading.Event()  # set: stop listening
        self._listener: threading.Thread | None = None
        self.hearing_other_desks = threading.Event()  # set once the server listens for us
        if not database.is_sqlite and not database.read_only:
            self._start_listening()

    def _start_listening(self) -> None:
        from core.store.notify import listen_for_changes

        self._other_desk_changed.connect(self.announce, Qt.ConnectionType.QueuedConnection)
        self._other_desk_changed.connect(self.other_desk_changed,
                                         Qt.ConnectionType.QueuedConnection)
        self._listener = threading.Thread(
            target=listen_for_changes, name="other desks", daemon=True,
            args=(self.database, self._other_desk_changed.emit, self._listening.is_set,
                  self.hearing_other_desks.set))
        self._listener.start()

    # -- asynchronous ----------------------------------------------------------------------

    def run(self, service: Callable[..., Any], *args: Any, on_done: Done | None = None,
            on_error: Failed | None = None, **kwargs: Any) -> None:
        """Run a write; back on the GUI thread, announce its changes, then `on_done(result)`
        (or `on_error(exc)`; without one, the error goes to the excepthook). A locked
        database is waited for (see `_Turns`); Cancel there ends in DatabaseBusy."""
        turns = _Turns()
        self._submit(self._writer, lambda: self._write(turns, service, args, kwargs),
                     on_done, on_error, announce=True, turns=turns)

    def query(self, reader: Callable[..., Any], *args: Any, on_done: Done,
              on_error: Failed | None = None, **kwargs: Any) -> None:
        """Run a read `reader(session, ...)` in the background; `on_done(result)` on the GUI
        thread. Reads change nothing, so nothing is announced, and never wait on a writer."""
        self._submit(self._reader, lambda: (self.database.read(reader, *args, **kwargs),
                                            NOTHING),
                     on_done, on_error, announce=False)

    def _write(self, turns: _Turns, service: Callable[..., Any], args: Any,
               kwargs: Any) -> tuple[Any, Changes]:
        return _write_in_turn(self.database, turns, service, args, kwargs)

    def _submit(self, pool: ThreadPoolExecutor, call: Callable[[], tuple[Any, Changes]],
                on_done: Done | None, on_error: Failed | None, *, announce: bool,
                turns: _Turns | None = None) -> None:
        if turns is not None:
            turns.waited.connect(lambda: self._note_waiting(turns),
                                 Qt.ConnectionType.QueuedConnection)

        def arrived(result: Any, error: BaseException | None, changes: Changes) -> None:
            self._pending.discard(delivery)
            if turns is not None:
                self._end_turns(turns)
            if error is not None:
                if on_error is None:
                    sys.excepthook(type(error), error, error.__traceback__)
                elif not _receiver_gone(on_error):
                    on_error(error)
                return
            if announce:
                self.announce(changes)
            if on_done is not None and not _receiver_gone(on_done):
                on_done(result)

        delivery = _Delivery(arrived)
        self._pending.add(delivery)

        def finished(future: Future[tuple[Any, Changes]]) -> None:
            error = future.exception()
            result, changes = (None, NOTHING) if error is not None else future.result()
            delivery.arrived.emit(result, error, changes)

        if self.closed:  # the window moved to another database: nothing more to read
            log.info("dropped work for a closed database")
            self._pending.discard(delivery)
            return
        pool.submit(call).add_done_callback(finished)

    # -- waiting, for dialogs that need the answer now -------------------------------------

    def run_and_wait(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`run`, but return the result (or raise the error) once it is done. The window
        keeps painting meanwhile; input waits, so nothing is asked twice (a wait for the
        write lock shows its dialog, whose Cancel raises DatabaseBusy here)."""
        turns = _Turns()
        try:
            result: T = self._wait(self._writer,
                                   lambda: self._write(turns, service, args, kwargs),
                                   announce=True, turns=turns)
            return result
        finally:
            self._end_turns(turns)

    def query_and_wait(self, reader: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A read, waited for; it never waits on a writer."""
        return self._wait(self._reader,
                          lambda: (self.database.read(reader, *args, **kwargs), NOTHING),
                          announce=False)

    def _wait(self, pool: ThreadPoolExecutor, call: Callable[[], tuple[T, Changes]], *,
              announce: bool, turns: _Turns | None = None) -> T:
        future = pool.submit(call)
        loop = QEventLoop()
        future.add_done_callback(lambda _f: _quit_later(loop))
        if turns is not None:
            # Once the waiting dialog is up, the loop must let its Cancel button be clicked.
            turns.waited.connect(lambda: self._note_waiting(turns, loop),
                                 Qt.ConnectionType.QueuedConnection)
        while not future.done():
            waiting = turns is not None and turns.dialog is not None
            loop.exec(QEventLoop.ProcessEventsFlag.AllEvents if waiting
                      else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        result, changes = future.result()  # raises the service's error here
        if announce:
            self.announce(changes)
        return result

    def _note_waiting(self, turns: _Turns, loop: QEventLoop | None = None) -> None:
        if turns.dialog is not None and not turns.dialog.isHidden():
            self.waiting = turns
        if loop is not None and loop.isRunning():
            loop.quit()

    def _end_turns(self, turns: _Turns) -> None:
        if self.waiting is turns:
            self.waiting = None
        turns.end()

    def announce(self, changes: Changes) -> None:
        """Tell every page what changed (only when something did)."""
        if changes:
            log.debug("changes applied: %s", changes)
            self.changes_applied.emit(changes)

    # -- long jobs -------------------------------------------------------------------------

    def run_job(self, parent: QWidget | None, label: str, job: Job[T], *,
                changes: Changes = NOTHING) -> T:
        """`run_long_job`, then announce what the job's committed units of work changed
        (and `changes`, for writes core does not see, like a file replaced on disk)."""
        collected: list[Changes] = []

        def collecting(progress: Progress, is_cancelled: Callable[[], bool]) -> T:
            with collecting_changes() as collector:
                try:
                    return job(progress, is_cancelled)
                finally:
                    collected.append(collector.changes)

        try:
            return run_long_job(parent, label, collecting)
        finally:
            self.announce((collected[0] if collected else NOTHING) | changes)

    def shutdown(self) -> None:
        self.closed = True
        self._listening.set()
        if self._listener is not None:
            self._listener.join()
        self._writer.shutdown(wait=True)
        self._reader.shutdown(wait=True)


def _quit_later(loop: QEventLoop) -> None:
    """Quit an event loop from any thread: a posted Quit event is handled in its own."""
    QCoreApplication.postEvent(loop, QEvent(QEvent.Type.Quit))


# -- the progress dialog, for long jobs -----------------------------------------------------


class _ProgressRelay(QObject):
    """Lives in the GUI thread, so progress from the worker arrives as queued calls."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self._dialog = dialog
        self._label = dialog.labelText()

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, total))

    @Slot(object)
    def show_waiting(self, waiting: WaitingFor | None) -> None:
        """The job waits for another desk's job of its kind (None: no longer)."""
        if waiting is None:
            self._dialog.setLabelText(self._label)
            return
        self._dialog.setLabelText(waiting_for_desk_text(waiting))
        self._dialog.show()


class _Worker(QObject, Generic[T]):
    progressed = Signal(int, int)
    waited = Signal(object)  # a WaitingFor while the job waits for another desk; then None
    finished = Signal()

    def __init__(self, job: Job[T]) -> None:
        super().__init__()
        self._job = job
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with waits_shown(self.waited.emit):
                self.result = self._job(self.progressed.emit, self.cancel_event.is_set)
        except BaseException as exc:  # noqa: BLE001 (handed back to the GUI thread)
            self.error = exc
        self.finished.emit()


def run_long_job(parent: QWidget | None, label: str, job: Job[T]) -> T:
    """Run `job` off the GUI thread behind a modal progress dialog; returns its result.

    The job must open its own database session and leave the data as it was when it sees
    `is_cancelled()` turn true. Raises whatever the job raised: core.kernel.jobs.Cancelled
    when the person pressed Cancel. Jobs that write go through `Operations.run_job`.
    """
    cancel = QCoreApplication.translate("run_long_job", "Cancel")
    dialog = QProgressDialog(label, cancel, 0, 0, parent)
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
    worker.waited.connect(relay.show_waiting)
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
