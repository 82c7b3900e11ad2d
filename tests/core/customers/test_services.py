"""Customers: adding, finding, validating, de-duplicating, trashing and merging."""
from __future__ import annotations

import datetime as dt

import pytest

from core.customers.errors import DuplicateCustomer
from core.customers.history import add_interaction, add_moment
from core.customers.merge import merge_customers
from core.customers.queries import ListQuery, count_customers, fetch_customers, search_customers
from core.customers.services import (
    add_customer,
    delete_customers,
    get_customer,
    restore_customers,
    update_customer,
)
from core.customers.types import CustomerDraft, InteractionDraft, MomentDraft
from core.customers.validation import PartialDate
from core.kernel.errors import Invalid
from core.store.db import Database


def _add(db: Database, **fields: object) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(**fields)).id  # type: ignore[arg-type]


def test_search_ignores_case_and_accents_and_phone_formatting(db: Database) -> None:
    _add(db, first_name="José", last_name="Müller", email="jose@example.com",
         phone="(555) 123-4567", postal_code="SW1A 1AA")
    _add(db, first_name="Ann", last_name="Smith")
    for text in ["jose", "JOSÉ", "muller", "Müll", "5551234", "555-123", "sw1a", "example"]:
        names = [r.display_name for r in search_customers(db.raw(), text)]
        assert names == ["José Müller"], text
    assert search_customers(db.raw(), "zzz") == []


def test_search_finds_greek_and_cyrillic_without_accents(db: Database) -> None:
    _add(db, first_name="Ελένη", last_name="Παπαδοπούλου")
    _add(db, first_name="Йосиф", last_name="Сталёв")
    assert [r.first_name for r in search_customers(db.raw(), "παπαδοπουλου")] == ["Ελένη"]
    assert [r.first_name for r in search_customers(db.raw(), "сталев")] == ["Йосиф"]


def test_invalid_email_phone_and_date_are_named_and_nothing_is_stored(db: Database) -> None:
    with pytest.raises(Invalid) as caught:
        _add(db, first_name="Bad", email="not-an-email", phone="12",
             birthday=PartialDate(2, 30))
    fields = {p.field for p in caught.value.problems}
    assert fields == {"email", "phone", "birthday"}
    assert count_customers(db.raw(), ListQuery()) == 0


def test_birthday_without_year_allows_february_29(db: Database) -> None:
    customer_id = _add(db, first_name="Leap", birthday=PartialDate(2, 29))
    with db.unit_of_work() as session:
        assert get_customer(session, customer_id).draft.birthday == PartialDate(2, 29, None)
    with pytest.raises(Invalid):
        _add(db, first_name="Leap", last_name="Year", birthday=PartialDate(2, 29, 2023))


def test_phone_is_stored_normalised(db: Database) -> None:
    customer_id = _add(db, first_name="Pat", phone="555.123.4567")
    with db.unit_of_work() as session:
        assert get_customer(session, customer_id).draft.phone == "+15551234567"


@pytest.mark.parametrize(
    ("second", "matched_on"),
    [
        ({"first_name": "Other", "email": "ANN@example.com"}, "email"),
        ({"first_name": "Other", "phone": "+1 555 123 4567"}, "phone"),
        ({"first_name": "ann", "last_name": "SMITH", "postal_code": "90210"}, "name_postcode"),
    ],
)
def test_duplicates_are_refused_with_the_existing_record(
    db: Database, second: dict[str, str], matched_on: str
) -> None:
    first = _add(db, first_name="Ann", last_name="Smith", email="ann@example.com",
                 phone="5551234567", postal_code="90210")
    with pytest.raises(DuplicateCustomer) as caught:
        _add(db, **second)
    assert caught.value.existing_id == first
    assert caught.value.matched_on == matched_on
    assert count_customers(db.raw(), ListQuery()) == 1


def test_trash_hides_and_restore_brings_back(db: Database) -> None:
    ann = _add(db, first_name="Ann")
    _add(db, first_name="Bob")
    with db.unit_of_work() as session:
        assert delete_customers(session, [ann]) == (ann,)
    assert [r.first_name for r in fetch_customers(db.raw(), ListQuery())] == ["Bob"]
    assert [r.first_name for r in fetch_customers(db.raw(), ListQuery(trash=True))] == ["Ann"]
    with db.unit_of_work() as session:
        assert restore_customers(session, [ann]) == (ann,)
    assert count_customers(db.raw(), ListQuery()) == 2


