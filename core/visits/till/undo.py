"""Undoing a till import: its visits and purchases go, and `customer_since` goes back."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.customers.services import refresh_customer_stats


def undo_imported_visits(session: Session, run_id: int, *, today: dt.date | None = None
                         ) -> int:
    """Remove the interactions import `run_id` brought, put back the `customer_since` it
    moved (where nobody changed it since) and refresh the figures of the customers
    concerned. Returns how many interactions went. The import history's undo calls it
    for every import (a customer import brought none: nothing happens)."""
    run = {"run": run_id}
    touched = [row[0] for row in session.execute(text(
        "SELECT DISTINCT customer_id FROM interactions WHERE import_run_id = :run"), run)]
    if not touched:
        return 0
    removed = session.scalar(text(
        "SELECT count(*) FROM interactions WHERE import_run_id = :run"), run)
    session.execute(text("DELETE FROM interactions WHERE import_run_id = :run"), run)
    moved = []
    for customer_id, before, after in session.execute(text(
            "SELECT customer_id, before, after FROM import_changes WHERE run_id = :run"), run):
        was, became = json.loads(before), json.loads(after)
        if "customer_since" in was and "customer_since" in became:
            moved.append({"id": customer_id, "before": _day(was["customer_since"]),
                          "after": _day(became["customer_since"])})
    if moved:
        session.execute(text("UPDATE customers SET customer_since = :before"
                             " WHERE id = :id AND customer_since = :after"), moved)
    refresh_customer_stats(session, touched, today=today)
    return int(removed or 0)


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)
