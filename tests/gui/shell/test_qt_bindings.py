"""The Qt bindings we pin do not corrupt Python's memory.

PySide6 6.12.0 drops one reference to `None` on every `QTableWidget.setItem` call (on
Python 3.11). After a few thousand calls Python aborts with "none_dealloc: deallocating
None": the print history crashed after marking an item of a large batch spoiled, or after
clicking between two batches. PySide6 6.11.3, pinned in pyproject.toml, does not.
"""
from __future__ import annotations

import gc
import sys

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

CALLS = 2000


def test_filling_a_table_many_times_never_crashes_python(qtbot: QtBot) -> None:
    table = QTableWidget(CALLS // 4, 4)
    qtbot.addWidget(table)
    items = [QTableWidgetItem(str(index)) for index in range(CALLS)]
    # Other tests leave garbage behind; a collection in the loop would free Nones too.
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for index, item in enumerate(items):
            table.setItem(index // 4, index % 4, item)
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    # A few references may come and go with unrelated objects; the bug loses one per call.
    assert after - before > -CALLS // 10, f"None lost {before - after} references"
