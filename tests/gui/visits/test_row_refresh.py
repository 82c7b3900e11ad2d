"""After a visit is logged, the list re-reads only that customer's row when it stays where it
is, and the whole list when the row moves, joins or leaves it."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.db import Database
from core.visits.services import log_interaction
from core.visits.types import InteractionDraft

from gui.customers.page import CustomersPage
from gui.customers.table_model import COL_NAME, COL_STAGE, COL_VISITS
from gui.shell.context import AppContext


def _page(qtbot: QtBot, db: Database) -> tuple[CustomersPage, AppContext]:
    with db.unit_of_work() as session:
        for first in ("Ana", "Bo", "Cy"):
            add_customer(session, CustomerDraft(first_name=first, last_name="Diaz"))
    context = AppContext(db)
    page = CustomersPage(context, QUndoStack())
    qtbot.addWidget(page)
    page.load()
    return page, context


def _column(page: CustomersPage, column: int) -> list[str]:
    return [str(page.model.index(r, column).data()) for r in range(page.model.rowCount())]


def _log(context: AppContext, customer_id: int) -> None:
    context.run(log_interaction, customer_id, InteractionDraft("visit", dt.date.today()))


def test_a_visit_updates_its_row_in_place_when_the_list_is_by_name(
        qtbot: QtBot, sqlite_db: Database) -> None:
    page, context = _page(qtbot, sqlite_db)
    page.table_view.selectRow(1)
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    page.model.layoutChanged.connect(lambda: resets.append(True))
    _log(context, page.model.customer_id(1))
    assert _column(page, COL_VISITS) == ["0", "1", "0"]
    assert _column(page, COL_STAGE) == ["Prospect", "New", "Prospect"]
    assert resets == []  # only the row was read again: selection and scroll stay
    assert page.selected_ids() == [page.model.customer_id(1)]


def test_sorted_by_visits_the_customer_moves_up_after_a_visit(
        qtbot: QtBot, sqlite_db: Database) -> None:
    page, context = _page(qtbot, sqlite_db)
    page.table_view.sortByColumn(COL_VISITS, Qt.SortOrder.DescendingOrder)
    last = page.model.customer_id(2)
    name = page.model.index(2, COL_NAME).data()
    _log(context, last)
    assert page.model.index(0, COL_NAME).data() == name
    assert _column(page, COL_VISITS) == ["1", "0", "0"]


def test_with_the_prospects_filter_a_customer_who_came_in_leaves_the_list(
        qtbot: QtBot, sqlite_db: Database) -> None:
    page, context = _page(qtbot, sqlite_db)
    page.stage_combo.setCurrentIndex(page.stage_combo.findData("prospect"))
    assert page.model.rowCount() == 3
    _log(context, page.model.customer_id(0))
    assert _column(page, COL_NAME) == ["Bo Diaz", "Cy Diaz"]
    assert page.count_label.text() == "2 customers"
