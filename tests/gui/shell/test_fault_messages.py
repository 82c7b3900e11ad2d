"""A fault a person can act on shows one plain sentence naming the file, not the
"something went wrong" dialog; the traceback still goes to the log. Real files, real disks."""
from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.kernel.paths import log_file
from core.store.backup import backup_database
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.shell.app import _open_database
from gui.shell.context import AppContext
from gui.shell.excepthook import ErrorReporter
from gui.shell.main_window import MainWindow
from gui.shell.restore_dialog import RestoreDialog

from tests.core.store.fault_setups import (
    damage_text,
    fill_disk,
    make_shop,
    read_only_view,
    small_disk,
    without_root_powers,
    write_lock_held,
)


@contextlib.contextmanager
def _context_on(path: Path, reporter: ErrorReporter) -> Iterator[AppContext]:
    """The database opened as the window opens it, closed after its writes are done."""
    database = Database.open(path)
    reporter.database_name = database.display_name
    context = AppContext(database)
    try:
        yield context
    finally:
        context.operations.shutdown()
        database.close()


def _first_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT first_name FROM customers ORDER BY id")]
    finally:
        conn.close()


def _fault_shown(qtbot: QtBot, reporter: ErrorReporter) -> str:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    assert reporter.dialog.objectName() == "fault_dialog"  # not "Something went wrong"
    assert "Traceback" not in reporter.dialog.text() + reporter.dialog.informativeText()
    assert not reporter.dialog.detailedText()
    return f"{reporter.dialog.text()} {reporter.dialog.informativeText()}"


def _logged() -> str:
    return log_file().read_text(encoding="utf-8")


def _save_as(qtbot: QtBot, context: AppContext, first_name: str) -> CustomerEditor:
    editor = CustomerEditor(context, 1)
    qtbot.addWidget(editor)
    editor.show()
    editor.details_tab.first_name_edit.setText(first_name)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    return editor


