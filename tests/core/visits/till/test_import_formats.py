"""Each till's export imports with its purchases grouped, matched to the right customers."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import text

from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.interchange.services import add_customer_external_ids
from core.store.db import Database
from core.visits.services import VisitImportOptions, VisitImportSummary, run_visit_import

from tests.core.visits.till.files import (
    SHOPIFY_ORDER_COLUMNS,
    WOOCOMMERCE_ORDER_COLUMNS,
    square_columns,
    write_csv,
)

TODAY = dt.date(2026, 6, 1)


def customer(db: Database, **fields: Any) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(**fields), allow_duplicate=True,
                            today=TODAY).id


def run(db: Database, path: Path, **options: object) -> VisitImportSummary:
    return run_visit_import(db, path, options=VisitImportOptions(today=TODAY, **options))  # type: ignore[arg-type]


def history(db: Database, customer_id: int) -> list[tuple[str, str, int | None, str]]:
    with db.unit_of_work() as session:
        return [(kind, str(day), amount, note) for kind, day, amount, note in session.execute(
            text("SELECT kind, occurred_on, amount_minor, note FROM interactions"
                 " WHERE customer_id = :c ORDER BY occurred_on, id"), {"c": customer_id})]


def figures(db: Database, customer_id: int) -> tuple[int, int, dt.date | None, str]:
    with db.unit_of_work() as session:
        detail = get_customer(session, customer_id)
    return (detail.visit_count, detail.lifetime_value_minor, detail.last_interaction_on,
            detail.stage)


def test_a_shopify_order_of_three_line_items_is_one_purchase_less_its_refund(
        db: Database, tmp_path: Path) -> None:
    ann = customer(db, first_name="Ann", last_name="Lee", email="ann@example.com")
    path = write_csv(tmp_path / "orders_export.csv", SHOPIFY_ORDER_COLUMNS, [
        {"Name": "#1001", "Email": "ANN@example.com", "Financial Status": "paid",
         "Currency": "USD", "Total": "54.00", "Created at": "2026-03-05 14:22:10 -0500",
         "Lineitem quantity": "1", "Lineitem name": "Sourdough", "Billing Name": "Ann Lee",
         "Id": "5551001"},
        {"Name": "#1001", "Email": "ANN@example.com", "Lineitem quantity": "2",
         "Lineitem name": "Croissant"},
        {"Name": "#1001", "Email": "ANN@example.com", "Lineitem quantity": "1",
         "Lineitem name": "Cake"},
        {"Name": "#1002", "Email": "ann@example.com", "Financial Status": "partially_refunded",
         "Currency": "USD", "Total": "30.00", "Refunded Amount": "10.00",
         "Created at": "2026-04-01 09:00:00 -0400", "Lineitem name": "Rye",
         "Billing Name": "Ann Lee", "Id": "5551002"},
        {"Name": "#1003", "Email": "ann@example.com", "Financial Status": "voided",
         "Currency": "USD", "Total": "80.00", "Created at": "2026-04-02 09:00:00 -0400",
         "Cancelled at": "2026-04-02 10:00:00 -0400", "Lineitem name": "Cake"},
    ])
    summary = run(db, path)
    assert summary.format == "shopify-orders"
    assert (summary.rows, summary.purchases, summary.matched, summary.created) == (5, 2, 2, 0)
    assert summary.skipped == 1  # the cancelled order
    assert history(db, ann) == [
        ("purchase", "2026-03-05", 5400, "Sourdough, Croissant, Cake"),
        ("purchase", "2026-04-01", 2000, "Rye"),
    ]
    assert figures(db, ann) == (2, 7400, dt.date(2026, 4, 1), "repeat")


def test_a_square_export_matches_by_the_tills_customer_id_and_name_and_refunds_lower_the_value(
        db: Database, tmp_path: Path) -> None:
    bea = customer(db, first_name="Bea", last_name="Ortiz")
    carl = customer(db, first_name="Carl", last_name="Nyström")
    with db.unit_of_work() as session:
        add_customer_external_ids(session, [(bea, "square", "SQ-CUST-1")])
    base = dict.fromkeys(square_columns(), "")

    def sale(**values: str) -> dict[str, str]:
        return {**base, "Time": "10:15:00", "Time Zone": "Pacific Time (US & Canada)",
                "Event Type": "Payment", **values}

    path = write_csv(tmp_path / "transactions.csv", square_columns(), [
        sale(Date="2026-05-02", **{"Transaction ID": "T1", "Customer ID": "SQ-CUST-1",
                                   "Net Sales": "$25.00", "Total Collected": "$27.00",
                                   "Description": "Haircut"}),
        sale(Date="2026-05-03", **{"Transaction ID": "T2", "Customer Name": "carl nystrom",
                                   "Net Sales": "$12.50"}),
        sale(Date="2026-05-04", **{"Transaction ID": "T3", "Net Sales": "$4.00"}),
        sale(Date="2026-05-05", **{"Transaction ID": "T1", "Customer ID": "SQ-CUST-1",
                                   "Net Sales": "-$5.00", "Event Type": "Refund"}),
    ])
    summary = run(db, path)
    assert summary.format == "square-transactions"
    assert (summary.purchases, summary.refunds, summary.anonymous) == (2, 1, 1)
    assert figures(db, bea) == (1, 2000, dt.date(2026, 5, 2), "new")
    assert figures(db, carl)[:2] == (1, 1250)
    assert history(db, bea)[1] == ("note", "2026-05-05", -500, "Refund T1")


def test_a_woocommerce_export_gives_each_order_its_total_less_what_was_refunded(
        db: Database, tmp_path: Path) -> None:
    dora = customer(db, first_name="Dora", email="dora@example.org")
    path = write_csv(tmp_path / "orders.csv", WOOCOMMERCE_ORDER_COLUMNS, [
        {"order_id": "4993", "order_number": "4993", "date": "2026-02-01 10:00:00",
         "status": "completed", "order_total": "30.00", "refunded_total": "5.00",
         "order_currency": "USD", "billing_first_name": "Dora", "billing_email":
         "dora@example.org", "line_items": "product_id:4959|1|30"},
        {"order_id": "4994", "order_number": "4994", "date": "2026-02-03 10:00:00",
         "status": "cancelled", "order_total": "80.00", "order_currency": "USD",
         "billing_email": "dora@example.org"},
    ])
    summary = run(db, path)
    assert summary.format == "woocommerce-orders"
    assert (summary.purchases, summary.skipped) == (1, 1)
    assert figures(db, dora)[:2] == (1, 2500)


def test_an_appointment_book_brings_visits_without_amounts_matched_by_phone(
        db: Database, tmp_path: Path) -> None:
    eli = customer(db, first_name="Eli", phone="+1 503 555 0199")
    path = write_csv(tmp_path / "bookings.csv",
                     ("Appointment Date", "Client Name", "Email", "Phone", "Service", "Staff"),
                     [{"Appointment Date": "03/15/2026", "Client Name": "Eli",
                       "Phone": "(503) 555-0199", "Service": "Colour", "Staff": "Kim"},
                      {"Appointment Date": "04/15/2026", "Client Name": "Eli",
                       "Phone": "503.555.0199", "Service": "Cut"}])
    summary = run(db, path)
    assert summary.format == "appointments"
    assert (summary.visits, summary.purchases) == (2, 0)
    assert history(db, eli) == [("visit", "2026-03-15", None, "Colour"),
                                ("visit", "2026-04-15", None, "Cut")]


def test_a_plain_spreadsheet_with_semicolons_in_windows_encoding_imports(
        db: Database, tmp_path: Path) -> None:
    zoe = customer(db, first_name="Zoë", last_name="Müller", email="zoe@example.de")
    path = write_csv(tmp_path / "kasse.csv", ("Datum", "E-Mail", "Betrag", "Notiz"),
                     [{"Datum": "05.03.2026", "E-Mail": "zoe@example.de", "Betrag": "12,50",
                       "Notiz": "Brötchen"}], delimiter=";", encoding="cp1252")
    summary = run(db, path)
    assert (summary.format, summary.encoding, summary.delimiter) == ("generic", "cp1252", ";")
    assert history(db, zoe) == [("purchase", "2026-03-05", 1250, "Brötchen")]


def test_an_amount_in_another_currency_is_flagged_and_not_added(
        db: Database, tmp_path: Path) -> None:
    fay = customer(db, first_name="Fay", email="fay@example.com")
    path = write_csv(tmp_path / "orders_export.csv", SHOPIFY_ORDER_COLUMNS, [
        {"Name": "#2001", "Email": "fay@example.com", "Financial Status": "paid",
         "Currency": "EUR", "Total": "40.00", "Created at": "2026-05-01 10:00:00 +0200",
         "Lineitem name": "Tart"}])
    summary = run(db, path)
    assert summary.other_currency == 1
    problem = summary.problems[0]
    assert (problem.line, problem.field, problem.code, problem.detail) == (
        2, "currency", "other_currency", "EUR")
    assert history(db, fay) == [("visit", "2026-05-01", None, "Tart")]


def test_a_bad_row_is_named_by_line_field_and_reason_and_the_rest_imports(
        db: Database, tmp_path: Path) -> None:
    gus = customer(db, first_name="Gus", email="gus@example.com")
    path = write_csv(tmp_path / "visits.csv", ("Date", "Email", "Amount"), [
        {"Date": "2026-05-01", "Email": "gus@example.com", "Amount": "10"},
        {"Date": "yesterday-ish", "Email": "gus@example.com", "Amount": "10"},
        {"Date": "2026-05-02", "Email": "gus@example.com", "Amount": "ten"},
        {"Date": "2031-01-01", "Email": "gus@example.com", "Amount": "10"},
    ])
    summary = run(db, path)
    assert summary.rejected == 3
    assert [(p.line, p.field, p.code) for p in summary.problems] == [
        (3, "date", "invalid_date"), (4, "amount", "invalid_amount"),
        (5, "date", "future_date")]
    assert figures(db, gus)[:2] == (1, 1000)
