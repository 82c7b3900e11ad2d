"""GUI tests run offscreen against real SQLite files."""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest
from pytestqt.qtbot import QtBot

from core.store.db import Database

if TYPE_CHECKING:
    from gui.shell.context import AppContext


@pytest.fixture(scope="session", autouse=True)
def translations(qapp):  # type: ignore[no-untyped-def]
    """The English plural forms, as the app loads them: tests see what people see."""
    from gui.shell.wording import install_translations

    translator = install_translations(qapp)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def garbage_collected_in_the_gui_thread() -> Iterator[None]:
    """As the app does (gui.shell.garbage): no cycle collection in the background reads'
    and long jobs' threads during a GUI test, where it destroyed Qt objects in the wrong
    thread and crashed; the test's cycles are collected after it, in this thread."""
    import gc

    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


@pytest.fixture(autouse=True)
def own_window_state(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test its own saved window state (column widths, sort order, last folders): the
    default is one file shared by every test and both parallel workers, so one test's
    saved sort or header broke another's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def contexts() -> Iterator[list[AppContext]]:
    """Contexts a test makes: their background work ends before the database closes, and
    deliveries for pages already gone are dropped here."""
    from PySide6.QtWidgets import QApplication

    made: list[AppContext] = []
    yield made
    for context in made:
        context.operations.shutdown()
    QApplication.processEvents()


@pytest.fixture
def active_window(qtbot: QtBot, sqlite_db: Database):  # type: ignore[no-untyped-def]
    """The main window on the test database, shown and active: shortcuts only reach the
    active window."""
    from PySide6.QtWidgets import QApplication

    from gui.shell.context import AppContext
    from gui.shell.main_window import MainWindow

    window = MainWindow(AppContext(sqlite_db))
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window
