"""Finding a customer by phone number the way people type it at home."""
from __future__ import annotations

from core.customers.keys import customer_keys
from core.customers.queries import search_customers
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.kernel.text import search_tokens
from core.store.db import Database


def _add(db: Database, first_name: str, phone: str) -> None:
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name=first_name, phone=phone), region="US")


def _found(db: Database, text: str) -> list[str]:
    return [r.first_name for r in search_customers(db.raw(), text)]


def test_a_uk_number_typed_with_its_leading_zero_finds_the_customer(db: Database) -> None:
    _add(db, "Olivia", "+44 7700 900123")
    _add(db, "Ann", "+1 555 123 4567")
    for typed in ["07700 900123", "07700900123", "0044 7700 900123", "+44 7700 900123"]:
        assert _found(db, typed) == ["Olivia"], typed


def test_a_us_number_is_found_by_its_seven_digit_local_form(db: Database) -> None:
    _add(db, "Ann", "(555) 123-4567")
    _add(db, "Olivia", "+44 7700 900123")
    for typed in ["5551234", "123-4567", "(555) 123-4567", "+1 555 123 4567"]:
        assert _found(db, typed) == ["Ann"], typed


def test_the_stored_search_text_holds_the_number_once_in_international_digits() -> None:
    keys = customer_keys(first_name="Olivia", last_name="", organisation="", email="",
                         phone="+447700900123", postal_code="")
    assert keys["search_text"] == "olivia 447700900123"
    assert search_tokens("07700 900123") == ["7700900123"]
    assert search_tokens("000") == ["000"]
