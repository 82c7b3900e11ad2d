"""Keeps the program evaluated with no server and no scheduled job: when the window opens,
when the day changes (midnight while it runs, or waking the computer on a later day), and
shortly after any change that can make something due (a visit logged, a birthday typed)."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from core.kernel.changes import Changes
from core.program.clock import shop_today
from core.program.services import evaluate_program

from gui.shell.context import AppContext

log = logging.getLogger(__name__)
CLOCK_MS = 60_000  # how often the day is looked at (a sleeping computer wakes up late)
SETTLE_MS = 1_500  # after a change, wait for the next one before evaluating


class ProgramEvaluator(QObject):
    def __init__(self, context: AppContext, *,
                 today: Callable[[], dt.date] = shop_today,
                 settle_ms: int = SETTLE_MS) -> None:
        super().__init__(context)
        self._context = context
        self._today = today
        self._evaluated_day: dt.date | None = None
        self._running = False
        self._again = False
        # What changed since the last evaluation: these customers, or (None) anyone.
        self._changed: set[int] | None = set()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_MS)
        self._clock.timeout.connect(self._look_at_the_day)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self._evaluate_changed)
        context.changes_applied.connect(self._on_changes)

    def start(self) -> None:
        """Evaluate over the whole window once (a script or another desk may have changed
        anything while the window was closed), then keep up."""
        if self._context.read_only:
            return  # a read-only window shows what is stored, and writes nothing
        self._changed = None
        self.evaluate()
        self._clock.start()

    def evaluate(self) -> None:
        if self._context.read_only:
            return
        if self._running:
            self._again = True  # once this one ends
            return
        self._running = True
        changed, self._changed = self._changed, set()
        self._evaluated_day = self._today()
        if changed is None:
            kwargs: dict[str, object] = {"whole_window": True}
        elif changed:
            kwargs = {"customers": frozenset(changed)}
        else:
            kwargs = {}  # a new day: only the days that came into view
        self._context.operations.run(evaluate_program, self._evaluated_day, **kwargs,
                                     on_done=self._finished, on_error=self._failed)

    def _evaluate_changed(self) -> None:
        if self._changed is None or self._changed:
            self.evaluate()

    def _finished(self, _result: object) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.evaluate()

    def _failed(self, error: BaseException) -> None:
        # Nothing was written (the unit of work rolled back); the next change or the next
        # day tries again. The person is not interrupted for a background job.
        log.error("evaluating the program failed", exc_info=error)
        self._running = False
        self._changed = None

    def _look_at_the_day(self) -> None:
        if self._today() != self._evaluated_day:
            self.evaluate()

    def _on_changes(self, changes: Changes) -> None:
        if not (changes.customers or changes.interactions or changes.settings
                or changes.listening or changes.scores):
            return
        if changes.customer_ids and not changes.settings and self._changed is not None:
            self._changed.update(changes.customer_ids)
        else:
            self._changed = None  # anyone may have changed: the whole window, for everyone
        self._settle.start()
