"""The program never misses an occasion, never repeats one, and never floods."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.kernel.errors import Invalid
from core.program.services import (
    complete_action,
    evaluate_program,
    skip_action,
    snooze_action,
    today_view,
)
from core.program.settings import ProgramSettings
from core.program.types import TodayView
from core.settings.services import save_settings
from core.store.db import Database

from tests.core.program.shop import add_customer, evaluate, keys, only

D = dt.date
DAY = dt.timedelta(days=1)


def _shop(db: Database, today: dt.date) -> None:
    """Customers with birthdays all through the year and first visits all through the
    last two years: plenty of occasions on every day."""
    for n in range(60):
        day = D(2025, 1, 1) + dt.timedelta(days=12 * n)
        add_customer(db, f"C{n}", visits=(day,), birthday_month=day.month,
                     birthday_day=day.day, customer_since=day - dt.timedelta(days=400),
                     today=today)


def test_evaluating_again_the_same_day_creates_nothing(db: Database) -> None:
    today = D(2026, 10, 1)
    _shop(db, today)
    first = evaluate(db, today)
    before = keys(db)
    assert evaluate(db, today) == first
    assert keys(db) == before


def test_thirty_daily_evaluations_equal_one_catch_up_on_the_last_day(tmp_path: Path) -> None:
    start = D(2026, 10, 1)
    daily, once = Database.open(tmp_path / "daily.db"), Database.open(tmp_path / "once.db")
    for db in (daily, once):
        from core.store.opening import prepare_database

        prepare_database(db)
        _shop(db, start)
        evaluate(db, start)
    for n in range(1, 31):
        evaluate(daily, start + n * DAY)
    evaluate(once, start + 30 * DAY)
    assert keys(daily) == keys(once)
    rules_seen = {rule for rule, *_ in keys(once)}
    assert {"birthday", "anniversary"} <= rules_seen


def test_the_first_run_creates_nothing_older_than_each_rules_window(db: Database) -> None:
    today = D(2026, 10, 1)
    _shop(db, today)
    evaluate(db, today)
    welcome = [k for k in keys(db) if k[0] == "welcome"]
    birthday = [k for k in keys(db) if k[0] == "birthday"]
    # Welcome cards are worth making 30 days late (due 3 days after the visit); birthday
    # cards 14 days late (due a week before): nothing older was created, not even missed.
    assert all(occasion >= today - dt.timedelta(days=33) for _r, _c, occasion, _s in welcome)
    assert all(occasion >= today - dt.timedelta(days=7) for _r, _c, occasion, _s in birthday)
    assert all(state == "open" for *_k, state in keys(db))
    assert birthday


def test_switching_a_rule_on_later_does_not_flood_with_old_occasions(db: Database) -> None:
    today = D(2026, 10, 1)
    _shop(db, today)
    with db.unit_of_work() as session:
        save_settings(session, ProgramSettings(birthday_on=False))
    evaluate(db, today)
    assert not [k for k in keys(db) if k[0] == "birthday"]
    with db.unit_of_work() as session:
        save_settings(session, ProgramSettings())
    evaluate(db, today + 60 * DAY)
    birthdays = [k for k in keys(db) if k[0] == "birthday"]
    assert birthdays and all(state == "open" for *_k, state in birthdays)


def test_after_a_thirty_day_gap_recent_occasions_are_overdue_and_older_ones_missed(
        db: Database) -> None:
    start = D(2026, 3, 1)
    # Birthday on 10 March: its card (due 3 March) was listed on 1 March, and never made.
    early = add_customer(db, "Early", birthday_month=3, birthday_day=10, today=start)
    # Birthday on 20 March (card due 13 March): first seen on 31 March, 18 days late.
    gap = add_customer(db, "Gap", birthday_month=3, birthday_day=20, today=start)
    # Birthday on 28 March (card due 21 March): 10 days late, still worth sending.
    late = add_customer(db, "Late", birthday_month=3, birthday_day=28, today=start)
    assert [r.customer_id for r in only(evaluate(db, start), "birthday")] == [early]
    rows = only(evaluate(db, start + 30 * DAY), "birthday")
    states = {r.customer_id: (r.state, r.days_late) for r in rows}
    assert states == {early: ("missed", 28), gap: ("missed", 18), late: ("overdue", 10)}
    view = _today(db, start + 30 * DAY)
    assert view.counts.missed == 2 and view.counts.overdue == 1


def test_a_birthday_typed_in_for_last_week_is_found_when_that_customer_is_rechecked(
        db: Database) -> None:
    today = D(2026, 3, 20)
    evaluate(db, today)
    new = add_customer(db, "New", birthday_month=3, birthday_day=24, today=today)  # due 17th
    assert only(evaluate(db, today), "birthday") == []  # nothing new came into view
    with db.unit_of_work() as session:
        evaluate_program(session, today, customers=[new])
    with db.unit_of_work() as session:
        rows = only(list(today_view(session, today).actions), "birthday")
    assert [(r.customer_id, r.state, r.days_late) for r in rows] == [(new, "overdue", 3)]


def test_done_and_skipped_actions_never_come_back(db: Database) -> None:
    today = D(2026, 12, 7)
    one = add_customer(db, "One", birthday_month=12, birthday_day=14, today=today)
    two = add_customer(db, "Two", birthday_month=12, birthday_day=15, today=today)
    rows = {r.customer_id: r for r in evaluate(db, today)}
    with db.unit_of_work() as session:
        complete_action(session, rows[one].id, note="signed by Sam", by="Sam")
        skip_action(session, rows[two].id, reason="moved away")
    for n in range(5):
        evaluate(db, today + n * DAY)
    view = _today(db, today + DAY)
    states = {r.customer_id: r.state for r in view.actions}
    assert states == {one: "done", two: "skipped"}
    assert view.counts.done_this_week == 1
    assert [r.note for r in view.actions if r.customer_id == one] == ["signed by Sam"]


def test_a_snoozed_action_comes_back_on_its_day(db: Database) -> None:
    today = D(2026, 12, 7)
    add_customer(db, "Snooze", birthday_month=12, birthday_day=14, today=today)
    (row,) = evaluate(db, today)
    with db.unit_of_work() as session:
        snooze_action(session, row.id, D(2026, 12, 9), today)
    assert [r.state for r in _today(db, D(2026, 12, 8)).actions] == ["snoozed"]
    assert [r.state for r in _today(db, D(2026, 12, 9)).actions] == ["due"]
    with db.unit_of_work() as session, pytest.raises(Invalid):
        snooze_action(session, row.id, today, today)


def test_marking_the_leading_card_done_completes_the_card_made_with_it(db: Database) -> None:
    today = D(2026, 5, 1)
    add_customer(db, "Kim", customer_since=D(2020, 5, 6), birthday_month=5, birthday_day=9,
                 today=today)
    (row,) = evaluate(db, today)
    _done, changes = db.run(complete_action, row.id)
    assert changes.actions and changes.customer_ids == {row.customer_id}  # Today re-reads
    assert {state for *_k, state in keys(db)} == {"done"}


def _today(db: Database, day: dt.date) -> TodayView:
    with db.unit_of_work() as session:
        evaluate_program(session, day)
        return today_view(session, day)
