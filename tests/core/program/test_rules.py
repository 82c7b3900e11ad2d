"""Each rule finds its occasions once, honours the opt-outs, and words why."""
from __future__ import annotations

import datetime as dt

from core.program.settings import MAR_1, ProgramSettings
from core.settings.services import save_settings
from core.store.db import Database

from tests.core.program.shop import add_customer, add_moment, evaluate, only

D = dt.date


def test_a_new_customer_gets_a_thank_you_card_due_three_days_after_the_first_visit(
        db: Database) -> None:
    today = D(2026, 3, 10)
    new = add_customer(db, "Ana", visits=(D(2026, 3, 9),), today=today)
    add_customer(db, "Old", visits=(D(2025, 1, 5), D(2026, 3, 9)), today=today)
    rows = only(evaluate(db, today), "welcome")
    assert [(r.customer_id, r.occasion_on, r.due_on, r.state) for r in rows] == [
        (new, D(2026, 3, 9), D(2026, 3, 12), "upcoming")]
    assert rows[0].template == "thank-you"
    assert rows[0].why == "First visit on 2026-03-09; card to print by 2026-03-12."


def test_a_birthday_without_a_year_is_due_a_week_ahead_and_says_why(db: Database) -> None:
    today = D(2026, 12, 7)
    bea = add_customer(db, "Bea", birthday_month=12, birthday_day=14, today=today)
    rows = only(evaluate(db, today), "birthday")
    assert [(r.customer_id, r.occasion_on, r.due_on, r.state) for r in rows] == [
        (bea, D(2026, 12, 14), D(2026, 12, 7), "due")]
    assert rows[0].why == ("Birthday 2026-12-14 (year unknown); card to print by 2026-12-07 "
                           "so it arrives in time.")


def test_opted_out_and_trashed_customers_get_no_birthday_card(db: Database) -> None:
    today = D(2026, 12, 7)
    add_customer(db, "NoCards", birthday_month=12, birthday_day=14, no_birthday_cards=True,
                 today=today)
    add_customer(db, "NoMail", birthday_month=12, birthday_day=14, no_mail=True, today=today)
    add_customer(db, "NoCampaigns", birthday_month=12, birthday_day=14, no_campaigns=True,
                 today=today)
    add_customer(db, "Trashed", birthday_month=12, birthday_day=14,
                 deleted_at=dt.datetime(2026, 11, 1), today=today)
    assert only(evaluate(db, today), "birthday") == []


def test_a_leap_day_birthday_falls_on_28_february_in_common_years_or_1_march_if_chosen(
        db: Database) -> None:
    leap = add_customer(db, "Leap", birthday_month=2, birthday_day=29, birthday_year=1990,
                        today=D(2027, 2, 20))
    rows = only(evaluate(db, D(2027, 2, 21)), "birthday")
    assert [(r.customer_id, r.occasion_on) for r in rows] == [(leap, D(2027, 2, 28))]
    assert rows[0].why.startswith("Birthday 2027-02-28 (37th)")

    rows = only(evaluate(db, D(2028, 2, 22)), "birthday")
    assert D(2028, 2, 29) in [r.occasion_on for r in rows]  # a leap year: its own day

    with db.unit_of_work() as session:
        save_settings(session, ProgramSettings(leap_day_birthdays=MAR_1))
    rows = only(evaluate(db, D(2030, 2, 22)), "birthday")
    assert D(2030, 3, 1) in [r.occasion_on for r in rows]


def test_a_birthday_just_after_new_year_is_found_in_the_old_year(db: Database) -> None:
    jan = add_customer(db, "Jan", birthday_month=1, birthday_day=3, today=D(2026, 12, 27))
    rows = only(evaluate(db, D(2026, 12, 27)), "birthday")
    assert [(r.customer_id, r.occasion_on, r.due_on) for r in rows] == [
        (jan, D(2027, 1, 3), D(2026, 12, 27))]


def test_the_first_visit_anniversary_is_counted_in_years(db: Database) -> None:
    today = D(2026, 5, 1)
    cy = add_customer(db, "Cy", customer_since=D(2023, 5, 6), today=today)
    add_customer(db, "Recent", customer_since=D(2026, 5, 6), today=today)  # not a year yet
    rows = only(evaluate(db, today), "anniversary")
    assert [(r.customer_id, r.occasion_on, r.detail) for r in rows] == [(cy, D(2026, 5, 6), "3")]
    assert rows[0].why.startswith("3 years since the first visit on 2026-05-06")


def test_a_wedding_is_congratulated_and_so_is_each_anniversary(db: Database) -> None:
    today = D(2026, 6, 10)
    dee = add_customer(db, "Dee", today=today)
    add_moment(db, dee, "wedding", 6, 12, 2026)
    eve = add_customer(db, "Eve", today=today)
    add_moment(db, eve, "wedding", 6, 14, 2016)
    rows = only(evaluate(db, today), "life_event")
    found = {(r.customer_id, r.occasion_on, r.template) for r in rows}
    assert found == {(dee, D(2026, 6, 12), "life-event-wedding"),
                     (eve, D(2026, 6, 14), "life-event-wedding")}
    assert any("10th wedding anniversary" in r.why for r in rows)


