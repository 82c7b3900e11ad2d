"""What every page shares: the open database, the operations runner, and the one signal
that says what changed."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from core.kernel.changes import Changes
from core.store.db import Database

from gui.shell.operations import Operations

T = TypeVar("T")


class AppContext(QObject):
    """The database, its operations runner, and the status bar's messages.

    Pages connect to `changes_applied(Changes)` and refresh only what they show.
    """

    changes_applied = Signal(object)  # a Changes: what one operation or long job changed
    status_posted = Signal(str)  # a short message for the status bar
    # What another desk's save changed (a shop server only): also in changes_applied.
    other_desk_changed = Signal(object)

    def __init__(self, database: Database, *, read_only: bool = False) -> None:
        super().__init__()
        self.database = database
        self.read_only = read_only
        self.operations = Operations(database, self)
        self.operations.changes_applied.connect(self.changes_applied)
        self.operations.other_desk_changed.connect(self.other_desk_changed)

    def run(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`service(session, *args, **kwargs)` as an operation on the worker thread, waited
        for (for dialogs that need the answer now); what it changed is announced first."""
        return self.operations.run_and_wait(service, *args, **kwargs)

    def read(self, reader: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`reader(session, *args, **kwargs)` as a query, waited for: it never waits on a
        writer, so opening a record stays quick while another program writes."""
        return self.operations.query_and_wait(reader, *args, **kwargs)

    def announce(self, changes: Changes) -> None:
        """For changes no unit of work saw (a backup restored, a file replaced)."""
        self.operations.announce(changes)

    def post_status(self, message: str) -> None:
        self.status_posted.emit(message)
