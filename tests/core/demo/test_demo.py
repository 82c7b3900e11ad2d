"""The demo generator: realistic, repeatable customers with history, fast enough for 100,000."""
from __future__ import annotations

import datetime as dt
import unicodedata

import phonenumbers
import pytest

import core.demo.maker
import core.demo.services
from core.customers.keys import customer_keys
from core.customers.queries import ListQuery, count_customers, search_customers
from core.customers.services import add_customer, find_duplicate, get_customer
from core.customers.types import CustomerDraft
from core.demo.services import generate_demo
from core.kernel.jobs import Cancelled
from core.kernel.text import fold
from core.store.db import Database

TODAY = dt.date(2026, 11, 22)
SMALL = 300


def _names(db: Database, first_id: int, last_id: int) -> list[tuple[str, str, str]]:
    rows = db.raw().execute(
        "SELECT first_name, last_name, email FROM customers WHERE id BETWEEN :a AND :b "
        "ORDER BY id", {"a": first_id, "b": last_id},
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _count(db: Database, sql: str) -> int:
    return int(db.raw().scalar(sql))


def test_the_same_seed_gives_the_same_customers_and_another_seed_others(db: Database) -> None:
    assert generate_demo(db, customers=50, seed=7, today=TODAY) == 50
    assert generate_demo(db, customers=50, seed=7, today=TODAY) == 50
    generate_demo(db, customers=50, seed=8, today=TODAY)
    first, again, other = _names(db, 1, 50), _names(db, 51, 100), _names(db, 101, 150)
    assert first == again
    assert len(set(first)) > 40
    assert len(set(first) & set(other)) < 5


def test_demo_customers_have_accents_birthdays_history_referrals_and_varied_stages(
    db: Database,
) -> None:
    assert generate_demo(db, customers=SMALL, today=TODAY) == SMALL
    assert count_customers(db.raw(), ListQuery()) == SMALL
    names = [f"{r[0]} {r[1]}" for r in _names(db, 1, SMALL)]
    latin_accents = [n for n in names if not n.isascii() and fold(n).isascii()]
    other_scripts = [n for n in names if not fold(n).isascii()]
    assert len(latin_accents) > 10 and len(other_scripts) > 5
    assert _count(db, "SELECT count(*) FROM customers WHERE birthday_month IS NOT NULL "
                      "AND birthday_year IS NULL") > 20
    assert _count(db, "SELECT count(*) FROM customers WHERE birthday_year IS NOT NULL") > 20
    assert _count(db, "SELECT count(*) FROM interactions") > 2 * SMALL
    assert _count(db, "SELECT count(DISTINCT kind) FROM interactions") == 5
    assert _count(db, "SELECT count(*) FROM interactions WHERE kind = 'purchase' "
                      "AND (amount_minor IS NULL OR amount_minor <= 0)") == 0
    assert _count(db, "SELECT count(DISTINCT kind) FROM moments") == 2
    assert _count(db, "SELECT count(*) FROM customers c JOIN customers r "
                      "ON r.id = c.referred_by_id WHERE r.id < c.id") > 10
    assert _count(db, "SELECT count(DISTINCT customer_id) FROM customer_tags") > SMALL / 3
    assert _count(db, "SELECT count(DISTINCT stage) FROM customers") == 5
    years = _count(db, "SELECT count(DISTINCT customer_since) FROM customers")
    assert years > SMALL / 2
    # Explicit ids must leave the sequences (PostgreSQL) ready for the next real customer.
    with db.unit_of_work() as session:
        added = add_customer(session, CustomerDraft(first_name="Walk", last_name="In"))
    assert added.id == SMALL + 1


def test_searching_without_accents_finds_a_demo_customer(db: Database) -> None:
    generate_demo(db, customers=SMALL, today=TODAY)
    accented = [
        (i, first, last) for i, first, last in db.raw().execute(
            "SELECT id, first_name, last_name FROM customers ORDER BY id"
        )
        if not (first + last).isascii() and fold(first + last).isascii()
    ]
    customer_id, first, last = accented[0]
    query = f"{fold(first)} {fold(last)}"
    assert query.isascii()
    assert customer_id in [r.id for r in search_customers(db.raw(), query, limit=100)]


def test_demo_phones_are_possible_e164_and_search_keys_match_the_service(db: Database) -> None:
    generate_demo(db, customers=SMALL, today=TODAY)
    rows = db.raw().execute(
        "SELECT first_name, last_name, organisation, email, phone, postal_code, "
        "search_text, sort_name, email_key, name_postcode_key FROM customers"
    )
    phones = [r[4] for r in rows if r[4]]
    assert len(phones) > SMALL / 2
    for phone in phones:
        assert phone.startswith("+")
        assert phonenumbers.is_possible_number(phonenumbers.parse(phone, None)), phone
    for row in rows:
        expected = customer_keys(
            first_name=row[0], last_name=row[1], organisation=row[2], email=row[3],
            phone=row[4], postal_code=row[5],
        )
        assert dict(zip(expected, row[6:])) == expected
    emails = [r[3] for r in rows if r[3]]
    assert all(e.isascii() and unicodedata.is_normalized("NFC", e) for e in emails)


def test_a_few_demo_customers_are_entered_twice_for_the_duplicate_check(db: Database) -> None:
    generate_demo(db, customers=SMALL, today=TODAY)
    found = []
    with db.unit_of_work() as session:
        for customer_id in range(1, SMALL + 1):
            draft = get_customer(session, customer_id).draft
            match = find_duplicate(session, draft, exclude_id=customer_id)
            if match is not None and match[0] < customer_id:
                found.append(match)
    assert len(found) >= SMALL // core.demo.maker.DUPLICATE_EVERY


def test_progress_is_reported_and_cancel_leaves_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core.demo.services, "CHUNK_SIZE", 100)
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        generate_demo(db, customers=SMALL, today=TODAY, progress=lambda d, t: seen.append((d, t)),
                      is_cancelled=lambda: len(seen) >= 2)
    assert seen == [(100, SMALL), (200, SMALL)]
    for table in ("customers", "interactions", "moments", "tags", "business_profile"):
        assert _count(db, f"SELECT count(*) FROM {table}") == 0, table
    # The search index still follows new customers after the rollback.
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Zoë", last_name="Ångström"))
    assert [r.first_name for r in search_customers(db.raw(), "angstrom")] == ["Zoë"]
