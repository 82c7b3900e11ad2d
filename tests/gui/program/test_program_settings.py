"""File > Appreciation Program…: gestures switched on and off, timings in plain words."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.program.settings import ProgramSettings
from core.settings.services import get_settings
from core.store.db import Database

from gui.program.settings_dialog import ProgramSettingsDialog
from gui.shell.context import AppContext


def test_switching_birthday_cards_off_and_a_week_ahead_to_ten_days_is_saved(
        qtbot: QtBot, sqlite_db: Database) -> None:
    context = AppContext(sqlite_db)
    dialog = ProgramSettingsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.due["birthday"].value() == 7  # shown as "7 days before the birthday"
    dialog.switches["welcome"].setChecked(False)
    dialog.due["birthday"].setValue(10)
    assert not dialog.due["welcome"].isEnabled()
    dialog.save()
    with sqlite_db.unit_of_work() as session:
        stored = get_settings(session, ProgramSettings)
    assert (stored.welcome_on, stored.birthday_due_days) == (False, -10)
    context.operations.shutdown()


def test_cancel_after_a_change_asks_before_throwing_it_away(
        qtbot: QtBot, sqlite_db: Database) -> None:
    context = AppContext(sqlite_db)
    dialog = ProgramSettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing changed: closes
    assert not dialog.isVisible()
    dialog.show()
    dialog.late["welcome"].setValue(45)
    dialog.reject()
    assert dialog.isVisible() and dialog.discard_prompt.box is not None
    dialog.discard_prompt.discard_button.click()  # type: ignore[union-attr]
    assert not dialog.isVisible()
    with sqlite_db.unit_of_work() as session:
        assert get_settings(session, ProgramSettings).welcome_late_days == 30
    context.operations.shutdown()


def test_leap_day_choices_are_written_in_the_shops_order(
        qtbot: QtBot, sqlite_db: Database) -> None:
    from PySide6.QtCore import QLocale

    previous = QLocale()
    try:
        for locale, choices in ((QLocale("en_US"), ["February 28", "March 1"]),
                                (QLocale("en_GB"), ["28 February", "1 March"])):
            QLocale.setDefault(locale)
            dialog = ProgramSettingsDialog(AppContext(sqlite_db))
            qtbot.addWidget(dialog)
            assert [dialog.leap.itemText(i) for i in range(dialog.leap.count())] == choices
    finally:
        QLocale.setDefault(previous)
