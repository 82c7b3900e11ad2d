"""Saving a customer while another program holds the database's write lock.

The holder is a real second process with `BEGIN IMMEDIATE` on the same SQLite file, as a
command-line import would hold it. The save waits for it off the GUI thread behind a
"waiting for another program" dialog with Cancel; the window keeps running meanwhile.
"""
from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.store.db import BUSY_TIMEOUT_MS, Database

from gui.customers.editor import CustomerEditor
from gui.shell.context import AppContext

# Holds the write lock until it reads a line on stdin, then commits and exits.
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("CREATE TABLE IF NOT EXISTS other_program (n INTEGER)")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


@pytest.fixture
def holder(sqlite_db: Database) -> Iterator[subprocess.Popen[str]]:
    """A second process holding the write lock on the test database, which already holds
    Ann Lee (id 1)."""
    assert _ann(sqlite_db) == 1
    assert sqlite_db.sqlite_path is not None
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(sqlite_db.sqlite_path)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    yield process
    if process.poll() is None:
        release(process)


def release(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("commit\n")
    process.stdin.flush()
    process.wait(timeout=10)


def _ann(db: Database) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(first_name="Ann", last_name="Lee")).id


def _first_name(db: Database, customer_id: int) -> str:
    with db.unit_of_work() as session:
        return get_customer(session, customer_id).draft.first_name


class Watcher:
    """Polls from a timer (the test's own code is blocked while the save waits): notes the
    waiting dialog, counts the ticks of another timer, and acts once the wait is seen."""

    def __init__(self, context: AppContext, act: object) -> None:
        self.context = context
        self.act = act
        self.ticks = 0
        self.ticks_when_seen: int | None = None
        self.ticks_when_acted: int | None = None
        self.label = ""
        self.ticker = QTimer()
        self.ticker.timeout.connect(self._tick)
        self.ticker.start(10)

    def _tick(self) -> None:
        self.ticks += 1
        waiting = self.context.operations.waiting
        dialog = waiting.dialog if waiting is not None else None
        if dialog is None or not dialog.isVisible() or self.ticks_when_acted is not None:
            return
        if self.ticks_when_seen is None:
            self.ticks_when_seen = self.ticks
            self.label = dialog.labelText()
        elif self.ticks - self.ticks_when_seen >= 20:  # the event loop ran all along
            self.ticks_when_acted = self.ticks
            self.act(dialog)  # type: ignore[operator]

    def stop(self) -> None:
        self.ticker.stop()


def test_saving_while_another_program_writes_waits_with_a_message_then_saves(
        qtbot: QtBot, sqlite_db: Database, holder: subprocess.Popen[str]) -> None:
    customer_id = 1
    context = AppContext(sqlite_db)
    started = time.monotonic()
    editor = CustomerEditor(context, customer_id)  # opening reads: it never waits
    assert time.monotonic() - started < BUSY_TIMEOUT_MS / 1000 / 2
    qtbot.addWidget(editor)
    editor.show()
    editor.details_tab.first_name_edit.clear()
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Anna")

    watcher = Watcher(context, lambda _dialog: release(holder))
    with qtbot.waitSignal(editor.customer_saved, timeout=20_000):
        QTimer.singleShot(0, editor.save_button.click)
    watcher.stop()

    assert "waiting for another program to finish with the customer database" in (
        watcher.label.lower())
    assert watcher.ticks_when_acted is not None  # the timer kept firing during the wait
    assert _first_name(sqlite_db, customer_id) == "Anna"
    assert context.operations.waiting is None
    context.operations.shutdown()


def test_cancelling_the_wait_keeps_the_typed_edit_and_writes_nothing(
        qtbot: QtBot, sqlite_db: Database, holder: subprocess.Popen[str]) -> None:
    customer_id = 1
    context = AppContext(sqlite_db)
    editor = CustomerEditor(context, customer_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.details_tab.first_name_edit.clear()
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Anna")

    def cancel(dialog: QProgressDialog) -> None:
        button = dialog.findChild(QPushButton)
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    watcher = Watcher(context, cancel)
    with qtbot.assertNotEmitted(editor.customer_saved, wait=0):
        QTimer.singleShot(0, editor.save_button.click)
        qtbot.waitUntil(lambda: editor.form_message_label.isVisibleTo(editor), timeout=20_000)
    watcher.stop()

    assert watcher.ticks_when_acted is not None
    assert editor.isVisible()
    assert editor.details_tab.first_name_edit.text() == "Anna"
    assert "not saved" in editor.form_message_label.text().lower()
    release(holder)
    assert _first_name(sqlite_db, customer_id) == "Ann"
    assert context.operations.waiting is None
    context.operations.shutdown()