def test_the_tenth_visit_is_a_milestone_once(db: Database) -> None:
    today = D(2026, 4, 2)
    visits = tuple(D(2026, 1, 1) + dt.timedelta(days=9 * n) for n in range(10))
    fan = add_customer(db, "Fan", visits=visits, today=today)
    rows = only(evaluate(db, today), "milestone")
    assert [(r.customer_id, r.occasion_on, r.detail) for r in rows] == [(fan, visits[-1], "10")]
    assert rows[0].why.startswith("10th visit on")
    assert only(evaluate(db, today + dt.timedelta(days=1)), "milestone")[0].id == rows[0].id


def test_the_referrer_is_thanked_when_someone_names_them(db: Database) -> None:
    today = D(2026, 9, 3)
    gus = add_customer(db, "Gus", created_on=D(2025, 1, 1), today=today)
    add_customer(db, "Hal", referred_by_id=gus, created_on=D(2026, 9, 2), today=today)
    rows = only(evaluate(db, today), "referral")
    assert [(r.customer_id, r.occasion_on, r.due_on, r.template) for r in rows] == [
        (gus, D(2026, 9, 2), D(2026, 9, 4), "referral-thanks")]


def test_someone_who_stopped_coming_gets_a_we_miss_you_letter_once(db: Database) -> None:
    # Came every 30 days, five times: lapsed 90 days after the last visit (2 × 30 < 90).
    last = D(2026, 3, 1)
    visits = tuple(last - dt.timedelta(days=30 * n) for n in range(5))
    ivy = add_customer(db, "Ivy", visits=visits, today=D(2026, 5, 30))
    once = add_customer(db, "Once", visits=(D(2026, 1, 29),), today=D(2026, 5, 30))
    rows = only(evaluate(db, D(2026, 5, 30)), "lapsed")
    assert {(r.customer_id, r.occasion_on, r.gesture) for r in rows} == {
        (ivy, D(2026, 5, 30), "letter"), (once, D(2026, 5, 29), "letter")}
    again = only(evaluate(db, D(2026, 5, 31)), "lapsed")
    assert sorted(r.id for r in again) == sorted(r.id for r in rows)


def test_a_lapsed_customer_who_comes_back_is_not_sent_we_miss_you(db: Database) -> None:
    from core.customers.models import Interaction
    from core.customers.stats import refresh_customer_stats

    ivy = add_customer(db, "Ivy", visits=(D(2026, 1, 1),), today=D(2026, 4, 28))
    assert only(evaluate(db, D(2026, 4, 28)), "lapsed")
    with db.unit_of_work() as session:
        session.add(Interaction(customer_id=ivy, kind="visit", occurred_on=D(2026, 4, 29)))
        session.flush()
        refresh_customer_stats(session, [ivy], today=D(2026, 4, 29))
    assert only(evaluate(db, D(2026, 4, 29)), "lapsed") == []


def test_a_large_purchase_queues_a_follow_up_call_a_week_later(db: Database) -> None:
    today = D(2026, 7, 10)
    for n in range(9):
        add_customer(db, f"Small{n}", purchases=((D(2026, 6, 1), 2000),), today=today)
    big = add_customer(db, "Big", purchases=((D(2026, 7, 8), 9000), (D(2026, 7, 9), 9500)),
                       today=today)
    rows = only(evaluate(db, today), "after_sale")
    # Two large purchases a day apart: one call (at most one per 30 days).
    assert [(r.customer_id, r.occasion_on, r.due_on, r.gesture) for r in rows] == [
        (big, D(2026, 7, 8), D(2026, 7, 15), "call")]
    assert rows[0].why == "Large purchase on 2026-07-08; call by 2026-07-15."


def test_customers_who_refuse_calls_get_no_follow_up_call(db: Database) -> None:
    today = D(2026, 7, 10)
    for n in range(3):
        add_customer(db, f"Small{n}", purchases=((D(2026, 6, 1), 1000),), today=today)
    add_customer(db, "Quiet", purchases=((D(2026, 7, 8), 9000),), no_calls=True, today=today)
    assert only(evaluate(db, today), "after_sale") == []


def test_two_cards_in_one_fortnight_are_made_as_one_gesture_naming_both(db: Database) -> None:
    today = D(2026, 5, 1)
    kim = add_customer(db, "Kim", customer_since=D(2020, 5, 6), birthday_month=5,
                       birthday_day=9, today=today)
    rows = [r for r in evaluate(db, today) if r.customer_id == kim]
    assert len(rows) == 1
    assert {rows[0].rule, *(j.rule for j in rows[0].joined)} == {"anniversary", "birthday"}
