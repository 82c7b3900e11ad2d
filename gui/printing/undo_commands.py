"""Undoable printing actions for the window's QUndoStack (Edit > Undo, Ctrl+Z)."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from core.printing.batches import SentMarking

from gui.shell.context import AppContext


class MarkSentCommand(QUndoCommand):
    """Marks a batch's printed items sent; undo makes exactly those items printed again."""

    def __init__(self, context: AppContext, batch_id: int, text: str) -> None:
        super().__init__(text)
        self._context = context
        self._batch_id = batch_id
        self.marking: SentMarking | None = None

    def redo(self) -> None:
        from core.printing.batches import mark_batch_sent

        self.marking = self._context.run(mark_batch_sent, self._batch_id)

    def undo(self) -> None:
        from core.printing.batches import unmark_batch_sent

        if self.marking is not None:
            self._context.run(unmark_batch_sent, self.marking)
            self.marking = None
