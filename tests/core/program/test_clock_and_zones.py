"""Daylight-saving changes and time zones never move an occasion by a day, nor repeat one."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from core.program.clock import shop_today
from core.store.db import Database

from tests.core.program.shop import add_customer, evaluate, keys

UTC = dt.UTC
# Each zone's spring and autumn changes in 2026 (as UTC days).
CHANGES = {
    "America/New_York": (dt.date(2026, 3, 8), dt.date(2026, 11, 1)),
    "Europe/London": (dt.date(2026, 3, 29), dt.date(2026, 10, 25)),
    "Australia/Sydney": (dt.date(2026, 4, 5), dt.date(2026, 10, 4)),
}


def _hours_around(day: dt.date, every: int = 1) -> list[dt.datetime]:
    start = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(), tzinfo=UTC)
    return [start + dt.timedelta(hours=n) for n in range(0, 72, every)]


@pytest.mark.parametrize("zone", sorted(CHANGES))
def test_every_hour_across_both_clock_changes_gives_one_birthday_card(
        zone: str, sqlite_db: Database) -> None:
    for change in CHANGES[zone]:
        local_days = sorted({shop_today(instant, zone) for instant in _hours_around(change)})
        assert len(local_days) in (3, 4)  # whole days, none skipped, none doubled
        assert all(later - earlier == dt.timedelta(days=1)
                   for earlier, later in itertools.pairwise(local_days))
        birthday = change + dt.timedelta(days=7)  # its card is due on the day of the change
        add_customer(sqlite_db, f"{zone}{change}", birthday_month=birthday.month,
                     birthday_day=birthday.day, today=change)
        for instant in _hours_around(change, every=3):
            evaluate(sqlite_db, shop_today(instant, zone))
    birthdays = sorted(k for k in keys(sqlite_db) if k[0] == "birthday")
    occasions = [occasion for _rule, _customer, occasion, _state in birthdays]
    assert occasions == sorted(c + dt.timedelta(days=7) for c in CHANGES[zone])


def test_a_naive_time_is_already_the_shops_local_time() -> None:
    assert shop_today(dt.datetime(2026, 12, 31, 23, 59)) == dt.date(2026, 12, 31)
    assert shop_today(dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
                      "Asia/Tokyo") == dt.date(2027, 1, 1)
