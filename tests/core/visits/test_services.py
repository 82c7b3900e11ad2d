"""Logging, changing, deleting and putting back visits keeps the customer's figures right."""
from __future__ import annotations

import datetime as dt

import pytest

from core.customers.services import add_customer, delete_customers, get_customer
from core.customers.types import CustomerDraft
from core.kernel.errors import Invalid, NotFound
from core.kernel.money import Money
from core.store.db import Database
from core.visits.errors import OTHER_CURRENCY, AmbiguousCustomer
from core.visits.services import (
    delete_interaction,
    find_customer_id,
    get_interaction,
    log_interaction,
    restore_interaction,
    update_interaction,
)
from core.visits.types import InteractionDraft

TODAY = dt.date(2026, 6, 1)


def _customer(db: Database, **fields: str) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(**fields), allow_duplicate=True).id


def _log(db: Database, customer_id: int, draft: InteractionDraft) -> int:
    with db.unit_of_work() as session:
        return log_interaction(session, customer_id, draft, today=TODAY)


def test_a_logged_purchase_counts_a_visit_its_amount_and_the_last_visit(db: Database) -> None:
    ana = _customer(db, first_name="Ana")
    new_id = _log(db, ana, InteractionDraft("purchase", dt.date(2026, 5, 30),
                                            Money(4550, "USD"), " cut and colour "))
    with db.unit_of_work() as session:
        detail = get_customer(session, ana)
        stored = get_interaction(session, new_id)
    assert (detail.visit_count, detail.lifetime_value_minor) == (1, 4550)
    assert detail.last_interaction_on == dt.date(2026, 5, 30)
    assert detail.stage == "new"
    assert stored.note == "cut and colour" and stored.amount == Money(4550, "USD")


def test_a_second_visit_makes_a_new_customer_a_repeat_customer(db: Database) -> None:
    bo = _customer(db, first_name="Bo")
    _log(db, bo, InteractionDraft("visit", dt.date(2026, 5, 1)))
    _log(db, bo, InteractionDraft("visit", dt.date(2026, 5, 20)))
    with db.unit_of_work() as session:
        assert get_customer(session, bo).stage == "repeat"


def test_a_call_is_recorded_but_is_not_a_visit(db: Database) -> None:
    cy = _customer(db, first_name="Cy")
    _log(db, cy, InteractionDraft("call", dt.date(2026, 5, 1)))
    with db.unit_of_work() as session:
        detail = get_customer(session, cy)
    assert detail.visit_count == 0 and len(detail.interactions) == 1


def test_the_first_visit_sets_customer_since_when_it_was_empty_or_later(db: Database) -> None:
    di = _customer(db, first_name="Di")
    _log(db, di, InteractionDraft("visit", dt.date(2026, 4, 1)))
    _log(db, di, InteractionDraft("visit", dt.date(2026, 5, 1)))
    with db.unit_of_work() as session:
        assert get_customer(session, di).draft.customer_since == dt.date(2026, 4, 1)
    _log(db, di, InteractionDraft("purchase", dt.date(2025, 12, 24), Money(900, "USD")))
    with db.unit_of_work() as session:
        assert get_customer(session, di).draft.customer_since == dt.date(2025, 12, 24)


def test_an_amount_in_another_currency_is_refused_and_nothing_is_written(db: Database) -> None:
    ed = _customer(db, first_name="Ed")
    with pytest.raises(Invalid) as caught, db.unit_of_work() as session:
        log_interaction(session, ed, InteractionDraft("purchase", TODAY, Money(100, "EUR")))
    assert caught.value.for_field("amount") is not None
    assert caught.value.problems[0].code == OTHER_CURRENCY
    assert db.raw().scalar("SELECT count(*) FROM interactions") == 0


def test_a_trashed_or_missing_customer_cannot_get_a_visit(db: Database) -> None:
    fay = _customer(db, first_name="Fay")
    with db.unit_of_work() as session:
        delete_customers(session, [fay])
    for customer_id in (fay, 999):
        with pytest.raises(NotFound), db.unit_of_work() as session:
            log_interaction(session, customer_id, InteractionDraft("visit", TODAY))


def test_changing_a_purchase_amount_changes_lifetime_value(db: Database) -> None:
    gus = _customer(db, first_name="Gus")
    logged = _log(db, gus, InteractionDraft("purchase", TODAY, Money(1000, "USD")))
    with db.unit_of_work() as session:
        before = update_interaction(session, logged, InteractionDraft(
            "purchase", TODAY, Money(2500, "USD"), "two items"), today=TODAY)
    with db.unit_of_work() as session:
        assert get_customer(session, gus).lifetime_value_minor == 2500
    assert before.amount == Money(1000, "USD")


def test_a_deleted_visit_comes_back_with_its_id_and_the_figures(db: Database) -> None:
    hal = _customer(db, first_name="Hal")
    logged = _log(db, hal, InteractionDraft("purchase", TODAY, Money(700, "USD"), "tea"))
    with db.unit_of_work() as session:
        removed = delete_interaction(session, logged, today=TODAY)
    with db.unit_of_work() as session:
        assert get_customer(session, hal).visit_count == 0
    with db.unit_of_work() as session:
        restored = restore_interaction(session, removed, today=TODAY)
    with db.unit_of_work() as session:
        detail = get_customer(session, hal)
    assert restored == logged
    assert (detail.visit_count, detail.lifetime_value_minor) == (1, 700)
    assert detail.interactions[0].note == "tea"


def test_a_customer_is_found_by_email_in_any_case_or_by_phone_in_any_format(
        db: Database) -> None:
    ivy = _customer(db, first_name="Ivy", email="ivy@example.com", phone="+1 415 555 0100")
    with db.unit_of_work() as session:
        assert find_customer_id(session, email="IVY@example.com") == ivy
        assert find_customer_id(session, phone="(415) 555-0100") == ivy
        with pytest.raises(NotFound):
            find_customer_id(session, email="nobody@example.com")


def test_two_customers_with_one_email_are_ambiguous(db: Database) -> None:
    first = _customer(db, first_name="Jo", email="same@example.com")
    second = _customer(db, first_name="Jo2", email="same@example.com")
    with pytest.raises(AmbiguousCustomer) as caught, db.unit_of_work() as session:
        find_customer_id(session, email="same@example.com")
    assert caught.value.customer_ids == (first, second)


def test_a_till_refund_deleted_and_put_back_keeps_its_amount_and_its_import_key(
        db: Database) -> None:
    from core.customers.models import Interaction

    ana = _customer(db, first_name="Ana")
    with db.unit_of_work() as session:
        refund = Interaction(customer_id=ana, kind="note", occurred_on=TODAY,
                             amount_minor=-1500, note="Refund", source="square",
                             external_id="T-77")
        session.add(refund)
        session.flush()
        refund_id = refund.id
    with db.unit_of_work() as session:
        removed = delete_interaction(session, refund_id, today=TODAY)
        assert (removed.source, removed.external_id) == ("square", "T-77")
    with db.unit_of_work() as session:
        assert restore_interaction(session, removed, today=TODAY) == refund_id
        back = get_interaction(session, refund_id)
    assert back.amount == Money(-1500, "USD")
    assert (back.source, back.external_id) == ("square", "T-77")
    with db.unit_of_work() as session:  # a change of its note keeps the refund's amount
        update_interaction(session, refund_id, InteractionDraft(
            "note", TODAY, Money(-1500, "USD"), "Refund: broken zip"), today=TODAY)
