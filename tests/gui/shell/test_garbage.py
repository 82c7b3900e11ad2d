"""Cycles are freed by the window's own collector in the GUI thread, never by a worker
thread (where freeing a Qt object crashed the window)."""
from __future__ import annotations

import gc
import threading
import weakref

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QObject

from gui.shell.garbage import GuiThreadGarbageCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_a_cycle_made_in_a_worker_thread_is_freed_in_the_gui_thread(qtbot: QtBot) -> None:
    owner = QObject()
    collector = GuiThreadGarbageCollector(owner)
    try:
        assert not gc.isenabled()
        refs: list[weakref.ref[_Node]] = []

        def make_cycles() -> None:  # enough to pass every generation's threshold
            for _ in range(50_000):
                refs.append(weakref.ref(_Node()))

        worker = threading.Thread(target=make_cycles)
        worker.start()
        worker.join()
        assert any(ref() is not None for ref in refs), "nothing freed in the worker"
        qtbot.waitUntil(lambda: all(ref() is None for ref in refs), timeout=5000)
    finally:
        del collector
        owner.deleteLater()
