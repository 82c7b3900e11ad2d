"""A yen shop's money: imported, stored, exported and migrated in yen, not in hundredths."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from sqlalchemy import text

from core.customers.queries import search_customers
from core.customers.services import get_customer
from core.interchange.export_csv import export_customers_csv
from core.interchange.importing import ImportOptions, run_import
from core.settings.profile import BusinessProfileData, save_business_profile
from core.store import schema
from core.store.db import Database

from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)


def _yen_shop(db: Database) -> None:
    with db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(name="Kissa Hana", region="JP",
                                                           locale="en_US", currency="JPY"))


def test_importing_total_spent_1250_in_a_yen_shop_stores_1250_yen(db: Database,
                                                                  tmp_path: Path) -> None:
    _yen_shop(db)
    record = {"First Name": "Misaki", "Last Name": "Sato", "Email": "misaki@example.jp",
              "Total Spent": "1250", "Total Orders": "2"}
    path = samples.write_format(tmp_path / "s.csv", samples.SHOPIFY_HEADER, [record])
    run_import(db, path, options=ImportOptions(today=TODAY))
    (row,) = search_customers(db.raw(), "sato")
    assert row.lifetime_value_minor == 1250
    with db.unit_of_work() as session:
        assert get_customer(session, row.id).lifetime_value_minor == 1250
        export_customers_csv(session, tmp_path / "out.csv")
    (exported,) = csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text("utf-8")))
    assert exported["lifetime_value"] == "1250"


def test_a_euro_shop_still_imports_cents_and_exports_euros(sqlite_db: Database,
                                                           tmp_path: Path) -> None:
    record = {"First Name": "Chloé", "Last Name": "Dubois", "Total Spent": "1.234,50"}
    path = samples.write_format(tmp_path / "s.csv", samples.SHOPIFY_HEADER, [record])
    run_import(sqlite_db, path, options=ImportOptions(today=TODAY))
    (row,) = search_customers(sqlite_db.raw(), "dubois")
    assert row.lifetime_value_minor == 123450
    with sqlite_db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "out.csv")
    (exported,) = csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text("utf-8")))
    assert exported["lifetime_value"] == "1234.50"


def _old_import_data(db: Database, currency: str) -> None:
    """What the import before 0004_money left: opening history scaled as if by cents."""
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO business_profile (id, name, street, city, postal_code, country, phone,"
            " email, signature_name, region, locale, currency) VALUES"
            " (1, 'Shop', '', '', '', '', '', '', '', 'JP', 'en_US', :currency)"),
            {"currency": currency})
        for customer_id, name in ((1, "Imported"), (2, "Typed")):
            connection.execute(text(
                "INSERT INTO customers (id, first_name, last_name, organisation, email,"
                " email_key, phone, street, city, region, postal_code, country, notes,"
                " sort_name, stage, visit_count, lifetime_value_minor, no_mail, no_email,"
                " no_birthday_cards, source, search_text, name_postcode_key, created_at,"
                " updated_at) VALUES (:id, :name, '', '', '', '', '', '', '', '', '', '', '',"
                " :name, 'new', 1, 0, false, false, false, 'test', '', '',"
                " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"),
                {"id": customer_id, "name": name})
        connection.execute(text(
            "INSERT INTO interactions (customer_id, kind, occurred_on, amount_minor, note) VALUES"
            " (1, 'purchase', '2026-01-01', 125000, 'opening history (shopify)'),"
            " (1, 'purchase', '2026-02-01', 300, 'typed at the counter'),"
            " (2, 'purchase', '2026-02-01', 1250, 'typed at the counter')"))
        connection.execute(text(
            "UPDATE customers SET lifetime_value_minor = 125300 WHERE id = 1"))
        connection.execute(text("UPDATE customers SET lifetime_value_minor = 1250 WHERE id = 2"))


def _values(db: Database) -> list[tuple[int, int]]:
    with db.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(  # type: ignore[misc]
            "SELECT id, lifetime_value_minor FROM customers ORDER BY id"))]


def test_upgrading_a_yen_shop_divides_only_what_the_old_import_multiplied(
        tmp_path: Path) -> None:
    db = Database.open(tmp_path / "yen.db")
    schema.upgrade(db, "0003_interchange")
    _old_import_data(db, "JPY")
    schema.upgrade(db, "0004_money")
    assert _values(db) == [(1, 1550), (2, 1250)]
    with db.engine.connect() as connection:
        amounts = sorted(connection.execute(text(
            "SELECT amount_minor FROM interactions")).scalars())
    assert amounts == [300, 1250, 1250]
    db.close()


def test_upgrading_leaves_a_two_decimal_shop_as_it_was(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "usd.db")
    schema.upgrade(db, "0003_interchange")
    _old_import_data(db, "USD")
    schema.upgrade(db, "0004_money")
    assert _values(db) == [(1, 125300), (2, 1250)]
    db.close()


def test_upgrading_a_dinar_shop_multiplies_imported_amounts_by_ten(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "kwd.db")
    schema.upgrade(db, "0003_interchange")
    _old_import_data(db, "KWD")
    schema.upgrade(db, "0004_money")
    assert _values(db) == [(1, 1250300), (2, 1250)]
    db.close()
