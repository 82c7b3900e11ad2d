"""Undoable customer actions for the window's QUndoStack (Edit > Undo, Ctrl+Z), and Ctrl+Z
from a text field that has nothing of its own to undo."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit

from gui.shell.context import AppContext

if TYPE_CHECKING:
    from core.customers.merge import MergeUndo


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


class MergeCommand(QUndoCommand):
    """Folds one customer into another; undo puts both back as they were, with their
    history, moments, tags, cards and contacts. Made with `merge`, which runs the merge
    first, so that a merge that failed (or was cancelled) never lands on the stack."""

    def __init__(self, context: AppContext, done: MergeUndo, text: str) -> None:
        super().__init__(text)
        self._context = context
        self._keep_id, self._other_id = done.keep_id, done.other_id
        self._undo: MergeUndo | None = done
        self._pushed = False

    @classmethod
    def merge(cls, context: AppContext, *, keep_id: int, other_id: int,
              text: str) -> MergeCommand:
        """Merge now (raising what the merge raises); push the command to make it undoable."""
        from core.customers.merge import merge_customers_undoably

        merged = context.run(merge_customers_undoably, keep_id=keep_id, other_id=other_id)
        return cls(context, merged.undo, text)

    @property
    def customer_ids(self) -> tuple[int, int]:
        """The kept record and the other one (whose id may change when a merge is undone)."""
        return self._keep_id, self._other_id

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo: the merge has been done already
            self._pushed = True
            return
        from core.customers.merge import merge_customers_undoably

        self._undo = self._context.run(merge_customers_undoably, keep_id=self._keep_id,
                                       other_id=self._other_id).undo

    def undo(self) -> None:
        from core.customers.merge import unmerge_customers

        if self._undo is not None:
            self._keep_id, self._other_id = self._context.run(unmerge_customers, self._undo)
            self._undo = None


class AppUndoForField(QObject):
    """Lets Ctrl+Z (and redo) through a line edit to the window's undo whenever the field
    has nothing of its own to undo, and clears the field's own undo once the app has done
    something undoable, so that "Ctrl+Z undoes" in the status bar holds there too."""

    def __init__(self, line_edit: QLineEdit, undo_stack: QUndoStack) -> None:
        super().__init__(line_edit)
        self._line_edit = line_edit
        self._undo_stack = undo_stack
        line_edit.installEventFilter(self)
        undo_stack.indexChanged.connect(self._forget_field_undo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._line_edit and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            field = self._line_edit
            if ((event.matches(QKeySequence.StandardKey.Undo) and not field.isUndoAvailable())
                    or (event.matches(QKeySequence.StandardKey.Redo)
                        and not field.isRedoAvailable())):
                event.ignore()  # not the field's: the window's Undo shortcut gets the key
                return True
        return False

    def _forget_field_undo(self) -> None:
        field = self._line_edit
        if not (field.isUndoAvailable() or field.isRedoAvailable()):
            return
        # setText clears a QLineEdit's undo history; the text, cursor and selection stay.
        cursor, start, length = (field.cursorPosition(), field.selectionStart(),
                                 len(field.selectedText()))
        blocked = field.blockSignals(True)
        field.setText(field.text())
        if start >= 0 and length:
            field.setSelection(start, length)
        else:
            field.setCursorPosition(cursor)
        field.blockSignals(blocked)


def pass_undo_to_app(line_edit: QLineEdit, undo_stack: QUndoStack) -> AppUndoForField:
    """Install `AppUndoForField` on `line_edit` (kept alive as its child)."""
    return AppUndoForField(line_edit, undo_stack)
