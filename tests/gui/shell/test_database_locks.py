"""The window keeps SQLite's locks on its database, whatever its dialogs look at.

A file dialog that read the database to guess its icon dropped every POSIX lock the
window held; a command-line run that ended afterwards then deleted the -wal and -shm files
under the open window (blank list, `disk I/O error` on the next save).
"""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from core.customers.services import add_customer, get_customer, update_customer
from core.customers.types import CustomerDraft
from core.store.db import Database
from core.store.opening import lock_database, prepare_database

from gui.interchange.export_actions import write_export
from gui.shell.context import AppContext
from gui.shell.file_dialogs import install_safe_file_dialogs
from gui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]


def _close_file_dialog_after_listing(qtbot: QtBot) -> None:
    """Let the dialog list the database folder (icons and types included), then cancel."""

    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                widget.reject()
                return
        QTimer.singleShot(100, close)

    QTimer.singleShot(1200, close)


def test_a_command_line_find_after_an_export_dialog_leaves_the_open_list_intact(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "same.db"
    seed = Database.open(path)
    prepare_database(seed)
    with seed.unit_of_work() as session:
        for last in ("Smith", "Smithers", "Jones"):
            add_customer(session, CustomerDraft(first_name="Ann", last_name=last))
    seed.close()

    database = Database.open(path)  # as the window opens it: lock, check, list
    lock = lock_database(database)
    prepare_database(database, check_integrity=False)
    context = AppContext(database)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    model = window.customers_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    try:
        install_safe_file_dialogs()
        _close_file_dialog_after_listing(qtbot)
        QFileDialog.getSaveFileName(window, "Export customers to CSV",
                                    str(tmp_path / "customers.csv"), "CSV files (*.csv)")
        write_export(database, "csv", tmp_path / "first.csv", [1, 2, 3],
                     lambda done, total: None, lambda: False)

        finder = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(path), "find", "smith"],
            check=False, capture_output=True, text=True, timeout=60, cwd=tmp_path,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert finder.returncode == 0, finder.stderr
        assert "Smithers" in finder.stdout

        assert Path(str(path) + "-wal").exists() and Path(str(path) + "-shm").exists()
        detail = context.run(get_customer, 1)
        draft = CustomerDraft(first_name="Anne", last_name=detail.draft.last_name)
        context.run(update_customer, 1, draft)
        model.refresh()
        names = sorted(model.data(model.index(row, 0)) for row in range(model.rowCount()))
        assert names == ["Ann Jones", "Ann Smithers", "Anne Smith"]
        write_export(database, "csv", tmp_path / "second.csv", [1, 2, 3],
                     lambda done, total: None, lambda: False)
        with open(tmp_path / "second.csv", encoding="utf-8") as handle:
            exported = list(csv.DictReader(handle))
        assert sorted(row["first_name"] for row in exported) == ["Ann", "Ann", "Anne"]
    finally:
        window.close()
        database.close()
        if lock is not None:
            lock.release()
