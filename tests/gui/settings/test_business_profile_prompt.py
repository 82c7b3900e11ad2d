"""The business profile asks before unsaved changes are thrown away."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from core.settings.profile import get_business_profile
from core.store.db import Database

from gui.settings.business_profile_dialog import BusinessProfileDialog
from gui.shell.context import AppContext


def _dialog(qtbot: QtBot, db: Database) -> BusinessProfileDialog:
    dialog = BusinessProfileDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _stored_name(db: Database) -> str:
    with db.unit_of_work() as session:
        return get_business_profile(session).name


def test_escape_after_typing_the_shop_name_asks_keep_editing_then_save(
        qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = _dialog(qtbot, sqlite_db)
    dialog.name_edit.setText("Bike Shed")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    prompt = dialog.discard_prompt
    assert prompt.box is not None and prompt.box.isVisible()
    assert prompt.box.text() == "Save the changes to the business profile?"
    qtbot.mouseClick(prompt.keep_editing_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.name_edit.text() == "Bike Shed"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert prompt.box.isVisible()  # Cancel asks again
    with qtbot.waitSignal(dialog.profile_saved):
        qtbot.mouseClick(prompt.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and _stored_name(sqlite_db) == "Bike Shed"


def test_discard_leaves_the_profile_as_it_was(qtbot: QtBot, sqlite_db: Database) -> None:
    before = _stored_name(sqlite_db)
    dialog = _dialog(qtbot, sqlite_db)
    dialog.currency_combo.setCurrentIndex(dialog.currency_combo.findData("JPY"))
    dialog.close()
    prompt = dialog.discard_prompt
    assert prompt.box is not None and prompt.box.isVisible()
    qtbot.mouseClick(prompt.discard_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and _stored_name(sqlite_db) == before
    with sqlite_db.unit_of_work() as session:
        assert get_business_profile(session).currency != "JPY"


def test_an_unchanged_profile_closes_without_asking(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = _dialog(qtbot, sqlite_db)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_prompt.box is None
