"""Undoable customer actions for the window's QUndoStack (Edit > Undo, Ctrl+Z)."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from gui.context import AppContext


class MoveToTrashCommand(QUndoCommand):
    """Moves customers to the trash; undo brings them back."""

    def __init__(self, context: AppContext, customer_ids: list[int], text: str) -> None:
        super().__init__(text)
        self._context = context
        self._ids = list(customer_ids)

    def redo(self) -> None:
        from core.customers import delete_customers  # the ORM loads on first change, not at start

        self._ids = list(self._context.run(delete_customers, self._ids)) or self._ids
        self._context.customers_changed.emit()

    def undo(self) -> None:
        from core.customers import restore_customers

        self._context.run(restore_customers, self._ids)
        self._context.customers_changed.emit()


class RestoreFromTrashCommand(QUndoCommand):
    """Restores customers from the trash; undo puts them back in it."""

    def __init__(self, context: AppContext, customer_ids: list[int], text: str) -> None:
        super().__init__(text)
        self._context = context
        self._ids = list(customer_ids)

    def redo(self) -> None:
        from core.customers import restore_customers

        self._context.run(restore_customers, self._ids)
        self._context.customers_changed.emit()

    def undo(self) -> None:
        from core.customers import delete_customers

        self._context.run(delete_customers, self._ids)
        self._context.customers_changed.emit()
