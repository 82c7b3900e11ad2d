"""Asking before a dialog with unsaved changes closes: Save, Discard, or Keep editing.

A dialog that edits something makes one `DiscardPrompt`, saying how to tell that it has
unsaved changes and how to save them, and lets it decide in `reject()` (which Esc, Cancel
and the window's close button all reach):

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QPushButton


class DiscardPrompt(QObject):
    """Guards one dialog. `is_dirty()` says whether anything changed since it opened;
    `save()` saves as the dialog's Save button would (closing the dialog when it worked,
    staying open with its message when not); `can_save()` is false where saving is not
    possible (a read-only database), and then only Discard and Keep editing are offered."""

    def __init__(self, dialog: QDialog, *, is_dirty: Callable[[], bool],
                 save: Callable[[], None], can_save: Callable[[], bool] = lambda: True,
                 question: Callable[[], str] | None = None) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._is_dirty = is_dirty
        self._save = save
        self._can_save = can_save
        self._question = question
        self.box: QMessageBox | None = None
        self.save_button: QPushButton | None = None
        self.discard_button: QPushButton | None = None
        self.keep_editing_button: QPushButton | None = None

    def may_close(self) -> bool:
        """True when nothing would be lost; otherwise asks (without waiting) and False."""
        if not self._is_dirty():
            return True
        if self.box is None or not self.box.isVisible():
            self._ask()
        return False

    def _ask(self) -> None:
        question = self._question() if self._question else self.tr("Save your changes?")
        box = QMessageBox(QMessageBox.Icon.Question, self._dialog.windowTitle(), question,
                          parent=self._dialog)
        box.setInformativeText(self.tr("If you discard them, what you typed here is lost."))
        if self._can_save():
            self.save_button = box.addButton(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole)
        else:
            self.save_button = None
        self.discard_button = box.addButton(self.tr("Discard"),
                                            QMessageBox.ButtonRole.DestructiveRole)
        self.keep_editing_button = box.addButton(self.tr("Keep Editing"),
                                                 QMessageBox.ButtonRole.RejectRole)
        # Enter saves (when it can); Esc keeps editing, never throws anything away.
        box.setDefaultButton(self.save_button or self.keep_editing_button)
        box.setEscapeButton(self.keep_editing_button)
        box.buttonClicked.connect(self._on_choice)
        self.box = box
        box.open()

    def _on_choice(self, button: QAbstractButton) -> None:
        if button is self.save_button:
            self._save()
        elif button is self.discard_button:
            self._dialog.done(QDialog.DialogCode.Rejected)