def test_interactions_give_lifetime_value_visits_and_stage(db: Database) -> None:
    today = dt.date(2026, 11, 22)
    ann = _add(db, first_name="Ann")
    with db.unit_of_work() as session:
        assert get_customer(session, ann).stage == "prospect"
        add_interaction(session, ann, InteractionDraft("purchase", today, 1999), today=today)
        add_interaction(session, ann, InteractionDraft("call", today), today=today)
        detail = get_customer(session, ann)
    assert (detail.stage, detail.visit_count, detail.lifetime_value_minor) == ("new", 1, 1999)
    with db.unit_of_work() as session:
        add_interaction(session, ann, InteractionDraft("visit", today), today=today)
        assert get_customer(session, ann).stage == "repeat"
    bob = _add(db, first_name="Bob", referred_by_id=ann)
    with db.unit_of_work() as session:
        assert get_customer(session, ann).stage == "advocate"
        add_interaction(session, bob, InteractionDraft("visit", dt.date(2024, 1, 1)), today=today)
        assert get_customer(session, bob).stage == "lapsed"
    assert [r.first_name for r in fetch_customers(db.raw(), ListQuery(stage="advocate"))] == ["Ann"]


def test_merge_keeps_all_interactions_moments_and_fills_gaps(db: Database) -> None:
    keep = _add(db, first_name="Maria", last_name="Garcia", email="maria@example.com")
    other = _add(db, first_name="Maria", last_name="García", phone="5559876543",
                 tags=("vip",), birthday=PartialDate(5, 4))
    with db.unit_of_work() as session:
        add_interaction(session, keep, InteractionDraft("visit", dt.date(2026, 1, 5)))
        add_interaction(session, other, InteractionDraft("purchase", dt.date(2026, 2, 5), 500))
        add_moment(session, other, MomentDraft("life_event", PartialDate(6, 1, 2020), "wedding"))
        merged = merge_customers(session, keep_id=keep, other_id=other)
    assert len(merged.interactions) == 2 and len(merged.moments) == 1
    assert merged.draft.phone == "+15559876543" and merged.draft.tags == ("vip",)
    assert merged.draft.birthday == PartialDate(5, 4)
    assert merged.lifetime_value_minor == 500
    assert count_customers(db.raw(), ListQuery()) == 1


def test_sorting_happens_in_sql_in_both_directions(db: Database) -> None:
    for first, last in [("Zoë", "Adams"), ("Émile", "Zola"), ("Ann", "Ñúñez")]:
        _add(db, first_name=first, last_name=last)
    names = [r.last_name for r in fetch_customers(db.raw(), ListQuery(sort="name"))]
    assert names == ["Adams", "Ñúñez", "Zola"]
    names = [r.last_name for r in fetch_customers(db.raw(), ListQuery(descending=True))]
    assert names == ["Zola", "Ñúñez", "Adams"]


def test_edit_changes_fields_and_search(db: Database) -> None:
    ann = _add(db, first_name="Ann", last_name="Smith")
    with db.unit_of_work() as session:
        draft = get_customer(session, ann).draft
        update_customer(session, ann, CustomerDraft(**{**draft.__dict__, "last_name": "Jones"}))
    assert [r.last_name for r in search_customers(db.raw(), "jones")] == ["Jones"]
    assert search_customers(db.raw(), "smith") == []


def test_sorting_by_tags_puts_untagged_together(db: Database) -> None:
    _add(db, first_name="Ann", tags=("walk-in",))
    _add(db, first_name="Bob", tags=("vip", "newsletter"))
    _add(db, first_name="Cleo")
    tagged = [r.first_name for r in fetch_customers(db.raw(), ListQuery(sort="tags"))
              if r.first_name != "Cleo"]
    assert tagged == ["Bob", "Ann"]  # "newsletter" before "walk-in"


def test_no_calls_and_leave_out_of_everything_are_kept_and_merged(db: Database) -> None:
    quiet = _add(db, first_name="Quinn", no_calls=True)
    out = _add(db, first_name="Quinn", last_name="Other", no_campaigns=True)
    with db.unit_of_work() as session:
        draft = get_customer(session, quiet).draft
        assert (draft.no_calls, draft.no_campaigns) == (True, False)
        merge_customers(session, keep_id=quiet, other_id=out)
        kept = get_customer(session, quiet).draft
    assert (kept.no_calls, kept.no_campaigns) == (True, True)
