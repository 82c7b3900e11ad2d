"""The shape of long jobs (import, export, printing, demo): progress and cancel.

A long job is a core function that takes `progress(done, total)` and `is_cancelled()`.
When it sees `is_cancelled()` it rolls back and raises `Cancelled`, leaving the data as
it was before the job.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from core.kernel.errors import RegularsError

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class Cancelled(RegularsError):
    """The job was cancelled and left everything as it was."""


def no_progress(done: int, total: int) -> None:
    pass


def never_cancelled() -> bool:
    return False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a bulk job that allocates millions of small,
    acyclic objects: each pass walks every live batch again (measured: about a tenth of
    an import's time). Reference counting still frees them; the collector runs after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- waiting for another desk's job ---------------------------------------------------------
# A bulk job that finds the same kind of job running at another desk (core.store.job_locks)
# waits for it. Whoever runs the job (the window's progress dialog, a command) may want to
# say so, and to let the person stop waiting: it installs `waits_shown` around the job.


@dataclass(frozen=True)
class WaitingFor:
    """The job this one waits for: its kind (core.store.job_locks) and the desk running it
    ("" when the server does not say)."""

    job: str
    desk: str


ShowWaiting = Callable[[WaitingFor | None], None]  # None: the wait is over
_shown: ContextVar[tuple[ShowWaiting, CancelCheck] | None] = ContextVar(
    "regulars_waits_shown", default=None)


@contextmanager
def waits_shown(show: ShowWaiting, is_cancelled: CancelCheck = never_cancelled
                ) -> Iterator[None]:
    """Jobs run in this block (on this thread) tell `show` whom they wait for, and stop
    waiting (raising Cancelled) once `is_cancelled()` turns true."""
    token = _shown.set((show, is_cancelled))
    try:
        yield
    finally:
        _shown.reset(token)


def show_waiting(waiting: WaitingFor | None) -> None:
    shown = _shown.get()
    if shown is not None:
        shown[0](waiting)


def waiting_cancelled() -> bool:
    shown = _shown.get()
    return shown is not None and shown[1]()
