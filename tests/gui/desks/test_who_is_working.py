"""Sam picks their name at the front desk (with their PIN); the customer they change shows
"Sam at Front desk" in its Changes tab. A wrong PIN changes nothing."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.desks.services import add_staff_member, list_staff
from core.kernel.desk import current_actor, set_actor
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.desks.who_is_working import WhoIsWorkingButton
from gui.shell.context import AppContext


@pytest.fixture(autouse=True)
def _actor_restored() -> Iterator[None]:
    before = current_actor()
    yield
    set_actor(desk=before.desk, person=before.person)


def _close_the_warning() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.accept()
    else:
        QTimer.singleShot(50, _close_the_warning)


def test_sam_picks_their_name_and_their_change_is_recorded_under_it(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    with sqlite_db.unit_of_work() as session:
        add_staff_member(session, "Sam", pin="2468")
        add_staff_member(session, "Kim")
        ana = add_customer(session, CustomerDraft(first_name="Ana")).id
    contexts.append(AppContext(sqlite_db))
    context = contexts[-1]
    set_actor(desk="Front desk", person="")
    button = WhoIsWorkingButton(context)
    qtbot.addWidget(button)
    sam, kim = sorted(sqlite_db.read(list_staff), key=lambda m: m.name != "Sam")

    QTimer.singleShot(50, _close_the_warning)
    assert not button.pick(sam, pin="1111")  # wrong PIN: nothing changes
    assert current_actor().person != "Sam"
    assert button.pick(sam, pin="2468")
    assert button.text() == "Sam at Front desk"

    editor = CustomerEditor(context, ana)
    qtbot.addWidget(editor)
    editor.show()
    editor.details_tab.city_edit.setText("Leeds")
    with qtbot.waitSignal(editor.customer_saved, timeout=10_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert button.pick(kim)  # no PIN needed
    reopened = CustomerEditor(context, ana)
    qtbot.addWidget(reopened)
    rows = [[reopened.changes_tab.model.index(r, c).data() for c in range(3)]
            for r in range(reopened.changes_tab.model.rowCount())]
    assert [row[1:] for row in rows] == [["Sam at Front desk", "City"]]
