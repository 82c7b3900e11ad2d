"""The shape of long jobs (import, export, printing, demo): progress and cancel.

A long job is a core function that takes `progress(done, total)` and `is_cancelled()`.
When it sees `is_cancelled()` it rolls back and raises `Cancelled`, leaving the data as
it was before the job.
"""
from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class Cancelled(Exception):
    """The job was cancelled and left everything as it was."""


def no_progress(done: int, total: int) -> None:
    pass


def never_cancelled() -> bool:
    return False
