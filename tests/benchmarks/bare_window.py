"""Baseline for the startup benchmark: a bare PySide6 window with an empty QTableView."""
from __future__ import annotations

import sys
import time

started = time.perf_counter()

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print(round((time.perf_counter() - started) * 1000)), app.quit()))
app.exec()
