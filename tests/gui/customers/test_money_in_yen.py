"""A yen shop sees ¥1,250 for a customer imported with Total Spent 1250: list and editor agree."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from core.customers.queries import search_customers
from core.interchange.importing import ImportOptions, run_import
from core.settings.profile import BusinessProfileData, save_business_profile
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.customers.page import CustomersPage
from gui.customers.table_model import COL_VALUE
from gui.shell.context import AppContext

from tests.core.interchange import samples


def test_list_and_editor_both_show_the_imported_1250_yen(qtbot: QtBot, sqlite_db: Database,
                                                         tmp_path: Path) -> None:
    with sqlite_db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(region="JP", locale="en_US",
                                                           currency="JPY"))
    path = samples.write_format(tmp_path / "s.csv", samples.SHOPIFY_HEADER, [
        {"First Name": "Misaki", "Last Name": "Sato", "Total Spent": "1250"}])
    run_import(sqlite_db, path, options=ImportOptions(today=dt.date(2026, 11, 22)))
    (row,) = search_customers(sqlite_db.raw(), "sato")

    page = CustomersPage(AppContext(sqlite_db), QUndoStack(), currency="JPY")
    qtbot.addWidget(page)
    page.load()
    model = page.model
    assert model.rowCount() == 1
    def shown() -> object:
        return model.data(model.index(0, COL_VALUE), Qt.ItemDataRole.DisplayRole)

    # The money formats load on a thread after the first paint; the column then fills in.
    qtbot.waitUntil(lambda: shown() != "")
    assert shown() == "¥1,250"

    editor = CustomerEditor(AppContext(sqlite_db), row.id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.value_label.text() == "¥1,250"
    assert editor.history_tab.model.text(0, 2) == "¥1,250"


def test_the_lifetime_value_column_fills_in_once_the_money_formats_have_loaded(
        qtbot: QtBot, sqlite_db: Database) -> None:
    from PySide6.QtCore import QLocale

    from core.customers.services import add_customer
    from core.customers.types import CustomerDraft

    from gui.customers.table_model import CustomerTableModel

    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Kenji", last_name="Sato"))
    # A locale no other test formats money in, so its Babel data is certainly not loaded.
    model = CustomerTableModel(sqlite_db.raw(), locale=QLocale("fr_CA"), currency="CAD")
    model.refresh()
    changed: list[int] = []
    model.dataChanged.connect(lambda top, bottom, roles: changed.append(top.column()))
    first = model.data(model.index(0, COL_VALUE), Qt.ItemDataRole.DisplayRole)
    assert first == ""
    qtbot.waitUntil(lambda: COL_VALUE in changed)
    assert model.data(model.index(0, COL_VALUE), Qt.ItemDataRole.DisplayRole) == "0,00\xa0$"
