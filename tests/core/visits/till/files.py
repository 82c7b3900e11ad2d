"""Till exports for the tests, with each exporter's documented columns."""
from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

SHOPIFY_ORDER_COLUMNS = (
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
    "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
    "Discount Code", "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity",
    "Lineitem name", "Lineitem price", "Lineitem compare at price", "Lineitem sku",
    "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
    "Billing Name", "Billing Street", "Billing Address1", "Billing Address2",
    "Billing Company", "Billing City", "Billing Zip", "Billing Province", "Billing Country",
    "Billing Phone", "Shipping Name", "Shipping Street", "Shipping Address1",
    "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
    "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes",
    "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
    "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level",
    "Source", "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Phone", "Receipt Number",
)

WOOCOMMERCE_ORDER_COLUMNS = (
    "order_id", "order_number", "order_number_formatted", "date", "status",
    "shipping_total", "shipping_tax_total", "fee_total", "fee_tax_total", "tax_total",
    "cart_discount", "order_discount", "discount_total", "order_total", "refunded_total",
    "order_currency", "payment_method", "shipping_method", "customer_id",
    "billing_first_name", "billing_last_name", "billing_company", "billing_email",
    "billing_phone", "billing_address_1", "billing_address_2", "billing_postcode",
    "billing_city", "billing_state", "billing_country", "shipping_first_name",
    "shipping_last_name", "shipping_address_1", "shipping_address_2", "shipping_postcode",
    "shipping_city", "shipping_state", "shipping_country", "shipping_company",
    "customer_note", "line_items", "shipping_items", "fee_items", "tax_items",
    "coupon_items", "order_notes", "download_permissions_granted",
)


def write_csv(path: Path, columns: Sequence[str], rows: list[dict[str, str]], *,
              delimiter: str = ",", encoding: str = "utf-8") -> Path:
    unknown = {name for row in rows for name in row} - set(columns)
    assert not unknown, unknown
    with open(path, "w", newline="", encoding=encoding) as handle:
        out = csv.writer(handle, delimiter=delimiter)
        out.writerow(columns)
        for row in rows:
            out.writerow([row.get(name, "") for name in columns])
    return path


def square_columns() -> tuple[str, ...]:
    from core.visits.till.square_export import SQUARE_COLUMNS

    return SQUARE_COLUMNS
