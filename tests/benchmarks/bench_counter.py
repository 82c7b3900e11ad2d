"""Logging a visit at the counter at 100,000 customers: from Save to the list row repainted
with the new visit count, against the least a visit costs in raw sqlite3 (one INSERT, one
UPDATE of the customer's figures, one SELECT of the row) in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/bench_counter.py \
        -s -m benchmark_run -p no:xdist

Budget (issue 11): under 50 ms, at the top of the list and after scrolling to its end. On a
machine so busy that raw sqlite3 itself takes a large part of that (its commit waits for the
disk), the check is the ratio instead: at most RATIO_BUDGET times raw sqlite3. Sorted by visits,
the row may move, so the whole order is read again: printed for comparison, not budgeted.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import statistics
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QByteArray, Qt

from core.store.db import Database
from core.visits.types import InteractionDraft

from gui.customers.table_model import COL_VISITS
from gui.shell.context import AppContext
from gui.shell.main_window import MainWindow
from gui.shell.window_state import CUSTOMERS_HEADER

from tests.benchmarks.conftest import report

RUNS = 15
BUDGET_MS = 50.0
RATIO_BUDGET = 3.0


def _raw_visit(path: Path, customer_id: int) -> float:
    """The least a logged visit costs: the row written, the figures bumped, the row read."""
    conn = sqlite3.connect(path, isolation_level=None)
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO interactions (customer_id, kind, occurred_on, note) "
                 "VALUES (?, 'visit', ?, '')", (customer_id, dt.date.today().isoformat()))
    conn.execute("UPDATE customers SET visit_count = visit_count + 1, last_interaction_on = ? "
                 "WHERE id = ?", (dt.date.today().isoformat(), customer_id))
    conn.execute("COMMIT")
    conn.execute("SELECT id, first_name, last_name, stage, visit_count, lifetime_value_minor, "
                 "last_interaction_on FROM customers WHERE id = ?", (customer_id,)).fetchone()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed * 1000


def _counter_visit(window: MainWindow, row: int) -> tuple[float, int]:
    """Save a visit for the list's `row` as the dialog does; ms until the row is repainted."""
    from core.visits.services import log_interaction

    page = window.customers_page
    customer_id = page.model.customer_id(row)
    started = time.perf_counter()
    window._context.run(log_interaction, customer_id, InteractionDraft("visit", dt.date.today()))
    shown = int(page.model.index(row, COL_VISITS).data())
    # What the view repaints after the row's dataChanged: that row, not the whole table.
    view = page.table_view
    rect = view.visualRect(page.model.index(row, 0)).united(
        view.visualRect(page.model.index(row, page.model.columnCount() - 1)))
    view.viewport().repaint(rect)
    elapsed = (time.perf_counter() - started) * 1000
    # (The demo's opening figures may differ from its history: compare with what is stored.)
    assert shown == int(window._context.database.raw().scalar(
        "SELECT visit_count FROM customers WHERE id = :id", {"id": customer_id}))
    return elapsed, customer_id


@pytest.mark.benchmark_run
def test_logging_a_visit_updates_the_row_within_50_ms(qtbot: QtBot, demo_100k: Path,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    shutil.copy(demo_100k, path)
    # The window saves its sort order on close; other runs must not inherit "by visits".
    saved_header = CUSTOMERS_HEADER.read()
    CUSTOMERS_HEADER.write(QByteArray())
    database = Database.open(path)
    window = MainWindow(AppContext(database))
    qtbot.addWidget(window)
    window.resize(1360, 840)
    window.show()
    qtbot.waitExposed(window)
    page = window.customers_page
    count = page.model.rowCount()
    assert count >= 99_000

    lines = []
    budgeted: dict[str, tuple[float, float]] = {}  # label: (median ms, ratio)
    cases = (("top of the list", 5, None), ("after scrolling to the end", count - 5, None),
             ("sorted by visits (order re-read)", 0, COL_VISITS))
    for label, row, sort_column in cases:
        if sort_column is not None:
            page.table_view.sortByColumn(sort_column, Qt.SortOrder.DescendingOrder)
        page.table_view.scrollTo(page.model.index(row, 0))
        page.table_view.selectRow(row)
        qtbot.wait(50)
        counter, raw = [], []
        for _ in range(RUNS):
            elapsed, customer_id = _counter_visit(window, row)
            counter.append(elapsed)
            raw.append(_raw_visit(path, customer_id))
        median = statistics.median(counter)
        base = statistics.median(raw)
        if sort_column is None:
            budgeted[label] = (median, median / base)
        verdict = "within" if median < BUDGET_MS else "OVER"
        lines.append(f"{label:30s} median {median:6.1f} ms ({verdict} {BUDGET_MS:.0f} ms), "
                     f"max {max(counter):6.1f} ms; raw sqlite3 {base:5.2f} ms; "
                     f"ratio {median / base:5.1f}x")
    lines.append(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    report(f"log a visit at the counter, {count:,} customers ({RUNS} runs each)", lines)
    window.close()
    CUSTOMERS_HEADER.write(saved_header)
    database.close()
    assert all(ms < BUDGET_MS or ratio <= RATIO_BUDGET for ms, ratio in budgeted.values()), \
        budgeted
