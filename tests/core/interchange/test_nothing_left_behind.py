"""Issue 10, the last points: a customer an import matched keeps what the row brought
besides its fields, undoing an import takes all of it back, a referrer or an amount that
cannot be used is reported and kept to check, and a customer's Source names the program."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select, text

from core.customers.queries import ListQuery, count_customers, search_customers
from core.customers.services import add_customer, delete_customers, get_customer
from core.customers.types import CustomerDetail, CustomerDraft
from core.interchange.history import undo_import
from core.interchange.importing import ImportOptions, ImportSummary, run_import
from core.interchange.models import CustomerConsent, CustomerContact, CustomerExternalId
from core.interchange.problems import OTHER_CURRENCY, REFERRER_UNKNOWN, is_rejection
from core.kernel.errors import Problem
from core.settings.profile import BusinessProfileData, save_business_profile
from core.store.db import Database

from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)


def _import(db: Database, path: Path, policy: str = "skip") -> ImportSummary:
    return run_import(db, path, options=ImportOptions(today=TODAY, on_duplicate=policy))


def _detail(db: Database, text: str) -> CustomerDetail:
    (row,) = search_customers(db.raw(), text)
    with db.unit_of_work() as session:
        return get_customer(session, row.id)


def _count(db: Database, model: type, customer_id: int | None = None) -> int:
    with db.unit_of_work() as session:
        query = select(func.count()).select_from(model)
        if customer_id is not None:
            query = query.where(model.customer_id == customer_id)  # type: ignore[attr-defined]
        return int(session.scalar(query) or 0)


def _ann(db: Database) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(first_name="Ann", last_name="Lee",
                                                   email="ann@example.com",
                                                   phone="+16135550135")).id


def _shopify_row_for_ann(tmp_path: Path) -> Path:
    return samples.write_format(tmp_path / "shopify.csv", samples.SHOPIFY_HEADER, [{
        "Customer ID": "'7001", "First Name": "Ann", "Last Name": "Lee",
        "Email": "ann@example.com", "Phone": "12", "Default Address Phone": "+44 20 7946 0958",
        "Accepts Email Marketing": "no"}])


# 1. A matched customer gets what the row brought

def test_a_customer_filled_in_from_a_row_keeps_its_bad_phone_to_check_and_its_other_number(
        db: Database, tmp_path: Path) -> None:
    ann = _ann(db)
    summary = _import(db, _shopify_row_for_ann(tmp_path), "fill")
    assert (summary.created, summary.updated) == (0, 1)
    detail = _detail(db, "ann@example.com")
    assert detail.id == ann
    assert Problem("phone", "dropped_value", "12") in (detail.draft.needs_checking or ())
    with db.unit_of_work() as session:
        numbers = list(session.scalars(select(CustomerContact.value)
                                       .where(CustomerContact.customer_id == ann)))
        consent = session.get(CustomerConsent, ann)
        external = list(session.execute(select(CustomerExternalId.source,
                                               CustomerExternalId.value)))
    assert numbers == ["+442079460958"]
    assert consent is not None and consent.email_marketing is False
    assert [tuple(row) for row in external] == [("shopify", "7001")]


def test_overwriting_a_customer_from_a_row_adds_its_values_to_check_to_those_it_had(
        db: Database, tmp_path: Path) -> None:
    _ann(db)
    path = samples.write_csv(tmp_path / "a.csv", [["Name", "Email", "Birthday"],
                                                  ["Ann Lee", "ann@example.com", "31/02/1980"]])
    _import(db, path, "overwrite")
    path = samples.write_csv(tmp_path / "b.csv", [["Name", "Email", "Phone"],
                                                  ["Ann Lee", "ann@example.com", "12"]])
    _import(db, path, "overwrite")
    notes = _detail(db, "ann@example.com").draft.needs_checking or ()
    assert [(n.field, n.detail) for n in notes] == [("birthday", "31/02/1980"), ("phone", "12")]


def test_the_same_new_customer_twice_in_one_file_keeps_both_rows_numbers_and_values_to_check(
        db: Database, tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "twice.csv", [
        ["Name", "Email", "Phone", "Birthday"],
        ["Ann Lee", "ann@example.com", "+44 20 7946 0958", ""],
        ["Ann Lee", "ann@example.com", "+44 20 7946 0959", "31/02/1980"]])
    summary = run_import(db, path, options=ImportOptions(today=TODAY, on_duplicate="fill"))
    assert summary.created == 1
    detail = _detail(db, "ann@example.com")
    assert detail.draft.phone == "+442079460958"
    assert [n.detail for n in detail.draft.needs_checking or ()] == ["31/02/1980"]
    assert _count(db, CustomerContact, detail.id) == 1


# 2. Undoing an import takes back everything it added

def test_undoing_a_fill_import_takes_back_the_ids_numbers_consent_and_values_to_check(
        db: Database, tmp_path: Path) -> None:
    ann = _ann(db)
    summary = _import(db, _shopify_row_for_ann(tmp_path), "fill")
    assert summary.run_id is not None
    with db.unit_of_work() as session:
        undo_import(session, summary.run_id)
    assert (_count(db, CustomerExternalId), _count(db, CustomerContact),
            _count(db, CustomerConsent)) == (0, 0, 0)
    detail = _detail(db, "ann@example.com")
    assert (detail.id, detail.draft.needs_checking, detail.draft.phone) == (
        ann, (), "+16135550135")


def test_undoing_a_skip_import_takes_back_the_programs_id_it_gave_an_existing_customer(
        db: Database, tmp_path: Path) -> None:
    _ann(db)
    summary = _import(db, _shopify_row_for_ann(tmp_path), "skip")
    assert (summary.skipped, _count(db, CustomerExternalId)) == (1, 1)
    assert summary.run_id is not None
    with db.unit_of_work() as session:
        undo_import(session, summary.run_id)
    assert _count(db, CustomerExternalId) == 0


def test_a_shopify_export_imported_undone_and_imported_again_comes_in_as_on_a_fresh_database(
        db: Database, tmp_path: Path) -> None:
    path = samples.write_format(tmp_path / "shopify.csv", samples.SHOPIFY_HEADER, [
        {"Customer ID": f"'80{n}", "First Name": f"Kim{n}", "Last Name": "Park",
         "Email": f"kim{n}@example.com", "Phone": "12" if n == 0 else ""} for n in range(3)])
    first = _import(db, path)
    assert first.run_id is not None and first.created == 3
    with db.unit_of_work() as session:
        undo_import(session, first.run_id)
    assert count_customers(db.raw(), ListQuery()) == 0
    again = _import(db, path)
    assert (again.created, again.updated, again.skipped, again.rejected) == (3, 0, 0, 0)
    assert _count(db, CustomerExternalId) == 3
    third = _import(db, path)
    assert (third.created, third.skipped) == (0, 3)


# 3. A referrer that names nobody known

def test_a_referrer_nobody_knows_is_reported_with_its_line_and_kept_to_check(
        db: Database, tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "referrals.csv", [
        ["regulars_id", "first_name", "email", "referred_by"],
        ["regulars-shopA-1", "Ann", "ann@example.com", ""],
        ["regulars-shopA-2", "Ben", "ben@example.com", "regulars-shopA-1"],
        ["regulars-shopA-3", "Cem", "cem@example.com", "regulars-shopA-99"],
        ["", "Dee", "dee@example.com", "Jane Nobody"]])
    summary = _import(db, path)
    assert (summary.created, summary.rejected) == (4, 0)
    unknown = [p for p in summary.problems if p.code == REFERRER_UNKNOWN]
    assert [(p.line, p.field, p.detail) for p in unknown] == [
        (4, "referred_by", "regulars-shopA-99"), (5, "referred_by", "Jane Nobody")]
    assert not any(is_rejection(p) for p in unknown)
    assert summary.warnings == 2
    ann = _detail(db, "ann@example.com")
    assert _detail(db, "ben@example.com").draft.referred_by_id == ann.id
    assert _detail(db, "dee@example.com").draft.needs_checking == (
        Problem("referred_by", REFERRER_UNKNOWN, "Jane Nobody"),)
    assert _detail(db, "cem@example.com").draft.referred_by_id is None


def test_an_outlook_referred_by_name_is_not_lost(db: Database, tmp_path: Path) -> None:
    path = samples.write_format(tmp_path / "outlook.csv", samples.OUTLOOK_HEADER, [
        {"First Name": "Ola", "Last Name": "Berg", "E-mail Address": "ola@example.com",
         "Referred By": "Dr. Weiss"}])
    summary = _import(db, path)
    assert summary.created == 1
    assert [(p.field, p.code, p.detail) for p in summary.problems] == [
        ("referred_by", REFERRER_UNKNOWN, "Dr. Weiss")]
    assert _detail(db, "ola@example.com").draft.needs_checking == (
        Problem("referred_by", REFERRER_UNKNOWN, "Dr. Weiss"),)


# 4. Money in another currency than the business's

def _euro_shop(db: Database) -> None:
    with db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(name="Café Sol", region="DE",
                                                           locale="de_DE", currency="EUR"))


def test_a_lifetime_value_in_dollars_in_a_euro_shop_is_flagged_and_never_converted(
        db: Database, tmp_path: Path) -> None:
    _euro_shop(db)
    path = samples.write_csv(tmp_path / "ours.csv", [
        ["first_name", "email", "visit_count", "lifetime_value", "lifetime_value_currency"],
        ["Ann", "ann@example.com", "2", "120.00", "USD"],
        ["Ben", "ben@example.com", "1", "80.00", "EUR"]])
    summary = _import(db, path)
    assert summary.created == 2
    assert [(p.line, p.field, p.code, p.detail) for p in summary.problems] == [
        (2, "lifetime_value", OTHER_CURRENCY, "120.00 USD")]
    ann = _detail(db, "ann@example.com")
    assert (ann.lifetime_value_minor, ann.visit_count) == (0, 2)
    assert ann.draft.needs_checking == (Problem("lifetime_value", OTHER_CURRENCY, "120.00 USD"),)
    assert _detail(db, "ben@example.com").lifetime_value_minor == 8000


def test_a_total_spent_in_dollars_in_a_euro_shop_is_flagged_not_counted(
        db: Database, tmp_path: Path) -> None:
    _euro_shop(db)
    path = samples.write_format(tmp_path / "s.csv", samples.SHOPIFY_HEADER, [
        {"First Name": "Ann", "Email": "ann@example.com", "Total Spent": "$25.00"},
        {"First Name": "Ben", "Email": "ben@example.com", "Total Spent": "25.00 EUR"},
        {"First Name": "Cem", "Email": "cem@example.com", "Total Spent": "25,00"}])
    summary = _import(db, path)
    assert [(p.line, p.field, p.code) for p in summary.problems] == [
        (2, "total_spent", OTHER_CURRENCY)]
    assert _detail(db, "ann@example.com").lifetime_value_minor == 0
    assert [n.detail for n in _detail(db, "ann@example.com").draft.needs_checking or ()] == [
        "$25.00"]
    assert _detail(db, "ben@example.com").lifetime_value_minor == 2500
    assert _detail(db, "cem@example.com").lifetime_value_minor == 2500


# 10. The customer's Source names the program

def test_an_imported_customers_source_is_the_program_it_came_from(db: Database,
                                                                  tmp_path: Path) -> None:
    shopify = samples.write_format(tmp_path / "s.csv", samples.SHOPIFY_HEADER, [
        {"First Name": "Ann", "Email": "ann@example.com", "Total Spent": "10.00"}])
    sheet = samples.write_csv(tmp_path / "list.csv", [["Name", "Email"],
                                                      ["Ben Roth", "ben@example.com"]])
    google = samples.write_format(tmp_path / "g.csv", samples.GOOGLE_HEADER, [
        {"First Name": "Cem", "E-mail 1 - Value": "cem@example.com"}])
    card = tmp_path / "dee.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dee Fox\r\nN:Fox;Dee;;;\r\n"
                    "EMAIL:dee@example.com\r\nEND:VCARD\r\n", encoding="utf-8")
    for path in (shopify, sheet, google, card):
        _import(db, path)
    sources = {text: _detail(db, text).draft.source
               for text in ("ann@", "ben@", "cem@", "dee@")}
    assert sources == {"ann@": "Shopify", "ben@": "Spreadsheet", "cem@": "Google Contacts",
                       "dee@": "vCard"}
    with db.unit_of_work() as session:
        notes = {note for (note,) in session.execute(
            select(func.distinct(CustomerContact.value)))}
    assert not notes  # nobody got further numbers


def test_customers_deleted_after_an_import_come_back_when_the_file_is_imported_again(
        db: Database, tmp_path: Path) -> None:
    path = samples.write_format(tmp_path / "shopify.csv", samples.SHOPIFY_HEADER, [
        {"Customer ID": "'9001", "First Name": "Kim", "Email": "kim@example.com"}])
    assert _import(db, path).created == 1
    with db.unit_of_work() as session:
        delete_customers(session, first_created(db))
    again = _import(db, path)
    assert (again.created, again.rejected) == (1, 0)
    assert _detail(db, "kim@example.com").draft.first_name == "Kim"


def first_created(db: Database) -> list[int]:
    return [row.id for row in search_customers(db.raw(), "kim@example.com")]


def test_customers_imported_before_the_upgrade_name_the_program_as_their_source(
        tmp_path: Path) -> None:
    from core.store.schema import upgrade

    db = Database.open(tmp_path / "old.db")
    upgrade(db, "0013_import_row_outcomes")
    # Written as that schema had them (the models may have moved on since).
    with db.unit_of_work() as session:
        for name, source in (("Ann", "generic"), ("Ben", "shopify"), ("Cem", "vcard"),
                             ("Dee", "walk-in"), ("Eve", "")):
            session.execute(text(
                "INSERT INTO customers (first_name, last_name, organisation, email, phone, "
                "postal_code, search_text, sort_name, street, city, region, country, notes, "
                "source, no_mail, no_email, no_birthday_cards, stage, visit_count, "
                "lifetime_value_minor, email_key, name_postcode_key, created_at, updated_at) "
                "VALUES (:name, '', '', '', '', '', :name, :name, '', '', '', '', '', :source,"
                " false, false, false, 'new', 0, 0, '', '', '2026-01-01', '2026-01-01')"),
                {"name": name, "source": source})
    upgrade(db)
    sources = {name: db.raw().scalar("SELECT source FROM customers WHERE first_name = ?",
                                     (name,)) for name in ("Ann", "Ben", "Cem", "Dee", "Eve")}
    db.close()
    assert sources == {"Ann": "Spreadsheet", "Ben": "Shopify", "Cem": "vCard",
                       "Dee": "walk-in", "Eve": ""}
