"""The demo shop comes with a program that has been running: done, skipped and overdue."""
from __future__ import annotations

import datetime as dt

from core.demo.services import generate_demo
from core.program.services import today_view
from core.store.db import Database


def test_the_demo_has_gestures_done_skipped_overdue_and_due(sqlite_db: Database) -> None:
    today = dt.date(2026, 12, 2)
    generate_demo(sqlite_db, customers=600, seed=3, today=today)
    with sqlite_db.unit_of_work() as session:
        view = today_view(session, today)
    states = {row.state for row in view.actions}
    assert {"done", "overdue", "upcoming"} <= states
    assert view.counts.done_this_week > 0 and view.counts.overdue > 0
    assert view.counts.on_time_share is not None and 0.5 < view.counts.on_time_share < 1
