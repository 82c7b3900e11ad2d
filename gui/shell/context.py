"""What every page shares: the open database, and signals that say what changed."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from core.store.db import Database

T = TypeVar("T")


class AppContext(QObject):
    """Runs one unit of work per user action and tells the pages what changed."""

    customers_changed = Signal()  # customer rows were added, edited, trashed or restored
    status_posted = Signal(str)  # a short message for the status bar

    def __init__(self, database: Database, *, read_only: bool = False) -> None:
        super().__init__()
        self.database = database
        self.read_only = read_only

    def run(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call `service(session, *args, **kwargs)` in its own transaction."""
        with self.database.unit_of_work() as session:
            return service(session, *args, **kwargs)

    def post_status(self, message: str) -> None:
        self.status_posted.emit(message)
