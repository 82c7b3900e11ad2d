"""The shape of long jobs (import, export, printing, demo): progress and cancel.

A long job is a core function that takes `progress(done, total)` and `is_cancelled()`.
When it sees `is_cancelled()` it rolls back and raises `Cancelled`, leaving the data as
it was before the job.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
