"""A damaged data page in the customers table: one message, not a flood of tracebacks.

The file is a real SQLite database with one leaf page of the customers table overwritten,
as a disk or a copy gone wrong leaves it; the window is scrolled over every row.
"""
from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path
from types import TracebackType

import pytest
from pytestqt.qtbot import QtBot

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.db import Database
from core.store.opening import prepare_database

from gui.customers.table_model import COL_NAME
from gui.shell.context import AppContext
from gui.shell.main_window import MainWindow

CUSTOMERS = 1500


def _damaged_database(path: Path) -> None:
    database = Database.open(path)
    prepare_database(database)
    with database.unit_of_work() as session:
        for number in range(CUSTOMERS):
            add_customer(session, CustomerDraft(
                first_name=f"Customer{number:05d}", last_name="Lee",
                notes="regular since the shop opened " * 4), allow_duplicate=True)
    database.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    try:
        leaves = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'customers' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
    except sqlite3.OperationalError:  # no dbstat: a page in the file's second half
        leaves = [conn.execute("PRAGMA page_count").fetchone()[0] * 3 // 4]
    conn.close()
    assert len(leaves) > 3
    victim = leaves[len(leaves) // 2]
    with path.open("r+b") as file:
        file.seek((victim - 1) * page_size)
        file.write(b"\xa5" * page_size)


@pytest.mark.qt_no_exception_capture
def test_a_damaged_page_shows_one_message_instead_of_hundreds_of_errors(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "damaged.db"
    _damaged_database(path)
    uncaught: list[BaseException] = []

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        uncaught.append(error)

    monkeypatch.setattr(sys, "excepthook", hook)
    caplog.set_level(logging.ERROR, logger="gui.customers.table_model")
    window = MainWindow(AppContext(Database.open(path)))
    qtbot.addWidget(window)
    window.show()
    view = window.customers_page.table_view
    model = window.customers_page.model
    for row in range(0, model.rowCount(), 20):  # as a person scrolling to the bottom
        view.scrollTo(model.index(row, COL_NAME))
        qtbot.wait(1)
    qtbot.waitUntil(lambda: window.list_unreadable_box is not None)

    assert len(uncaught) <= 1
    assert model.failure is not None
    assert window.list_unreadable_box is not None and window.list_unreadable_box.isVisible()
    assert "cannot be read" in window.list_unreadable_box.text()
    assert len([r for r in caplog.records if r.name == "gui.customers.table_model"]) == 1
    # Rows past the damage read as empty, and nothing asks the database again.
    assert model.index(model.rowCount() - 1, COL_NAME).data() in ("", None) or (
        model.rowCount() < CUSTOMERS)
    window.close()
    window._context.database.close()
