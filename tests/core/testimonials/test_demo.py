"""`main.py demo` adds testimonials in every release state."""
from __future__ import annotations

import datetime as dt

from core.demo.services import generate_demo
from core.store.db import Database
from core.testimonials.services import list_testimonials, takedown_checklist
from core.testimonials.types import RELEASE_STATES


def test_the_demo_has_testimonials_in_every_release_state(sqlite_db: Database) -> None:
    today = dt.date(2026, 12, 2)
    generate_demo(sqlite_db, customers=300, today=today)
    with sqlite_db.unit_of_work() as session:
        states = {row.release_state for row in list_testimonials(session, today=today)}
        checklist = takedown_checklist(session, today=today)
    assert states == set(RELEASE_STATES)
    assert {item.reason for item in checklist} == {"revoked", "expired"}
