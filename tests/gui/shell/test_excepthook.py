"""An error nobody expected reaches the log and a calm dialog, never a raw traceback."""
from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QPushButton

from core.kernel.paths import log_file

from gui.shell.excepthook import ErrorReporter


def _fail_in_a_slot(reporter: ErrorReporter) -> None:
    try:
        raise RuntimeError("the list model lost its rows")
    except RuntimeError as error:
        reporter.handle(type(error), error, error.__traceback__)


def test_an_unexpected_error_shows_the_log_location_and_writes_the_traceback(
        qtbot: QtBot, reporter: ErrorReporter) -> None:
    _fail_in_a_slot(reporter)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    assert str(log_file()) in reporter.dialog.informativeText()
    assert "Traceback" not in reporter.dialog.text()
    logged = log_file().read_text(encoding="utf-8")
    assert "RuntimeError: the list model lost its rows" in logged
    assert "Traceback (most recent call last)" in logged


def test_copy_details_puts_the_traceback_on_the_clipboard_and_keeps_the_dialog_open(
        qtbot: QtBot, reporter: ErrorReporter) -> None:
    _fail_in_a_slot(reporter)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    copy = next(b for b in reporter.dialog.findChildren(QPushButton)
                if b.text() == "Copy Details")
    copy.click()
    assert "the list model lost its rows" in QApplication.clipboard().text()
    assert reporter.dialog.isVisible()


def test_a_burst_of_errors_shows_one_dialog(qtbot: QtBot, reporter: ErrorReporter) -> None:
    for _ in range(50):
        _fail_in_a_slot(reporter)
    qtbot.waitUntil(lambda: reporter.unshown_count == 49)
    dialogs = [w for w in QApplication.topLevelWidgets()
               if w.isVisible() and w.windowTitle() == "Something went wrong"]
    assert len(dialogs) == 1


def test_an_error_in_a_worker_thread_reaches_the_dialog(
        qtbot: QtBot, reporter: ErrorReporter) -> None:
    def work() -> None:
        raise ValueError("backup folder vanished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    assert "backup folder vanished" in reporter.dialog.detailedText()
