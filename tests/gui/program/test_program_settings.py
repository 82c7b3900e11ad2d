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


def test_a_timing_changed_at_another_desk_meanwhile_is_asked_about_and_the_rest_merged(
        qtbot: QtBot, sqlite_db: Database) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel, QRadioButton

    from gui.widgets.conflict_dialog import MINE, EditConflictDialog

    from tests.core.customers.other_desk import run_code_at_another_desk
    from tests.gui.conflicts import when_conflict_shown

    context = AppContext(sqlite_db)
    dialog = ProgramSettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    run_code_at_another_desk(sqlite_db, """
        import dataclasses
        from core.program.settings import ProgramSettings
        from core.settings.services import get_settings, save_settings, settings_version
        with db.unit_of_work() as session:
            opened = get_settings(session, ProgramSettings)
            save_settings(session, dataclasses.replace(
                opened, birthday_due_days=-14, lapsed_on=False), base=opened,
                base_version=settings_version(session, ProgramSettings))
    """)
    dialog.due["birthday"].setValue(3)
    dialog.switches["welcome"].setChecked(False)
    asked: list[str] = []

    def answer(shown: EditConflictDialog) -> None:
        asked.append(" ".join(label.text() for label in shown.findChildren(QLabel)))
        asked.append(" / ".join(button.text() for button in shown.findChildren(QRadioButton)))
        shown.choose("birthday_due_days", MINE)
        shown.save_choices_button.click()

    QTimer.singleShot(0, lambda: when_conflict_shown(answer))
    dialog.save()
    assert "Birthday card: due" in asked[0]
    assert "“We miss you” letter when someone stops coming: on or off" in asked[0]  # kept
    assert asked[1] == "14 days before the birthday / 3 days before the birthday"  # theirs, mine
    with sqlite_db.unit_of_work() as session:
        stored = get_settings(session, ProgramSettings)
    assert (stored.birthday_due_days, stored.welcome_on, stored.lapsed_on) == (-3, False, False)
    assert not dialog.isVisible()
    context.operations.shutdown()
