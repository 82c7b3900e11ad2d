"""Answering the "Changed at Another Desk" dialog from a test, once it is shown."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui.widgets.conflict_dialog import EditConflictDialog


def when_conflict_shown(act: Callable[[EditConflictDialog], None]) -> None:
    """`act(dialog)` once the dialog is up. Start it with QTimer.singleShot before the Save."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, EditConflictDialog):
        QTimer.singleShot(50, lambda: when_conflict_shown(act))
        return
    act(dialog)


def answer_the_conflict(seen: list[EditConflictDialog], choices: dict[str, str]) -> None:
    """When the dialog is up: choose `choices` (field: MINE or THEIRS), Save My Choices, and
    note the dialog in `seen`."""
    when_conflict_shown(lambda dialog: _choose(dialog, seen, choices))


def _choose(dialog: EditConflictDialog, seen: list[EditConflictDialog],
            choices: dict[str, str]) -> None:
    seen.append(dialog)
    for field, side in choices.items():
        dialog.choose(field, side)
    dialog.save_choices_button.click()
