"""Undoable customer actions for the window's QUndoStack (Edit > Undo, Ctrl+Z)."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from gui.shell.context import AppContext


class TrashCommand(QUndoCommand):
    """Moves customers to the trash (or back out of it); undo does the opposite."""

    def __init__(self, context: AppContext, customer_ids: list[int], text: str, *,
                 to_trash: bool) -> None:
        super().__init__(text)
        self._context = context
        self._ids = list(customer_ids)
        self._to_trash = to_trash

    def redo(self) -> None:
        self._move(into_trash=self._to_trash)

    def undo(self) -> None:
        self._move(into_trash=not self._to_trash)

    def _move(self, *, into_trash: bool) -> None:
        # The ORM loads on the first change, not at start.
        from core.customers.services import delete_customers, restore_customers

        service = delete_customers if into_trash else restore_customers
        moved = self._context.run(service, self._ids)
        if into_trash == self._to_trash and moved:
            self._ids = list(moved)  # undo only what this command really moved
