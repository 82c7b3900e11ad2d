"""Undoable visit actions for the window's QUndoStack (Edit > Undo, Ctrl+Z).

Both commands are pushed after their first write succeeded (so a refusal is shown in the
dialog, not raised from inside the stack); undo and redo then delete or put back the same
rows, under the same ids, through core.visits.services.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from core.customers.types import InteractionRow
from core.kernel.errors import NotFound
from core.visits.types import InteractionRecord

from gui.shell.context import AppContext
from gui.visits.texts import gone_text, removal_text


class LogInteractionCommand(QUndoCommand):
    """A visit logged at the counter: undo deletes it, redo puts it back."""

    def __init__(self, context: AppContext, interaction_id: int, text: str) -> None:
        super().__init__(text)
        self._context = context
        self._interaction_id = interaction_id
        self._removed: InteractionRecord | None = None

    def redo(self) -> None:
        if self._removed is None:
            return  # the first redo: the dialog already logged it
        from core.visits.services import restore_interaction

        try:
            self._interaction_id = self._context.run(restore_interaction, self._removed)
        except NotFound:
            _gone(self._context, self)
            return
        self._removed = None

    def undo(self) -> None:
        from core.visits.services import delete_interaction

        try:
            self._removed = self._context.run(delete_interaction, self._interaction_id)
        except NotFound:
            _gone(self._context, self)


class DeleteInteractionsCommand(QUndoCommand):
    """Interactions deleted (from the customer record's history): undo puts them back."""

    def __init__(self, context: AppContext, removed: list[InteractionRecord], text: str) -> None:
        super().__init__(text)
        self._context = context
        self._removed = list(removed)
        self._deleted = True

    def redo(self) -> None:
        if self._deleted:
            return  # the first redo: the record's Save already deleted them
        from core.visits.services import delete_interactions

        try:
            self._context.run(delete_interactions, [r.id for r in self._removed])
        except NotFound:
            _gone(self._context, self)
            return
        self._deleted = True

    def undo(self) -> None:
        from core.visits.services import restore_interactions

        try:
            ids = self._context.run(restore_interactions, self._removed)
        except NotFound:
            _gone(self._context, self)
            return
        self._removed = [_with_id(r, new_id) for r, new_id in zip(self._removed, ids,
                                                                     strict=True)]
        self._deleted = False


def _gone(context: AppContext, command: QUndoCommand) -> None:
    """The visit or its customer went meanwhile (another desk, the record, the trash emptied):
    say so, and drop the step (nothing was changed)."""
    context.post_status(gone_text())
    command.setObsolete(True)


def _with_id(record: InteractionRecord, new_id: int) -> InteractionRecord:
    from dataclasses import replace

    return replace(record, id=new_id)


def history_removal_command(context: AppContext, customer_id: int, rows: Sequence[InteractionRow],
                            currency: str, name: str) -> DeleteInteractionsCommand | None:
    """The undo step for entries removed from a customer record's history and saved (None
    when none were): undo puts them back, with their figures."""
    if not rows:
        return None
    from core.kernel.money import Money

    removed = [InteractionRecord(r.id, customer_id, r.kind, r.occurred_on,
                                 None if r.amount_minor is None else Money(r.amount_minor,
                                                                           currency), r.note)
               for r in rows]
    return DeleteInteractionsCommand(context, removed, removal_text(name))
