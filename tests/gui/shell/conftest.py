"""What the shell's tests share: the error reporter installed, writing to the log file."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.kernel.paths import log_file

from gui.shell.excepthook import ErrorReporter
from gui.shell.window_host import WindowHost


@pytest.fixture
def reporter(qtbot: QtBot, regulars_home: Path) -> Iterator[ErrorReporter]:
    """The ErrorReporter as the app installs it, with a log file to read back."""
    handler = logging.FileHandler(log_file(), encoding="utf-8")
    logging.getLogger().addHandler(handler)
    error_reporter = ErrorReporter(lambda: None)
    error_reporter.install()
    try:
        yield error_reporter
    finally:
        error_reporter.uninstall()
        logging.getLogger().removeHandler(handler)
        handler.close()
        if error_reporter.dialog is not None:
            error_reporter.dialog.close()


@pytest.fixture
def host(qtbot: QtBot, tmp_path: Path) -> Iterator[WindowHost]:
    """The window as the app opens it, on a fresh shop.db (locked and migrated)."""
    from PySide6.QtWidgets import QApplication

    from core.store.db import Database
    from core.store.opening import lock_database, prepare_database

    target = str(tmp_path / "shop.db")
    database = Database.open(target)
    lock = lock_database(database)
    prepare_database(database)
    window_host = WindowHost(target)
    window_host.show(database, lock)
    yield window_host
    window_host.close_current()
    QApplication.processEvents()
