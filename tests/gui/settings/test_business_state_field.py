"""File > Business Profile asks for the state or province, and keeps it."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from core.settings.profile import get_business_profile
from core.store.db import Database

from gui.settings.business_profile_dialog import BusinessProfileDialog
from gui.shell.context import AppContext


def test_the_state_typed_in_the_profile_is_saved_and_shown_again(
        qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = BusinessProfileDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Rose City Cycles")
    dialog.city_edit.setText("Portland")
    qtbot.keyClicks(dialog.state_edit, "OR")
    with qtbot.waitSignal(dialog.profile_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        assert get_business_profile(session).state == "OR"
    again = BusinessProfileDialog(AppContext(sqlite_db))
    qtbot.addWidget(again)
    assert again.state_edit.text() == "OR"
