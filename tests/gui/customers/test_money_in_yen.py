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
    shown = model.data(model.index(0, COL_VALUE), Qt.ItemDataRole.DisplayRole)
    assert shown == "¥1,250"

    editor = CustomerEditor(AppContext(sqlite_db), row.id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.value_label.text() == "¥1,250"
    assert editor.history_tab.table.item(0, 2).text() == "¥1,250"
