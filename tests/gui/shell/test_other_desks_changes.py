"""Live refresh between desks (issue 18, item 3): what one desk commits on the shop server
reaches another desk's pages through NOTIFY, as the same Changes value, without a refresh
by hand. Two contexts on the real test server stand for two desks."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.customers.services import add_customer, update_customer
from core.customers.types import CustomerDraft
from core.kernel.changes import Changes
from core.store.db import Database

from gui.shell.context import AppContext
from gui.shell.main_window import MainWindow

PATIENCE_MS = 10_000  # a bound on a hung test, not a measurement (the issue asks for ~1 s)


def test_a_customer_added_at_one_desk_appears_in_the_other_desks_list(
        qtbot: QtBot, pg_db: Database, contexts: list[AppContext]) -> None:
    front, back = AppContext(pg_db), AppContext(Database(pg_db.url))
    contexts.extend([front, back])
    window = MainWindow(back)
    qtbot.addWidget(window)
    page = window.customers_page
    page.refresh()
    qtbot.waitUntil(lambda: page.count_label.text() == "0 customers", timeout=PATIENCE_MS)
    qtbot.waitUntil(back.operations.hearing_other_desks.is_set, timeout=PATIENCE_MS)
    heard: list[Changes] = []
    back.changes_applied.connect(heard.append)
    own: list[Changes] = []
    front.changes_applied.connect(own.append)

    added = front.run(add_customer, CustomerDraft(first_name="Zoë", last_name="Desk"))

    qtbot.waitUntil(lambda: page.count_label.text() == "1 customer", timeout=PATIENCE_MS)
    assert heard and heard[0].customers and added.id in heard[0].customer_ids
    # The desk that made the change heard it once, from its own operation, not twice.
    assert len(own) == 1


def test_an_open_customer_changed_at_another_desk_says_so_at_once(
        qtbot: QtBot, pg_db: Database, contexts: list[AppContext]) -> None:
    import dataclasses

    from core.customers.record import get_customer_record

    from gui.customers.editor import CustomerEditor

    front, back = AppContext(pg_db), AppContext(Database(pg_db.url))
    contexts.extend([front, back])
    ana = front.run(add_customer, CustomerDraft(first_name="Ana"))
    editor = CustomerEditor(back, ana.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(back.operations.hearing_other_desks.is_set, timeout=PATIENCE_MS)
    assert not editor.changed_elsewhere_label.isVisible()

    opened = front.read(get_customer_record, ana.id).detail
    front.run(update_customer, ana.id, dataclasses.replace(opened.draft, city="Leeds"),
              base=opened)

    qtbot.waitUntil(editor.changed_elsewhere_label.isVisible, timeout=PATIENCE_MS)
