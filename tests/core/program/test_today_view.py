"""Today's list for the window: each section's oldest rows, and counts that stay whole."""
from __future__ import annotations

import datetime as dt

from core.program.queries import read_today
from core.program.settings import ProgramSettings
from core.settings.services import save_settings
from core.store.db import Database

from tests.core.program.shop import add_customer, evaluate


def test_a_long_overdue_section_lists_its_oldest_rows_and_counts_them_all(
        db: Database) -> None:
    today = dt.date(2026, 3, 20)
    with db.unit_of_work() as session:  # only the thank-you cards: no check-in calls
        save_settings(session, ProgramSettings(check_in_on=False))
    for n in range(6):  # first visits on 1-6 March: thank-you cards due on 4-9 March
        add_customer(db, f"C{n}", visits=(dt.date(2026, 3, 1 + n),), today=today)
    add_customer(db, "Soon", birthday_month=3, birthday_day=29, today=today)  # due 22nd
    everything = evaluate(db, today)
    raw = db.new_raw()
    try:
        view = read_today(raw, today, per_section=4)
    finally:
        raw.close()
    overdue = [row for row in view.actions if row.state == "overdue"]
    assert len(overdue) == 4 and view.counts.overdue == 6
    assert [row.due_on for row in overdue] == sorted(
        row.due_on for row in everything if row.state == "overdue")[:4]  # the oldest
    assert dict(view.totals) == {"overdue": 6, "upcoming": 1}
    assert len(view.actions) == 5  # no action made with an unlisted one shows on its own
    assert [row.state for row in view.actions if row.state == "upcoming"] == ["upcoming"]
