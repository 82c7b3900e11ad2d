"""The customer record keeps every reminder: what was done, by whom, when and with what note."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from core.program.clock import shop_today
from core.program.services import complete_action, evaluate_program, today_view
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.program.reminders_tab import COL_STATUS, COL_WHAT
from gui.shell.context import AppContext

from tests.core.program.shop import add_customer


def test_a_done_thank_you_card_shows_on_the_customers_record(
        qtbot: QtBot, sqlite_db: Database) -> None:
    today = shop_today()
    ana = add_customer(sqlite_db, "Ana", visits=(today - dt.timedelta(days=1),), today=today)
    with sqlite_db.unit_of_work() as session:
        evaluate_program(session, today)
        (row,) = today_view(session, today).actions
        complete_action(session, row.id, note="signed by Sam", by="Sam")
    context = AppContext(sqlite_db)
    editor = CustomerEditor(context, ana, None)
    qtbot.addWidget(editor)
    tab = editor.reminders_tab
    assert tab.model.rowCount() == 1
    assert tab.model.text(0, COL_WHAT) == "Thank-you card"
    status = tab.model.text(0, COL_STATUS)
    assert status.startswith("Done ") and status.endswith("(Sam): signed by Sam")
    context.operations.shutdown()
