"""Undoing a merge puts both customers back as they were, with everything that was theirs."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from core.customers.history import add_interaction, add_moment
from core.customers.merge import merge_customers_undoably, unmerge_customers
from core.customers.queries import ListQuery, count_customers, search_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDetail, CustomerDraft, InteractionDraft, MomentDraft
from core.customers.validation import PartialDate
from core.store.db import Database


def _add(db: Database, **fields: object) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(**fields)).id  # type: ignore[arg-type]


def _detail(db: Database, customer_id: int) -> CustomerDetail:
    with db.unit_of_work() as session:
        return get_customer(session, customer_id)


def _contacts(db: Database, customer_id: int) -> list[tuple[str, str]]:
    with db.unit_of_work() as session:
        return [(kind, value) for kind, value in session.execute(text(
            "SELECT kind, value FROM customer_contacts WHERE customer_id = :id ORDER BY kind"),
            {"id": customer_id})]


def test_undoing_a_merge_brings_back_both_records_with_history_tags_and_contacts(
        db: Database) -> None:
    keep = _add(db, first_name="Maria", last_name="Garcia", email="maria@example.com",
                tags=("newsletter",), notes="Likes tea")
    other = _add(db, first_name="Maria", last_name="García", email="mg@work.example",
                 phone="5559876543", tags=("vip",), birthday=PartialDate(5, 4),
                 notes="Allergic to nuts")
    referred = _add(db, first_name="Tom", referred_by_id=other)
    with db.unit_of_work() as session:
        add_interaction(session, keep, InteractionDraft("visit", dt.date(2026, 1, 5)))
        add_interaction(session, other, InteractionDraft("purchase", dt.date(2026, 2, 5), 500))
        add_moment(session, other, MomentDraft("life_event", PartialDate(6, 1, 2020), "wedding"))
        session.execute(text("INSERT INTO customer_contacts (customer_id, kind, value, label) "
                             "VALUES (:id, 'phone', '+15550000001', 'home')"), {"id": other})
    before_keep, before_other = _detail(db, keep), _detail(db, other)
    with db.unit_of_work() as session:
        merged = merge_customers_undoably(session, keep_id=keep, other_id=other)
    assert len(merged.detail.interactions) == 2
    # The other record's email and its extra phone stay with the person.
    assert sorted(_contacts(db, keep)) == [("email", "mg@work.example"),
                                           ("phone", "+15550000001")]
    assert _detail(db, referred).draft.referred_by_id == keep

    with db.unit_of_work() as session:
        assert unmerge_customers(session, merged.undo) == (keep, other)
    after_keep, after_other = _detail(db, keep), _detail(db, other)
    assert after_keep.draft == before_keep.draft and after_other.draft == before_other.draft
    assert after_keep.interactions == before_keep.interactions
    assert after_other.interactions == before_other.interactions
    assert after_other.moments == before_other.moments and after_keep.moments == ()
    assert after_other.lifetime_value_minor == 500 and after_keep.lifetime_value_minor == 0
    assert _contacts(db, keep) == [] and _contacts(db, other) == [("phone", "+15550000001")]
    assert _detail(db, referred).draft.referred_by_id == other
    assert count_customers(db.raw(), ListQuery()) == 3
    assert [r.id for r in search_customers(db.raw(), "mg@work")] == [other]


def test_a_visit_logged_after_the_merge_stays_when_it_is_undone(db: Database) -> None:
    keep = _add(db, first_name="Ann", email="ann@example.com")
    other = _add(db, first_name="Ann", phone="5551112222")
    with db.unit_of_work() as session:
        merged = merge_customers_undoably(session, keep_id=keep, other_id=other)
    with db.unit_of_work() as session:
        add_interaction(session, keep, InteractionDraft("visit", dt.date(2026, 3, 1)))
        unmerge_customers(session, merged.undo)
    assert [i.occurred_on for i in _detail(db, keep).interactions] == [dt.date(2026, 3, 1)]
    assert _detail(db, other).draft.phone == "+15551112222"
