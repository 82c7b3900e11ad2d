"""A page closed while its list was still being read: the result is dropped instead of
reaching a deleted Qt object, which would take the whole program down."""
from __future__ import annotations

import threading
from typing import Any, ClassVar

from pytestqt.qtbot import QtBot

import shiboken6
from PySide6.QtWidgets import QWidget

from core.store.db import Database

from gui.shell.context import AppContext


class _Page(QWidget):
    shown: ClassVar[list[Any]] = []

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def show_result(self, result: Any) -> None:
        _Page.shown.append((self.name, result))  # a real page would touch its widgets


def test_a_result_for_a_page_closed_meanwhile_is_dropped(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    contexts.append(AppContext(sqlite_db))
    operations = contexts[-1].operations
    release = threading.Event()

    def slow_read(_session: Any) -> int:
        release.wait(10)
        return 42

    closed, open_page = _Page("closed"), _Page("open")
    qtbot.addWidget(open_page)
    operations.query(slow_read, on_done=closed.show_result)
    operations.query(lambda _session: 7, on_done=open_page.show_result)
    shiboken6.delete(closed)  # the person closed the page while it read
    release.set()
    qtbot.waitUntil(lambda: ("open", 7) in _Page.shown, timeout=10_000)
    qtbot.wait(200)
    assert [name for name, _result in _Page.shown] == ["open"]
