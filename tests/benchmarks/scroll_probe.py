"""Memory probe: open the list (or a bare window), scroll top to bottom, print peak RSS in KB.

Usage: scroll_probe.py bare | scroll_probe.py app DB_PATH
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def _peak_kb() -> int:
    # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec, so a
    # probe started from a big pytest process would report pytest's memory.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    app = QApplication(sys.argv[:1])
    if sys.argv[1] == "bare":
        window = QMainWindow()
        window.setCentralWidget(QTableView())
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        print(_peak_kb(), _peak_kb())
        return
    from core.store.db import Database

    from gui.shell.context import AppContext
    from gui.shell.main_window import MainWindow

    window = MainWindow(AppContext(Database.open(sys.argv[2], read_only=True), read_only=True))
    window.show()
    app.processEvents()
    opened = _peak_kb()
    bar = window.customers_page.table_view.verticalScrollBar()
    steps = 400
    for step in range(steps + 1):
        bar.setValue(bar.maximum() * step // steps)
        app.processEvents()
    print(opened, _peak_kb())


if __name__ == "__main__":
    main()