def test_saving_on_a_full_disk_says_the_disk_is_full_and_keeps_what_was_typed(
        qtbot: QtBot, reporter: ErrorReporter, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = make_shop(disk / "shop.db")
        with _context_on(path, reporter) as context:
            editor = CustomerEditor(context, 1)  # opened while there was room
            qtbot.addWidget(editor)
            editor.show()
            fill_disk(disk)
            editor.details_tab.first_name_edit.setText("Annabel")
            qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
            shown = _fault_shown(qtbot, reporter)
            assert editor.isVisible()
            assert editor.details_tab.first_name_edit.text() == "Annabel"
        assert _first_names(path)[0] == "Ann"
    assert f"The disk holding {path} is full. Nothing was changed." in shown
    assert "Free some space" in shown
    assert "Traceback (most recent call last)" in _logged()


def test_saving_to_a_read_only_file_says_it_is_read_only(
        qtbot: QtBot, reporter: ErrorReporter, tmp_path: Path) -> None:
    path = make_shop(tmp_path / "shop.db")
    path.chmod(0o444)
    # Root writes any file; a shop owner cannot. The context's worker threads start
    # without the powers too.
    with without_root_powers(), _context_on(path, reporter) as context:
        editor = _save_as(qtbot, context, "Annabel")
        shown = _fault_shown(qtbot, reporter)
        assert editor.details_tab.first_name_edit.text() == "Annabel"
    assert f"{path} is read-only, so Regulars cannot write to it. Nothing was changed." in shown
    assert _first_names(path)[0] == "Ann"
    assert "attempt to write a readonly database" in _logged()


def test_opening_a_customer_whose_text_cannot_be_read_says_so_and_names_the_file(
        qtbot: QtBot, reporter: ErrorReporter, tmp_path: Path) -> None:
    path = make_shop(tmp_path / "shop.db")
    damage_text(path, customer_id=1, column="notes")
    with _context_on(path, reporter) as context:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.customers_page.open_customer_requested.emit(1)
        shown = _fault_shown(qtbot, reporter)
    assert f"A customer's notes in {path} cannot be read." in shown
    assert "Restore From Backup" in shown
    assert "Could not decode to UTF-8" in _logged()


def test_backing_up_onto_a_full_disk_says_the_backups_disk_is_full(
        qtbot: QtBot, reporter: ErrorReporter, regulars_home: Path, tmp_path: Path) -> None:
    path = make_shop(tmp_path / "shop.db")
    with small_disk(regulars_home / "backups") as disk:
        ballast = fill_disk(disk)
        with _context_on(path, reporter) as context:
            window = MainWindow(context)
            qtbot.addWidget(window)
            window.backup_action.trigger()
            shown = _fault_shown(qtbot, reporter)
        left = [p for p in disk.rglob("*") if p.is_file()]
    assert f"The disk holding {disk}" in shown
    assert "is full. Nothing was changed." in shown
    assert left == [ballast]  # no partial backup left behind


def test_restoring_onto_a_full_disk_says_the_disk_is_full_and_keeps_the_database(
        qtbot: QtBot, reporter: ErrorReporter, regulars_home: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = make_shop(disk / "shop.db")
        with _context_on(path, reporter) as context:
            for n in range(10):  # a backup of some 600 KB
                context.run(add_customer, CustomerDraft(first_name=f"Cy{n}", notes="n" * 60_000))
            backup_database(path)
            context.run(add_customer, CustomerDraft(first_name="Bob"))
            fill_disk(disk, leave=100 * 1024)
            dialog = RestoreDialog(context.database)
            qtbot.addWidget(dialog)
            dialog.restore_button.click()
            shown = _fault_shown(qtbot, reporter)
            assert not dialog.restored
        assert _first_names(path)[-1] == "Bob"  # not replaced
        assert not [p for p in disk.iterdir() if p.name.endswith((".restoring", ".part"))]
    assert f"The disk holding {path} is full. Nothing was changed." in shown


def test_a_write_given_up_while_another_program_writes_says_the_database_is_in_use(
        qtbot: QtBot, reporter: ErrorReporter, tmp_path: Path) -> None:
    path = make_shop(tmp_path / "shop.db")
    with _context_on(path, reporter) as context, write_lock_held(path):
        context.operations.run(add_customer, CustomerDraft(first_name="Bob"))  # no on_error
        qtbot.waitUntil(lambda: context.operations.waiting is not None, timeout=20_000)
        waiting = context.operations.waiting
        assert waiting is not None and waiting.dialog is not None
        cancel = waiting.dialog.findChild(QPushButton)
        assert cancel is not None
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # stops waiting: DatabaseBusy
        shown = _fault_shown(qtbot, reporter)
    assert f"Another program is using {path}. Nothing was changed." in shown
    assert _first_names(path) == ["Ann"]


def test_an_unexpected_error_still_shows_the_something_went_wrong_dialog(
        qtbot: QtBot, reporter: ErrorReporter) -> None:
    try:
        raise KeyError("first_name")
    except KeyError as error:
        reporter.handle(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    assert reporter.dialog.objectName() != "fault_dialog"
    assert "KeyError" in reporter.dialog.detailedText()


def test_a_database_on_a_read_only_disk_opens_with_the_read_only_label(
        qtbot: QtBot, regulars_home: Path, tmp_path: Path) -> None:
    make_shop(tmp_path / "shop" / "shop.db")
    with read_only_view(tmp_path / "shop", tmp_path / "stick") as stick:
        opened = _open_database(str(stick / "shop.db"))
        assert opened is not None
        database, lock = opened
        assert lock is None
        context = AppContext(database, read_only=database.read_only)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        try:
            labels = [label.text() for label in window.statusBar().findChildren(QLabel)
                      if label.isVisible()]
            assert "Read-only" in labels
            assert not window.new_action.isEnabled()
        finally:
            context.operations.shutdown()
            database.close()
