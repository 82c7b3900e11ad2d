"""Evaluating the program at 100,000 customers with several years of history, against the
least a daily evaluation could do in raw sqlite3 (read every customer's birthday and last
visit once) in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/bench_program.py \
        -s -m benchmark_run -p no:xdist

Budgets (issue 12): evaluating every rule for one day at most 1 s; evaluating again the
next day at most 0.3 s; Today's list read within 200 ms (its query; painting is a tree of
a few hundred rows). The first evaluation of a shop that never ran the program also works
out every customer's lapse day once: printed, not budgeted.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from core.program.queries import read_today as read_first_today
from core.program.services import evaluate_program, today_view
from core.store.db import Database
from core.store.opening import prepare_database

from gui.program.today_page import PER_SECTION

from tests.benchmarks.conftest import report

RUNS = 5


def _seconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


@pytest.mark.benchmark_run
def test_evaluating_the_program_for_a_day_at_100k(demo_100k: Path, tmp_path: Path) -> None:
    path = tmp_path / "program.db"
    shutil.copy(demo_100k, path)
    db = Database.open(path)
    prepare_database(db)
    today = dt.date.today()

    def evaluate(day: dt.date, **kwargs: object) -> object:
        with db.unit_of_work() as session:
            return evaluate_program(session, day, **kwargs)  # type: ignore[arg-type]

    conn = sqlite3.connect(path)
    baseline = statistics.median(_seconds(lambda: conn.execute(
        "SELECT id, birthday_month, birthday_day, last_interaction_on FROM customers "
        "WHERE deleted_at IS NULL").fetchall()) for _ in range(RUNS))

    first = _seconds(lambda: evaluate(today))
    whole = statistics.median(_seconds(lambda: evaluate(today, whole_window=True))
                              for _ in range(RUNS))
    next_days = [_seconds(lambda n=n: evaluate(today + dt.timedelta(days=n)))  # type: ignore[misc]
                 for n in range(1, RUNS + 1)]
    next_day = statistics.median(next_days)
    one_customer = statistics.median(
        _seconds(lambda n=n: evaluate(today + dt.timedelta(days=RUNS),  # type: ignore[misc]
                                      customers=[n]))
        for n in range(1, RUNS + 1))

    def read_today() -> object:  # as the window reads it: each section's first rows
        return read_first_today(db.raw(), today + dt.timedelta(days=RUNS),
                                per_section=PER_SECTION)

    today_read = statistics.median(_seconds(read_today) for _ in range(RUNS))
    with db.unit_of_work() as session:
        shown = len(today_view(session, today + dt.timedelta(days=RUNS)).actions)
    conn.close()

    def line(name: str, seconds: float, budget: float | None = None) -> str:
        verdict = "" if budget is None else f"   budget {budget:.1f} s"
        return (f"{name:<40} {seconds * 1000:8.0f} ms   {seconds / baseline:6.1f}x raw"
                + verdict)

    report("Program at 100,000 customers", [
        f"{'raw sqlite3: every birthday and last visit':<40} {baseline * 1000:8.0f} ms",
        line("first evaluation ever (+ lapse days)", first),
        line("every rule, whole window, one day", whole, 1.0),
        line("again the next day", next_day, 0.3),
        line("after one customer changed", one_customer),
        line(f"Today's first read ({shown:,} actions, {PER_SECTION} a section)", today_read,
             0.2),
    ])
    assert shown > 0 and next_day < whole  # the next day looks at one new day, not a month
