"""Our own CSV export round-trips exactly: every field a customer has comes back, and
importing the file again changes nothing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from core.customers.history import add_interaction, add_moment
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft, InteractionDraft, MomentDraft, PartialDate
from core.interchange.export_csv import export_customers_csv
from core.interchange.importing import ImportOptions, run_import
from core.interchange.models import CustomerConsent, CustomerContact
from core.store.db import Database
from core.store.opening import prepare_database

TODAY = dt.date.today()  # the stage of a quiet customer is reckoned from today


def snapshot(db: Database) -> list[dict[str, Any]]:
    """Every field of every live customer, without the database's own ids and dates of
    record, nor the tag an import gives the customers it created."""
    with db.unit_of_work() as session:
        ids = [row[0] for row in session.execute(text(
            "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id"))]
        contacts: dict[int, list[tuple[str, str]]] = {}
        for customer_id, kind, value in session.execute(text(
                "SELECT customer_id, kind, value FROM customer_contacts ORDER BY id")):
            contacts.setdefault(customer_id, []).append((kind, value))
        consents = {row[0]: (None if row[1] is None else bool(row[1]),
                             None if row[2] is None else bool(row[2]))
                    for row in session.execute(text(
                        "SELECT customer_id, email_marketing, sms_marketing"
                        " FROM customer_consents"))}
        found = []
        for customer_id in ids:
            detail = get_customer(session, customer_id)
            draft = detail.draft
            found.append({
                **{name: getattr(draft, name) for name in (
                    "first_name", "last_name", "organisation", "email", "phone", "street",
                    "city", "region", "postal_code", "country", "notes", "source",
                    "customer_since", "birthday", "no_mail", "no_email",
                    "no_birthday_cards", "no_calls", "no_campaigns")},
                "tags": tuple(t for t in draft.tags if not t.startswith("import ")),
                "referred_by": detail.referred_by_name,
                "referrals": detail.referral_count,
                "stage": detail.stage, "visit_count": detail.visit_count,
                "lifetime_value_minor": detail.lifetime_value_minor,
                "last_visit": detail.last_interaction_on,
                "moments": sorted((m.kind, m.life_event, m.date.month, m.date.day,
                                   m.date.year or 0, m.note) for m in detail.moments),
                "contacts": contacts.get(customer_id, []),
                "consent": consents.get(customer_id, (None, None)),
            })
    return sorted(found, key=repr)


def _fill(db: Database) -> None:
    with db.unit_of_work() as session:
        ann = add_customer(session, CustomerDraft(
            first_name="Ann", last_name="Lee", email="ann@example.com", phone="+44 20 7946 0958",
            street="1 High St", city="Leeds", region="West Yorkshire", postal_code="LS1 1AA",
            country="United Kingdom", notes="- prefers mornings\n=not a formula",
            source="walk-in", customer_since=dt.date(2019, 3, 1),
            birthday=PartialDate(2, 29), no_mail=True, tags=("vip", "+plus", "coffee"))).id
        bo = add_customer(session, CustomerDraft(
            first_name="Bo", last_name="Ek", organisation="@Ek & Co", referred_by_id=ann,
            customer_since=dt.date(2020, 1, 2), no_email=True, no_birthday_cards=True,
            no_calls=True, no_campaigns=True,
            birthday=PartialDate(7, 4, 1985), notes="'- already quoted")).id
        cy = add_customer(session, CustomerDraft(organisation="Bäckerei Schmidt",
                                                 source="", customer_since=dt.date(2021, 5, 5)))
        add_customer(session, CustomerDraft(first_name="Dee", email="dee@example.org",
                                            customer_since=dt.date(2018, 8, 8)))
        for kind, day, amount in (("visit", dt.date(2024, 1, 5), None),
                                  ("purchase", dt.date(2025, 6, 1), 12_50),
                                  ("call", dt.date(2025, 7, 1), 3_00)):
            add_interaction(session, ann, InteractionDraft(kind, day, amount))
        add_interaction(session, bo, InteractionDraft("purchase", dt.date(2021, 1, 1), 99_99))
        add_interaction(session, cy.id, InteractionDraft("call", dt.date(2021, 1, 1), 5_00))
        add_moment(session, ann, MomentDraft("anniversary", PartialDate(6, 14, 2010),
                                             note="first date, \"Paris\"\nsecond line"))
        add_moment(session, ann, MomentDraft("life_event", PartialDate(5, 1, 2024),
                                             life_event="wedding"))
        add_moment(session, bo, MomentDraft("life_event", PartialDate(9, 9),
                                            life_event="new_baby", note="=twins"))
        session.add(CustomerContact(customer_id=ann, kind="email", value="ann@work.example"))
        session.add(CustomerContact(customer_id=ann, kind="phone", value="+442079460999"))
        session.add(CustomerConsent(customer_id=ann, email_marketing=True, sms_marketing=False,
                                    source="shopify", recorded_at=dt.datetime(2025, 1, 1)))
        session.add(CustomerConsent(customer_id=bo, email_marketing=None, sms_marketing=True,
                                    source="shopify", recorded_at=dt.datetime(2025, 1, 1)))


def _import(db: Database, path: Path) -> tuple[int, int, int, int]:
    summary = run_import(db, path, options=ImportOptions(today=TODAY))
    return summary.created, summary.updated, summary.skipped, summary.rejected


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
def test_a_full_export_imported_into_an_empty_database_gives_the_same_customers(
    db: Database, tmp_path: Path, excel: bool
) -> None:
    _fill(db)
    before = snapshot(db)
    with db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "all.csv", excel=excel)
    other = Database.open(tmp_path / "empty.db")
    try:
        prepare_database(other)
        assert _import(other, tmp_path / "all.csv") == (4, 0, 0, 0)
        after = snapshot(other)
        assert after == before
        # And importing it again changes nothing.
        assert _import(other, tmp_path / "all.csv") == (0, 0, 4, 0)
        assert snapshot(other) == before
    finally:
        other.close()


def test_the_export_names_the_currency_of_the_lifetime_value(sqlite_db: Database,
                                                             tmp_path: Path) -> None:
    _fill(sqlite_db)
    with sqlite_db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "all.csv")
    header, *rows = (tmp_path / "all.csv").read_text().splitlines()
    assert "lifetime_value,lifetime_value_currency" in header
    assert any(",15.50,USD," in row or ",15.50,EUR," in row or ",15.50,GBP," in row
               for row in rows)


_text = st.text(st.sampled_from("aZé-=+@' ,;:\"\n\tß佐"), max_size=12).map(str.strip)
_people = st.lists(st.fixed_dictionaries({
    "first_name": _text, "last_name": _text, "organisation": _text,
    "notes": st.text(st.sampled_from("ab-=+@' ,\"\n"), max_size=20),
    "city": _text, "source": _text,
    "email": st.one_of(st.just(""), st.sampled_from(["x", "y", "z"]).map(
        lambda n: f"{n}@example.com")),
    "birthday": st.one_of(st.none(), st.builds(PartialDate, st.integers(1, 12),
                                               st.integers(1, 28),
                                               st.one_of(st.none(), st.integers(1920, 2020)))),
    "no_mail": st.booleans(), "no_email": st.booleans(),
    "tags": st.lists(st.sampled_from(["vip", "-minus", "=eq", "café"]), max_size=3,
                     unique=True).map(tuple),
    "visits": st.integers(0, 3), "spent": st.integers(0, 100_000),
}), min_size=1, max_size=6)


# Each example opens two databases: few examples, and no long shrinking (a failure prints
# the example as found).
@settings(max_examples=12, deadline=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=_people)
def test_a_generated_customer_list_round_trips_through_csv(tmp_path_factory: pytest.TempPathFactory,
                                                           people: list[dict[str, Any]]) -> None:
    folder = tmp_path_factory.mktemp("round")
    source = Database.open(folder / "source.db")
    target = Database.open(folder / "target.db")
    try:
        prepare_database(source)
        prepare_database(target)
        with source.unit_of_work() as session:
            for n, person in enumerate(people):
                visits, spent = person.pop("visits"), person.pop("spent")
                if not any(person[k] for k in ("first_name", "last_name", "organisation",
                                               "email")):
                    person["first_name"] = f"P{n}"
                if person["email"]:
                    person["email"] = f"{n}.{person['email']}"  # one customer each
                customer = add_customer(session, CustomerDraft(
                    **person, customer_since=dt.date(2020, 1, 1)))
                for v in range(visits):
                    add_interaction(session, customer.id, InteractionDraft(
                        "purchase", dt.date(2025, 1, 1 + v), spent if v == 0 else None))
        with source.unit_of_work() as session:
            export_customers_csv(session, folder / "all.csv")
        created, _, _, rejected = _import(target, folder / "all.csv")
        # Two generated people may share a name and no email: they are one person to the
        # importer, as to anyone reading the list.
        assert rejected == 0 and created <= len(people)
        if created == len(people):
            assert snapshot(target) == snapshot(source)
        before = snapshot(target)
        assert _import(target, folder / "all.csv")[0] == 0
        assert snapshot(target) == before
    finally:
        source.close()
        target.close()
