"""Wherever a person is named, the staff list is offered as they type."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QLineEdit

from core.desks.services import add_staff_member
from core.store.db import Database

from gui.desks.staff_names import offer_staff_names
from gui.shell.context import AppContext


def test_typing_part_of_a_name_offers_the_matching_staff(
        qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        for name in ("Sam Patel", "Samira Okoye", "Jo Brown"):
            add_staff_member(session, name)
    context = AppContext(sqlite_db)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    completer = offer_staff_names(edit, context)
    completer.setCompletionPrefix("sam")
    offered = [completer.completionModel().index(row, 0).data()
               for row in range(completer.completionCount())]
    assert offered == ["Sam Patel", "Samira Okoye"]
    completer.setCompletionPrefix("brown")
    assert completer.currentCompletion() == "Jo Brown"
    context.operations.shutdown()
