"""The staff list offered wherever a person is named ("Owner", "Captured by", "Who keeps
it"): typing the first letters completes a name from the list, and the field starts with
whoever is working at this desk. A name not on the list can still be typed (a helper for
the day, a supplier), so the field stays a line of text."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from gui.shell.context import AppContext


def offer_staff_names(edit: QLineEdit, context: AppContext) -> QCompleter:
    """Complete `edit` from the shop's staff list (read once, now)."""
    from core.desks.services import list_staff  # off the first paint's path

    names = [member.name for member in context.read(list_staff)]
    completer = QCompleter(edit)
    completer.setModel(QStringListModel(names, completer))  # owned, or Python frees it
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    if names and not edit.toolTip():
        edit.setToolTip(QCoreApplication.translate(
            "offer_staff_names", "Type a few letters to pick from the staff list"))
    return completer
