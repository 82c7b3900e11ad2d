"""File > Restore From Backup lists this database's backups and puts the chosen one back."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store import backup
from core.store.db import Database

from gui.shell.restore_dialog import RestoreDialog


def test_choosing_a_backup_restores_it(qtbot: QtBot, sqlite_db: Database) -> None:
    path = sqlite_db.sqlite_path
    assert path is not None
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann"))
    backup.backup_database(path)
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Bob"))
    dialog = RestoreDialog(sqlite_db)
    qtbot.addWidget(dialog)
    assert dialog.backups_list.count() == 1
    assert "Backed up by hand" in dialog.backups_list.item(0).text()
    assert dialog.backups_list.item(0).text().endswith(("kB", "MB"))  # sizes in kB/MB, not KiB
    dialog.restore_button.click()
    assert dialog.restored
    reopened = Database.open(path)
    assert count_customers(reopened.raw(), ListQuery()) == 1
    reopened.close()


def test_without_backups_there_is_nothing_to_click(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = RestoreDialog(sqlite_db)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert dialog.backups_list.item(0).text() == "No backups yet."


def test_backups_are_listed_in_the_shops_words_without_a_time_zone(
        qtbot: QtBot, sqlite_db: Database) -> None:
    from PySide6.QtCore import QLocale

    path = sqlite_db.sqlite_path
    assert path is not None
    backup.backup_database(path, now=dt.datetime(2026, 12, 1, 7, 36, 5))
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        dialog = RestoreDialog(sqlite_db)
    finally:
        QLocale.setDefault(previous)
    qtbot.addWidget(dialog)
    text = dialog.backups_list.item(0).text()
    assert text.replace("\u202f", " ").startswith("Tuesday, December 1, 2026 7:36 AM"), text
    assert "Universal" not in text and "UTC" not in text and ":05" not in text
